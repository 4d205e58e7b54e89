"""The portal sync of one center, built from ``[portal]``: adapter, outbox, sender, pulls.

``build_sync(config, db)`` is what a composition root (``motcua serve``, the kiosk's
embedded center) calls: ``None`` when there is no ``[portal]`` section — then nothing is
sent and nothing is said about it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from motcua.clock import Clock, SystemClock
from motcua.config import Config, PortalConfig
from motcua.storage import Store
from motcua.sync import outbox
from motcua.sync.db import open_outbox_store
from motcua.sync.dvcqg import DvcqgPortal
from motcua.sync.personal import Sealer
from motcua.sync.portal import Portal, PortalError
from motcua.sync.portal_process import PortalProcess
from motcua.sync.sender import Alert, Sender, SenderSettings

if TYPE_CHECKING:
    from motcua.dossier.service import DossierService

log = logging.getLogger(__name__)


def build_portal(pc: PortalConfig, unit_code: str = "") -> Portal:
    """The adapter ``[portal]`` describes: in a process of its own unless
    ``separate_process = false`` (``motcua.sync.portal_process``)."""
    if pc.separate_process:
        pc.password(), pc.lgsp_secret()  # an unreadable secret is a ConfigError now, here
        return PortalProcess(pc, unit_code)
    return DvcqgPortal.from_config(pc, unit_code)


def sender_settings(pc: PortalConfig) -> SenderSettings:
    return SenderSettings(
        max_in_flight=pc.max_in_flight,
        max_attempts=pc.max_attempts,
        backoff_base_s=pc.backoff_base_s,
        backoff_cap_s=pc.backoff_cap_s,
        retention_s=pc.retention_days * 86400.0,
    )


@dataclass(frozen=True)
class SyncFigures:
    """What /metrics, `motcua sync status` and the technician screen show."""

    backlog: int
    by_state: dict[str, int]
    oldest_age_s: float
    delivered: int
    already_there: int
    failures: dict[str, int]
    dead: int
    last_error: str
    last_error_kind: str
    dead_rows: list[dict[str, Any]]


class PeriodicTask:
    """Run ``fn`` every ``interval_s`` on a daemon thread (first run after ``first_s``)."""

    def __init__(self, name: str, interval_s: float, fn: Callable[[], object], first_s: float = 5):
        self.name, self.interval_s, self.fn, self.first_s = name, interval_s, fn, first_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        wait = self.first_s
        while not self._stop.wait(wait):
            started = time.monotonic()
            try:
                self.fn()
            except PortalError as exc:
                log.warning("%s: %s", self.name, exc.kind)
            except Exception:
                log.exception("%s failed", self.name)
            wait = max(1.0, self.interval_s - (time.monotonic() - started))

    def wait(self, seconds: float) -> bool:
        """Sleep inside a run (rate limits) unless stopping; True when stopping."""
        return self._stop.wait(seconds)

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)


class SyncRuntime:
    def __init__(
        self,
        db: Any,
        portal: Portal,
        settings: SenderSettings,
        *,
        clock: Clock | None = None,
        alert: Alert | None = None,
        tasks: list[PeriodicTask] | None = None,
        owns_db: bool = True,
        sealer: Sealer | None = None,
    ) -> None:
        self.db = db
        self.portal = portal
        self.clock = clock or SystemClock()
        self.sealer = sealer
        self.sender = Sender(db, portal, settings, clock=self.clock, alert=alert, sealer=sealer)
        self.tasks = tasks or []
        self._owns_db = owns_db

    def start(self) -> None:
        self.sender.start()
        for t in self.tasks:
            t.start()

    def stop(self) -> None:
        for t in self.tasks:
            t.stop()
        self.sender.stop()
        self.portal.close()
        if self._owns_db:
            self.db.close()

    def figures(self) -> SyncFigures:
        return figures(self.db, self.clock, self.sender)


def figures(db: Any, clock: Clock, sender: Sender | None = None) -> SyncFigures:
    st = db.read(outbox.status)
    last_error, last_kind = st.last_error, st.last_error_kind
    if sender is not None and sender.last_error is not None:
        _, last_kind, last_error = sender.last_error
    return SyncFigures(
        backlog=st.backlog,
        by_state=st.by_state,
        oldest_age_s=st.oldest_age_s(clock.now().timestamp()),
        delivered=sender.delivered if sender else 0,
        already_there=sender.already_there if sender else 0,
        failures=dict(sender.failures) if sender else {},
        dead=st.by_state.get(outbox.DEAD, 0),
        last_error=last_error,
        last_error_kind=last_kind,
        dead_rows=st.dead,
    )


def build_sync(
    config: Config,
    db: Store | str | Path,
    *,
    clock: Clock | None = None,
    alert: Alert | None = None,
    day_stats: Callable[[date], Any] | None = None,
    dossiers: DossierService | None = None,
    personal_key: bytes | None = None,
) -> SyncRuntime | None:
    """The center's portal sync, or None when ``[portal]`` is absent.

    ``db``: the center's ``Store`` (opened with ``outbox.AREA`` among its areas), shared
    with ticketing so the sender's row updates join the queue's group commits and never
    wait for, nor hold, the write lock against it; or a file path, for a process of its
    own (``motcua sync``, tests), which then opens a store of its own.

    ``day_stats`` (the queue service's ``stats``): yesterday's figures are pushed once,
    checked every hour, remembered in ``sync_pushes``.

    ``dossiers`` (the center's dossier service): its open dossiers are read back from the
    portal every ``status_pull_interval_s`` (at most ``status_pull_per_minute`` calls a
    minute) and the steps recorded elsewhere are added to their history.

    ``personal_key`` (the center's key file, outside the database): the applicant's full
    values sealed at intake reach the portal (``motcua.sync.personal``); the dossier
    service must then be opened with ``on_intake=dossier_feed.intake_hook(sealer)``."""
    pc = config.portal
    if pc is None:
        return None
    portal = build_portal(pc, config.center.unit_code)
    shared = isinstance(db, Store)
    store = db if isinstance(db, Store) else open_outbox_store(db)
    tasks = []
    if pc.catalog_file:
        from motcua.sync.pulls import pull_catalog

        def catalog_pull() -> None:
            report = pull_catalog(portal, pc.catalog_file)
            log.info("catalog pull: %s", report.summary())

        tasks.append(PeriodicTask("motcua-catalog-pull", pc.catalog_pull_interval_s, catalog_pull))
    if day_stats is not None:
        from motcua.sync.pulls import push_yesterday

        the_clock = clock or SystemClock()
        tz = config.center.tz

        def stats_push() -> None:
            push_yesterday(portal, store, day_stats, the_clock.now().astimezone(tz).date())

        tasks.append(PeriodicTask("motcua-stats-push", 3600.0, stats_push, first_s=30))
    if dossiers is not None and pc.status_pull_interval_s > 0:
        from motcua.sync.dossier_feed import status_puller

        service = dossiers
        every = pc.status_pull_interval_s
        task = PeriodicTask("motcua-status-pull", every, lambda: None, first_s=min(5.0, every))

        def status_pull() -> None:
            puller = status_puller(
                portal,
                service,
                per_minute=pc.status_pull_per_minute,
                sleep=task.wait,
                stopping=lambda: task.stopping,
            )
            applied = puller.run_once()
            if applied:
                log.info("status pull: %d steps recorded elsewhere", applied)

        task.fn = status_pull
        tasks.append(task)
    return SyncRuntime(
        store,
        portal,
        sender_settings(pc),
        clock=clock,
        alert=alert,
        tasks=tasks,
        owns_db=not shared,
        sealer=Sealer.from_center_key(personal_key) if personal_key else None,
    )
