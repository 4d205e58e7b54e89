"""Benchmark of the center server (prints figures; not a test).

    .venv/bin/python bench/queue_server.py [--tickets 5000] [--clients 16]

Starts `motcua serve` on 127.0.0.1 in a subprocess with a temporary database, then:
1. measures the raw rate of single-row durable SQLite commits (WAL, synchronous=FULL)
   on the same disk, the ceiling any durable server on this machine is held to;
2. 16 concurrent clients (asyncio + aiohttp, keep-alive) issue N tickets, then call
   them all at the counters; latency per request kind (p50/p99);
3. a subscriber in another process listens to /api/v1/events; for every call it
   notes when the CALLED event arrived (monotonic clock, shared by processes) and
   compares it with when that call's response arrived;
4. samples the server's resident memory (psutil) throughout.
Targets (issue 2): >= 1,000 tickets/s, p99 <= 25 ms, >= 25% of the raw commit rate,
RSS <= 150 MB, call -> SSE event p99 <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import aiohttp
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from motcua.server.tokens import TokenStore  # noqa: E402

# Every service of the demo center (5,000 / 8 fits every numbering range) and every
# counter (each service has at least one), so all tickets get called.
ISSUE_SERVICES = ("HT", "CT", "CTR", "DD", "DKKD", "BTXH", "XNC", "XD")
CALL_COUNTERS = tuple(range(1, 13))


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def raw_commits(directory: Path, seconds: float = 2.0) -> tuple[float, list[float]]:
    """Single-row INSERT + COMMIT, one fsync each: what one durable write costs here.

    Returns commits per second and each commit's duration (the disk's own tail)."""
    db = sqlite3.connect(directory / "raw.db", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)")
    durations: list[float] = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT INTO t (v) VALUES (?)", ("x" * 100,))
        db.execute("COMMIT")
        durations.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    db.close()
    return len(durations) / elapsed, durations


def start_server(db: Path, log: Path) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-m", "motcua", "serve", "--db", str(db)]
    cmd += ["--host", "127.0.0.1", "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log.open("wb"), env=env, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("Listening on "):
            return proc, line.split()[-1]
    raise RuntimeError("server did not start: " + log.read_text())


def subscriber(url: str, token: str, ready: mp.Event, done: mp.Event, out: mp.Queue) -> None:
    """Another process: read the SSE stream, note arrival time of each CALLED event."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.request("GET", "/api/v1/events", headers={"Authorization": f"Bearer {token}"})
    resp = conn.getresponse()
    arrivals: dict[int, float] = {}
    buffer = b""
    ready.set()
    while not done.is_set():
        chunk = resp.read1(65536)
        now = time.monotonic()
        if not chunk:
            break
        buffer += chunk
        *messages, buffer = buffer.split(b"\n\n")
        for message in messages:
            for line in message.split(b"\n"):
                if line.startswith(b"data: "):
                    event = json.loads(line[6:])
                    if event["kind"] == "called":
                        arrivals[event["ticket_id"]] = now
    out.put(arrivals)


