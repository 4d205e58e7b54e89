"""Announcements in call order, one at a time: the queue between "call" and the loudspeaker.

``announce()`` returns at once. A builder thread turns each call into audio (sentence ->
clips -> WAV) in call order and hands it to a player thread, which plays one item at a
time and starts the next only when the previous one has finished. Building runs ahead
of playing, so when a burst of calls arrives each one is ready within milliseconds even
while an earlier one is still being spoken. A recall is just another ``announce``.

No Qt here: the QtMultimedia player lives in :mod:`motcua.voice.audio_qt` and is only
imported for ``audio_url = "default"``; the audio drivers are voice/audio_drivers.py.
"""

from __future__ import annotations

import itertools
import logging
import queue
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from motcua.config import VoiceConfig
from motcua.devices import DeviceUrlError, open_device
from motcua.voice.espeak import Espeak, SpeechUnavailable
from motcua.voice.numbers import Dialect, NumberWordsError
from motcua.voice.pcm import Pcm
from motcua.voice.players import Player
from motcua.voice.render import ClipVoice, EspeakVoice, Voice, repeated
from motcua.voice.sentence import build_sentence

log = logging.getLogger(__name__)


class AudioUrlError(ValueError):
    """An ``audio`` device URL we do not know; Vietnamese first."""


@dataclass
class AnnouncementRecord:
    """One announce() call and what became of it (times from the injected monotonic clock)."""

    seq: int
    display_number: str
    counter: int
    requested_at: float
    text: str = ""
    wav_path: Path | None = None
    duration: float = 0.0
    ready_at: float | None = None
    started_at: float | None = None
    finished_at: float | None = None
    error: str = ""
    spoken: list[str] = field(default_factory=list)  # clip keys in the order played


@dataclass(frozen=True)
class _Ready:
    record: AnnouncementRecord
    pcm: Pcm


_STOP = object()


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
        self.wav_dir = Path(wav_dir) if wav_dir else None
        self._now = monotonic
        self._on_finished = on_finished
        self._temporary = temporary_wavs
        self._seq = itertools.count(1)
        self._records: list[AnnouncementRecord] = []
        self._lock = threading.Condition()
        self._pending = 0
        self._closed = False
        self._requests: queue.Queue[object] = queue.Queue()
        self._ready: queue.Queue[object] = queue.Queue()
        self._builder = threading.Thread(
            target=self._build_loop, name="announce-build", daemon=True
        )
        self._speaker = threading.Thread(target=self._play_loop, name="announce-play", daemon=True)
        self._builder.start()
        self._speaker.start()

    # ------------------------------------------------------------------ public

    def announce(self, display_number: str, counter: int) -> None:
        """Queue a call ("1023" or "B007" to counter 5); returns immediately."""
        with self._lock:
            if self._closed:
                log.warning("announce after close ignored: %s -> %s", display_number, counter)
                return
            rec = AnnouncementRecord(next(self._seq), str(display_number), counter, self._now())
            self._pending += 1
            self._requests.put(rec)  # under the lock: sequence numbers and queue order agree

    @property
    def history(self) -> list[tuple[str, Path | None]]:
        """(sentence, WAV path or None) per announcement built so far, in call order."""
        with self._lock:
            return [(r.text, r.wav_path) for r in self._records]

    @property
    def records(self) -> list[AnnouncementRecord]:
        with self._lock:
            return list(self._records)

    @property
    def idle(self) -> bool:
        with self._lock:
            return self._pending == 0

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued announcement has been played (or failed)."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending == 0, timeout)

    def close(self, drain: bool = False, timeout: float = 5.0) -> None:
        """Stop: with ``drain`` play what is queued first, otherwise drop it and cut playback."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        if drain:
            self.wait_idle(timeout)
        else:
            self._discard(self._requests)
            self._discard(self._ready)
            self.player.stop()
        self._requests.put(_STOP)
        self._builder.join(timeout)
        self._ready.put(_STOP)
        self._speaker.join(timeout)
        if self._temporary and self.wav_dir is not None:
            shutil.rmtree(self.wav_dir, ignore_errors=True)

    # ------------------------------------------------------------------ threads

    def _discard(self, q: queue.Queue[object]) -> None:
        while True:
            try:
                item = q.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP:
                self._done()

    def _done(self) -> None:
        with self._lock:
            self._pending -= 1
            self._lock.notify_all()

    def _build_loop(self) -> None:
        while (item := self._requests.get()) is not _STOP:
            assert isinstance(item, AnnouncementRecord)
            ready = self._build(item)
            with self._lock:
                self._records.append(item)
            if ready is None:
                self._done()
            else:
                self._ready.put(ready)

    def _build(self, rec: AnnouncementRecord) -> _Ready | None:
        try:
            sentence = build_sentence(self.template, rec.display_number, rec.counter, self.dialect)
            rec.text = sentence.text
            rendering = repeated(self.voice.render(sentence), self.repeat)
            rec.spoken = [p.key for p in rendering.parts]
            rec.duration = rendering.duration
            if self.wav_dir is not None:
                rec.wav_path = rendering.pcm.write(self._free_name(rec))
        except (NumberWordsError, SpeechUnavailable, OSError, ValueError) as exc:
            rec.error = str(exc)
            log.error("không tạo được thông báo / announcement failed: %s", exc)
            return None
        except Exception as exc:  # a bug must not leave every later call silent
            rec.error = f"{type(exc).__name__}: {exc}"
            log.exception("announcement failed unexpectedly; continuing")
            return None
        rec.ready_at = self._now()
        return _Ready(rec, rendering.pcm)

    def _free_name(self, rec: AnnouncementRecord) -> Path:
        """A new file per announcement; a restarted display does not overwrite earlier ones."""
        assert self.wav_dir is not None
        stem = f"{rec.seq:05d}-{_safe(rec.display_number)}-q{rec.counter}"
        path, n = self.wav_dir / f"{stem}.wav", 1
        while path.exists():
            n += 1
            path = self.wav_dir / f"{stem}-{n}.wav"
        return path

    def _play_loop(self) -> None:
        while (item := self._ready.get()) is not _STOP:
            assert isinstance(item, _Ready)
            rec = item.record
            rec.started_at = self._now()
            try:
                self.player.play(item.pcm, rec.wav_path)
            except Exception as exc:  # a broken audio device must not stop the queue
                rec.error = f"playback: {exc}"
                log.exception("playback failed; continuing with the next announcement")
            rec.finished_at = self._now()
            if self._temporary and rec.wav_path is not None:
                rec.wav_path.unlink(missing_ok=True)  # a hall speaks all day: keep no files
                rec.wav_path = None
            if self._on_finished is not None:
                try:
                    self._on_finished(rec)
                except Exception:
                    log.exception("on_finished callback failed")
            self._done()


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
