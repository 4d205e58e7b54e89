"""A hostile client on the LAN against a real `motcua serve` on loopback.

One server process for the module, started as systemd starts it by default (a soft
limit of 1,024 open files) with a short head timeout so the slowloris case stays quick.
Every loop is bounded and every socket has a timeout.
"""

from __future__ import annotations

import contextlib
import json
import resource
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from motcua.server.limits import LINGER_MAX_BYTES, LINGER_SECONDS, LINGER_SILENCE_SECONDS
from motcua.server.tokens import Role, TokenStore
from tests.server.processes import ServerProcess
from tests.server.raw_http import GIB, read_to_end, refused_while_sending, summary

pytestmark = pytest.mark.slow

HEAD_TIMEOUT = 2.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("hostile")
    proc = ServerProcess(
        tmp / "center.db",
        tmp / "server.log",
        env={"MOTCUA_SERVER_HEAD_TIMEOUT_SECONDS": str(HEAD_TIMEOUT)},
        open_files=1024,
    )
    yield proc
    proc.stop()


def address(server: ServerProcess) -> tuple[str, int]:
    parts = urlsplit(server.url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def connect(server: ServerProcess, timeout: float = 5.0) -> socket.socket:
    return socket.create_connection(address(server), timeout=timeout)


def read_response(sock: socket.socket, limit: int = 65536) -> tuple[int, bytes]:
    """The status and body of one HTTP response (the server closes after it)."""
    data = b""
    with contextlib.suppress(ConnectionResetError, TimeoutError):
        while b"\r\n\r\n" not in data or len(data) < limit:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep and b"content-length:" in head.lower():
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                if len(body) >= length:
                    break
    if not data:
        return 0, b""
    status = int(data.split(b" ", 2)[1])
    return status, data.partition(b"\r\n\r\n")[2]


def issue(server: ServerProcess, timeout: float = 5.0) -> int:
    resp = requests.post(
        server.url + "/api/v1/tickets",
        json={"service": "HT"},
        headers={"Authorization": f"Bearer {server.admin_token}"},
        timeout=timeout,
    )
    return resp.status_code


# ---------------------------------------------------------------- bodies


def test_unauthenticated_body_is_refused_before_it_is_read(server: ServerProcess):
    before = server.rss_mb()
    with connect(server) as sock:
        sock.sendall(
            b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 314572800\r\n\r\n"
        )
        status, body = read_response(sock)  # answered with no byte of the body sent
        with contextlib.suppress(OSError):  # and the connection is closed: no body read
            for _ in range(64):
                sock.sendall(b" " * 65536)
    assert status == 401
    assert json.loads(body)["error"] == "unauthorized"
    assert server.rss_mb() < before + 20


def test_chunked_body_over_the_json_limit_gets_413(server: ServerProcess):
    def chunks() -> Iterator[bytes]:
        for _ in range(200):  # 200 x 4 KB, no Content-Length
            yield b" " * 4096

    resp = requests.post(
        server.url + "/api/v1/tickets",
        data=chunks(),
        headers={
            "Authorization": f"Bearer {server.admin_token}",
            "Content-Type": "application/json",
        },
        timeout=10,
    )
    assert resp.status_code == 413
    body = resp.json()
    assert body["error"] == "payload_too_large" and "64 KB" in body["message"]


def test_declared_oversized_body_gets_413_at_once(server: ServerProcess):
    with connect(server) as sock:
        sock.sendall(
            b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + (server.admin_token or "").encode() + b"\r\n"
            b"Content-Length: 70000\r\n\r\n"
        )
        status, body = read_response(sock)
    assert status == 413
    assert json.loads(body)["error"] == "payload_too_large"


# ---------------------------------------------------------------- closing after an early answer

POST_HEAD = (
    b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b"Content-Length: %d\r\n\r\n" % GIB
)


@pytest.mark.parametrize("refusal", [401, 413])
def test_a_client_still_sending_its_body_reads_the_whole_refusal(server, refusal):
    """The body keeps coming after the early 401 (no token) or 413 (1 GB declared): the
    lingering close drops it, and the answer arrives whole, then a FIN, every time.
    (Closed at once, the server's reset cost the answer or its end in ~1 try in 10.)"""
    token = b"Authorization: Bearer " + (server.admin_token or "").encode() + b"\r\n"
    headers = token if refusal == 413 else b""
    code = "payload_too_large" if refusal == 413 else "unauthorized"
    bad = []
    for _ in range(50):
        answer = refused_while_sending(address(server), headers)
        ok = answer.status == refusal and answer.complete
        if not (ok and json.loads(answer.body)["error"] == code):
            bad.append(answer)
    assert not bad, f"{len(bad)}/50 answers broken: {summary(bad)}"


def test_a_client_that_never_stops_sending_is_closed_within_the_linger(server: ServerProcess):
    """A slow, endless body (never silent for long, far below the byte budget): the
    answer and the FIN come at once; the connection is closed ``LINGER_SECONDS`` later."""
    with connect(server) as sock:
        sock.sendall(POST_HEAD)
        answer = read_to_end(sock)  # our write side stays open: the FIN ends the read
        started = time.monotonic()
        closed_after = None
        while time.monotonic() - started < LINGER_SECONDS + 8:
            try:
                sock.sendall(b" " * 1024)
            except OSError:  # the reset of the server's close
                closed_after = time.monotonic() - started
                break
            time.sleep(0.05)
    assert answer.status == 401 and answer.complete
    assert closed_after is not None, "still open long after the linger"
    assert LINGER_SECONDS - 0.5 <= closed_after <= LINGER_SECONDS + 1.5


def test_a_fast_endless_body_costs_the_server_a_bounded_read(server: ServerProcess):
    """As fast as loopback goes: the server stops after ``LINGER_MAX_BYTES`` and closes;
    what the client got to send beyond that sat in the kernels' socket buffers."""
    before = server.rss_mb()
    with connect(server) as sock:
        sock.sendall(POST_HEAD)
        answer = read_to_end(sock)
        sent, chunk = 0, b" " * 65536
        started = time.monotonic()
        with contextlib.suppress(OSError):
            while sent < 1024 * 1024 * 1024 and time.monotonic() - started < 10:
                sock.sendall(chunk)
                sent += len(chunk)
        waited = time.monotonic() - started
    assert answer.status == 401 and answer.complete
    assert waited < LINGER_SECONDS  # the byte budget ends it before the time does
    assert sent < LINGER_MAX_BYTES + 64 * 1024 * 1024  # not the 1 GB it declared
    assert server.rss_mb() < before + 20


def test_a_silent_client_is_closed_after_the_linger_silence(server: ServerProcess):
    with connect(server) as sock:
        sock.sendall(POST_HEAD + b" " * 4096)
        answer = read_to_end(sock)
        time.sleep(LINGER_SILENCE_SECONDS + 0.5)
        with pytest.raises(OSError):  # the first send may still be taken (and reset)
            for _ in range(3):
                sock.sendall(b" ")
                time.sleep(0.05)
    assert answer.status == 401 and answer.complete


# ---------------------------------------------------------------- heads


def test_huge_header_gets_431(server: ServerProcess):
    with connect(server) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ")
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for _ in range(64):  # up to 4 MB of one header value
                sock.sendall(b"a" * 65536)
        status, body = read_response(sock)
    assert status == 431
    assert json.loads(body)["error"] == "headers_too_large"
    assert requests.get(server.url + "/health", timeout=5).status_code == 200


def test_too_many_headers_get_431(server: ServerProcess):
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(500))
    with connect(server) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
        status, _ = read_response(sock)
    assert status == 431