async def run_load(url: str, token: str, tickets: int, clients: int) -> dict:
    timeout = aiohttp.ClientTimeout(total=30)
    connector = aiohttp.TCPConnector(limit=clients, force_close=False)
    headers = {"Authorization": f"Bearer {token}"}
    issue_lat: list[float] = []
    call_lat: list[float] = []
    call_done: dict[int, float] = {}
    errors: list[str] = []
    async with aiohttp.ClientSession(connector=connector, headers=headers, timeout=timeout) as s:
        # warm up the connections and the server's code paths (not counted)
        await asyncio.gather(*(s.get(f"{url}/api/v1/queue") for _ in range(clients)))

        remaining = [tickets]

        async def issuer(i: int) -> None:
            while remaining[0] > 0:
                remaining[0] -= 1
                service = ISSUE_SERVICES[remaining[0] % len(ISSUE_SERVICES)]
                t0 = time.monotonic()
                async with s.post(f"{url}/api/v1/tickets", json={"service": service}) as r:
                    await r.read()
                    issue_lat.append(time.monotonic() - t0)
                    if r.status != 201:
                        errors.append(f"issue {r.status}")

        t0 = time.perf_counter()
        await asyncio.gather(*(issuer(i) for i in range(clients)))
        issue_seconds = time.perf_counter() - t0

        async def caller(i: int) -> None:
            counter = CALL_COUNTERS[i % len(CALL_COUNTERS)]
            while True:
                t0 = time.monotonic()
                async with s.post(f"{url}/api/v1/counters/{counter}/call-next") as r:
                    body = await r.json()
                    now = time.monotonic()
                    call_lat.append(now - t0)
                    if r.status != 200:
                        errors.append(f"call {r.status}")
                        return
                ticket = body["ticket"]
                if ticket is None:
                    return
                call_done[ticket["id"]] = now

        t0 = time.perf_counter()
        await asyncio.gather(*(caller(i) for i in range(clients)))
        call_seconds = time.perf_counter() - t0
    return {
        "issue_lat": issue_lat,
        "call_lat": call_lat,
        "issue_seconds": issue_seconds,
        "call_seconds": call_seconds,
        "call_done": call_done,
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        tmpdir = Path(tmp)
        raw, raw_durations = raw_commits(tmpdir)
        db = tmpdir / "center.db"
        store = TokenStore(db)
        token = store.create("admin", name="bench")
        store.close()
        proc, url = start_server(db, tmpdir / "server.log")
        server = psutil.Process(proc.pid)
        peak_rss = [0]
        sampling = threading.Event()

        def sample() -> None:
            while not sampling.is_set():
                try:
                    peak_rss[0] = max(peak_rss[0], server.memory_info().rss)
                except psutil.Error:
                    return
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        ctx = mp.get_context("spawn")
        ready, done, out = ctx.Event(), ctx.Event(), ctx.Queue()
        sub = ctx.Process(target=subscriber, args=(url, token, ready, done, out), daemon=True)
        try:
            import requests

            for _ in range(200):
                try:
                    if requests.get(url + "/health", timeout=1).ok:
                        break
                except requests.RequestException:
                    time.sleep(0.05)
            sub.start()
            ready.wait(30)
            time.sleep(0.3)
            sampler.start()
            cpu0, me0 = server.cpu_times(), psutil.Process().cpu_times()
            wall0 = time.perf_counter()
            result = asyncio.run(run_load(url, token, args.tickets, args.clients))
            cpu1, me1 = server.cpu_times(), psutil.Process().cpu_times()
            wall = time.perf_counter() - wall0
            server_cpu = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / wall
            client_cpu = (me1.user + me1.system - me0.user - me0.system) / wall
            raw_after, raw_after_durations = raw_commits(tmpdir, 1.0)
            time.sleep(0.5)  # let the last events reach the subscriber
            done.set()
            requests.post(
                url + "/api/v1/tickets",
                json={"service": "HT"},
                headers={"Authorization": f"Bearer {token}"},
                timeout=5,
            )  # one more event to wake the subscriber's read
            arrivals = out.get(timeout=30)
            sampling.set()
            idle_rss = server.memory_info().rss
        finally:
            proc.terminate()
            proc.wait(15)
            sub.join(5)

    n = args.tickets
    ms = 1000.0
    issue_rate = n / result["issue_seconds"]
    call_rate = len(result["call_done"]) / result["call_seconds"]
    event_lat = [
        max(0.0, arrivals[tid] - t) for tid, t in result["call_done"].items() if tid in arrivals
    ]
    print(f"motcua center server benchmark: {n} tickets, {args.clients} concurrent clients")
    print(f"  machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}")
    print(
        f"raw durable commits (1 row, WAL, synchronous=FULL): {raw:,.0f} /s before the load,"
        f" {raw_after:,.0f} /s after; one commit p50 {pct(raw_durations, 50) * ms:.1f} ms"
        f" p99 {pct(raw_durations + raw_after_durations, 99) * ms:.1f} ms"
    )
    print(
        f"issue:  {issue_rate:,.0f} tickets/s   p50 {pct(result['issue_lat'], 50) * ms:.1f} ms"
        f"   p99 {pct(result['issue_lat'], 99) * ms:.1f} ms"
    )
    print(
        f"call:   {call_rate:,.0f} calls/s     p50 {pct(result['call_lat'], 50) * ms:.1f} ms"
        f"   p99 {pct(result['call_lat'], 99) * ms:.1f} ms   ({len(result['call_done'])} called)"
    )
    raw_mean = (raw + raw_after) / 2
    print(f"tickets/s vs raw commit rate (mean of both): {issue_rate / raw_mean:.0%}")
    print(
        f"call -> SSE event at a subscriber: p50 {pct(event_lat, 50) * ms:.1f} ms"
        f"   p99 {pct(event_lat, 99) * ms:.1f} ms   ({len(event_lat)} events matched)"
    )
    print(f"server RSS: peak {peak_rss[0] / 2**20:.0f} MB, after load {idle_rss / 2**20:.0f} MB")
    print(
        f"CPU during the load: server {server_cpu:.0%}, the 16 clients {client_cpu:.0%}"
        f" of one core ({os.cpu_count()} cores)"
    )
    if result["errors"]:
        print(f"ERRORS: {len(result['errors'])} e.g. {result['errors'][:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
