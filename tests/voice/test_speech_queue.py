"""The shared speech queue's clear(): what the kiosk's guidance does when the citizen
moves on (the hall's ordering and failure tests are in tests/display)."""

from __future__ import annotations

import threading
from array import array
from pathlib import Path

from motcua.voice.pcm import Pcm
from motcua.voice.render import Part, Rendering
from motcua.voice.speech_queue import SpeechQueue, SpeechRecord


class HeldPlayer:
    """Plays until interrupted (or 5 s), recording what started and what was cut."""

    def __init__(self) -> None:
        self.started = threading.Semaphore(0)
        self.cut = threading.Event()
        self.plays: list[float] = []
        self.interrupted = 0

    def play(self, pcm: Pcm, path: Path | None) -> None:
        self.plays.append(pcm.duration)
        self.started.release()
        self.cut.wait(5)
        self.cut.clear()

    def interrupt(self) -> None:
        self.interrupted += 1
        self.cut.set()

    def stop(self) -> None:
        self.cut.set()


def render(rec: SpeechRecord) -> Rendering:
    rec.text = f"item {rec.seq}"
    pcm = Pcm(array("h", [0] * 1600 * rec.seq))
    return Rendering(pcm, (Part(rec.text, "clip", 0, len(pcm)),))


def test_clear_cuts_the_current_item_and_drops_the_rest_then_plays_on() -> None:
    player = HeldPlayer()
    q: SpeechQueue[SpeechRecord] = SpeechQueue(render, player)
    try:
        for _ in range(4):
            q.put(SpeechRecord())
        assert player.started.acquire(timeout=5)  # item 1 is playing
        q.clear()
        assert q.wait_idle(5)
        assert player.interrupted == 1
        assert player.plays == [0.1]  # only item 1 ever reached the player
        assert [r.seq for r in q.records if r.cancelled] == [2, 3, 4]
        q.put(SpeechRecord())  # the queue stays open
        assert player.started.acquire(timeout=5)
        player.cut.set()
        assert q.wait_idle(5)
        assert player.plays == [0.1, 0.5]
        assert q.records[-1].spoken == ["item 5"] and not q.records[-1].cancelled
    finally:
        q.close()
