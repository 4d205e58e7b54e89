"""Fixtures of the display tests: the real queue, misbehaving links (hall display);
fake time, a recording player, the clips (voice)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from motcua.display.voice.clips import ClipLibrary
from motcua.queue.service import QueueService

from .center_fakes import DroppingCenter
from .voice_fakes import FakeTime, RecordingPlayer


@pytest.fixture
def center(config, clock, tmp_path: Path):
    """The real QueueService on a temporary database, with the FakeClock."""
    svc = QueueService.open(config, tmp_path / "queue.db", clock=clock)
    yield svc
    svc.close()


@pytest.fixture
def dropping(center) -> DroppingCenter:
    return DroppingCenter(center)


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
