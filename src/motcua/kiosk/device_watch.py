"""The kiosk asks its devices how they are, before a citizen needs them.

``DeviceWatch`` runs each check (``Printer.health``: DLE EOT with short timeouts, silence is
"unknown") every ``interval`` seconds on its own thread and puts the answer on the kiosk's
health board, so the home screen can say at once that the printer is down — and say nothing
again once it is back — instead of a citizen finding out after six taps. The board is what
``HealthReporter`` sends to the center.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from motcua.devices.health import DeviceHealth
from motcua.kiosk.alerts import DeviceAlerts

log = logging.getLogger(__name__)

Check = Callable[[], DeviceHealth]


class DeviceWatch:
    def __init__(
        self, alerts: DeviceAlerts, checks: Sequence[Check], interval: float = 10.0
    ) -> None:
        self._alerts = alerts
        self._checks = list(checks)
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check_now(self) -> None:
        for check in self._checks:
            try:
                self._alerts.report(check())
            except Exception:  # a driver that breaks its promise never to raise
                log.exception("device check failed")

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="motcua-devwatch", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        self.check_now()
        while not self._stop.wait(self.interval):
            self.check_now()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
