"""Numbering: per service and business day, wrap without live duplicates, local-midnight reset."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from motcua.config import Numbering
from motcua.queue.errors import NumbersExhausted
from motcua.queue.models import EventKind, TicketStatus
from motcua.queue.numbering import next_candidate
from motcua.queue.service import QueueService


def small_range_config(config, start: int = 1001, end: int = 1003):
    services = tuple(
        replace(s, numbering=Numbering("range", start=start, end=end)) if s.code == "HT" else s
        for s in config.services
    )
    return replace(config, services=services)


def test_next_candidate_range_and_prefix() -> None:
    rng = Numbering("range", start=1001, end=1999)
    assert next_candidate(rng, None) == (1001, False)
    assert next_candidate(rng, 1500) == (1501, False)
    assert next_candidate(rng, 1999) == (1001, True)
    assert next_candidate(rng, 42) == (1001, False)  # the range moved up overnight
    pre = Numbering("prefix", prefix="B", digits=3)
    assert next_candidate(pre, None) == (1, False)
    assert next_candidate(pre, 999) == (1, True)
    assert pre.display(7) == "B007"


def test_range_and_prefix_numbers(svc: QueueService) -> None:
    assert [svc.issue_ticket("HT").ticket.display_number for _ in range(3)] == [
        "1001",
        "1002",
        "1003",
    ]
    assert [svc.issue_ticket("DKKD").ticket.display_number for _ in range(2)] == ["B001", "B002"]
    assert svc.issue_ticket("CT").ticket.display_number == "2001"


def test_wrap_skips_live_numbers_and_warns(config, clock, tmp_path) -> None:
    with QueueService.open(small_range_config(config), tmp_path / "q.db", clock) as svc:
        seen = []
        svc.subscribe(seen.append)
        a, b, c = (svc.issue_ticket("HT").ticket for _ in range(3))
        svc.call_next(2)
        svc.finish(2)  # 1001 done: free again
        svc.cancel(c.id)  # 1003 cancelled: free again
        # 1002 is still waiting (live): the wrap must skip it
        d = svc.issue_ticket("HT").ticket
        e = svc.issue_ticket("HT").ticket
        assert (d.display_number, e.display_number) == ("1001", "1003")
        wraps = [ev for ev in seen if ev.kind is EventKind.NUMBER_WRAPPED]
        assert len(wraps) == 1 and wraps[0].service_code == "HT"
        assert wraps[0].display_number == "1001"
        # every number is live now: a clear error, not a duplicate
        with pytest.raises(NumbersExhausted) as err:
            svc.issue_ticket("HT")
        assert "hết số" in err.value.message_vi
        live = [
            svc.ticket(t.id).ticket.display_number
            for t in (a, b, c, d, e)
            if svc.ticket(t.id).ticket.status.active
        ]
        assert sorted(live) == ["1001", "1002", "1003"]


def test_no_show_number_is_not_reused(config, clock, tmp_path) -> None:
    """A no-show may be restored, so its number stays taken after a wrap."""
    with QueueService.open(small_range_config(config, 1, 2), tmp_path / "q.db", clock) as svc:
        a = svc.issue_ticket("HT").ticket
        svc.issue_ticket("HT")
        svc.call_next(2)
        svc.no_show(2)
        with pytest.raises(NumbersExhausted):
            svc.issue_ticket("HT")
        assert svc.restore(a.id).status is TicketStatus.WAITING


def test_transferred_ticket_keeps_its_number_slot(config, clock, tmp_path) -> None:
    """A ticket moved to another service still holds the number of the service that issued it."""
    with QueueService.open(small_range_config(config, 1, 2), tmp_path / "q.db", clock) as svc:
        svc.issue_ticket("HT")
        svc.issue_ticket("HT")
        svc.call_next(2)
        svc.transfer(2, to_service="CT")
        with pytest.raises(NumbersExhausted):
            svc.issue_ticket("HT")


def test_numbers_restart_at_local_midnight(svc: QueueService, clock, events) -> None:
    clock.set(datetime(2026, 11, 20, 16, 59, 59, tzinfo=UTC))  # 23:59:59 in Hà Nội
    late = svc.issue_ticket("HT").ticket
    assert late.display_number == "1001" and late.day.isoformat() == "2026-11-20"
    svc.issue_ticket("HT")
    clock.advance(seconds=1)  # 17:00 UTC = midnight local
    fresh = svc.issue_ticket("HT").ticket
    assert fresh.display_number == "1001"
    assert fresh.day.isoformat() == "2026-11-21"
    # yesterday's unfinished tickets expired at the first operation of the new day
    assert svc.ticket(late.id).ticket.status is TicketStatus.EXPIRED
    expired = [e for e in events if e.kind is EventKind.EXPIRED]
    assert len(expired) == 2 and {e.day.isoformat() for e in expired} == {"2026-11-20"}
    assert all(e.data["reason"] == "rollover" for e in expired)


def test_rollover_on_read_and_snapshot_shows_only_today(svc: QueueService, clock) -> None:
    svc.issue_ticket("HT")
    clock.advance(timedelta(days=1))
    snap = svc.snapshot()
    assert snap.day.isoformat() == "2026-11-21"
    assert snap.service("HT").waiting == 0
    assert svc.call_next(1) is None
    assert svc.stats(snap.day - timedelta(days=1)).totals.expired == 1
