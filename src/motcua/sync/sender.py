"""The outbox sender: delivers rows in order per dossier, in parallel across dossiers.

One thread claims eligible rows (``outbox.claim``) and hands each to a pool of
``max_in_flight`` workers; a dossier never has two rows in flight. A worker delivers its
row (``deliver.deliver``: read back first when an earlier attempt may have been applied)
and records the outcome:

- delivered;
- the portal is off (nothing was sent): the row goes back untouched and the whole sender
  pauses (exponential backoff up to ``probe_cap_s``), so an outage costs one probe per
  pause, not one call per row — and such failures never make a row dead;
- any other failure: the row fails for now, its next attempt at
  ``min(cap, base * 2**(attempts-1))`` scaled by a random factor in [0.5, 1] (jitter);
  if the portal refused it permanently, or refused it ``max_attempts`` times, it is dead,
  with its reason, and ``alert`` is called (the device-health alert of the center).

Time for backoff and pruning comes from the injected ``Clock``; waiting between polls is
real time (``poll_s``), so a test with a fake clock moves days in a few real seconds.
"""

from __future__ import annotations

import dataclasses
import logging
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from motcua.clock import Clock, SystemClock
from motcua.sync import outbox, personal
from motcua.sync.deliver import ALREADY, deliver
from motcua.sync.outbox import OutboxRow
from motcua.sync.personal import Sealer
from motcua.sync.portal import AUTH, INVALID, REFUSED, SESSION, UNREACHABLE, Portal, PortalError

log = logging.getLogger(__name__)

Alert = Callable[[str, str, str], None]  # (key, message_vi, message_en)

# Failures that are an answer about this row (count towards max_attempts).
_REFUSALS = (REFUSED, SESSION, INVALID)


@dataclass(frozen=True)
class SenderSettings:
    max_in_flight: int = 4
    max_attempts: int = 20
    backoff_base_s: float = 5.0
    backoff_cap_s: float = 900.0
    probe_cap_s: float = 30.0
    retention_s: float = 7 * 86400.0
    poll_s: float = 1.0
    prune_every_s: float = 3600.0


