"""Fixtures of the display/voice tests: fake time and a recording player."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from motcua.display.voice.clips import ClipLibrary
from motcua.display.voice.pcm import Pcm


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


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def recording_player(fake_time: FakeTime) -> RecordingPlayer:
    return RecordingPlayer(fake_time)


@pytest.fixture(scope="session")
def clips() -> ClipLibrary:
    """The shipped clip library, loaded once."""
    lib = ClipLibrary()
    lib.preload()
    return lib


@pytest.fixture
def espeak_ng() -> str:
    path = shutil.which("espeak-ng")
    if path is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    return path
