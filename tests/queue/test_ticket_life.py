"""Ticket life through QueueService: every transition and the invalid ones."""

from __future__ import annotations

import pytest

from motcua.queue.errors import (
    CounterPaused,
    InvalidRequest,
    InvalidTransition,
    NoCurrentTicket,
    UnknownCounter,
    UnknownService,
    UnknownTicket,
)
from motcua.queue.models import EventKind, TicketStatus
from motcua.queue.service import QueueService


def kinds(events):
    return [e.kind for e in events]


def test_issue_call_start_finish(svc: QueueService, clock, events) -> None:
    first = svc.issue_ticket("HT")
    second = svc.issue_ticket("HT")
    assert (first.ticket.display_number, second.ticket.display_number) == ("1001", "1002")
    assert first.ticket.status is TicketStatus.WAITING
    assert (first.people_ahead, second.people_ahead) == (0, 1)

    clock.advance(minutes=4)
    called = svc.call_next(1)
    assert called is not None and called.id == first.ticket.id
    assert called.status is TicketStatus.CALLED and called.counter == 1
    clock.advance(minutes=1)
    assert svc.start(1).status is TicketStatus.SERVING
    clock.advance(minutes=6)
    done = svc.finish(1)
    assert done.status is TicketStatus.DONE
    assert done.finished_at == clock.now()
    assert kinds(events) == [
        EventKind.ISSUED,
        EventKind.ISSUED,
        EventKind.CALLED,
        EventKind.STARTED,
        EventKind.FINISHED,
    ]
    assert events[-1].data["service_seconds"] == 360.0
    assert events[2].counter == 1 and events[2].display_number == "1001"
    assert svc.ticket(second.ticket.id).people_ahead == 0


def test_call_next_finishes_current_first(svc: QueueService, events) -> None:
    a = svc.issue_ticket("HT").ticket
    b = svc.issue_ticket("HT").ticket
    svc.call_next(2)
    nxt = svc.call_next(2)
    assert nxt is not None and nxt.id == b.id
    assert svc.ticket(a.id).ticket.status is TicketStatus.DONE
    assert kinds(events)[-2:] == [EventKind.FINISHED, EventKind.CALLED]


def test_call_next_with_nobody_waiting_returns_none(svc: QueueService) -> None:
    assert svc.call_next(1) is None
    svc.issue_ticket("DD")
    assert svc.call_next(1) is None  # counter 1 serves HT, CT only


def test_recall_counts_then_no_show(svc: QueueService, config, events) -> None:
    svc.issue_ticket("HT")
    svc.call_next(1)
    n = config.policy.recalls_before_no_show
    for i in range(1, n + 1):
        t = svc.recall(1)
        assert t.status is TicketStatus.CALLED and t.recalls == i
    last = svc.recall(1)
    assert last.status is TicketStatus.NO_SHOW and last.recalls == n
    assert kinds(events)[-1] is EventKind.NO_SHOW
    assert [e.data["recalls"] for e in events if e.kind is EventKind.RECALLED] == [1, 2, 3]
    with pytest.raises(NoCurrentTicket):
        svc.recall(1)


def test_restore_no_show_back_to_queue(svc: QueueService) -> None:
    t = svc.issue_ticket("HT").ticket
    svc.call_next(1)
    svc.no_show(1)
    back = svc.restore(t.id)
    assert back.status is TicketStatus.WAITING and back.counter is None and back.recalls == 0
    assert back.order_at == t.order_at
    again = svc.call_next(2)
    assert again is not None and again.id == t.id
    with pytest.raises(InvalidTransition):
        svc.restore(t.id)  # it is called, not a no-show


def test_cancel(svc: QueueService, events) -> None:
    t = svc.issue_ticket("CT").ticket
    assert svc.cancel(t.id).status is TicketStatus.CANCELLED
    assert kinds(events)[-1] is EventKind.CANCELLED
    with pytest.raises(InvalidTransition):
        svc.cancel(t.id)
    with pytest.raises(UnknownTicket):
        svc.cancel(9999)
    assert svc.call_next(1) is None


def test_invalid_counter_transitions(svc: QueueService) -> None:
    for action in (svc.recall, svc.start, svc.finish, svc.no_show):
        with pytest.raises(NoCurrentTicket):
            action(1)
    with pytest.raises(UnknownCounter):
        svc.call_next(99)
    svc.issue_ticket("HT")
    svc.call_next(1)
    svc.start(1)
    with pytest.raises(InvalidTransition) as err:
        svc.start(1)
    assert "đang được phục vụ" in err.value.message_vi
    with pytest.raises(InvalidTransition):
        svc.recall(1)
    with pytest.raises(InvalidTransition):
        svc.no_show(1)
    with pytest.raises(InvalidTransition):
        svc.cancel(svc.snapshot().counter(1).current.id)


