"""Benchmark of the manager's report: days of history generated with an injected clock,
then the server time of a range report (the 90-/30-day page's figures and its HTML).

Prints (does not assert): tickets generated; the roll-up of the finished days (what a
database migrated from an older release does once, on a background thread); then the
report's server time for the whole range and its last 30 days (median of 3), from the
kept daily figures (how the server answers) and, for comparison, by replaying every
day's events (how it answered before daily figures were kept; ``--no-live`` skips it).

    PYTHONPATH=src python bench/reports.py [--days 90] [--per-day 2000] [--dir DIR]

History is generated through ``QueueService.submit`` (ops queue up and commit in groups;
the clock moves forward from inside the writer, between ops): every ticket is issued,
called, finished and rated by the real operations, so the daily figures are the real
ones. A day of 2,000 tickets costs about the same whatever the history (1.1 s on a
loaded 2-core machine: 90 days in about 2 minutes; the progress line every 10 days
shows it). It used to grow with history (1 s on day 1, 14 s on day 8): the first write
of each day queued one rollover per write submitted before the first had committed —
thousands a day — and each rollover read every earlier day's tickets.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from motcua.clock import FakeClock
from motcua.config import load_config
from motcua.queue import ops
from motcua.queue.models import Satisfaction
from motcua.queue.service import QueueService
from motcua.queue.stats import DayStats
from motcua.server.manage.report_page import render_report
from motcua.server.manage.reports import build_report, days_between

SERVICES = ("HT", "CT", "CTR", "DD")
BLOCK = 64  # tickets issued together, then called over 8 rounds at 8 counters
# one in ten citizens rates: 12 rất hài lòng, 7 hài lòng, 1 không hài lòng (95 % satisfied)
LEVELS = (
    (Satisfaction.VERY_SATISFIED,) * 12
    + (Satisfaction.SATISFIED,) * 7
    + (Satisfaction.UNSATISFIED,)
)


def generate(svc: QueueService, clock: FakeClock, days: int, per_day: int, every: int = 10) -> int:
    """``days`` of ``per_day`` tickets through the real operations; prints the seconds a
    day took every ``every`` days (a cost per day that grows with history shows there)."""
    start = clock.now()
    began = time.perf_counter()
    lap = began
    counters = [c.number for c in svc.config.counters][:8]
    n = 0

    def tick(minutes: float) -> ops.Op[None]:
        return lambda tx, ctx: clock.advance(timedelta(minutes=minutes))

    for d in range(days):
        clock.set(start + timedelta(days=d, hours=1))  # 08:00 local
        futures: list[Future[Any]] = []
        called: list[Future[Any]] = []
        for i in range(0, per_day, BLOCK):
            for j in range(min(BLOCK, per_day - i)):
                futures.append(svc.submit(ops.issue_ticket(SERVICES[(i + j) % len(SERVICES)])))
                n += 1
            for _ in range(BLOCK // len(counters)):
                futures.append(svc.submit(tick(0.5)))
                for c in counters:
                    called.append(svc.submit(ops.call_next(c)))
        for c in counters:
            futures.append(svc.submit(ops.finish(c)))
        for f in futures + called:
            with contextlib.suppress(Exception):  # a counter with nobody left to finish
                f.result()
        rates: list[Future[Any]] = []
        for k, f in enumerate(called[::10]):  # every tenth citizen rates
            t = f.result()
            if t is not None:
                level = LEVELS[k % len(LEVELS)]
                reason = "Chờ lâu" if level is Satisfaction.UNSATISFIED else ""
                rates.append(svc.submit(ops.rate(t.id, level, reason)))
        for f in rates:
            with contextlib.suppress(Exception):  # not finished (still at the counter)
                f.result()
        svc.close_day()
        if every and ((d + 1) % every == 0 or d + 1 == days):
            now = time.perf_counter()
            done = (d + 1) % every or every
            print(
                f"  day {d + 1}/{days}: {(now - lap) / done:.2f} s per day"
                f" ({now - began:.0f} s so far)",
                flush=True,
            )
            lap = now
    return n


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """The first run's seconds (nothing decoded yet) and the median of 3."""
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return runs[0], statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--per-day", type=int, default=2000)
    ap.add_argument("--dir", help="keep the database here (reused if it exists)")
    ap.add_argument("--no-live", action="store_true", help="skip the replay comparison")
    args = ap.parse_args()
    tmp = Path(args.dir or tempfile.mkdtemp())
    tmp.mkdir(parents=True, exist_ok=True)
    db = tmp / "reports.db"
    fresh = not db.exists()
    clock = FakeClock(datetime(2026, 6, 1, 0, 0, tzinfo=UTC))
    svc = QueueService.open(load_config(None), db, clock=clock)
    tz = svc.config.center.tz
    first = datetime(2026, 6, 1, tzinfo=UTC).astimezone(tz).date()
    last = first + timedelta(days=args.days - 1)
    if fresh:
        t0 = time.perf_counter()
        n = generate(svc, clock, args.days, args.per_day)
        print(f"generated {n} tickets over {args.days} days in {time.perf_counter() - t0:.0f} s")
    # The day after the last one: every generated day is finished.
    clock.set(
        datetime.combine(last + timedelta(days=1), datetime.min.time(), tz) + timedelta(hours=8)
    )
    svc.close()
    # As a database migrated from an older release: no day kept yet.
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM day_figures")
    svc = QueueService.open(load_config(None), db, clock=clock)
    t0 = time.perf_counter()
    svc.wait_roll_up()
    kept = svc.roll_up()
    print(f"roll-up of the finished days (once, background): {time.perf_counter() - t0:.1f} s")
    del kept
    total = sum(d.totals.issued for d in svc.stats_between(first, last))
    complaints = len(svc.ratings_between(first, last, Satisfaction.UNSATISFIED))
    print(f"tickets in range: {total}; KHÔNG HÀI LÒNG with reasons: {complaints}")
    svc.close()  # a fresh process: nothing decoded yet
    svc = QueueService.open(load_config(None), db, clock=clock)

    def report(lo: date, hi: date, days: Callable[[date, date], list[DayStats]]) -> str:
        span = days_between(lo, hi)
        complaints = svc.ratings_between(lo, hi, Satisfaction.UNSATISFIED)
        r = build_report(days(span[0], span[-1]), complaints, lo, hi)
        return render_report(r, "vi")

    def live(lo: date, hi: date) -> list[DayStats]:
        return [svc.stats(d) for d in days_between(lo, hi)]

    last30 = max(first, last - timedelta(days=29))
    for label, lo in ((f"{args.days} days", first), ("30 days", last30)):
        share = total * ((last - lo).days + 1) / args.days
        cold, kept_s = timed(lambda lo=lo: report(lo, last, svc.stats_between))
        print(
            f"report, {label}, from kept daily figures: first {cold * 1000:.0f} ms, then"
            f" {kept_s * 1000:.0f} ms ({kept_s * 1e6 / share:.1f} µs per ticket)"
        )
        if not args.no_live:
            _, live_s = timed(lambda lo=lo: report(lo, last, live))
            print(
                f"report, {label}, replaying events (before): {live_s * 1000:.0f} ms"
                f" ({live_s * 1e6 / share:.0f} µs per ticket)"
            )
    svc.close()


if __name__ == "__main__":
    main()
