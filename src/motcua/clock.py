"""Injected time. Everything that needs 'now' takes a Clock; tests pass a FakeClock.

A clock also has a monotonic side (``monotonic()``, seconds that only move forward,
counting suspend: ``CLOCK_BOOTTIME``) and the ``boot_id`` it is counted from, so a
wall-clock jump can be told from time passing (``motcua.queue.clock_guard``): between two
moments of one boot, ``now()`` and ``monotonic()`` advance together unless someone (or
NTP, or a flat RTC battery) set the wall clock.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime (UTC or any zone; callers convert to the center's zone)."""
        ...


def _boottime() -> float:
    try:
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    except (AttributeError, OSError):  # not Linux: monotonic (stops during suspend)
        return time.monotonic()


def _read_boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:  # no boot id: this process is its own "boot"
        return f"process-{os.getpid()}-{uuid.uuid4().hex}"


_BOOT_ID = _read_boot_id()

# Monday first, as datetime.weekday() counts: the clocks on screens and the reports
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class SystemClock:
    boot_id = _BOOT_ID

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return _boottime()


def monotonic_of(clock: Clock) -> float:
    """The clock's monotonic seconds (the system's for a clock without its own)."""
    fn = getattr(clock, "monotonic", None)
    return float(fn()) if fn is not None else _boottime()


def boot_id_of(clock: Clock) -> str:
    return str(getattr(clock, "boot_id", None) or _BOOT_ID)


class FakeClock:
    """A clock that moves only when told; thread-safe.

    ``advance`` and ``set`` are time passing (the monotonic side moves too; ``set`` to an
    earlier moment moves only the wall clock); ``jump`` is someone setting the wall clock
    (the monotonic side stays). Each FakeClock is its own boot."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start
        self._mono = 1000.0
        self._lock = threading.Lock()
        self.boot_id = f"fake-{uuid.uuid4().hex}"

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def monotonic(self) -> float:
        with self._lock:
            return self._mono

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        with self._lock:
            step = delta if delta is not None else timedelta(**kwargs)
            self._now += step
            self._mono += max(0.0, step.total_seconds())
            return self._now

    def set(self, when: datetime) -> None:
        with self._lock:
            self._mono += max(0.0, (when - self._now).total_seconds())
            self._now = when

    def jump(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """The wall clock is set by ``delta``; no time passes."""
        with self._lock:
            self._now += delta if delta is not None else timedelta(**kwargs)
            return self._now

    def reboot(self) -> None:
        """A new boot: the monotonic side starts again (and cannot be compared)."""
        with self._lock:
            self._mono = 1000.0
            self.boot_id = f"fake-{uuid.uuid4().hex}"
