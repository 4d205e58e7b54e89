"""Turn a :class:`Sentence` into one WAV: the chime, then phrase and word clips with gaps.

Two voices share one interface (``render(sentence) -> Rendering``):

- :class:`ClipVoice` joins the shipped clips; a phrase or word without a clip (a custom
  template, a damaged install) is spoken by espeak-ng instead, and cached;
- :class:`EspeakVoice` gives espeak-ng the whole sentence in words (``engine = "espeak"``).

A :class:`Rendering` keeps where each part starts and ends, so tests can check that the
audio says the words in the right order and nothing is lost.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol

from motcua.voice.clips import CHIME_KEY, ClipLibrary
from motcua.voice.espeak import Espeak, SpeechUnavailable
from motcua.voice.pcm import RATE, Pcm, join
from motcua.voice.pcm import chime as make_chime
from motcua.voice.sentence import Sentence


@dataclass(frozen=True)
class Gaps:
    """Silences in seconds. Short: the whole call must fit in 5 s and still sound joined-up."""

    after_chime: float = 0.12
    between_segments: float = 0.07
    between_words: float = 0.02


@dataclass(frozen=True)
class Part:
    key: str
    source: str  # "clip" | "espeak" | "chime"
    start: int  # sample index
    end: int


@dataclass(frozen=True)
class Rendering:
    pcm: Pcm
    parts: tuple[Part, ...] = field(default=())

    @property
    def duration(self) -> float:
        return self.pcm.duration


def repeated(rendering: Rendering, times: int, gap: float = 1.0) -> Rendering:
    """The announcement said ``times`` times: the chime once, then the sentence, a pause,
    the sentence again (a hall is noisy; people look up at the chime and listen on the
    second time)."""
    if times <= 1 or not rendering.parts:
        return rendering
    head = [p for p in rendering.parts if p.source == "chime"]
    body = [p for p in rendering.parts if p.source != "chime"]
    if not body:
        return rendering
    start = body[0].start
    samples = rendering.pcm.samples
    sentence = Pcm(samples[start:], rendering.pcm.rate)
    pause = round(gap * rendering.pcm.rate)
    pieces: list[tuple[Pcm, float]] = [(Pcm(samples[:start], rendering.pcm.rate), 0.0)]
    parts = list(head)
    offset = start
    for i in range(times):
        last = i == times - 1
        pieces.append((sentence, 0.0 if last else gap))
        parts += [Part(p.key, p.source, p.start - start + offset, p.end - start + offset)
                  for p in body]  # fmt: skip
        offset += len(sentence) + (0 if last else pause)
    return Rendering(join(pieces, rendering.pcm.rate), tuple(parts))


class Voice(Protocol):
    def render(self, sentence: Sentence, chime: bool = True) -> Rendering: ...


def _assemble(pieces: list[tuple[str, str, Pcm, float]]) -> Rendering:
    parts, cursor = [], 0
    for key, source, pcm, gap in pieces:
        parts.append(Part(key, source, cursor, cursor + len(pcm)))
        cursor += len(pcm) + round(gap * RATE)
    return Rendering(join([(pcm, gap) for _, _, pcm, gap in pieces]), tuple(parts))


class ClipVoice:
    """Announcements joined from clips, espeak-ng for anything without a clip."""

    def __init__(
        self,
        clips: ClipLibrary | None = None,
        fallback: Espeak | None = None,
        gaps: Gaps | None = None,
    ) -> None:
        self.clips = clips if clips is not None else ClipLibrary()
        self.fallback = fallback if fallback is not None else Espeak()
        self.gaps = gaps or Gaps()
        self._spoken: dict[str, Pcm] = {}
        self._lock = threading.Lock()

    def _clip(self, key: str) -> tuple[Pcm, str]:
        pcm = self.clips.get(key)
        if pcm is not None:
            return pcm, "clip"
        with self._lock:
            if key not in self._spoken:
                self._spoken[key] = self.fallback.say(key)  # raises SpeechUnavailable
            return self._spoken[key], "espeak"

    def render(self, sentence: Sentence, chime: bool = True) -> Rendering:
        """``chime``: the hall's two notes first (the kiosk's guidance goes without)."""
        pieces: list[tuple[str, str, Pcm, float]] = []
        if chime:
            bell = self.clips.get(CHIME_KEY) or make_chime()
            pieces.append((CHIME_KEY, "chime", bell, self.gaps.after_chime))
        for seg in sentence.segments:
            keys = seg.clip_keys
            for i, key in enumerate(keys):
                pcm, source = self._clip(key)
                last = i == len(keys) - 1
                gap = self.gaps.between_segments if last else self.gaps.between_words
                pieces.append((key, source, pcm, gap))
        # no trailing silence: the next announcement's chime provides the pause
        key, source, pcm, _ = pieces[-1]
        pieces[-1] = (key, source, pcm, 0.0)
        return _assemble(pieces)


class EspeakVoice:
    """The chime, then espeak-ng reading the whole sentence (given words, never digits)."""

    def __init__(self, espeak: Espeak | None = None, gaps: Gaps | None = None) -> None:
        self.espeak = espeak or Espeak()
        self.gaps = gaps or Gaps()
        self._chime = make_chime()

    def render(self, sentence: Sentence, chime: bool = True) -> Rendering:
        speech = self.espeak.say(sentence.words_text)
        head = [(CHIME_KEY, "chime", self._chime, self.gaps.after_chime)] if chime else []
        return _assemble([*head, (sentence.words_text, "espeak", speech, 0.0)])


__all__ = ["ClipVoice", "EspeakVoice", "Gaps", "Part", "Rendering", "SpeechUnavailable", "Voice"]
