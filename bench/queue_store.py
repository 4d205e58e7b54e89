"""Benchmark of the queue store: in-process durable tickets/s with group commit.

Prints (does not assert):
  - tickets/s issued by 16 threads through one QueueService (every ticket fsynced
    before its call returns: WAL + synchronous=FULL, group commit),
  - p50 / p99 latency of one issue call,
  - a mixed run (issue + call_next + finish from counters),
  - the raw rate of single-row durable commits (one INSERT + COMMIT each, WAL,
    synchronous=FULL) on the same disk, and the ratio of the two.

    PYTHONPATH=src python bench/queue_store.py [--tickets 5000] [--threads 16] [--dir DIR]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path

from motcua.config import load_config
from motcua.queue.service import QueueService

SERVICES = ("HT", "CT", "CTR", "DD", "DKKD", "BTXH", "XNC", "XD")


def raw_commit_rate(directory: Path, seconds: float = 3.0) -> float:
    """Single-row durable commits per second on this disk (the fsync budget)."""
    path = directory / f"raw-{time.monotonic_ns()}.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (v) VALUES (?)", ("x" * 100,))
        conn.execute("COMMIT")
        n += 1
    elapsed = time.perf_counter() - start
    conn.close()
    return n / elapsed


def run_threads(threads: int, per_thread: int, job) -> tuple[float, list[float]]:
    latencies: list[list[float]] = [[] for _ in range(threads)]
    barrier = threading.Barrier(threads + 1)

    def worker(i: int) -> None:
        barrier.wait()
        for j in range(per_thread):
            t0 = time.perf_counter()
            job(i, j)
            latencies[i].append(time.perf_counter() - t0)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in pool:
        t.join()
    return time.perf_counter() - start, [x for lst in latencies for x in lst]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tickets", type=int, default=5000)
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--dir", default=None, help="directory on the disk to measure")
    args = ap.parse_args()
    config = load_config(None, env={})
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        directory = Path(tmp)
        # The disk is shared and its speed drifts: measure the raw rate before and after.
        raw_before = raw_commit_rate(directory)
        per_thread = max(1, args.tickets // args.threads)
        total = per_thread * args.threads

        with QueueService.open(config, directory / "issue.db") as svc:

            def issue(i: int, j: int) -> None:
                svc.issue_ticket(SERVICES[(i + j) % len(SERVICES)])

            elapsed, lat = run_threads(args.threads, per_thread, issue)
        rate = total / elapsed

        with QueueService.open(config, directory / "mixed.db") as svc:
            counters = [c.number for c in config.counters]

            def mixed(i: int, j: int) -> None:
                if j % 2 == 0:
                    svc.issue_ticket(SERVICES[(i + j) % len(SERVICES)])
                else:
                    svc.call_next(counters[(i + j) % len(counters)])

            m_elapsed, m_lat = run_threads(args.threads, per_thread, mixed)
        m_rate = total / m_elapsed
        raw_after = raw_commit_rate(directory)
        raw = (raw_before + raw_after) / 2

    print(f"disk: {args.dir or tempfile.gettempdir()}")
    print(
        f"raw single-row durable commits (WAL, synchronous=FULL): {raw:,.0f} commits/s"
        f"  (before {raw_before:,.0f}, after {raw_after:,.0f})"
    )
    print(
        f"issue, {args.threads} threads, {total} tickets: {rate:,.0f} tickets/s"
        f"  p50 {statistics.median(lat) * 1000:.2f} ms  p99 {pct(lat, 0.99) * 1000:.2f} ms"
    )
    print(f"  ratio to raw commit rate: {rate / raw:.2f}x")
    print(
        f"mixed issue + call_next, {args.threads} threads, {total} ops: {m_rate:,.0f} ops/s"
        f"  p50 {statistics.median(m_lat) * 1000:.2f} ms  p99 {pct(m_lat, 0.99) * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
