"""Fixtures of the display tests (voice: fake time, a recording player, the clips)."""

from __future__ import annotations

import shutil

import pytest

from motcua.display.voice.clips import ClipLibrary

from .voice_fakes import FakeTime, RecordingPlayer


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def recording_player(fake_time: FakeTime) -> RecordingPlayer:
    return RecordingPlayer(fake_time)


@pytest.fixture(scope="session")
def clips() -> ClipLibrary:
    """The shipped clip library, loaded once."""
    lib = ClipLibrary()
    lib.preload()
    return lib


@pytest.fixture
def espeak_ng() -> str:
    path = shutil.which("espeak-ng")
    if path is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    return path
