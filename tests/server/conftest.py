"""Server fixtures: a real QueueService on a temp database, the app served by an
EmbeddedServer on 127.0.0.1 (a free port), and device tokens of every role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import requests

from motcua.catalog.generator import real_procedures
from motcua.catalog.store import Catalog
from motcua.clock import FakeClock
from motcua.config import Config
from motcua.dossier.service import DossierService
from motcua.queue.api import Center
from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.client import HttpCenter
from motcua.server.dossier_setup import open_dossier_service
from motcua.server.embedded import EmbeddedServer
from motcua.server.tokens import Role, TokenStore


@dataclass
class Tokens:
    admin: str
    kiosk: str
    display: str
    counter1: str
    counter3: str
    counter5: str


def fresh(config: Config) -> Config:
    """``config`` with /metrics rendered at once on every scrape: tests change something
    and scrape again, which would otherwise wait up to a second for the next render
    (tests/server/test_metrics_cache.py covers that)."""
    return replace(config, server=replace(config.server, metrics_max_age_seconds=0))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "center.db"


@pytest.fixture
def service(config: Config, db_path: Path, clock: FakeClock) -> Iterator[QueueService]:
    svc = QueueService.open(config, db_path, clock=clock)
    yield svc
    svc.close()


@pytest.fixture
def token_store(db_path: Path, service: QueueService) -> Iterator[TokenStore]:
    store = TokenStore(db_path)
    yield store
    store.close()


@pytest.fixture
def tokens(token_store: TokenStore) -> Tokens:
    return Tokens(
        admin=token_store.create(Role.ADMIN, name="test admin"),
        kiosk=token_store.create(Role.KIOSK, name="Kiosk sảnh A"),
        display=token_store.create(Role.DISPLAY, name="Màn hình sảnh"),
        counter1=token_store.create(Role.COUNTER, counter=1),
        counter3=token_store.create(Role.COUNTER, counter=3),
        counter5=token_store.create(Role.COUNTER, counter=5),
    )


@pytest.fixture
def server(
    service: QueueService, token_store: TokenStore, config: Config, clock: FakeClock
) -> Iterator[EmbeddedServer]:
    app = create_app(service, token_store, fresh(config), clock=clock, heartbeat_seconds=0.5)
    srv = EmbeddedServer(app, host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


class Api:
    """requests against the live server with a chosen token; returns the Response."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()

    def call(self, method: str, path: str, token: str | None = None, **kw) -> requests.Response:
        headers = dict(kw.pop("headers", {}))
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.session.request(method, self.base + path, headers=headers, timeout=10, **kw)

    def get(self, path: str, token: str | None = None, **kw) -> requests.Response:
        return self.call("GET", path, token, **kw)

    def post(self, path: str, token: str | None = None, **kw) -> requests.Response:
        return self.call("POST", path, token, **kw)


@pytest.fixture
def api(server: EmbeddedServer) -> Iterator[Api]:
    client = Api(server.url)
    yield client
    client.session.close()


@pytest.fixture
def http_center(server: EmbeddedServer, tokens: Tokens) -> Iterator[HttpCenter]:
    center = HttpCenter(server.url, tokens.admin)
    yield center
    center.close()


@pytest.fixture(params=["in_process", "http"])
def center(request: pytest.FixtureRequest, service: QueueService) -> Center:
    """The same Center behaviours, in-process and over HTTP."""
    if request.param == "in_process":
        return service
    return request.getfixturevalue("http_center")


def assert_vi_error(resp: requests.Response, status: int, code: str | None = None) -> dict:
    """The error JSON shape every failure has, with a Vietnamese message."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) >= {"error", "message", "message_en"}
    assert body["message"] and body["message_en"]
    assert any(ord(ch) > 127 for ch in body["message"]), "message should be Vietnamese"
    if code is not None:
        assert body["error"] == code
    return body


# ---------------------------------------------------------------- the center's dossiers


@pytest.fixture
def dossiers(
    config: Config, db_path: Path, clock: FakeClock, service: QueueService
) -> Iterator[DossierService]:
    """The center's dossier service on the queue's file (real procedures), tickets from it."""
    s = open_dossier_service(config, db_path, clock, Catalog(real_procedures()), service)
    yield s
    s.close()


@pytest.fixture
def dapi(
    service: QueueService,
    token_store: TokenStore,
    config: Config,
    clock: FakeClock,
    dossiers: DossierService,
) -> Iterator[Api]:
    """A live server with the dossier routes (``dapi.base``: its URL)."""
    app = create_app(service, token_store, fresh(config), clock=clock, dossiers=dossiers)
    srv = EmbeddedServer(app, host="127.0.0.1", port=0)
    srv.start()
    client = Api(srv.url)
    yield client
    client.session.close()
    srv.stop()
