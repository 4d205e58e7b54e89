"""Device alerts: what is wrong with the kiosk's devices right now, for the technician.

An alert is a ``DeviceHealth`` (motcua.devices) that is not ok: the kiosk's devices and
flows report to one ``HealthBoard``, and the alerts are its problems. A condition is
its device and reason code (``paper_out``, ``scanner_lost``, ``unreachable``): raising
the same one again only updates its words and count, so a printer out of paper for an
hour is one line, not a hundred, and clearing one never depends on how it was worded.
"""

from __future__ import annotations

from enum import StrEnum

from motcua.clock import Clock
from motcua.devices import DeviceHealth, HealthBoard, HealthState

DeviceAlert = DeviceHealth  # an alert is a device's health that needs a person


class AlertKind(StrEnum):
    PRINTER = "printer"
    SCANNER = "scanner"
    CENTER = "center"
    PORTAL = "portal"  # the national portal sync (a row given up, login refused)


class DeviceAlerts:
    """The kiosk's health board, seen as alerts; thread-safe (workers report)."""

    def __init__(self, clock: Clock, history_size: int = 100) -> None:
        self.board = HealthBoard(clock.now, history_size)

    def raise_(
        self,
        kind: AlertKind,
        reason: str,
        message_vi: str,
        message_en: str,
        state: HealthState = HealthState.ERROR,
    ) -> DeviceHealth:
        return self.board.report(DeviceHealth(kind.value, state, reason, message_vi, message_en))

    def report(self, health: DeviceHealth) -> DeviceHealth:
        """A driver's own report (``Printer.health()``): ok clears, a problem raises."""
        return self.board.report(health)

    def clear(self, kind: AlertKind, reason: str | None = None) -> bool:
        """Back to ok; with ``reason``, only when that is the condition now (a scanner
        that is back clears "scanner_lost", not an unrelated problem)."""
        now = self.get(kind)
        if now is None or (reason is not None and now.reason != reason):
            return False
        self.board.report(DeviceHealth.ok(kind.value))
        return True

    @property
    def active(self) -> list[DeviceHealth]:
        return self.board.problems

    @property
    def history(self) -> list[DeviceHealth]:
        return self.board.history

    def get(self, kind: AlertKind) -> DeviceHealth | None:
        health = self.board.get(kind.value)
        return health if health is not None and health.is_problem else None
