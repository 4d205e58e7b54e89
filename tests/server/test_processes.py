"""Real server processes on one database: kill -9 loses no acknowledged ticket, and two
processes never hand out one number twice."""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from pathlib import Path

import pytest
import requests

from motcua.server.tokens import TokenStore
from tests.server.processes import ServerProcess

pytestmark = pytest.mark.slow
SERVICES = ("HT", "CT", "DKKD")


def issue_loop(url: str, token: str, stop: threading.Event, out: list, limit: int) -> None:
    """Issue tickets until told to stop or the server dies; keep the 2xx answers."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    for i in itertools.count():
        if stop.is_set() or len(out) >= limit:
            break
        try:
            resp = session.post(
                f"{url}/api/v1/tickets", json={"service": SERVICES[i % 3]}, timeout=5
            )
        except requests.RequestException:
            break  # the server is gone
        if resp.status_code in (200, 201):
            out.append(resp.json()["ticket"])
        else:
            assert resp.status_code < 500, resp.text
    session.close()


def all_issued(url: str, token: str) -> list[dict]:
    events, after = [], 0
    while True:
        page = requests.get(
            f"{url}/api/v1/events/log",
            params={"after": after, "limit": 1000},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        ).json()
        events += page
        if len(page) < 1000:
            return [e for e in events if e["kind"] == "issued"]
        after = page[-1]["id"]


def assert_numbers_unique(issued: list[dict]) -> None:
    keys = Counter((e["day"], e["service_code"], e["display_number"]) for e in issued)
    dupes = [k for k, n in keys.items() if n > 1]
    assert not dupes, f"duplicate numbers: {dupes[:5]}"


def test_kill_9_mid_load_loses_no_acknowledged_ticket(tmp_path: Path):
    db = tmp_path / "center.db"
    server = ServerProcess(db, tmp_path / "server.log")
    token = server.admin_token
    assert token, server.output  # the first start of a new database prints one
    stop = threading.Event()
    results: list[list[dict]] = [[] for _ in range(6)]
    threads = [
        threading.Thread(target=issue_loop, args=(server.url, token, stop, out, 10_000))
        for out in results
    ]
    for t in threads:
        t.start()
    while sum(len(r) for r in results) < 150:  # mid-way through a steady load
        threading.Event().wait(0.01)
    server.kill()
    stop.set()
    for t in threads:
        t.join(20)
    acknowledged = [t for r in results for t in r]
    assert len(acknowledged) >= 150

    restarted = ServerProcess(db, tmp_path / "server.log")
    try:
        assert restarted.admin_token is None  # the database already has one
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        for ticket in acknowledged:
            resp = session.get(f"{restarted.url}/api/v1/tickets/{ticket['id']}", timeout=10)
            assert resp.status_code == 200, (ticket, resp.text)
            found = resp.json()["ticket"]
            assert (found["service_code"], found["display_number"], found["public_code"]) == (
                ticket["service_code"],
                ticket["display_number"],
                ticket["public_code"],
            )
        issued = all_issued(restarted.url, token)
        assert len(issued) >= len(acknowledged)
        assert_numbers_unique(issued)
        # and the queue goes on numbering after the highest number ever handed out,
        # past the block reserved beside the database (motcua.queue.high_water): a gap
        # of at most one block, never a repeat
        after = session.post(f"{restarted.url}/api/v1/tickets", json={"service": "HT"}).json()
        ht = [int(e["display_number"]) for e in issued if e["service_code"] == "HT"]
        assert max(ht) < int(after["ticket"]["display_number"]) <= max(ht) + 50
    finally:
        restarted.stop()


def test_two_server_processes_on_one_database_never_duplicate_a_number(tmp_path: Path):
    db = tmp_path / "center.db"
    store = TokenStore(db)
    token = store.create("admin", name="test")
    store.close()
    servers = [ServerProcess(db, tmp_path / f"server{i}.log") for i in range(2)]
    try:
        stop = threading.Event()
        results: list[list[dict]] = [[] for _ in range(8)]
        threads = [
            threading.Thread(target=issue_loop, args=(servers[i % 2].url, token, stop, out, 60))
            for i, out in enumerate(results)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        acknowledged = [t for r in results for t in r]
        assert len(acknowledged) == 8 * 60
        numbers = Counter((t["service_code"], t["display_number"]) for t in acknowledged)
        assert max(numbers.values()) == 1
        ids = {t["id"] for t in acknowledged}
        assert len(ids) == len(acknowledged)
        first = {"HT": 1001, "CT": 2001, "DKKD": 1}
        for service in SERVICES:  # no gaps either: both processes share one sequence
            mine = sorted(t["number"] for t in acknowledged if t["service_code"] == service)
            assert mine == list(range(first[service], first[service] + len(mine)))
        issued = all_issued(servers[0].url, token)
        assert len(issued) == len(acknowledged)
        assert_numbers_unique(issued)
    finally:
        for s in servers:
            s.stop()
