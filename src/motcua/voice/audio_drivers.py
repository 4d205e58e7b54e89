"""The ``audio`` family's drivers (registered with motcua.devices): where announcements
are played. Each opener returns an ``AudioOutput``: a player, and the folder the WAVs
are written to (None: kept in memory).

    default        the system's sound output through QtMultimedia (voice/audio_qt.py)
    none           silent: plays for the sound's length, for a display without speakers
    file:///dir    silent, and every announcement is kept as a WAV in /dir
    sim://         silent and instant: tests and demos read what was said from the speech
                   queue's records (the clip keys), not from a speaker
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from motcua.devices import DeviceUrl, register
from motcua.voice.players import Player, SimulatedPlayer

Sleep = Callable[[float], object] | None


@dataclass(frozen=True)
class AudioOutput:
    player: Player
    wav_dir: Path | None = None
    temporary_wavs: bool = False  # delete each WAV once played


@register("audio", "none", example="none", target="none")
def _open_none(url: DeviceUrl, sleep: Sleep = None) -> AudioOutput:
    """Silent: each announcement takes its time but makes no sound."""
    return AudioOutput(SimulatedPlayer(sleep))


@register("audio", "file", example="file:///var/lib/motcua/voice", target="required")
def _open_file(url: DeviceUrl, sleep: Sleep = None) -> AudioOutput:
    """Silent, keeping every announcement as a WAV file."""
    wav_dir = Path(url.target)
    try:
        wav_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise url.error(
            f"không tạo được thư mục âm thanh {wav_dir}: {exc}", f"cannot create {wav_dir}"
        ) from exc
    return AudioOutput(SimulatedPlayer(sleep), wav_dir)


@register("audio", "sim", example="sim://", target="none")
def _open_sim(url: DeviceUrl, sleep: Sleep = None) -> AudioOutput:
    """Silent, and takes no time unless given a ``sleep``: the clips queued are recorded."""
    return AudioOutput(SimulatedPlayer(sleep or _no_wait))


def _no_wait(seconds: float) -> None:
    return None


@register("audio", "default", example="default", target="none")
def _open_default(url: DeviceUrl, sleep: Sleep = None) -> AudioOutput:
    """The system's sound output (QtMultimedia; silent timing without a Qt application)."""
    from motcua.voice.audio_qt import make_qt_player

    player = make_qt_player(fallback=SimulatedPlayer(sleep))
    return AudioOutput(player, Path(tempfile.mkdtemp(prefix="motcua-voice-")), True)
