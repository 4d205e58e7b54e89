"""Benchmark of the manager's report: days of history generated with an injected clock,
then the server time of a range report (the 30-/90-day page's figures).

Prints (does not assert): tickets generated, the report's wall time for the whole range
and for its last 30 days (median of 3), and per 1,000 tickets.

    PYTHONPATH=src python bench/reports.py [--days 90] [--per-day 2000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from motcua.clock import FakeClock
from motcua.config import load_config
from motcua.queue.service import QueueService
from motcua.server.manage.reports import build_report, days_between

SERVICES = ("HT", "CT", "CTR", "DD")


def generate(svc: QueueService, clock: FakeClock, days: int, per_day: int) -> int:
    start = clock.now()
    n = 0
    for d in range(days):
        clock.set(start + timedelta(days=d, hours=1))  # 08:00 local
        for i in range(per_day):
            svc.issue_ticket(SERVICES[i % len(SERVICES)])
            n += 1
            if i % 2 == 1:
                clock.advance(timedelta(seconds=30))
                counter = 1 + (i // 2) % 8
                if svc.call_next(counter) is not None:
                    svc.finish(counter)
        svc.close_day()
    return n


def report_seconds(svc: QueueService, first, last) -> float:
    t0 = time.perf_counter()

    async def run():
        loop = asyncio.get_running_loop()
        days = days_between(first, last)
        stats = await asyncio.gather(*(loop.run_in_executor(None, svc.stats, d) for d in days))
        return build_report(stats, svc.ratings_between(first, last), first, last)

    asyncio.run(run())
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--per-day", type=int, default=2000)
    ap.add_argument("--dir")
    args = ap.parse_args()
    tmp = Path(args.dir or tempfile.mkdtemp())
    clock = FakeClock(datetime(2026, 6, 1, 0, 0, tzinfo=UTC))
    svc = QueueService.open(load_config(None), tmp / "reports.db", clock=clock)
    t0 = time.perf_counter()
    n = generate(svc, clock, args.days, args.per_day)
    print(f"generated {n} tickets over {args.days} days in {time.perf_counter() - t0:.0f} s")
    first = datetime(2026, 6, 1, tzinfo=UTC).astimezone(svc.config.center.tz).date()
    last = first + timedelta(days=args.days - 1)
    last30 = max(first, last - timedelta(days=29))
    for label, lo in (("whole range", first), ("last 30 days", last30)):
        runs = [report_seconds(svc, lo, last) for _ in range(3)]
        med = statistics.median(runs)
        tickets = n * ((last - lo).days + 1) / args.days
        print(f"report, {label}: {med * 1000:.0f} ms ({med * 1e6 / tickets:.0f} µs per ticket)")
    svc.close()


if __name__ == "__main__":
    main()
