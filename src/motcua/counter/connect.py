"""Which Center the counter console, the keypad bridge and the hall display talk to.

``--server URL --token T`` talks to a center server over HTTP + SSE (HttpCenter);
without ``--server`` the app opens the center's SQLite database in-process
(``--db``, the commune-office shape where everything runs on one PC).

``CenterChoice`` is what the command line (or a test) chose; ``open_link`` turns it into
a ``CenterLink``: the Center, and where the app's device health goes (``health_send``:
``HttpCenter.report_device_health`` over the LAN, the center's own ``DeviceRegistry``
when the center is in this process). ``AppRuntime`` is what the apps' composition roots
(``counter/runtime.py``, ``display/runtime.py``) share: the link, the health board and
its reporter, and what to close.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from motcua.clock import Clock, SystemClock
from motcua.config import Config, load_config
from motcua.devices.health import DeviceHealth, HealthBoard
from motcua.devices.reporting import HealthReporter
from motcua.queue.api import Center

if TYPE_CHECKING:
    from motcua.devices.reporting import Send
    from motcua.server.device_health import DeviceRegistry
    from motcua.storage import Area

log = logging.getLogger(__name__)

DEFAULT_DB = "var/motcua.db"  # the same database `motcua serve` uses by default


def add_center_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="center configuration (TOML); demo if absent")
    p.add_argument("--server", metavar="URL", help="center server, e.g. http://192.168.1.10:8080")
    p.add_argument(
        "--token",
        metavar="T",
        default=os.environ.get("MOTCUA_TOKEN", ""),
        help="device token from `motcua token` (or $MOTCUA_TOKEN)",
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        default=os.environ.get("MOTCUA_DB", DEFAULT_DB),
        help=f"in-process center database when no --server (default {DEFAULT_DB})",
    )


def load(args: argparse.Namespace) -> Config:
    return load_config(args.config)


@dataclass(frozen=True)
class CenterChoice:
    """A center server (``server_url`` + ``token``) or, without a URL, a database file."""

    server_url: str = ""
    token: str = ""
    db_path: str | Path = DEFAULT_DB

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CenterChoice:
        return cls((args.server or "").rstrip("/"), args.token or "", args.db)

    @property
    def remote(self) -> bool:
        return bool(self.server_url)


@dataclass
class CenterLink:
    """The Center an app works with, and where its device health goes."""

    center: Center
    choice: CenterChoice
    clock: Clock
    registry: DeviceRegistry | None = None  # in-process: the center's own device list
    closers: list[Callable[[], object]] = field(default_factory=list)

    def health_send(self, location: str) -> Send:
        """The ``send`` of a ``HealthReporter`` reporting as ``location`` ("Quầy 5")."""
        if self.registry is None:
            return self.center.report_device_health  # type: ignore[attr-defined]
        from motcua.server.device_health import LOCAL_REPORTER, Report

        registry = self.registry

        def send(reports, heartbeat: float) -> None:
            registry.report(LOCAL_REPORTER, location, [Report(k, h) for k, h in reports], heartbeat)

        return send

    def close(self) -> None:
        for closer in reversed(self.closers):
            closer()
        self.closers.clear()


@dataclass(kw_only=True)
class AppRuntime:
    """What the counter console, the keypad bridge and the hall display each have: the
    configuration, the clock, the center link, the health board of the app's devices, its
    reporter (once ``report_health`` started it) and what the app must close."""

    config: Config
    clock: Clock
    link: CenterLink
    health: HealthBoard
    reporter: HealthReporter | None = None
    closers: list[Callable[[], object]] = field(default_factory=list)

    @property
    def center(self) -> Center:
        return self.link.center

    @property
    def location(self) -> str:
        """How the center's device list names this app."""
        raise NotImplementedError

    def probes(self) -> dict[str, tuple[str, Callable[[], DeviceHealth]]]:
        """The app's devices asked at each check: name -> (kind, its health now)."""
        return {}

    def report_health(self, *, heartbeat_seconds: float = 30.0) -> HealthReporter:
        """Send the health board to the center on every change and as a heartbeat (the
        ``probes`` are asked at each check and reported into the board first)."""
        if self.reporter is None:
            probes = self.probes()
            self.reporter = HealthReporter(
                self.health,
                self.link.health_send(self.location),
                kinds={name: kind for name, (kind, _) in probes.items()},
                probes=[probe for _, probe in probes.values()],
                heartbeat_seconds=heartbeat_seconds,
            )
            self.reporter.start()
            self.closers.append(self.reporter.stop)
        return self.reporter

    def close(self) -> None:
        for closer in reversed(self.closers):
            try:
                closer()
            except Exception:
                log.exception("closing %s part failed", type(self).__name__)
        self.closers.clear()
        self.link.close()


def open_link(
    config: Config,
    choice: CenterChoice,
    clock: Clock | None = None,
    *,
    health: bool = True,
    areas: Sequence[Area] = (),
) -> CenterLink:
    """The link the choice names (``health=False``: a script's one action, no device list);
    raises SystemExit with a clear message if it cannot. ``areas``: the center file's other
    areas the app works with in-process (the console's dossiers), on the queue's store."""
    clock = clock or SystemClock()
    if choice.remote:
        if not choice.token:
            raise SystemExit(
                "Cần mã thiết bị: --token T (hoặc biến MOTCUA_TOKEN) / a device token is required"
            )
        from motcua.server.client import HttpCenter

        http = HttpCenter(choice.server_url, choice.token)
        return CenterLink(http, choice, clock, closers=[http.close])
    from motcua.queue.service import QueueService

    Path(choice.db_path).parent.mkdir(parents=True, exist_ok=True)
    service = QueueService.open(config, choice.db_path, clock=clock, areas=list(areas))
    link = CenterLink(service, choice, clock, closers=[service.close])
    if health:
        from motcua.server.device_health import DeviceRegistry

        try:
            link.registry = DeviceRegistry(choice.db_path, clock)
        except BaseException:
            link.close()
            raise
        link.closers.append(link.registry.close)
    return link
