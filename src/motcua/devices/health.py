"""One health model for every device: ``DeviceHealth``.

A driver answers ``health()`` with a DeviceHealth: a state (ok / warning / error /
unknown), a reason code a program can compare ("paper_out", "disconnected"), the
same in Vietnamese and English for people, and since when it holds. The technician
screen lists them, the kiosk alerts are the ones not ok, and metrics export the state
per device. ``HealthBoard`` keeps the latest report per device and the ``since`` of
each condition: a report with the same state and reason keeps the first ``since``,
so a printer out of paper for an hour is one condition that began an hour ago.
Conditions are matched by reason code, never by their wording.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

log = logging.getLogger(__name__)


class HealthState(StrEnum):
    OK = "ok"
    WARNING = "warning"  # works, but needs attention soon (paper near its end)
    ERROR = "error"  # cannot do its job (paper out, unplugged)
    UNKNOWN = "unknown"  # cannot tell (a one-way line, a keyboard wedge, not asked yet)

    @property
    def value_number(self) -> int:
        """For metrics: 0 ok, 1 warning, 2 error, 3 unknown."""
        return list(HealthState).index(self)


@dataclass(frozen=True)
class DeviceHealth:
    device: str  # the role: "printer", "id_scanner", "keypads", "center", ...
    state: HealthState
    reason: str  # a stable code: "ok", "paper_out", "disconnected", "no_reply", ...
    message_vi: str
    message_en: str
    since: datetime | None = None
    count: int = 1  # reports of this same condition since ``since``

    @classmethod
    def ok(
        cls, device: str, message_vi: str = "Hoạt động bình thường", message_en: str = "Working"
    ) -> DeviceHealth:
        return cls(device, HealthState.OK, "ok", message_vi, message_en)

    @classmethod
    def unknown(
        cls, device: str, reason: str = "unknown", message_vi: str = "", message_en: str = ""
    ) -> DeviceHealth:
        return cls(
            device,
            HealthState.UNKNOWN,
            reason,
            message_vi or "Không rõ trạng thái",
            message_en or "State unknown",
        )

    @classmethod
    def error(cls, device: str, reason: str, message_vi: str, message_en: str) -> DeviceHealth:
        return cls(device, HealthState.ERROR, reason, message_vi, message_en)

    @classmethod
    def warning(cls, device: str, reason: str, message_vi: str, message_en: str) -> DeviceHealth:
        return cls(device, HealthState.WARNING, reason, message_vi, message_en)

    @property
    def is_ok(self) -> bool:
        return self.state is HealthState.OK

    @property
    def is_problem(self) -> bool:
        """An alert: the device needs a person (warning or error)."""
        return self.state in (HealthState.WARNING, HealthState.ERROR)

    def same_condition(self, other: DeviceHealth | None) -> bool:
        return (
            other is not None
            and other.device == self.device
            and other.state is self.state
            and other.reason == self.reason
        )


class HealthBoard:
    """The latest health of each device, with ``since``; thread-safe (drivers and
    workers report from their threads). Each change of condition is logged once."""

    def __init__(self, now: Callable[[], datetime], history_size: int = 100) -> None:
        self._now = now
        self._current: dict[str, DeviceHealth] = {}
        self._history: list[DeviceHealth] = []
        self._history_size = history_size
        self._lock = threading.Lock()

    def report(self, health: DeviceHealth) -> DeviceHealth:
        with self._lock:
            old = self._current.get(health.device)
            if health.same_condition(old):
                assert old is not None
                kept = replace(
                    health, since=old.since, count=old.count + 1
                )  # the newest words, the first since
                self._current[health.device] = kept
                return kept
            fresh = replace(health, since=health.since or self._now(), count=1)
            self._current[health.device] = fresh
            if fresh.is_problem:
                self._history.append(fresh)
                del self._history[: -self._history_size]
        if fresh.is_problem:
            log.warning("device %s: %s (%s)", fresh.device, fresh.message_en, fresh.reason)
        elif old is not None and old.is_problem:
            log.info("device %s: %s again", fresh.device, fresh.state.value)
        return fresh

    def get(self, device: str) -> DeviceHealth | None:
        with self._lock:
            return self._current.get(device)

    def forget(self, device: str) -> None:
        with self._lock:
            self._current.pop(device, None)

    @property
    def all(self) -> list[DeviceHealth]:
        with self._lock:
            return sorted(self._current.values(), key=lambda h: h.device)

    @property
    def problems(self) -> list[DeviceHealth]:
        """What needs a person now, oldest first."""
        with self._lock:
            found = [h for h in self._current.values() if h.is_problem]
        return sorted(found, key=lambda h: (h.since or datetime.min, h.device))

    @property
    def history(self) -> list[DeviceHealth]:
        with self._lock:
            return list(self._history)
