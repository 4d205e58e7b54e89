"""GET /api/v1/events: every change as a server-sent event; resume; heartbeat; self-healing client.

Waits are bounded polls for a condition (never timing assertions).
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import requests

from motcua.queue.models import Event, EventKind
from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.client import HttpCenter
from motcua.server.embedded import EmbeddedServer
from motcua.server.sse_client import SseParser
from tests.server.conftest import Api, Tokens

WAIT = 10.0


def wait_for(cond: Callable[[], bool], timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


class Stream:
    """A raw SSE connection read on a thread, messages parsed into a queue."""

    def __init__(self, url: str, token: str, headers: dict | None = None) -> None:
        h = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream", **(headers or {})}
        self.resp = requests.get(url, headers=h, stream=True, timeout=WAIT)
        self.resp.raise_for_status()
        self.messages: queue.Queue[tuple[str | None, str, str]] = queue.Queue()
        self.raw = bytearray()
        self.parser = SseParser()
        self.ended_cleanly = False
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for chunk in self.resp.iter_content(chunk_size=None):
                self.raw += chunk
                for message in self.parser.feed(chunk):
                    self.messages.put(message)
            self.ended_cleanly = True  # the server closed the stream properly
        except Exception:
            pass  # cut off mid-response

    def next_events(self, n: int) -> list[dict]:
        out = []
        for _ in range(n):
            event_id, kind, data = self.messages.get(timeout=WAIT)
            body = json.loads(data)
            assert event_id == str(body["id"]) and kind == body["kind"]
            out.append(body)
        return out

    def join(self) -> None:
        self._thread.join(WAIT)
        assert not self._thread.is_alive()

    def close(self) -> None:
        self.resp.close()


@pytest.fixture
def open_stream(server: EmbeddedServer, tokens: Tokens) -> Iterator[Callable[..., Stream]]:
    streams: list[Stream] = []

    def opener(query: str = "", headers: dict | None = None, token: str | None = None) -> Stream:
        s = Stream(f"{server.url}/api/v1/events{query}", token or tokens.display, headers)
        streams.append(s)
        return s

    yield opener
    for s in streams:
        s.close()


def stream_is_live(server: EmbeddedServer, n: int = 1) -> Callable[[], bool]:
    broadcaster = server_app_broadcaster(server)
    return lambda: broadcaster.stream_count >= n


def server_app_broadcaster(server: EmbeddedServer):
    return server.app.state.broadcaster


def test_events_are_streamed_as_they_happen(api: Api, tokens: Tokens, server, open_stream):
    stream = open_stream()
    wait_for(stream_is_live(server))
    api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"})
    api.post("/api/v1/counters/1/call-next", tokens.counter1)
    issued, called = stream.next_events(2)
    assert issued["kind"] == "issued" and issued["display_number"] == "1001"
    assert called["kind"] == "called" and called["counter"] == 1
    assert called["id"] > issued["id"]
    assert stream.resp.headers["content-type"].startswith("text/event-stream")


def test_a_burst_of_events_from_one_commit_arrives_whole_and_in_order(
    api: Api, tokens: Tokens, server, open_stream
):
    for _ in range(6):
        api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"})
    stream = open_stream()
    wait_for(stream_is_live(server))
    assert api.post("/api/v1/close-day", tokens.admin).json()["expired"] == 6
    api.post("/api/v1/tickets", tokens.kiosk, json={"service": "CT"})
    events = stream.next_events(7)  # six expiries of one commit, then the next ticket
    assert [e["kind"] for e in events] == ["expired"] * 6 + ["issued"]
    ids = [e["id"] for e in events]
    assert ids == sorted(ids) and len(set(ids)) == 7
    assert stream.messages.empty()


def test_resume_with_last_event_id_and_after(api: Api, tokens: Tokens, server, open_stream):
    for _ in range(3):
        api.post("/api/v1/tickets", tokens.kiosk, json={"service": "CT"})
    resumed = open_stream(headers={"Last-Event-ID": "1"})
    assert [e["id"] for e in resumed.next_events(2)] == [2, 3]
    after = open_stream("?after=2")
    assert [e["display_number"] for e in after.next_events(1)] == ["2003"]
    api.post("/api/v1/tickets", tokens.kiosk, json={"service": "CT"})
    assert [e["id"] for e in resumed.next_events(1)] == [4]  # backlog then live, no gap
    assert [e["id"] for e in after.next_events(1)] == [4]


def test_a_fresh_stream_says_where_now_is_and_sends_heartbeats(
    api: Api, tokens: Tokens, server, open_stream
):
    api.post("/api/v1/tickets", tokens.kiosk, json={"service": "CT"})
    stream = open_stream()
    wait_for(lambda: b": heartbeat" in stream.raw)  # the fixture's server beats every 0.5 s
    assert b"id: 1\n\n" in stream.raw  # no backlog, but the current position
    assert stream.messages.empty()


def test_stream_needs_a_token(api: Api, server):
    resp = requests.get(f"{server.url}/api/v1/events", timeout=WAIT)
    assert resp.status_code == 401 and resp.json()["error"] == "unauthorized"


def test_events_log_pages(api: Api, tokens: Tokens):
    for _ in range(5):
        api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"})
    page = api.get("/api/v1/events/log?after=1&limit=2", tokens.display).json()
    assert [e["id"] for e in page] == [2, 3]
    assert api.get("/api/v1/events/log?limit=0", tokens.display).status_code == 422


def test_http_center_subscription_heals_after_the_server_restarts(
    service: QueueService, token_store, tokens: Tokens, config, clock
):
    def serve(port: int = 0) -> EmbeddedServer:
        app = create_app(service, token_store, config, clock=clock, heartbeat_seconds=0.5)
        srv = EmbeddedServer(app, "127.0.0.1", port)
        srv.start()
        return srv

    srv = serve()
    port = srv.port
    remote = HttpCenter(srv.url, tokens.display)
    got: list[Event] = []
    unsubscribe = remote.subscribe(got.append)
    try:
        wait_for(lambda: srv.app.state.broadcaster.stream_count == 1)
        service.issue_ticket("HT")
        wait_for(lambda: len(got) == 1)
        srv.stop()
        service.issue_ticket("HT")  # happens while the subscriber is cut off
        service.issue_ticket("CT")
        srv = serve(port)
        wait_for(lambda: len(got) == 3)
        service.issue_ticket("DD")
        wait_for(lambda: len(got) == 4)
        assert [e.id for e in got] == [1, 2, 3, 4]
        assert [e.display_number for e in got] == ["1001", "1002", "2001", "4001"]
        assert all(e.kind is EventKind.ISSUED for e in got)
    finally:
        unsubscribe()
        remote.close()
        srv.stop()
    service.issue_ticket("HT")
    assert len(got) == 4  # unsubscribed: nothing more arrives


def _readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "motcua-sse"]


def test_a_closed_http_center_stops_its_readers_and_starts_no_more(
    service: QueueService, token_store, tokens: Tokens, config, clock
):
    """A counter window's worker may subscribe again after its client was closed; that
    reader used to retry for ever against the gone server (logging "event stream lost"
    into whatever output the next tests had)."""
    from motcua.queue.errors import CenterUnavailable

    app = create_app(service, token_store, config, clock=clock, heartbeat_seconds=0.5)
    srv = EmbeddedServer(app, "127.0.0.1", 0)
    srv.start()
    before = set(_readers())
    remote = HttpCenter(srv.url, tokens.display)
    try:
        remote.subscribe(lambda _e: None)
        assert len(set(_readers()) - before) == 1
        remote.close()
        assert set(_readers()) - before == set()  # joined, not just told to stop
        with pytest.raises(CenterUnavailable) as caught:
            remote.subscribe(lambda _e: None)
        assert "đã đóng" in caught.value.message_vi
        assert set(_readers()) - before == set()
    finally:
        remote.close()
        srv.stop()


def test_events_written_by_another_process_reach_the_stream(
    config, db_path, clock, service, token_store, tokens: Tokens
):
    """Two servers on one database: a stream on one sees the other's events, in order."""
    app = create_app(service, token_store, config, clock=clock, poll_seconds=0.05)
    with EmbeddedServer(app) as srv:
        remote = HttpCenter(srv.url, tokens.display)
        got: list[Event] = []
        remote.subscribe(got.append)
        wait_for(lambda: app.state.broadcaster.stream_count == 1)
        other = QueueService.open(config, db_path, clock=clock)  # "the other process"
        try:
            other.issue_ticket("HT")
            service.issue_ticket("HT")
            other.issue_ticket("CT")
            wait_for(lambda: len(got) == 3)
        finally:
            other.close()
            remote.close()
    assert [e.id for e in got] == [1, 2, 3]
    assert [e.display_number for e in got] == ["1001", "1002", "2001"]


def test_stopping_the_server_ends_open_streams_at_once(service, token_store, tokens, config):
    app = create_app(service, token_store, config, heartbeat_seconds=60)
    srv = EmbeddedServer(app)
    srv.start()
    stream = Stream(f"{srv.url}/api/v1/events", tokens.display)
    wait_for(lambda: app.state.broadcaster.stream_count == 1)
    srv.stop(timeout=30)
    assert not srv.running
    stream.join()
    assert stream.ended_cleanly  # closed by the server, not cancelled mid-write
    assert app.state.broadcaster.stream_count == 0
