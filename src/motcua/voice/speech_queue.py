"""Speech in order, one item at a time: the queue between "say this" and the loudspeaker.

``put()`` returns at once. A builder thread turns each item into audio (its ``build``
function: sentence -> clips -> one WAV) in order and hands it to a player thread, which
plays one item at a time and starts the next only when the previous one has finished.
Building runs ahead of playing, so a burst of items is ready within milliseconds even
while an earlier one is still being spoken.

Both voices of the appliance use this one queue: the hall's calls
(:mod:`motcua.display.announcer`) and the kiosk's voice guidance
(:mod:`motcua.kiosk.guidance`), which also ``clear()``s it when the citizen moves on.
Each item leaves a :class:`SpeechRecord` with the clip keys it was made of (``spoken``):
what tests check instead of a speaker.
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
from typing import Generic, TypeVar

from motcua.voice.espeak import SpeechUnavailable
from motcua.voice.numbers import NumberWordsError
from motcua.voice.pcm import Pcm
from motcua.voice.players import Player
from motcua.voice.render import Rendering

log = logging.getLogger(__name__)


@dataclass
class SpeechRecord:
    """One queued item and what became of it (times from the injected monotonic clock)."""

    seq: int = 0
    requested_at: float = 0.0
    text: str = ""
    wav_path: Path | None = None
    duration: float = 0.0
    ready_at: float | None = None
    started_at: float | None = None
    finished_at: float | None = None
    error: str = ""
    spoken: list[str] = field(default_factory=list)  # clip keys in the order played
    cancelled: bool = False  # dropped by clear() or close() before it was played

    def file_stem(self) -> str:
        """The WAV's name (without the sequence number)."""
        return "speech"


R = TypeVar("R", bound=SpeechRecord)


@dataclass(frozen=True)
class _Ready(Generic[R]):
    record: R
    pcm: Pcm


_STOP = object()


class SpeechQueue(Generic[R]):
    """Speaks items in order, never two at once; ``build(record)`` makes each one's audio
    (filling ``record.text``) and may raise for a bad item, which is logged and skipped."""

    def __init__(
        self,
        build: Callable[[R], Rendering],
        player: Player,
        wav_dir: str | Path | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        on_finished: Callable[[R], None] | None = None,
        temporary_wavs: bool = False,
        name: str = "speech",
    ) -> None:
        """``temporary_wavs``: ``wav_dir`` is ours; each WAV is deleted once played."""
        self._build_audio = build
        self.player = player
        self.wav_dir = Path(wav_dir) if wav_dir else None
        self._now = monotonic
        self._on_finished = on_finished
        self._temporary = temporary_wavs
        self._seq = itertools.count(1)
        self._records: list[R] = []
        self._lock = threading.Condition()
        self._pending = 0
        self._closed = False
        self._requests: queue.Queue[object] = queue.Queue()
        self._ready: queue.Queue[object] = queue.Queue()
        self._builder = threading.Thread(target=self._build_loop, name=f"{name}-build", daemon=True)
        self._speaker = threading.Thread(target=self._play_loop, name=f"{name}-play", daemon=True)
        self._builder.start()
        self._speaker.start()

    # ------------------------------------------------------------------ public

    def put(self, record: R) -> bool:
        """Queue ``record`` (its ``seq`` and ``requested_at`` are set here); returns at once.
        False when the queue is closed."""
        with self._lock:
            if self._closed:
                return False
            record.seq = next(self._seq)
            record.requested_at = self._now()
            self._pending += 1
            self._requests.put(record)  # under the lock: sequence numbers and queue order agree
        return True

    @property
    def records(self) -> list[R]:
        """Every item built (or dropped) so far, in order."""
        with self._lock:
            return list(self._records)

    @property
    def idle(self) -> bool:
        with self._lock:
            return self._pending == 0

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued item has been played (or failed, or been dropped)."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending == 0, timeout)

    def clear(self) -> None:
        """Drop what is queued and not yet playing, and cut the item playing now short;
        the queue stays open for what comes next."""
        self._discard(self._requests)
        self._discard(self._ready)
        self.player.interrupt()

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
            if item is _STOP:
                q.put(_STOP)  # not ours to drop: close() is stopping the thread
                return
            if isinstance(item, _Ready):
                item.record.cancelled = True  # built, so already listed
            else:
                rec: R = item  # type: ignore[assignment]
                rec.cancelled = True
                with self._lock:
                    self._records.append(rec)  # never built: listed as dropped
            self._done()

    def _done(self) -> None:
        with self._lock:
            self._pending -= 1
            self._lock.notify_all()

    def _build_loop(self) -> None:
        while (item := self._requests.get()) is not _STOP:
            assert isinstance(item, SpeechRecord)
            rec: R = item  # type: ignore[assignment]
            ready = self._build(rec)
            with self._lock:
                self._records.append(rec)
            if ready is None:
                self._done()
            else:
                self._ready.put(ready)

    def _build(self, rec: R) -> _Ready[R] | None:
        try:
            rendering = self._build_audio(rec)
            rec.spoken = [p.key for p in rendering.parts]
            rec.duration = rendering.duration
            if self.wav_dir is not None:
                rec.wav_path = rendering.pcm.write(self._free_name(rec))
        except (NumberWordsError, SpeechUnavailable, OSError, ValueError) as exc:
            rec.error = str(exc)
            log.error("không tạo được thông báo / announcement failed: %s", exc)
            return None
        except Exception as exc:  # a bug must not leave every later item silent
            rec.error = f"{type(exc).__name__}: {exc}"
            log.exception("announcement failed unexpectedly; continuing")
            return None
        rec.ready_at = self._now()
        return _Ready(rec, rendering.pcm)

    def _free_name(self, rec: R) -> Path:
        """A new file per item; a restarted queue does not overwrite earlier ones."""
        assert self.wav_dir is not None
        stem = f"{rec.seq:05d}-{rec.file_stem()}"
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
                log.exception("playback failed; continuing with the next item")
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
