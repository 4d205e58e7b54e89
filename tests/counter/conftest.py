"""Fixtures of the counter area: socat pty pairs standing in for an RS-485 line."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from motcua.queue.service import QueueService


def _event_readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "motcua-sse" and t.is_alive()]


@pytest.fixture(autouse=True)
def no_event_stream_left_running() -> Iterator[None]:
    """Every counter test ends with no HttpCenter event-stream reader alive: a reader left
    over retries for ever once the test's server is gone, logging "event stream lost" into
    a later test's (closed) output — seen as a flaky test_thin_client_errors_are_plain_
    vietnamese. The test that leaves one fails here, by name."""
    yield
    deadline = time.monotonic() + 5
    while _event_readers() and time.monotonic() < deadline:
        time.sleep(0.02)
    left = _event_readers()
    assert not left, f"{len(left)} event-stream reader(s) still running after the test"


@dataclass
class PtyPair:
    host: Path  # the end motcua opens (serial://<host>)
    device: Path  # the end the test plays the keypads / boards on
    process: subprocess.Popen[bytes]

    def kill(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=5)


def start_pty_pair(tmp_path: Path, name: str = "bus") -> PtyPair:
    host, device = tmp_path / f"{name}-host", tmp_path / f"{name}-dev"
    proc = subprocess.Popen(
        [
            "socat",
            f"pty,raw,echo=0,link={host}",
            f"pty,raw,echo=0,link={device}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not (host.exists() and device.exists()):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("socat did not create the pty pair")
        time.sleep(0.01)
    return PtyPair(host, device, proc)


@pytest.fixture
def pty_pair(tmp_path: Path) -> Iterator[PtyPair]:
    if shutil.which("socat") is None:
        pytest.skip("needs socat (Debian package socat) for virtual serial pairs")
    pair = start_pty_pair(tmp_path)
    yield pair
    if pair.process.poll() is None:
        pair.kill()


@pytest.fixture
def center(config, clock, tmp_path: Path):
    """The real QueueService (in-process, on a temporary database) with the FakeClock,
    its store holding the center's other areas (dossiers, the portal outbox) as in serve."""
    from motcua.server.dossier_setup import CENTER_AREAS

    svc = QueueService.open(config, tmp_path / "queue.db", clock=clock, areas=list(CENTER_AREAS))
    yield svc
    svc.close()


@pytest.fixture
def dossiers(center, config, clock, tmp_path: Path):
    """The center's DossierService on the queue's store (real procedures): a submitted
    dossier takes a ticket of the reception service (Hộ tịch: counters 1, 2, 3, 12)."""
    from motcua.catalog.generator import real_procedures
    from motcua.catalog.store import Catalog
    from motcua.server.dossier_setup import open_dossier_service

    s = open_dossier_service(
        config, tmp_path / "queue.db", clock, Catalog(real_procedures()), center,
        store=center.store,
    )  # fmt: skip
    yield s
    s.close()


@pytest.fixture
def http_server(center, dossiers, config, clock, tmp_path: Path):
    """The center server over ``center`` and its ``dossiers`` on 127.0.0.1 (free port),
    with device tokens.

    ``http_server.stop()`` / ``.start()`` restart it on the same port."""
    from motcua.server.app import create_app
    from motcua.server.embedded import EmbeddedServer
    from motcua.server.tokens import Role, TokenStore

    class Server:
        def __init__(self) -> None:
            self.tokens = TokenStore(tmp_path / "queue.db")
            self.counter5 = self.tokens.create(Role.COUNTER, counter=5, name="Quầy 5")
            self.counter3 = self.tokens.create(Role.COUNTER, counter=3, name="Quầy 3")
            self.kiosk = self.tokens.create(Role.KIOSK, name="Kiosk sảnh")
            self.admin = self.tokens.create(Role.ADMIN, name="admin")
            self.port = 0
            self.srv: EmbeddedServer | None = None

        def start(self) -> None:
            app = create_app(
                center, self.tokens, config, clock=clock, heartbeat_seconds=0.5, dossiers=dossiers
            )
            self.srv = EmbeddedServer(app, host="127.0.0.1", port=self.port)
            self.srv.start()
            self.port = self.srv.port

        def stop(self) -> None:
            if self.srv is not None:
                self.srv.stop()
                self.srv = None

        @property
        def url(self) -> str:
            return f"http://127.0.0.1:{self.port}"

    server = Server()
    server.start()
    yield server
    server.stop()
    server.tokens.close()
