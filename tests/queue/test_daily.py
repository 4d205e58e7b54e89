"""Finished days' figures kept at the rollover: read back equal to the live count, never stale."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from motcua.queue import daily
from motcua.queue.models import Satisfaction
from motcua.queue.service import QueueService
from motcua.queue.stats import DayStats


def _a_day(svc: QueueService, clock) -> int:
    """A few tickets served, rated, a no-show; the id of a served ticket."""
    a = svc.issue_ticket("HT").ticket
    svc.issue_ticket("CT")
    svc.issue_ticket("HT")
    clock.advance(minutes=7)
    svc.call_next(1)
    clock.advance(minutes=3)
    svc.finish(1)
    svc.rate(a.id, Satisfaction.UNSATISFIED, "Chờ lâu")
    svc.call_next(3)
    for _ in range(4):
        svc.recall(3)
    svc.call_next(1)
    clock.advance(minutes=2)
    svc.finish(1)
    return a.id


def _rows(db_path) -> dict[str, tuple[int, str]]:
    with sqlite3.connect(db_path) as conn:
        return {
            d: (r, data) for d, r, data in conn.execute("SELECT day, rules, data FROM day_figures")
        }


def test_encode_decode_round_trip(svc: QueueService, clock) -> None:
    _a_day(svc, clock)
    live = svc.stats()
    assert daily.decode(daily.encode(live)) == live


def test_a_finished_day_is_kept_and_read_back_equal(svc: QueueService, clock, db_path) -> None:
    _a_day(svc, clock)
    day = svc.today()
    live = svc.stats(day)
    assert svc.roll_up() == 0  # today is never kept
    assert _rows(db_path) == {}
    clock.advance(days=1)
    svc.issue_ticket("HT")  # the rollover of the next day
    svc.roll_up()
    rows = _rows(db_path)
    assert list(rows) == [day.isoformat()]
    assert rows[day.isoformat()][0] == daily.RULES
    [kept] = svc.stats_between(day, day)
    assert kept == live
    # Today's figures in the same range come live.
    both = svc.stats_between(day, svc.today())
    assert [d.day for d in both] == [day, svc.today()]
    assert both[1].totals.issued == 1


def test_a_late_event_reopens_the_day(svc: QueueService, clock, db_path) -> None:
    """Yesterday's ticket rated today: the kept row goes, the range counts it live, the
    next roll-up keeps the new figures."""
    svc.issue_ticket("HT")
    svc.call_next(1)
    svc.finish(1)
    served = svc.issue_ticket("HT").ticket
    svc.call_next(1)
    svc.finish(1)
    day = svc.today()
    clock.advance(days=1)
    svc.issue_ticket("CT")
    svc.roll_up()
    assert day.isoformat() in _rows(db_path)
    svc.rate(served.id, Satisfaction.SATISFIED)
    assert day.isoformat() not in _rows(db_path)  # the trigger, same transaction
    [now] = svc.stats_between(day, day)
    assert now.totals.ratings.hai_long == 1
    assert svc.roll_up() == 1
    [kept] = svc.stats_between(day, day)
    assert kept == now


def test_rows_of_other_rules_are_counted_live_and_replaced(
    svc: QueueService, clock, db_path
) -> None:
    _a_day(svc, clock)
    day = svc.today()
    clock.advance(days=1)
    svc.issue_ticket("HT")
    svc.roll_up()
    with sqlite3.connect(db_path) as conn:  # as an older release would have left it
        conn.execute("UPDATE day_figures SET rules = 0, data = '{}'")
    [d] = svc.stats_between(day, day)
    assert d.totals.issued == 3
    assert svc.roll_up() == 1
    assert _rows(db_path)[day.isoformat()][0] == daily.RULES


def test_opening_an_older_database_keeps_its_past_days(config, clock, db_path) -> None:
    """A database migrated from before v4 has history and no rows: opening it keeps them
    (in the background, and ``roll_up`` waits for nothing but the lock)."""
    first = QueueService.open(config, db_path, clock)
    days = []
    for _ in range(3):
        _a_day(first, clock)
        days.append(first.today())
        clock.advance(days=1)
    first.close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM day_figures")
    again = QueueService.open(config, db_path, clock)
    try:
        again.wait_roll_up(timeout=60)
        again.roll_up()
        assert sorted(_rows(db_path)) == [d.isoformat() for d in days]
        figures: list[DayStats] = again.stats_between(days[0], days[-1])
        assert [f.totals.issued for f in figures] == [3, 3, 3]
        assert [f.totals.ratings.khong_hai_long for f in figures] == [1, 1, 1]
    finally:
        again.close()


def test_a_range_of_days_without_tickets(svc: QueueService) -> None:
    today = svc.today()
    days = svc.stats_between(today - timedelta(days=3), today)
    assert [d.totals.issued for d in days] == [0, 0, 0, 0]


def test_complaints_only(svc: QueueService, clock) -> None:
    """The report reads only the KHÔNG HÀI LÒNG ratings (satisfaction is in the days' figures)."""
    _a_day(svc, clock)  # one KHÔNG HÀI LÒNG
    done = svc.issue_ticket("HT").ticket
    svc.call_next(1)
    svc.finish(1)
    svc.rate(done.id, Satisfaction.VERY_SATISFIED)
    day = svc.today()
    assert len(svc.ratings_between(day, day)) == 2
    [bad] = svc.ratings_between(day, day, Satisfaction.UNSATISFIED)
    assert bad.reason == "Chờ lâu"
    assert svc.ratings_between(day - timedelta(days=1), day - timedelta(days=1)) == []