def test_pause_blocks_calls_until_resume(svc: QueueService, events) -> None:
    svc.issue_ticket("HT")
    state = svc.pause(1)
    assert state.paused
    with pytest.raises(CounterPaused) as err:
        svc.call_next(1)
    assert "tạm dừng" in err.value.message_vi
    assert svc.pause(1).paused  # idempotent, no second event
    assert not svc.resume(1).paused
    assert svc.call_next(1) is not None
    assert kinds(events).count(EventKind.COUNTER_PAUSED) == 1
    assert kinds(events).count(EventKind.COUNTER_RESUMED) == 1


def test_transfer_to_service_keeps_place(svc: QueueService, clock, events) -> None:
    early = svc.issue_ticket("HT").ticket
    clock.advance(minutes=1)
    svc.issue_ticket("CT")  # waiting in CT, issued later than `early`
    svc.call_next(2)  # counter 2 serves HT only
    moved = svc.transfer(2, to_service="CT")
    assert moved.status is TicketStatus.WAITING and moved.service_code == "CT"
    assert moved.display_number == "1001" and moved.order_at == early.order_at
    ev = events[-1]
    assert ev.kind is EventKind.TRANSFERRED
    assert ev.data["from_service"] == "HT" and ev.data["to_service"] == "CT"
    assert ev.counter == 2
    nxt = svc.call_next(3)  # serves CT first: the transferred ticket waited longer
    assert nxt is not None and nxt.id == early.id


def test_transfer_without_keeping_place(config, clock, tmp_path) -> None:
    from dataclasses import replace

    cfg = replace(config, policy=replace(config.policy, transfer_keeps_place=False))
    with QueueService.open(cfg, tmp_path / "q.db", clock) as svc:
        a = svc.issue_ticket("HT").ticket
        clock.advance(minutes=1)
        b = svc.issue_ticket("CT").ticket
        svc.call_next(2)
        clock.advance(minutes=1)
        moved = svc.transfer(2, to_service="CT")
        assert moved.order_at == clock.now()
        assert svc.call_next(3).id == b.id
        assert svc.call_next(3).id == a.id


def test_transfer_to_a_specific_counter(svc: QueueService) -> None:
    t = svc.issue_ticket("HT").ticket
    svc.issue_ticket("DD")
    svc.call_next(1)
    moved = svc.transfer(1, to_counter=6)
    assert moved.target_counter == 6 and moved.service_code == "HT"
    assert svc.call_next(2) is None  # HT counter 2 does not see it: it is for counter 6
    got = svc.call_next(6)
    assert got is not None and got.id == t.id


def test_transfer_bad_requests(svc: QueueService) -> None:
    svc.issue_ticket("HT")
    svc.call_next(1)
    with pytest.raises(InvalidRequest):
        svc.transfer(1)
    with pytest.raises(UnknownService):
        svc.transfer(1, to_service="NOPE")
    with pytest.raises(UnknownCounter):
        svc.transfer(1, to_counter=77)
    with pytest.raises(InvalidRequest):
        svc.transfer(1, to_counter=1)
    with pytest.raises(InvalidRequest):
        svc.transfer(1, to_service="HT")
    assert svc.snapshot().counter(1).current is not None  # nothing changed


def test_unknown_service_and_group(svc: QueueService) -> None:
    from motcua.queue.errors import UnknownPriorityGroup

    with pytest.raises(UnknownService) as err:
        svc.issue_ticket("ZZ")
    assert err.value.message_vi.startswith("Không có dịch vụ")
    with pytest.raises(UnknownPriorityGroup):
        svc.issue_ticket("HT", priority_group="vip")
    with pytest.raises(InvalidRequest):
        svc.issue_ticket("")


def test_close_day_expires_active(svc: QueueService, events) -> None:
    svc.issue_ticket("HT")
    svc.issue_ticket("HT")
    svc.issue_ticket("CT")
    svc.call_next(1)
    assert svc.close_day() == 3
    assert all(e.kind is EventKind.EXPIRED for e in events[-3:])
    assert svc.snapshot().service("HT").waiting == 0
    assert svc.close_day() == 0


def test_ticket_by_code(svc: QueueService) -> None:
    t = svc.issue_ticket("HT").ticket
    assert svc.ticket_by_code(t.public_code).ticket.id == t.id
    with pytest.raises(UnknownTicket):
        svc.ticket_by_code("nope")


def test_queue_service_is_a_center(svc: QueueService, config) -> None:
    from motcua.queue.api import Center

    assert isinstance(svc, Center)
    info = svc.info()
    assert info.service("HT").name == "Hộ tịch" and info.counter(12).label == "Quầy 12 · Ưu tiên"
    assert info.priority_group("elderly") is not None
    assert len(info.services) == len(config.services)
