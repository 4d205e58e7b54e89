"""Benchmark of the portal outbox drain (prints figures; not a test).

    .venv/bin/python bench/sync_drain.py [--dossiers 2000] [--steps 5] [--latency-ms 50]
                                         [--max-in-flight 8] [--rate 20] [--baseline-s 20]
                                         [--in-process] [--pin]

1. Starts `motcua serve` (a subprocess, with [portal]) and the reference portal
   (`motcua portal-sim`, another subprocess, 50 ms per answer); issues tickets at a steady
   rate with nothing to sync for half of ``--baseline-s``. The tickets come from a client
   process of its own, never from the bench's (which queues and watches).
2. Stops the portal, queues 2,000 dossiers and 10,000 steps (12,000 outbox rows) while
   it is down, starts it again, and measures the time until the backlog is empty, the
   portal calls per second during the drain, and the ticket-issue p99 meanwhile.
3. Issues tickets with nothing to sync again for the other half of ``--baseline-s``: the
   p99 without a drain is that of both halves together, taken before and after the drain,
   so a machine that drifts over the run's minutes is not read as the drain's cost (each
   half's p99 is printed too). The backlog is watched with one count on an index every
   0.2 s, so the watching costs the machine next to nothing.
Targets (issue 11): >= 50 calls/s at max_in_flight = 8; ticket p99 within 20%.
``--in-process``: the portal adapter in the center's process (separate_process = false);
``--pin``: the center on CPUs of its own. Results: docs/developers/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.sync.helpers import dossier, step  # noqa: E402

from motcua.server.client import HttpCenter  # noqa: E402
from motcua.sync import outbox  # noqa: E402
from motcua.sync.db import open_outbox_store  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def ratio_interval(
    base: list[float], during: list[float], rounds: int = 2000
) -> tuple[float, float]:
    """95% bootstrap interval of p99(during) / p99(base): how sure one run can be."""
    import random

    rng = random.Random(1)
    ratios = sorted(
        pct(rng.choices(during, k=len(during)), 99) / pct(rng.choices(base, k=len(base)), 99)
        for _ in range(rounds)
    )
    return ratios[int(0.025 * rounds)], ratios[int(0.975 * rounds) - 1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sim(port: int, latency_ms: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "motcua",
            "portal-sim",
            "--port",
            str(port),
            "--latency-ms",
            str(latency_ms),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=ENV,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    return proc


def sim_state(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_sim/state", timeout=10) as r:
        return json.loads(r.read())


errors: list[str] = []


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) of the center and of its children (the portal process)."""
    import psutil

    center = psutil.Process(pid)
    own = sum(center.cpu_times()[:2])
    kids = 0.0
    for child in center.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            kids += sum(child.cpu_times()[:2])
    return own, kids


def issue_loop(center: HttpCenter, rate: float, stop: threading.Event, out: list[float]):
    period = 1.0 / rate
    services = ("HT", "CT", "CTR", "DD", "DKKD", "BTXH", "XNC", "XD")  # 8 x 999 numbers
    i = 0
    next_at = time.perf_counter()
    while not stop.is_set():
        t0 = time.perf_counter()
        try:
            center.issue_ticket(services[i % len(services)])
            out.append((time.perf_counter() - t0) * 1000)
        except Exception as exc:  # a full service: note it, keep measuring
            errors.append(type(exc).__name__)
        i += 1
        next_at += period
        time.sleep(max(0.0, next_at - time.perf_counter()))


def issue_client(url: str, token_file: str, rate: float) -> int:
    """The measuring client, a process of its own (``--issue-client``): issues tickets at
    ``rate`` until its stdin closes, then prints the latencies (ms) as JSON. Apart from the
    bench's own work (queueing rows, watching the backlog), which must not be measured."""
    center = HttpCenter(url, Path(token_file).read_text().strip())
    stop = threading.Event()
    out: list[float] = []
    t = threading.Thread(target=issue_loop, args=(center, rate, stop, out))
    t.start()
    sys.stdin.read()
    stop.set()
    t.join()
    center.close()
    json.dump({"ms": out, "errors": errors}, sys.stdout)
    return 0