def test_head_refusals_are_the_documented_answers(server: ServerProcess):
    """431 and 408 as /openapi.json documents them (``components/responses``): the
    ``ErrorOut`` body with the code its description names, Vietnamese first. The 408 on
    a kept-alive connection, the head of its second request left unfinished; a silent
    connection is closed without an answer."""
    doc = requests.get(server.url + "/openapi.json", timeout=10).json()
    shared = doc["components"]["responses"]
    required = set(doc["components"]["schemas"]["ErrorOut"]["required"])
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(101))  # one over the limit
    with connect(server) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
        too_large = read_response(sock)
    with connect(server, timeout=HEAD_TIMEOUT + 5) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_response(sock)[0] == 200  # kept alive: the next head is timed anew
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Drip: a")
        started = time.monotonic()
        timed_out = read_response(sock)
        waited = time.monotonic() - started
    assert HEAD_TIMEOUT - 0.5 <= waited <= HEAD_TIMEOUT + 3
    for (status, body), name in ((too_large, "HeadersTooLarge"), (timed_out, "RequestTimeout")):
        documented = shared[name]
        assert str(status) in doc["paths"]["/health"]["get"]["responses"]
        assert doc["paths"]["/health"]["get"]["responses"][str(status)]["$ref"].endswith(name)
        answer = json.loads(body)
        assert set(answer) == required, answer
        assert f"error: {answer['error']}" in documented["description"]
        assert answer["message"] != answer["message_en"]  # Vietnamese, then English
    assert (too_large[0], timed_out[0]) == (431, 408)
    with connect(server, timeout=HEAD_TIMEOUT + 5) as sock:  # nothing sent at all
        started = time.monotonic()
        assert sock.recv(1024) == b""  # closed by the server (a timeout would raise)
        assert time.monotonic() - started <= HEAD_TIMEOUT + 3


def test_slowloris_flood_leaves_the_hall_served(server: ServerProcess):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1400:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))
    flood: list[socket.socket] = []
    try:
        for _ in range(1100):
            sock = connect(server, timeout=5)
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Drip: ")
            flood.append(sock)
        ok = sum(1 for _ in range(20) if issue(server) == 201)
        assert ok == 20
        for sock in flood[:50]:  # drip a byte: a slow head does not buy more time
            with contextlib.suppress(OSError):
                sock.sendall(b"a")
        time.sleep(HEAD_TIMEOUT + 1.0)
        closed = 0
        for sock in flood[:50]:
            sock.settimeout(2)
            status, _ = read_response(sock)
            closed += status == 408
        assert closed == 50
        assert issue(server) == 201
    finally:
        for sock in flood:
            sock.close()


