"""The non-blocking write path (``submit(op)``) behaves as the blocking methods do."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.queue import ops
from motcua.queue.errors import NoCurrentTicket, UnknownService
from motcua.queue.models import EventKind, TicketStatus
from motcua.queue.service import QueueService


def test_submitted_issue_and_call_match_the_blocking_methods(svc: QueueService, events) -> None:
    first = svc.submit(ops.issue_ticket("HT")).result()
    second = svc.issue_ticket("HT")
    assert int(second.ticket.display_number) == int(first.ticket.display_number) + 1
    called = svc.submit(ops.call_next(1)).result()
    assert called is not None and called.id == first.ticket.id
    assert called.status is TicketStatus.CALLED
    assert [e.kind for e in events] == [EventKind.ISSUED, EventKind.ISSUED, EventKind.CALLED]


def test_submitted_errors_are_the_same_errors(svc: QueueService) -> None:
    with pytest.raises(UnknownService):
        svc.submit(ops.issue_ticket("NOPE")).result()
    with pytest.raises(NoCurrentTicket):
        svc.submit(ops.finish(1)).result()


def test_first_submitted_write_of_a_day_rolls_over_first(svc: QueueService, clock, events) -> None:
    old = svc.issue_ticket("HT").ticket
    clock.advance(timedelta(days=1))
    fresh = svc.submit(ops.issue_ticket("HT")).result().ticket
    kinds = [e.kind for e in events]
    # yesterday's ticket expired (rollover) before today's ticket was issued
    assert kinds.index(EventKind.EXPIRED) < len(kinds) - 1 and kinds[-1] is EventKind.ISSUED
    assert svc.ticket(old.id).ticket.status is TicketStatus.EXPIRED
    assert fresh.display_number == old.display_number  # numbering restarted


def test_submitted_future_cannot_be_cancelled(svc: QueueService) -> None:
    future = svc.submit(ops.issue_ticket("HT"))
    assert not future.cancel()
    assert future.result().ticket.service_code == "HT"