class Tickets:
    """A running measuring client (see ``issue_client``)."""

    def __init__(self, url: str, token_file: str, rate: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--issue-client", url, token_file, str(rate)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=ENV,
            text=True,
        )

    def stop(self) -> list[float]:
        out, _ = self.proc.communicate("", timeout=60)
        result = json.loads(out)
        errors.extend(result["errors"])
        return result["ms"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=2000)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--latency-ms", type=float, default=50.0)
    ap.add_argument("--max-in-flight", type=int, default=8)
    ap.add_argument("--rate", type=float, default=10.0, help="tickets per second")
    ap.add_argument(
        "--baseline-s",
        type=float,
        default=20.0,
        help="seconds of tickets without a drain, half before it and half after",
    )
    ap.add_argument(
        "--in-process",
        action="store_true",
        help="the adapter in the center's own process ([portal] separate_process = false)",
    )
    ap.add_argument(
        "--pin",
        action="store_true",
        help="the center (and its portal process) on CPUs of its own; the portal-sim and the "
        "clients, other machines in a real center, on the last CPU",
    )
    ap.add_argument("--issue-client", nargs=3, metavar=("URL", "TOKEN_FILE", "RATE"))
    args = ap.parse_args()
    if args.issue_client:
        url, token_file, rate = args.issue_client
        return issue_client(url, token_file, float(rate))

    cpus = sorted(os.sched_getaffinity(0))
    center_cpus = set(cpus[:-1]) if args.pin and len(cpus) > 1 else set(cpus)
    if args.pin and len(cpus) > 1:
        os.sched_setaffinity(0, {cpus[-1]})  # the sim and the clients inherit it
    tmp = Path(tempfile.mkdtemp(prefix="motcua-sync-bench-"))
    sim_port = free_port()
    pw = tmp / "pw"
    pw.write_text("x")
    cfg = tmp / "center.toml"
    demo = (ROOT / "src/motcua/assets/config/demo-center.toml").read_text("utf-8")
    cfg.write_text(
        demo
        + f"""
[portal]
url = "http://127.0.0.1:{sim_port}/"
username = "bench"
password_file = "{pw}"
timeout_s = 5
max_in_flight = {args.max_in_flight}
separate_process = {"false" if args.in_process else "true"}
""",
        encoding="utf-8",
    )
    dbp = tmp / "center.db"
    sim = start_sim(sim_port, args.latency_ms)
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "motcua",
            "serve",
            "--config",
            str(cfg),
            "--db",
            str(dbp),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=ENV,
        text=True,
    )
    os.sched_setaffinity(serve.pid, center_cpus)  # before it starts its portal process
    assert serve.stdout is not None
    token = url = ""
    while not url:
        line = serve.stdout.readline()
        if not line:
            raise SystemExit(f"motcua serve ended before it listened (exit {serve.wait()})")
        if line.startswith("ADMIN_TOKEN="):
            token = line.split("=", 1)[1].strip()
        elif line.startswith("ADMIN_TOKEN_FILE="):  # the server no longer prints the token
            token = Path(line.split("=", 1)[1].strip()).read_text().strip()
        m = re.search(r"Listening on (\S+)", line)
        if m:
            url = m.group(1)
    token_file = tmp / "token"
    token_file.write_text(token)
    center = HttpCenter(url, token)
    for _ in range(100):
        try:
            center.issue_ticket("HT")
            break
        except Exception:
            time.sleep(0.1)
    try:
        # 1. the first half of the baseline
        tickets = Tickets(url, str(token_file), args.rate)
        time.sleep(args.baseline_s / 2)
        before = tickets.stop()

        # 2. the portal goes down; the backlog builds up
        sim.terminate()
        sim.wait(10)
        db = open_outbox_store(dbp)
        t0 = time.perf_counter()
        for start in range(1, args.dossiers + 1, 100):

            def write(tx, start=start):
                for n in range(start, min(args.dossiers, start + 99) + 1):
                    outbox.enqueue_dossier(tx, dossier(n), created=True, now=time.time())
                    for k in range(1, args.steps + 1):
                        outbox.enqueue_step(tx, step(n, k), now=time.time())

            db.write(write)
        rows = db.read(outbox.undelivered)
        print(
            f"queued {rows} rows ({args.dossiers} dossiers, {args.dossiers * args.steps} "
            f"steps) in {time.perf_counter() - t0:.1f} s while the portal was down"
        )
        time.sleep(3)  # the sender finds it off and pauses

        # 3. back up: drain
        sim = start_sim(sim_port, args.latency_ms)
        back = time.perf_counter()
        cpu0 = cpu_seconds(serve.pid)
        tickets = Tickets(url, str(token_file), args.rate)
        first = None
        while True:
            left = db.read(outbox.undelivered)
            if first is None and left < rows:
                first = time.perf_counter() - back
            if left == 0:
                break
            time.sleep(0.2)
        drain = time.perf_counter() - back
        cpu1 = cpu_seconds(serve.pid)
        during = tickets.stop()
        state = sim_state(sim_port)

        # 4. the second half of the baseline: nothing left to sync
        tickets = Tickets(url, str(token_file), args.rate)
        time.sleep(args.baseline_s / 2)
        after = tickets.stop()
        base = before + after
        calls = sum(v for k, v in state["calls"].items() if k != "login") + state["calls"].get(
            "login", 0
        )
        db.close()
        print(
            f"drain: {drain:.1f} s from the portal's return to an empty backlog "
            f"(first delivery after {first or 0:.1f} s)"
        )
        print(
            f"portal calls: {calls} ({calls / drain:.0f} calls/s; "
            f"{rows / drain:.0f} rows/s) at max_in_flight={args.max_in_flight}, "
            f"{args.latency_ms:.0f} ms per call"
        )
        print(
            f"CPU during the drain: center {100 * (cpu1[0] - cpu0[0]) / drain:.0f}% of a core, "
            f"its portal process {100 * (cpu1[1] - cpu0[1]) / drain:.0f}%"
        )
        held = state["dossiers"]
        steps = sum(len(d["QuaTrinhXuLy"]) for d in held.values())
        print(f"portal holds {len(held)} dossiers, {steps} steps")
        b50, b99 = pct(base, 50), pct(base, 99)
        d50, d99 = pct(during, 50), pct(during, 99)
        print(
            f"ticket issue without drain: p50 {b50:.1f} ms, p99 {b99:.1f} ms ({len(base)}; "
            f"p99 before it {pct(before, 99):.1f} ms, after it {pct(after, 99):.1f} ms)"
        )
        print(
            f"ticket issue during drain:  p50 {d50:.1f} ms, p99 {d99:.1f} ms ({len(during)})"
            f"  -> p99 {100 * (d99 / b99 - 1):+.0f}%"
        )
        lo, hi = ratio_interval(base, during)
        print(
            f"p99 change, 95% bootstrap interval: {100 * (lo - 1):+.0f}% .. {100 * (hi - 1):+.0f}%"
            f"  ({len(base)} and {len(during)} tickets; the p99 of a thousand is a few samples)"
        )
        if errors:  # a bench that measured nothing must say why
            from collections import Counter

            print(f"issue errors: {dict(Counter(errors))}")
    finally:
        center.close()
        serve.terminate()
        serve.wait(10)
        sim.terminate()
        sim.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
