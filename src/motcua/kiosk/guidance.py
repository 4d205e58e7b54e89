"""Voice guidance for citizens who cannot read the screen (no Qt).

Off until the citizen touches "Hướng dẫn bằng giọng nói" on the home screen; then every
screen shown says what it is and what to touch, in Vietnamese, from the shipped clips
and the hall's number reading (the ticket number, the intake step), offline. Moving to
another screen cuts what is being said and says the new screen. It stops (and the toggle
resets) at the idle timeout: the next citizen starts without it.

The phrases are :mod:`motcua.voice.guidance_text`; the queue is the hall's
:class:`~motcua.voice.speech_queue.SpeechQueue`; the loudspeaker is the ``audio`` device
URL (``[devices] audio``: ``default`` plays through QtMultimedia, ``sim://`` records the
clips for tests). :meth:`VoiceGuide.said` is what tests check: the clip keys per screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from motcua.devices import DeviceUrlError, open_device
from motcua.voice import guidance_text as text
from motcua.voice.audio_drivers import AudioOutput
from motcua.voice.clips import ClipLibrary
from motcua.voice.espeak import Espeak
from motcua.voice.numbers import Dialect, NumberWordsError, display_number_words, number_words
from motcua.voice.render import ClipVoice, Gaps, Rendering, Voice
from motcua.voice.sentence import Segment, Sentence, clip_key
from motcua.voice.speech_queue import SpeechQueue, SpeechRecord

log = logging.getLogger(__name__)

# A pause between sentences (the hall's 0.07 s joins a call into one breath).
GUIDE_GAPS = Gaps(between_segments=0.35)


@dataclass
class GuidanceRecord(SpeechRecord):
    """One screen's guidance and what became of it."""

    screen: str = ""
    sentence: Sentence | None = None
    chime: bool = False  # the two notes first (``VoiceGuide.chime``: them alone)

    def file_stem(self) -> str:
        return f"guide-{self.screen}"


def _phrase(p: str) -> Segment:
    return Segment("phrase", tuple(clip_key(p).split()), p)


def _number(words: list[str]) -> Segment:
    return Segment("number", tuple(words), " ".join(words))


def guidance_for(
    screen: str,
    *,
    step: int = 0,
    number: str | None = None,
    printed: bool = True,
    dialect: Dialect = "north",
) -> Sentence | None:
    """What ``screen`` says (None: nothing, e.g. the technician's screens).

    ``step``: the intake step shown ("Bước 2/6"), said as "Nộp hồ sơ, bước hai" first.
    ``number``: on the result screen, the ticket's number ("A012"), read like the hall
    reads it; ``printed``: whether the slip came out (else the citizen is asked to
    remember the number)."""
    segments: list[Segment] = []
    if screen == "result":
        if number is None:
            return Sentence((_phrase(text.NO_TICKET), _phrase(text.ASK_STAFF)))
        try:
            words = display_number_words(number, dialect)
        except NumberWordsError:
            log.warning("guidance: cannot read ticket number %r", number)
            return Sentence((_phrase(text.TAKE_TICKET if printed else text.NOT_PRINTED),))
        after = text.TAKE_TICKET if printed else text.NOT_PRINTED
        return Sentence((_phrase(text.YOUR_NUMBER), _number(words), _phrase(after)))
    phrases = text.SCREENS.get(screen)
    if phrases is None:
        return None
    if step:
        segments += [_phrase(text.STEP), _number(number_words(step, dialect))]
    segments += [_phrase(p) for p in phrases]
    return Sentence(tuple(segments))


class VoiceGuide:
    """The kiosk's guidance: ``turn_on``/``turn_off`` from the home toggle (and the idle
    timeout), ``screen_shown`` from the kiosk's navigation."""

    def __init__(
        self,
        voice: Voice,
        output: AudioOutput,
        dialect: Dialect = "north",
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.voice = voice
        self.dialect = dialect
        self.on = False
        self._queue: SpeechQueue[GuidanceRecord] = SpeechQueue(
            self._render,
            output.player,
            output.wav_dir,
            monotonic,
            temporary_wavs=output.temporary_wavs,
            name="guide",
        )

    def _render(self, rec: GuidanceRecord) -> Rendering:
        assert rec.sentence is not None
        rec.text = rec.sentence.text
        return self.voice.render(rec.sentence, chime=rec.chime)

    # ------------------------------------------------------------------ the kiosk's calls

    def turn_on(self, screen: str = "home", **context: object) -> None:
        """The citizen asked for it: say so, then what this screen is."""
        self.on = True
        self._say(screen, context, first=Sentence((_phrase(text.GUIDE_ON),)))

    def turn_off(self) -> None:
        """Silence now (what is queued is dropped, what is playing is cut)."""
        self.on = False
        self._queue.clear()

    def screen_shown(self, screen: str, **context: object) -> None:
        """A screen came up: when guidance is on, it replaces whatever was being said."""
        if self.on:
            self._say(screen, context)

    def _say(self, screen: str, context: dict, first: Sentence | None = None) -> None:
        self._queue.clear()
        sentence = guidance_for(screen, dialect=self.dialect, **context)
        if first is not None:
            segments = first.segments + (sentence.segments if sentence else ())
            sentence = Sentence(segments)
        if sentence is not None:
            self._queue.put(GuidanceRecord(screen=screen, sentence=sentence))

    def chime(self) -> None:
        """The two notes alone, guidance on or off, for what must be noticed. Queued after
        what is being said."""
        self._queue.put(GuidanceRecord(screen="chime", sentence=Sentence(()), chime=True))

    def remind_card_left(self) -> None:
        """A card left on the chip reader: the two notes, then "Xin nhận lại thẻ căn cước
        trên đầu đọc" (the words on the screen), guidance on or off: the citizen walking
        away may not be looking. Queued after what is being said."""
        sentence = Sentence((_phrase(text.CARD_LEFT),))
        self._queue.put(GuidanceRecord(screen="card_left", sentence=sentence, chime=True))

    # ------------------------------------------------------------------ what was said

    @property
    def records(self) -> list[GuidanceRecord]:
        return self._queue.records

    def said(self) -> list[tuple[str, list[str]]]:
        """(screen, clip keys) for each guidance built and not dropped, in order."""
        return [(r.screen, r.spoken) for r in self._queue.records if not r.cancelled]

    def wait_idle(self, timeout: float | None = None) -> bool:
        return self._queue.wait_idle(timeout)

    def close(self) -> None:
        self._queue.close()


class GuideUnavailable(ValueError):
    """The configured audio device cannot be opened for the guidance; Vietnamese first."""


def open_guide(
    audio_url: str,
    dialect: Dialect = "north",
    *,
    clips_dir: str | Path | None = None,
    sleep: Callable[[float], object] | None = None,
) -> VoiceGuide:
    """The guidance on the ``audio`` device at ``audio_url`` with the shipped clips."""
    try:
        output: AudioOutput = open_device("audio", audio_url or "none", sleep=sleep)
    except DeviceUrlError as exc:
        raise GuideUnavailable(str(exc)) from exc
    library = ClipLibrary(clips_dir)
    library.preload()
    voice = ClipVoice(library, Espeak.for_dialect(dialect), GUIDE_GAPS)
    return VoiceGuide(voice, output, dialect)
