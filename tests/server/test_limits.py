"""The streaming-upload helper and per-route body limits, on a live embedded server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from fastapi import Request

from motcua.clock import FakeClock
from motcua.config import Config
from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.embedded import EmbeddedServer
from motcua.server.limits import BodyLimits, stream_body_to_file
from motcua.server.tokens import Role, TokenStore
from tests.server.raw_http import refused_while_sending, summary

LIMIT = 300 * 1024


@pytest.fixture
def upload_server(
    service: QueueService, token_store: TokenStore, config: Config, clock: FakeClock, tmp_path: Path
) -> Iterator[tuple[str, Path]]:
    limits = BodyLimits()
    limits.allow(r"/api/v1/uploads/[a-z]+", LIMIT)
    app = create_app(service, token_store, config, clock=clock, body_limits=limits)
    dest = tmp_path / "upload.pdf"

    @app.post("/api/v1/uploads/{name}", status_code=201)
    async def upload(name: str, request: Request) -> dict[str, int]:
        return {"size": await stream_body_to_file(request, dest, LIMIT)}

    with EmbeddedServer(app) as srv:
        yield srv.url, dest


def chunks(total: int) -> Iterator[bytes]:
    for _ in range(total // 16384):
        yield b"%PDF" + b"x" * 16380


def test_registered_route_takes_a_large_upload_to_disk(upload_server, token_store: TokenStore):
    url, dest = upload_server
    token = token_store.create(Role.KIOSK)
    resp = requests.post(
        url + "/api/v1/uploads/paper",
        data=chunks(256 * 1024),
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert resp.status_code == 201, resp.text
    assert resp.json() == {"size": 256 * 1024}
    assert dest.stat().st_size == 256 * 1024
    assert dest.stat().st_mode & 0o077 == 0


def test_upload_over_the_limit_gets_413_and_leaves_no_file(upload_server, token_store):
    url, dest = upload_server
    token = token_store.create(Role.KIOSK)
    resp = requests.post(
        url + "/api/v1/uploads/paper",
        data=chunks(1024 * 1024),
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert resp.status_code == 413
    assert resp.json()["error"] == "payload_too_large"
    assert not dest.exists()


def test_other_routes_keep_the_json_limit(upload_server, token_store):
    url, _ = upload_server
    token = token_store.create(Role.KIOSK)
    resp = requests.post(
        url + "/api/v1/tickets",
        data=b"{" + b" " * 100_000 + b"}",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=10,
    )
    assert resp.status_code == 413


# ---------------------------------------------------------------- closing after an early answer
# On the embedded server's asyncio loop (the center a kiosk hosts, and the one the API
# tests run); tests/server/test_hostile.py has the same against `motcua serve` (uvloop).


def test_a_body_still_in_flight_does_not_cost_the_401(server: EmbeddedServer):
    """A kept-alive connection, then a POST with no token whose body keeps coming after
    the 401: every answer arrives whole, then a FIN (the lingering close)."""
    bad = []
    for _ in range(50):
        answer = refused_while_sending(("127.0.0.1", server.port))
        if not (answer.status == 401 and answer.complete):
            bad.append(answer)
    assert not bad, f"{len(bad)}/50 answers broken: {summary(bad)}"


def test_a_session_reads_every_early_401(server: EmbeddedServer):
    """The flake test_api_dossiers once showed on CI: a requests Session (kept alive)
    posts JSON with no token; urllib3 sends the body after the head, when the 401 may
    be written already. Closed at once, the reset cost the answer's body now and then."""
    with requests.Session() as session:
        for _ in range(100):
            assert session.get(server.url + "/health", timeout=10).status_code == 200
            resp = session.post(server.url + "/api/v1/tickets", json={"service": "HT"}, timeout=10)
            assert resp.status_code == 401 and resp.json()["error"] == "unauthorized"
