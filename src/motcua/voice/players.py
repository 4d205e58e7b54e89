"""Players without Qt: they take a rendered announcement and return when it has "played".

A player's ``play(pcm, path)`` blocks until playback is over; the announcer runs it on its
own thread, which is what keeps announcements one at a time. ``SimulatedPlayer`` spends
the WAV's duration in an injectable ``sleep`` - real time in the hall (so a silent
display still paces calls like a speaking one), fake time in tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from motcua.voice.pcm import Pcm


class Player(Protocol):
    def play(self, pcm: Pcm, path: Path | None) -> None:
        """Play and return when done; must not raise for device trouble (fail soft)."""
        ...

    def interrupt(self) -> None:
        """Cut the current playback short; the player plays what comes next (the kiosk's
        guidance when the citizen moves to another screen)."""
        ...

    def stop(self) -> None:
        """Cut the current playback short and play nothing more (used by close)."""
        ...


class SimulatedPlayer:
    """Plays nothing, but takes as long as the audio would (``audio = "none"`` / ``file://``)."""

    def __init__(self, sleep: Callable[[float], object] | None = None) -> None:
        self._stopped = threading.Event()
        self._cut = threading.Event()
        self._sleep = sleep or self._cut.wait  # an interruptible real sleep
        self.played: list[float] = []  # durations, for tests and diagnostics

    def play(self, pcm: Pcm, path: Path | None) -> None:
        self.played.append(pcm.duration)
        if self._stopped.is_set():
            return
        self._cut.clear()
        self._sleep(pcm.duration)

    def interrupt(self) -> None:
        self._cut.set()

    def stop(self) -> None:
        self._stopped.set()
        self._cut.set()
