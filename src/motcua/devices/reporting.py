"""Each app's devices' health, sent to the center: on every change and as a heartbeat.

``HealthReporter`` watches a ``HealthBoard`` (the app's drivers report into it) and hands
the whole list to ``send`` — ``HttpCenter.report_device_health`` for an app on the LAN,
the center's own ``DeviceRegistry`` for a kiosk hosting the center — when a device's
condition changes, and at least every ``heartbeat_seconds`` so that the center can tell a
silent app from a healthy one. A failed send is retried at the next check; it never
reaches the drivers or the screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence

from motcua.devices.health import DeviceHealth, HealthBoard

log = logging.getLogger(__name__)

Send = Callable[[list[tuple[str, DeviceHealth]], float], None]
Probe = Callable[[], DeviceHealth]


class HealthReporter:
    def __init__(
        self,
        board: HealthBoard,
        send: Send,
        *,
        kinds: Mapping[str, str] | None = None,
        heartbeat_seconds: float = 30.0,
        check_seconds: float = 1.0,
        probes: Sequence[Probe] = (),
    ) -> None:
        """``probes``: asked at each check and reported into ``board`` first (a bus line's
        ``health``), for apps whose drivers do not report by themselves."""
        self._board = board
        self._probes = tuple(probes)
        self._send = send
        self._kinds = dict(kinds or {})
        self.heartbeat_seconds = heartbeat_seconds
        self._check = check_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sent: tuple[tuple[str, str, str], ...] | None = None
        self._since_sent = 0.0
        self._failing = False
        self.sends = 0

    def _conditions(self, health: list[DeviceHealth]) -> tuple[tuple[str, str, str], ...]:
        return tuple((h.device, h.state.value, h.reason) for h in health)

    def tick(self, elapsed: float) -> bool:
        """One check (``elapsed`` seconds since the last): send if changed or due."""
        self._since_sent += elapsed
        for probe in self._probes:
            try:
                self._board.report(probe())
            except Exception:  # a driver's bug must not stop the reports of the others
                log.exception("device health probe failed")
        health = self._board.all
        conditions = self._conditions(health)
        if conditions == self._sent and self._since_sent < self.heartbeat_seconds:
            return False
        reports = [(self._kinds.get(h.device, h.device), h) for h in health]
        try:
            self._send(reports, self.heartbeat_seconds)
        except Exception as exc:  # the center is away: try again at the next check
            if not self._failing:
                log.warning("device health not sent to the center: %s", exc)
                self._failing = True
            return False
        if self._failing:
            log.info("device health reaches the center again")
        self._failing = False
        self._sent = conditions
        self._since_sent = 0.0
        self.sends += 1
        return True

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="motcua-health", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        self.tick(0.0)
        while not self._stop.wait(self._check):
            self.tick(self._check)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
