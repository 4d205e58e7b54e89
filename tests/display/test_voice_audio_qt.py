"""The QtMultimedia player fails soft: without an audio device the queue still advances."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtMultimedia")

from PySide6.QtMultimedia import QMediaDevices

from motcua.config import VoiceConfig
from motcua.display.announcer import build_announcer
from motcua.voice.audio_qt import QtPlayer, make_qt_player
from motcua.voice.players import SimulatedPlayer


def test_default_audio_advances_the_queue(qtbot, fake_time):
    a = build_announcer(VoiceConfig(), "default", sleep=fake_time.sleep, monotonic=fake_time.now)
    try:
        a.announce("1023", 5)
        a.announce("1024", 6)
        qtbot.waitUntil(lambda: a.idle, timeout=30_000)
        texts = [t for t, _ in a.history]
        assert texts[0].endswith("hai mươi ba đến quầy số năm")
        assert texts[1].endswith("hai mươi tư đến quầy số sáu")
        assert all(r.finished_at is not None for r in a.records)
        assert all(p is None for _, p in a.history)  # temporary WAVs are removed once played
        tmp = a.wav_dir
    finally:
        a.close()
    assert tmp is not None and not tmp.exists()


def test_without_an_output_device_the_fallback_is_used(qapp):
    fallback = SimulatedPlayer(lambda s: None)
    player = make_qt_player(fallback)
    if QMediaDevices.audioOutputs():
        assert isinstance(player, QtPlayer)
    else:
        assert player is fallback


def _play_in_thread(player, pcm, path):
    """Call play() from a worker thread (as the announcer does); returns the result box."""
    import threading

    box: dict[str, bool] = {}

    def run() -> None:
        player.play(pcm, path)
        box["done"] = True

    threading.Thread(target=run, daemon=True).start()
    return box


def test_qt_player_reports_the_end_of_a_real_wav(qtbot, tmp_path):
    from motcua.voice.pcm import chime

    pcm = chime()
    path = pcm.write(tmp_path / "chime.wav")
    fallback = SimulatedPlayer(lambda s: None)
    player = QtPlayer(fallback)
    box = _play_in_thread(player, pcm, path)
    qtbot.waitUntil(lambda: box.get("done", False), timeout=10_000)
    assert fallback.played == []  # Qt played it (or timed it out), not the fallback


def test_qt_player_fails_soft_on_a_broken_file(qtbot, tmp_path):
    from motcua.voice.pcm import chime

    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF....not a wav at all")
    player = QtPlayer(SimulatedPlayer(lambda s: None))
    box = _play_in_thread(player, chime(), bad)
    qtbot.waitUntil(lambda: box.get("done", False), timeout=10_000)


def test_qt_player_after_stop_uses_the_fallback(qtbot):
    from motcua.voice.pcm import chime

    fallback = SimulatedPlayer(lambda s: None)
    player = QtPlayer(fallback)
    player.stop()
    player.play(chime(), None)
    assert fallback.played == [pytest.approx(chime().duration)]
