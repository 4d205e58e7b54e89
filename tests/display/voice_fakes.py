"""Fakes for the voice tests: time that moves only when slept, a player that records."""

from __future__ import annotations

import threading
from pathlib import Path

from motcua.voice.pcm import Pcm


class FakeTime:
    """Monotonic seconds that move only when someone sleeps; thread-safe."""

    def __init__(self) -> None:
        self._t = 1000.0
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._t

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self._t += seconds


class RecordingPlayer:
    """A player that 'plays' in fake time and records what and when; detects overlap."""

    def __init__(self, time: FakeTime) -> None:
        self.time = time
        self.plays: list[tuple[float, float, float]] = []  # (start, end, duration)
        self.active = 0
        self.max_active = 0
        self.stopped = False
        self._lock = threading.Lock()

    def play(self, pcm: Pcm, path: Path | None) -> None:
        with self._lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        start = self.time.now()
        self.time.sleep(pcm.duration)
        with self._lock:
            self.plays.append((start, self.time.now(), pcm.duration))
            self.active -= 1

    def stop(self) -> None:
        self.stopped = True
