"""The non-blocking write path (``submit(op)``) behaves as the blocking methods do."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from motcua.queue import ops
from motcua.queue.errors import NoCurrentTicket, StorageError, UnknownService
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


def _count_rollovers(svc: QueueService, monkeypatch, fail_first: bool = False) -> list[int]:
    runs: list[int] = []
    real = svc._gate._rollover

    def rollover(tx):
        runs.append(1)
        if fail_first and len(runs) == 1:
            raise StorageError("Ổ đĩa đầy", "disk full")
        return real(tx)

    monkeypatch.setattr(svc._gate, "_rollover", rollover)
    return runs


def test_a_burst_on_a_new_day_rolls_over_once_in_order(
    svc: QueueService, clock, monkeypatch
) -> None:
    svc.issue_ticket("HT")
    clock.advance(timedelta(days=1))
    runs = _count_rollovers(svc, monkeypatch)
    gate = threading.Event()
    svc.store.submit(lambda tx: gate.wait(10))  # the writer is busy: the burst queues up
    burst = [svc.submit(ops.issue_ticket("HT")) for _ in range(30)]
    gate.set()
    numbers = [int(f.result().ticket.display_number) for f in burst]
    # one rollover for the whole burst (each run reads every earlier day), not 30
    assert runs == [1]
    assert numbers == list(range(numbers[0], numbers[0] + 30))  # in the order submitted
    svc.submit(ops.issue_ticket("HT")).result()
    assert runs == [1]


def test_writes_behind_a_failed_rollover_fail_unrun(
    svc: QueueService, clock, monkeypatch, events
) -> None:
    clock.advance(timedelta(days=1))
    runs = _count_rollovers(svc, monkeypatch, fail_first=True)
    gate = threading.Event()
    svc.store.submit(lambda tx: gate.wait(10))
    behind = [svc.submit(ops.issue_ticket("HT")) for _ in range(3)]
    gate.set()
    for f in behind:
        with pytest.raises(StorageError):
            f.result()
    assert not [e for e in events if e.kind is EventKind.ISSUED]  # none ran
    after = svc.submit(ops.issue_ticket("HT")).result()  # the next write tries again
    assert runs == [1, 1] and after.ticket.status is TicketStatus.WAITING
