"""Device alerts: what went wrong with the kiosk's devices, for the technician.

A citizen is told in plain words what to do; the technician needs the list of
what is broken right now (printer failed, scanner lost, center unreachable)
and when it started. Raising the same alert again only updates it, so a
printer out of paper for an hour is one line, not a hundred; every change is
logged once.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from motcua.clock import Clock

log = logging.getLogger(__name__)


class AlertKind(StrEnum):
    PRINTER = "printer"
    SCANNER = "scanner"
    CENTER = "center"
    PORTAL = "portal"  # the national portal sync (a row given up, login refused)


@dataclass(frozen=True)
class DeviceAlert:
    kind: AlertKind
    message_vi: str
    message_en: str
    since: datetime
    count: int = 1


class DeviceAlerts:
    """The active alerts by kind, plus a short history; thread-safe (workers raise them)."""

    def __init__(self, clock: Clock, history_size: int = 100) -> None:
        self._clock = clock
        self._active: dict[AlertKind, DeviceAlert] = {}
        self._history: list[DeviceAlert] = []
        self._history_size = history_size
        self._lock = threading.Lock()

    def raise_(self, kind: AlertKind, message_vi: str, message_en: str) -> DeviceAlert:
        with self._lock:
            old = self._active.get(kind)
            if old is not None and old.message_en == message_en:
                alert = DeviceAlert(kind, message_vi, message_en, old.since, old.count + 1)
                self._active[kind] = alert
                return alert
            alert = DeviceAlert(kind, message_vi, message_en, self._clock.now())
            self._active[kind] = alert
            self._history.append(alert)
            del self._history[: -self._history_size]
        log.warning("device alert %s: %s", kind.value, message_en)
        return alert

    def clear(self, kind: AlertKind) -> bool:
        with self._lock:
            gone = self._active.pop(kind, None)
        if gone is not None:
            log.info("device alert %s cleared", kind.value)
        return gone is not None

    @property
    def active(self) -> list[DeviceAlert]:
        with self._lock:
            return sorted(self._active.values(), key=lambda a: a.since)

    @property
    def history(self) -> list[DeviceAlert]:
        with self._lock:
            return list(self._history)

    def get(self, kind: AlertKind) -> DeviceAlert | None:
        with self._lock:
            return self._active.get(kind)
