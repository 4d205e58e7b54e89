"""Announcements in call order, one at a time: the hall's calls on the shared speech queue.

``announce()`` returns at once; :class:`motcua.voice.speech_queue.SpeechQueue` builds
each call into audio (sentence -> clips -> WAV) ahead of playing and plays one at a
time. A recall is just another ``announce``.

No Qt here: the QtMultimedia player lives in :mod:`motcua.voice.audio_qt` and is only
imported for ``audio_url = "default"``; the audio drivers are voice/audio_drivers.py.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from motcua.config import VoiceConfig
from motcua.devices import DeviceUrlError, open_device
from motcua.voice.espeak import Espeak
from motcua.voice.numbers import Dialect
from motcua.voice.players import Player
from motcua.voice.render import ClipVoice, EspeakVoice, Rendering, Voice, repeated
from motcua.voice.sentence import build_sentence
from motcua.voice.speech_queue import SpeechQueue, SpeechRecord

log = logging.getLogger(__name__)


class AudioUrlError(ValueError):
    """An ``audio`` device URL we do not know; Vietnamese first."""


@dataclass
class AnnouncementRecord(SpeechRecord):
    """One announce() call and what became of it."""

    display_number: str = ""
    counter: int = 0

    def file_stem(self) -> str:
        return f"{_safe(self.display_number)}-q{self.counter}"


class Announcer:
    """Speaks calls in order, never two at once. Build with :func:`build_announcer`."""

    def __init__(
        self,
        voice: Voice,
        player: Player,
        template: str,
        dialect: Dialect = "north",
        wav_dir: str | Path | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        on_finished: Callable[[AnnouncementRecord], None] | None = None,
        temporary_wavs: bool = False,
        repeat: int = 1,
    ) -> None:
        """``temporary_wavs``: ``wav_dir`` is ours; each WAV is deleted once played.
        ``repeat``: how many times each call (and each recall) is said after its chime."""
        self.repeat = max(1, int(repeat))
        self.voice = voice
        self.player = player
        self.template = template
        self.dialect = dialect
        self._queue: SpeechQueue[AnnouncementRecord] = SpeechQueue(
            self._render, player, wav_dir, monotonic, on_finished, temporary_wavs, "announce"
        )
        self.wav_dir = self._queue.wav_dir

    def announce(self, display_number: str, counter: int) -> None:
        """Queue a call ("1023" or "B007" to counter 5); returns immediately."""
        record = AnnouncementRecord(display_number=str(display_number), counter=counter)
        if not self._queue.put(record):
            log.warning("announce after close ignored: %s -> %s", display_number, counter)

    def _render(self, rec: AnnouncementRecord) -> Rendering:
        sentence = build_sentence(self.template, rec.display_number, rec.counter, self.dialect)
        rec.text = sentence.text
        return repeated(self.voice.render(sentence), self.repeat)

    @property
    def history(self) -> list[tuple[str, Path | None]]:
        """(sentence, WAV path or None) per announcement built so far, in call order."""
        return [(r.text, r.wav_path) for r in self._queue.records if not r.cancelled]

    @property
    def records(self) -> list[AnnouncementRecord]:
        return [r for r in self._queue.records if not r.cancelled]

    @property
    def idle(self) -> bool:
        return self._queue.idle

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued announcement has been played (or failed)."""
        return self._queue.wait_idle(timeout)

    def close(self, drain: bool = False, timeout: float = 5.0) -> None:
        """Stop: with ``drain`` play what is queued first, otherwise drop it and cut playback."""
        self._queue.close(drain, timeout)


def _safe(label: str) -> str:
    return "".join(c for c in label if c.isalnum())[:12] or "x"


def build_voice(voice: VoiceConfig, clips_dir: str | Path | None = None) -> Voice:
    """The configured speech: shipped clips (espeak-ng fallback) or espeak-ng throughout."""
    if voice.engine == "espeak":
        return EspeakVoice(Espeak.for_dialect(voice.dialect))
    if voice.engine != "clips":
        raise AudioUrlError(
            f"engine giọng đọc không hợp lệ: {voice.engine!r} (dùng 'clips' hoặc 'espeak')"
            f" / unknown voice engine {voice.engine!r} (use 'clips' or 'espeak')"
        )
    from motcua.voice.clips import ClipLibrary

    library = ClipLibrary(clips_dir)
    library.preload()
    return ClipVoice(library, Espeak())  # the clips' own voice, so a fallback word matches


def build_announcer(
    voice: VoiceConfig,
    audio_url: str,
    *,
    clips_dir: str | Path | None = None,
    sleep: Callable[[float], object] | None = None,
    monotonic: Callable[[], float] = time.monotonic,
    on_finished: Callable[[AnnouncementRecord], None] | None = None,
) -> Announcer:
    """The announcer for a device URL: "default" (QtMultimedia), "none", "file:///dir".

    ``sleep``/``monotonic`` replace real time for the simulated players (tests); the Qt
    player needs a QCoreApplication and falls back to silent timing without one.
    """
    from motcua.voice.audio_drivers import AudioOutput

    try:
        output: AudioOutput = open_device("audio", audio_url or "none", sleep=sleep)
    except DeviceUrlError as exc:
        raise AudioUrlError(str(exc)) from exc
    announcer = Announcer(
        build_voice(voice, clips_dir),
        output.player,
        voice.template,
        voice.dialect,
        wav_dir=output.wav_dir,
        monotonic=monotonic,
        on_finished=on_finished,
        temporary_wavs=output.temporary_wavs,
        repeat=voice.repeat,
    )
    return announcer