# ---------------------------------------------------------------- who may do what


class Devices:
    """Tokens of the module's server, enrolled straight in its database."""

    def __init__(self, server: ServerProcess, db: Path) -> None:
        store = TokenStore(db)
        try:
            self.kiosk = store.create(Role.KIOSK, name="kiosk")
            self.display = store.create(Role.DISPLAY, name="display")
            self.counter3 = store.create(Role.COUNTER, counter=3)
            self.counter5 = store.create(Role.COUNTER, counter=5)
            self.revocable = store.create(Role.DISPLAY, name="to revoke")
            self.revocable_id = max(d.id for d in store.list())
        finally:
            store.close()
        self.url = server.url + "/api/v1"
        self.db = db

    def post(self, path: str, token: str, **kw) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"}
        return requests.post(self.url + path, headers=headers, timeout=10, **kw)

    def get(self, path: str, token: str, **kw) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"}
        return requests.get(self.url + path, headers=headers, timeout=10, **kw)


@pytest.fixture(scope="module")
def devices(server: ServerProcess) -> Devices:
    return Devices(server, server.db)


def called_at_5(devices: Devices) -> dict:
    """A ticket called at counter 5 (counter 5 serves CTR in the demo center)."""
    issued = devices.post("/tickets", devices.kiosk, json={"service": "CTR"})
    assert issued.status_code == 201, issued.text
    for _ in range(200):  # call at 5 until our ticket comes up (bounded)
        called = devices.post("/counters/5/call-next", devices.counter5).json()["ticket"]
        assert called is not None
        if called["id"] == issued.json()["ticket"]["id"]:
            return issued.json()["ticket"]
    raise AssertionError("the ticket was never called at counter 5")


def test_a_counter_cannot_cancel_another_counters_ticket(devices: Devices):
    ticket = called_at_5(devices)
    resp = devices.post(f"/tickets/{ticket['id']}/cancel", devices.counter3)
    assert resp.status_code == 403 and resp.json()["error"] == "forbidden"
    assert devices.post(f"/tickets/{ticket['id']}/cancel", devices.counter5).status_code == 200


def test_a_counter_cannot_restore_another_counters_no_show(devices: Devices):
    ticket = called_at_5(devices)
    for _ in range(10):  # recall until it becomes a no-show (bounded)
        if devices.post("/counters/5/no-show", devices.counter5).status_code == 200:
            break
    resp = devices.post(f"/tickets/{ticket['id']}/restore", devices.counter3)
    assert resp.status_code == 403
    assert devices.post(f"/tickets/{ticket['id']}/restore", devices.counter5).status_code == 200


def served_at_5(devices: Devices) -> dict:
    ticket = called_at_5(devices)
    assert devices.post("/counters/5/start", devices.counter5).status_code == 200
    assert devices.post("/counters/5/finish", devices.counter5).status_code == 200
    return ticket


def test_ratings_come_from_the_serving_counter_or_carry_the_code(devices: Devices):
    ticket = served_at_5(devices)
    bad = {"level": "khong_hai_long", "reason": "forged"}
    assert (
        devices.post(f"/tickets/{ticket['id']}/rating", devices.counter3, json=bad).status_code
        == 403
    )
    assert (
        devices.post(f"/tickets/{ticket['id']}/rating", devices.kiosk, json=bad).status_code == 403
    )
    wrong = dict(bad, public_code="not-the-code")
    assert (
        devices.post(f"/tickets/{ticket['id']}/rating", devices.kiosk, json=wrong).status_code
        == 403
    )
    good = {"level": "rat_hai_long", "public_code": ticket["public_code"]}
    assert (
        devices.post(f"/tickets/{ticket['id']}/rating", devices.kiosk, json=good).status_code == 201
    )
    other = served_at_5(devices)
    mine = {"level": "hai_long"}
    assert (
        devices.post(f"/tickets/{other['id']}/rating", devices.counter5, json=mine).status_code
        == 201
    )


def test_tickets_by_id_are_for_counters_only(devices: Devices):
    ticket = called_at_5(devices)
    for token in (devices.kiosk, devices.display):
        assert devices.get(f"/tickets/{ticket['id']}", token).status_code == 403
    assert devices.get(f"/tickets/{ticket['id']}", devices.counter5).status_code == 200
    code = ticket["public_code"]
    assert devices.get(f"/tickets/by-code/{code}", devices.kiosk).status_code == 200


def test_revoking_a_token_ends_its_event_streams(devices: Devices):
    resp = requests.get(
        devices.url + "/events",
        headers={"Authorization": f"Bearer {devices.revocable}"},
        stream=True,
        timeout=10,
    )
    assert resp.status_code == 200
    lines = resp.iter_lines()
    assert next(lines) == b"retry: 1000"
    store = TokenStore(devices.db)
    try:
        assert store.revoke(devices.revocable_id)
    finally:
        store.close()
    started = time.monotonic()
    for _ in lines:  # heartbeats and events until the server ends the stream
        assert time.monotonic() - started < 8, "the revoked stream is still open"
    resp.close()
    assert devices.get("/queue", devices.revocable).status_code == 401
