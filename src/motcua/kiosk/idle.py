"""Idle timeout logic: after N seconds with no touch the kiosk goes home and forgets.

Plain Python over an injected clock, so tests move time instead of waiting; the
Qt layer only polls ``expired()`` from a timer and calls ``touch()`` on input.
"""

from __future__ import annotations

from datetime import datetime

from motcua.clock import Clock


class IdleTimer:
    def __init__(self, clock: Clock, timeout_seconds: float = 60.0) -> None:
        if timeout_seconds <= 0:
            raise ValueError("idle timeout must be positive")
        self._clock = clock
        self.timeout_seconds = float(timeout_seconds)
        self._last: datetime = clock.now()
        self._armed = False

    def touch(self) -> None:
        """Any input by the citizen: the countdown starts again."""
        self._last = self._clock.now()

    def arm(self) -> None:
        """Count from now (the citizen left the home screen)."""
        self._armed = True
        self.touch()

    def disarm(self) -> None:
        """Home (or a resting screen) never times out."""
        self._armed = False

    @property
    def armed(self) -> bool:
        return self._armed

    def remaining(self) -> float:
        idle = (self._clock.now() - self._last).total_seconds()
        return max(0.0, self.timeout_seconds - idle)

    def expired(self) -> bool:
        return self._armed and self.remaining() <= 0.0
