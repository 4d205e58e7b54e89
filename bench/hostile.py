"""A hostile LAN and a crowded hall against a real `motcua serve` on loopback (issue 12).

Prints, for the server built from ``--src`` (default: this tree's src/):

1. server RSS before and after one unauthenticated 300 MB body;
2. the worst /health latency while one client sends a 100 MB header;
3. issue probes that succeed while 1,100 slowloris connections drip bytes;
4. the ticket-issue rate with four back-to-back /metrics scrapers on a day of
   50,000 tickets' worth of events, as a ratio to the rate without them;
5. the issue rate with 300 SSE subscribers, as a ratio to the rate without them.

    .venv/bin/python bench/hostile.py                    # this tree
    .venv/bin/python bench/hostile.py --src /tmp/old/src # another tree (before/after)

Loopback only; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import selectors
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("HT", "CT", "CTR", "XNC", "DD", "DKKD", "BTXH", "XD")


class Server:
    def __init__(self, src: Path, db: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(src), PYTHONUNBUFFERED="1")
        cmd = [sys.executable, "-m", "motcua", "serve", "--db", str(db), "--host", "127.0.0.1"]
        cmd += ["--port", "0"]

        def limit() -> None:  # as systemd starts a service by default
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))

        self.proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
            preexec_fn=limit,
        )
        self.url, self.token = "", ""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 60
        while not self.url and time.monotonic() < deadline:
            line = self.proc.stdout.readline().strip()
            if line.startswith("ADMIN_TOKEN="):
                self.token = line.split("=", 1)[1]
            elif line.startswith("ADMIN_TOKEN_FILE="):
                self.token = Path(line.split("=", 1)[1]).read_text().strip()
            elif line.startswith("Listening on "):
                self.url = line.split()[-1]
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.url + "/health", timeout=2).status_code in (200, 503):
                    break
            time.sleep(0.05)
        host, port = self.url.split("//")[1].split(":")
        self.addr = (host, int(port))

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def issue_rate(server: Server, seconds: float = 4.0, threads: int = 4) -> float:
    """Tickets issued per second by ``threads`` kiosks (numbers freed first)."""
    requests.post(
        server.url + "/api/v1/close-day",
        headers={"Authorization": f"Bearer {server.token}"},
        timeout=30,
    )
    done = [0] * threads
    stop = time.monotonic() + seconds

    def kiosk(i: int) -> None:
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {server.token}"
        n = 0
        while time.monotonic() < stop:
            r = s.post(
                server.url + "/api/v1/tickets",
                json={"service": SERVICES[(n + i) % len(SERVICES)]},
                timeout=30,
            )
            n += 1
            if r.status_code in (200, 201):
                done[i] += 1

    ts = [threading.Thread(target=kiosk, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(done) / seconds


def body_rss(server: Server) -> tuple[float, float]:
    before = server.rss_mb()
    with socket.create_connection(server.addr, timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 314572800\r\n\r\n"
        )
        chunk = b" " * (1024 * 1024)
        with contextlib.suppress(OSError):
            for _ in range(300):
                sock.sendall(chunk)
        with contextlib.suppress(OSError):
            sock.recv(1000)
    time.sleep(1.0)
    return before, server.rss_mb()


def health_during_big_header(server: Server) -> float:
    worst = 0.0
    stop = threading.Event()

    def sender() -> None:
        with contextlib.suppress(OSError), socket.create_connection(server.addr, 10) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ")
            chunk = b"a" * (1024 * 1024)
            for _ in range(100):
                if stop.is_set():
                    break
                sock.sendall(chunk)
            sock.sendall(b"\r\n\r\n")
            sock.recv(1000)

    t = threading.Thread(target=sender)
    t.start()
    end = time.monotonic() + 3  # probe for 3 s whether or not the sender was cut off
    while time.monotonic() < end:
        started = time.monotonic()
        with contextlib.suppress(requests.RequestException):
            requests.get(server.url + "/health", timeout=15)
        worst = max(worst, time.monotonic() - started)
        time.sleep(0.02)
    stop.set()
    t.join(20)
    return worst


def slowloris(server: Server, n: int = 1100, probes: int = 20) -> int:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    flood = []
    try:
        for _ in range(n):
            try:
                s = socket.create_connection(server.addr, timeout=2)
                s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Drip: ")
                flood.append(s)
            except OSError:
                break
        ok = 0
        for _ in range(probes):
            with contextlib.suppress(requests.RequestException):
                r = requests.post(
                    server.url + "/api/v1/tickets",
                    json={"service": "HT"},
                    headers={"Authorization": f"Bearer {server.token}"},
                    timeout=3,
                )
                ok += r.status_code in (200, 201)
            for s in flood[:100]:
                with contextlib.suppress(OSError):
                    s.sendall(b"a")
        return ok
    finally:
        for s in flood:
            s.close()


def fill_day(server: Server, db: Path, src: Path, events: int = 150_000) -> Server:
    """A day of ~50,000 tickets: real events from 200 served tickets, copied in SQL."""
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {server.token}"
    for _ in range(200):
        s.post(server.url + "/api/v1/tickets", json={"service": "HT"}, timeout=30)
        s.post(server.url + "/api/v1/counters/2/call-next", timeout=30)
        s.post(server.url + "/api/v1/counters/2/finish", timeout=30)
    token = server.token
    server.stop()
    conn = sqlite3.connect(db)
    cols = "at, kind, day, ticket_id, service_code, counter, display_number, data"
    while conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] < events:
        conn.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM events")
        conn.commit()
    total = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    conn.close()
    print(f"   day filled with {total} events")
    again = Server(src, db)
    again.token = again.token or token
    t0 = time.monotonic()
    requests.get(again.url + "/metrics", timeout=600)  # the first read of the day after a start
    print(f"   first /metrics after the start: {time.monotonic() - t0:.1f} s")
    return again


def with_scrapers(server: Server, n: int = 4) -> tuple[float, float]:
    stop = threading.Event()
    times: list[float] = []

    def scraper() -> None:
        s = requests.Session()
        while not stop.is_set():
            t0 = time.monotonic()
            with contextlib.suppress(requests.RequestException):
                s.get(server.url + "/metrics", timeout=30)
            times.append(time.monotonic() - t0)

    ts = [threading.Thread(target=scraper) for _ in range(n)]
    for t in ts:
        t.start()
    time.sleep(1.0)
    rate = issue_rate(server)
    stop.set()
    for t in ts:
        t.join(60)
    return rate, (sorted(times)[len(times) // 2] if times else 0.0)


def with_subscribers(server: Server, n: int = 300) -> float:
    sel = selectors.DefaultSelector()
    socks = []
    for _ in range(n):
        s = socket.create_connection(server.addr, timeout=5)
        s.sendall(
            f"GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {server.token}"
            "\r\n\r\n".encode()
        )
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        socks.append(s)
    stop = threading.Event()

    def drain() -> None:  # the displays read everything they are sent
        while not stop.is_set():
            for key, _ in sel.select(0.2):
                with contextlib.suppress(OSError):
                    key.fileobj.recv(65536)  # type: ignore[union-attr]

    t = threading.Thread(target=drain)
    t.start()
    time.sleep(1.0)
    rate = issue_rate(server)
    stop.set()
    t.join(5)
    for s in socks:
        s.close()
    return rate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=str(ROOT / "src"))
    args = ap.parse_args()
    src = Path(args.src)
    print(f"server from {src}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "center.db"
        server = Server(src, db)
        try:
            before, after = body_rss(server)
            print(f"1. RSS around a 300 MB unauthenticated body: {before:.0f} MB -> {after:.0f} MB")
            worst = health_during_big_header(server)
            print(f"2. worst /health latency during a 100 MB header: {worst * 1000:.0f} ms")
            ok = slowloris(server)
            print(f"3. issue probes succeeding during 1,100 slowloris connections: {ok}/20")
            time.sleep(1)
            base = issue_rate(server)
            subs = with_subscribers(server)
            print(
                f"5. issue rate with 300 SSE subscribers: {subs:.0f}/s vs {base:.0f}/s "
                f"without = {subs / base:.2f}"
            )
            server = fill_day(server, db, src)
            base = issue_rate(server)
            scraped, median = with_scrapers(server)
            print(
                f"4. issue rate with 4 /metrics scrapers, ~50,000-ticket day: {scraped:.0f}/s "
                f"vs {base:.0f}/s without = {scraped / base:.2f} "
                f"(median scrape {median * 1000:.0f} ms)"
            )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