def backoff(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Delay before attempt ``attempt + 1``: exponential, capped, with jitter in [0.5, 1]."""
    raw = min(cap, base * (2 ** max(0, attempt - 1)))
    return raw * (0.5 + rng.random() / 2)


class Sender:
    def __init__(
        self,
        db: Any,
        portal: Portal,
        settings: SenderSettings | None = None,
        *,
        clock: Clock | None = None,
        alert: Alert | None = None,
        rng: random.Random | None = None,
        sealer: Sealer | None = None,
    ) -> None:
        self.db = db
        self.sealer = sealer  # opens the applicant's sealed full values (sync/personal.py)
        self.portal = portal
        self.settings = settings or SenderSettings()
        self.clock = clock or SystemClock()
        self.alert = alert
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._busy: set[str] = set()
        self._thread: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._pause_until = 0.0  # monotonic
        self._unreachable_streak = 0
        self._last_prune = 0.0
        # Figures for /metrics and `motcua sync status` (this process's life).
        self.delivered = 0
        self.already_there = 0
        self.failures: Counter[str] = Counter()
        self.dead = 0
        self.last_error: tuple[float, str, str] | None = None  # (when, kind, message)

    def _now(self) -> float:
        return self.clock.now().timestamp()

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        if self._thread is not None:
            return
        recovered = self.db.write(outbox.recover)
        if recovered:
            log.info("outbox: %d rows were in flight at the last stop; re-readied", recovered)
        self._stop.clear()
        self._pool = ThreadPoolExecutor(self.settings.max_in_flight, "motcua-sync")
        self._thread = threading.Thread(target=self._run, name="motcua-sync-sender", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def wake(self) -> None:
        """Something was queued: look now rather than at the next poll."""
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def in_flight(self) -> int:
        with self._lock:
            return len(self._busy)

    # ------------------------------------------------------------------ loop

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                claimed = self._tick()
            except Exception:  # a database hiccup must not end the sender
                log.exception("outbox sender: tick failed")
                claimed = 0
            if not claimed:
                wait = self.settings.poll_s
                pause = self._pause_until - time.monotonic()
                if pause > 0:
                    wait = min(wait, pause)
                self._wake.wait(wait)
                self._wake.clear()

    def _tick(self) -> int:
        now = self._now()
        if now - self._last_prune >= self.settings.prune_every_s:
            self._last_prune = now
            before = now - self.settings.retention_s
            pruned = self.db.write(lambda tx: outbox.prune(tx, before) + personal.prune(tx, before))
            if pruned:
                log.info("outbox: pruned %d delivered rows", pruned)
        if time.monotonic() < self._pause_until:
            return 0
        with self._lock:
            busy = set(self._busy)
        free = self.settings.max_in_flight - len(busy)
        if self._unreachable_streak:
            free = min(free, 1) if not busy else 0  # one probe at a time while it is off
        if free <= 0:
            return 0
        rows = self.db.write(lambda tx: outbox.claim(tx, now, free, busy))
        pool = self._pool
        if pool is None:
            return 0
        for row in rows:
            with self._lock:
                self._busy.add(row.dossier_code)
            pool.submit(self._work, row)
        return len(rows)

    def _work(self, first: OutboxRow) -> None:
        """Deliver ``first``, then the dossier's next rows while they are due."""
        row: OutboxRow | None = first
        try:
            while row is not None and not self._stop.is_set():
                row = self._deliver_one(row)
            if row is not None:  # stopping: give the claimed row back
                done = row
                self.db.write(lambda tx: outbox.release(tx, done.id, uncertain=False))
        finally:
            with self._lock:
                self._busy.discard(first.dossier_code)
            self._wake.set()

    def _deliver_one(self, row: OutboxRow) -> OutboxRow | None:
        try:
            outcome = deliver(
                self.portal,
                self._in_full(row),
                lambda: self.db.read(lambda tx: outbox.earlier_steps(tx, row)),
            )
        except PortalError as exc:
            self._failed(row, exc)
            return None
        except Exception as exc:  # a bug or bad row data: keep the row, back off
            log.exception("outbox: row %d (%s) could not be delivered", row.id, row.kind)
            self._failed(row, PortalError("error", type(exc).__name__, maybe_applied=True))
            return None
        now = self._now()

        def done(tx: Any) -> OutboxRow | None:
            outbox.mark_delivered(tx, row.id, now)
            if row.kind == outbox.CREATE:  # the portal has the full values: ours go
                personal.erase(tx, row.dossier_code)
            return outbox.claim_next_of(tx, row.dossier_code, now)

        following = self.db.write(done)
        self._unreachable_streak = 0
        self._pause_until = 0.0
        with self._lock:
            self.delivered += 1
            if outcome == ALREADY:
                self.already_there += 1
        return following

    def _in_full(self, row: OutboxRow) -> OutboxRow:
        """A dossier row with the applicant's full values for the wire: the sealed ones
        (until the creation is delivered), else the portal's own copy (an update replaces
        the dossier; its masked payload must not overwrite them). Raises PortalError."""
        if self.sealer is None or row.kind not in (outbox.CREATE, outbox.UPDATE):
            return row
        sealer = self.sealer
        values = self.db.read(lambda tx: personal.held(tx, sealer, row.dossier_code))
        if values is None and row.kind == outbox.UPDATE:
            there = self.portal.get_dossier(row.dossier_code)
            values = personal.from_portal(there.raw) if there is not None else None
        if not values:
            return row
        full = {k: v for k, v in values.items() if v}
        return dataclasses.replace(row, payload={**row.payload, **full})

    def _failed(self, row: OutboxRow, exc: PortalError) -> None:
        with self._lock:
            self.failures[exc.kind] += 1
            self.last_error = (self._now(), exc.kind, exc.message)
        if exc.kind == UNREACHABLE:
            self._unreachable_streak += 1
            delay = backoff(self._unreachable_streak, 1.0, self.settings.probe_cap_s, self._rng)
            self._pause_until = time.monotonic() + delay
            self.db.write(lambda tx: outbox.release(tx, row.id, uncertain=False))
            return
        refused = exc.kind in _REFUSALS
        dead = exc.permanent or (refused and row.refusals + 1 >= self.settings.max_attempts)
        delay = backoff(
            row.attempts + 1, self.settings.backoff_base_s, self.settings.backoff_cap_s, self._rng
        )
        self.db.write(
            lambda tx: outbox.mark_failed(
                tx,
                row.id,
                next_at=self._now() + delay,
                kind=exc.kind,
                reason=exc.message,
                refused=refused,
                uncertain=exc.maybe_applied,
                dead=dead,
            )
        )
        log.warning(
            "outbox: row %d (%s) %s: %s",
            row.id,
            row.kind,
            "dead" if dead else "failed",
            exc.kind,
        )
        if exc.kind == AUTH and self.alert is not None:
            self.alert(
                "portal.auth",
                "Cổng DVC từ chối đăng nhập: kiểm tra tài khoản, mật khẩu, mã đơn vị",
                "The portal refused the login: check username, password, unit code",
            )
        if dead:
            with self._lock:
                self.dead += 1
            if self.alert is not None:
                self.alert(
                    "portal.dead",
                    f"Một bản ghi gửi Cổng DVC bị dừng ({exc.kind}): {exc.message}",
                    f"An outbox row was given up ({exc.kind}): {exc.message}",
                )
