"""The fast path for issue / call-next answers exactly as the FastAPI routes do.

Two servers on two databases with the same clock, one with the fast path and one
without, get the same requests; statuses and bodies must match (ids, codes and the
live-page URL aside, which are random or per database)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.embedded import EmbeddedServer
from motcua.server.tokens import TokenStore

RANDOM = {"public_code", "url"}


@pytest.fixture
def twins(config, clock, tmp_path: Path) -> Iterator[list[tuple[str, dict[str, str]]]]:
    out, closers = [], []
    for fast in (True, False):
        db = tmp_path / f"{fast}.db"
        svc = QueueService.open(config, db, clock=clock)
        store = TokenStore(db)
        tokens = {
            "kiosk": store.create("kiosk"),
            "admin": store.create("admin"),
            "c1": store.create("counter", counter=1),
            "c5": store.create("counter", counter=5),
            "display": store.create("display"),
        }
        srv = EmbeddedServer(create_app(svc, store, config, clock=clock, fast_path=fast))
        srv.start()
        out.append((srv.url, tokens))
        closers += [srv.stop, svc.close, store.close]
    yield out
    for close in closers:
        close()


def scrub(value):
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if k not in RANDOM}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


CASES = [
    # (path, token role, body) — in order, both servers see the same sequence
    ("/api/v1/tickets", "kiosk", {"service": "HT"}),
    ("/api/v1/tickets", "admin", {"service": "HT", "priority_group": "elderly"}),
    ("/api/v1/tickets", "kiosk", {"service": "CTR", "citizen": {"id_number": "001090123456"}}),
    ("/api/v1/tickets", "kiosk", {"service": "CTR", "citizen": {"id_number": "001090123456"}}),
    ("/api/v1/tickets", "kiosk", {"service": "NOPE"}),  # a queue error on the fast path
    ("/api/v1/tickets", "kiosk", {"service": "HT", "priority_group": "vip"}),
    ("/api/v1/tickets", "kiosk", {}),  # neither service nor appointment
    ("/api/v1/tickets", "kiosk", {"service": 5}),  # the model rejects it: FastAPI answers
    ("/api/v1/tickets", "kiosk", {"service": "x" * 70_000}),  # bigger than the fast path reads
    ("/api/v1/tickets", "display", {"service": "HT"}),  # wrong role
    ("/api/v1/tickets", None, {"service": "HT"}),  # no token
    ("/api/v1/counters/1/call-next", "c1", None),
    ("/api/v1/counters/5/call-next", "c1", None),  # another counter's number: 403
    ("/api/v1/counters/5/call-next", "c5", None),
    ("/api/v1/counters/5/call-next", "c5", None),  # nobody left: ticket null
    ("/api/v1/counters/99/call-next", "admin", None),  # unknown counter
    ("/api/v1/counters/0/call-next", "admin", None),  # out of range: FastAPI's 422
]


def test_same_answers_with_and_without_the_fast_path(twins):
    for path, role, body in CASES:
        answers = []
        for url, tokens in twins:
            headers = {"Authorization": f"Bearer {tokens[role]}"} if role else {}
            resp = requests.post(url + path, json=body, headers=headers, timeout=10)
            assert resp.status_code < 500, resp.text
            answers.append((resp.status_code, resp.headers["content-type"], scrub(resp.json())))
        assert answers[0] == answers[1], (path, role, body)


def test_chunked_and_garbled_bodies(twins):
    url, tokens = twins[0]
    headers = {"Authorization": f"Bearer {tokens['kiosk']}", "Content-Type": "application/json"}
    chunks = iter([b'{"serv', b'ice": "D', b'D"}'])
    resp = requests.post(url + "/api/v1/tickets", data=chunks, headers=headers, timeout=10)
    assert resp.status_code == 201 and resp.json()["ticket"]["display_number"] == "4001"
    resp = requests.post(url + "/api/v1/tickets", data=b"\xff\xfe{", headers=headers, timeout=10)
    assert resp.status_code == 400 and resp.json()["error"] == "invalid_request"
    assert "JSON" in resp.json()["message"]
