"""Keyboard-wedge scanners: a scanner that pretends to be a keyboard.

Its keystrokes arrive through the UI like anyone's typing, so the only way to
tell a scan from a person is rhythm: a scanner "types" a whole code in a burst,
keys a few milliseconds apart, and ends with Enter. A person types 5-10 keys a
second and is never that steady for a whole line. ``WedgeDetector`` is given
each key with its timestamp (from Qt's event or a clock) and returns the
completed scan, or None. It knows nothing of Qt: the kiosk feeds it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from motcua.clock import Clock

log = logging.getLogger(__name__)

ENTER_KEYS = frozenset({"\r", "\n", "Enter", "Return"})


class WedgeDetector:
    """Turns timestamped keys into scans.

    ``max_gap`` is the longest pause (seconds) between two keys of one scan;
    ``min_length`` keeps a quick "ok<Enter>" from a person from counting.
    """

    def __init__(
        self, clock: Clock | None = None, max_gap: float = 0.035, min_length: int = 4
    ) -> None:
        self._clock = clock
        self.max_gap = max_gap
        self.min_length = min_length
        self._chars: list[str] = []
        self._last_t: float | None = None

    @property
    def pending(self) -> str:
        """Keys of a burst in progress (the UI may hide them from a text field)."""
        return "".join(self._chars)

    def reset(self) -> None:
        self._chars.clear()
        self._last_t = None

    def _now(self) -> float:
        if self._clock is None:
            raise ValueError("feed_key needs a timestamp when the detector has no clock")
        return self._clock.now().timestamp()

    def feed_key(self, char: str, t: float | None = None) -> str | None:
        """Add one key pressed at time ``t`` (seconds); return a scan it completes."""
        t = self._now() if t is None else t
        fast = self._last_t is not None and 0 <= t - self._last_t <= self.max_gap
        self._last_t = t
        if char in ENTER_KEYS:
            scan = "".join(self._chars)
            self._chars.clear()
            if fast and len(scan) >= self.min_length:
                return scan
            return None
        if not char or len(char) != 1 or not char.isprintable():
            # Shift, Ctrl and friends: the scanner's own modifiers are not text.
            return None
        if not fast:
            # A pause: whatever came before was a person typing. Start a new burst.
            self._chars.clear()
        self._chars.append(char)
        return None


class WedgeScanner:
    """The ``wedge`` scanner: owns no device; the UI feeds it keys it received."""

    url = "wedge"

    def __init__(self, detector: WedgeDetector | None = None) -> None:
        self.detector = detector or WedgeDetector()
        self._on_line: Callable[[str], None] | None = None
        self._lock = threading.Lock()

    @property
    def connected(self) -> bool | None:
        return None  # a keyboard cannot tell whether a scanner is plugged in

    def start(self, on_line: Callable[[str], None]) -> None:
        with self._lock:
            self._on_line = on_line

    def stop(self) -> None:
        with self._lock:
            self._on_line = None
            self.detector.reset()

    def feed_key(self, char: str, t: float | None = None) -> str | None:
        """Give a key to the detector; a completed scan is delivered to ``on_line``."""
        with self._lock:
            scan = self.detector.feed_key(char, t)
            callback = self._on_line
        if scan is not None and callback is not None:
            callback(scan)
        return scan
