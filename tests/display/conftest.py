"""Fixtures of the display tests: the real queue, misbehaving links (hall display);
fake time, a recording player, the clips (voice)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from motcua.queue.service import QueueService
from motcua.voice.clips import ClipLibrary

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


class RestartableServer:
    """The center server on one fixed 127.0.0.1 port that can be stopped and started
    again (a new app over the same QueueService), like a server restart."""

    def __init__(self, service, config, clock, db_path: Path) -> None:
        from motcua.server.tokens import Role, TokenStore

        self.service, self.config, self.clock = service, config, clock
        self.tokens = TokenStore(db_path)
        self.display_token = self.tokens.create(Role.DISPLAY, name="Màn hình sảnh")
        self.admin_token = self.tokens.create(Role.ADMIN, name="test admin")
        self.port = 0
        self.srv = None

    def start(self) -> None:
        from motcua.server.app import create_app
        from motcua.server.embedded import EmbeddedServer

        app = create_app(
            self.service, self.tokens, self.config, clock=self.clock, heartbeat_seconds=0.5
        )
        self.srv = EmbeddedServer(app, host="127.0.0.1", port=self.port)
        self.srv.start()
        self.port = self.srv.port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.srv is not None:
            self.srv.stop()
            self.srv = None

    def close(self) -> None:
        self.stop()
        self.tokens.close()


@pytest.fixture
def http_server(center, config, clock, tmp_path: Path):
    server = RestartableServer(center, config, clock, tmp_path / "queue.db")
    server.start()
    yield server
    server.close()
