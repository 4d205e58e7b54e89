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
