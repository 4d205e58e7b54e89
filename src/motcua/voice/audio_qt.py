"""The one Qt piece of the voice: play an announcement WAV through QtMultimedia.

The announcer's player thread calls :meth:`QtPlayer.play`, which hands the file to a
QMediaPlayer living on the Qt thread (queued signal) and waits until it reports the end
of the media or an error. Everything fails soft: with no audio output (CI, a display PC
whose speakers are unplugged), no QCoreApplication, or a player that never reports, the
announcement "plays" silently for its duration and the queue moves on.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from motcua.voice.pcm import Pcm
from motcua.voice.players import Player

log = logging.getLogger(__name__)

GRACE_SECONDS = 2.0  # how long past its duration we wait for a player that never reports


class _Bridge(QObject):
    """Lives on the Qt thread; owns the QMediaPlayer."""

    start = Signal(str)
    halt = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.done = threading.Event()
        self.failed = ""
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._output.setVolume(1.0)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._status)
        self._player.errorOccurred.connect(self._error)
        self.start.connect(self._start, Qt.ConnectionType.QueuedConnection)
        self.halt.connect(self._player.stop, Qt.ConnectionType.QueuedConnection)

    @Slot(str)
    def _start(self, path: str) -> None:
        self._player.setSource(QUrl.fromLocalFile(path))
        self._player.play()

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self.done.set()

    def _error(self, error: QMediaPlayer.Error, message: str) -> None:
        self.failed = message or str(error)
        self.done.set()


class QtPlayer:
    """Plays WAV files on the default audio output; create it on the Qt thread."""

    def __init__(self, fallback: Player) -> None:
        self._fallback = fallback
        self._bridge = _Bridge()
        self._stopped = threading.Event()

    def play(self, pcm: Pcm, path: Path | None) -> None:
        if path is None or self._stopped.is_set():
            self._fallback.play(pcm, path)
            return
        self._bridge.done.clear()
        self._bridge.failed = ""
        self._bridge.start.emit(str(path))
        if not self._bridge.done.wait(pcm.duration + GRACE_SECONDS):
            log.warning("audio player did not report the end; moving on")
            self._bridge.halt.emit()
        elif self._bridge.failed:
            log.warning("audio playback failed (%s); moving on", self._bridge.failed)

    def interrupt(self) -> None:
        self._bridge.done.set()
        self._bridge.halt.emit()
        self._fallback.interrupt()

    def stop(self) -> None:
        self._stopped.set()
        self._bridge.done.set()
        self._bridge.halt.emit()
        self._fallback.stop()


def make_qt_player(fallback: Player) -> Player:
    """A QtPlayer when there is a QCoreApplication and an audio output, else ``fallback``."""
    if QCoreApplication.instance() is None:
        log.warning("no QCoreApplication: announcements will be silent")
        return fallback
    if not QMediaDevices.audioOutputs():
        log.warning("no audio output device: announcements will be silent (timed by duration)")
        return fallback
    return QtPlayer(fallback)
