"""The same Center scenarios in-process and through HttpCenter: apps cannot tell them apart."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest

from motcua.queue.api import Center
from motcua.queue.errors import (
    AlreadyRated,
    CenterUnavailable,
    CounterPaused,
    InvalidTransition,
    NoCurrentTicket,
    ReasonRequired,
    UnknownAppointment,
    UnknownCounter,
    UnknownPriorityGroup,
    UnknownService,
    UnknownTicket,
)
from motcua.queue.models import (
    CitizenInfo,
    CounterState,
    EventKind,
    QueueSnapshot,
    Satisfaction,
    TicketStatus,
)
from motcua.server.client import HttpCenter


def test_center_protocol_is_implemented(center: Center):
    assert isinstance(center, Center)
    assert center.info().service("HT").name == "Hộ tịch"


def test_ticket_life_and_rating(center: Center, clock):
    info = center.issue_ticket("HT", priority_group="elderly")
    assert info.ticket.display_number == "1001" and info.ticket.status is TicketStatus.WAITING
    assert info.ticket.issued_at.tzinfo is not None
    clock.advance(minutes=3)
    called = center.call_next(1)
    assert called is not None and called.id == info.ticket.id
    assert called.status is TicketStatus.CALLED and called.counter == 1
    assert center.start(1).status is TicketStatus.SERVING
    clock.advance(minutes=5)
    done = center.finish(1)
    assert done.status is TicketStatus.DONE and done.finished_at == clock.now()
    rating = center.rate(done.id, Satisfaction.VERY_SATISFIED)
    assert rating.level is Satisfaction.VERY_SATISFIED and rating.counter == 1
    with pytest.raises(AlreadyRated):
        center.rate(done.id, Satisfaction.SATISFIED)
    assert center.ticket(done.id).ticket == done
    assert center.ticket_by_code(done.public_code).ticket == done


def test_errors_are_the_same_classes(center: Center):
    with pytest.raises(UnknownService) as err:
        center.issue_ticket("NOPE")
    assert err.value.message_vi and err.value.message_en
    with pytest.raises(UnknownPriorityGroup):
        center.issue_ticket("HT", priority_group="vip")
    with pytest.raises(UnknownTicket):
        center.ticket(12345)
    with pytest.raises(UnknownTicket):
        center.ticket_by_code("no such code!")
    with pytest.raises(UnknownCounter):
        center.call_next(99)
    with pytest.raises(NoCurrentTicket):
        center.finish(1)
    with pytest.raises(UnknownAppointment):
        center.issue_ticket("", appointment_code="LH-404")
    t = center.issue_ticket("HT").ticket
    center.call_next(2)
    center.finish(2)
    with pytest.raises(ReasonRequired):
        center.rate(t.id, Satisfaction.UNSATISFIED)
    with pytest.raises(InvalidTransition):
        center.cancel(t.id)


def test_citizen_gets_existing_ticket(center: Center):
    citizen = CitizenInfo("001090123456", "Nguyễn Văn An", date(1990, 1, 1), "Nam")
    first = center.issue_ticket("CTR", citizen=citizen)
    again = center.issue_ticket("CTR", citizen=citizen)
    assert again.existing and again.ticket.id == first.ticket.id
    assert first.ticket.has_citizen_id and "An" not in first.ticket.citizen_name.split()


def test_recall_no_show_restore_transfer(center: Center, config):
    t = center.issue_ticket("HT").ticket
    center.call_next(1)
    for _ in range(config.policy.recalls_before_no_show):
        center.recall(1)
    assert center.recall(1).status is TicketStatus.NO_SHOW
    assert center.restore(t.id).status is TicketStatus.WAITING
    center.call_next(1)
    moved = center.transfer(1, to_service="CT")
    assert moved.service_code == "CT" and moved.status is TicketStatus.WAITING
    assert center.call_next(3).id == t.id
    assert center.transfer(3, to_counter=12).target_counter == 12
    assert center.cancel(t.id).status is TicketStatus.CANCELLED


def test_pause_resume_and_snapshot(center: Center):
    center.issue_ticket("DD")
    state = center.pause(6)
    assert isinstance(state, CounterState) and state.paused and state.number == 6
    with pytest.raises(CounterPaused):
        center.call_next(6)
    snap = center.snapshot()
    assert isinstance(snap, QueueSnapshot)
    assert snap.service("DD").waiting == 1 and snap.counter(6).paused
    assert center.resume(6).paused is False


def test_appointments_close_day_and_stats(center: Center, clock):
    slot = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)
    appt = center.add_appointment("LH-77", "DD", slot, "Phạm Minh Đức")
    assert appt.slot_at == slot and appt.service_code == "DD"
    ticket = center.issue_ticket("", appointment_code="LH-77").ticket
    assert ticket.appointment_code == "LH-77" and ticket.appointment_at == slot
    center.issue_ticket("HT")
    assert center.close_day() == 2
    stats = center.stats(date(2026, 11, 20))
    assert stats.totals.issued == 2 and stats.totals.expired == 2
    assert center.stats() == stats
    assert "2026-11-20" in center.stats_csv()


def test_events_since_and_subscribe(center: Center):
    got = []
    arrived = threading.Event()

    def on_event(event):
        got.append(event)
        if len(got) == 3:
            arrived.set()

    unsubscribe = center.subscribe(on_event)
    try:
        first = center.issue_ticket("HT")  # subscribe() returned: nothing may be missed
        center.issue_ticket("HT")
        center.call_next(2)
        assert arrived.wait(10)
    finally:
        unsubscribe()
    assert [e.kind for e in got] == [EventKind.ISSUED, EventKind.ISSUED, EventKind.CALLED]
    assert got[0].ticket_id == first.ticket.id
    log = center.events_since(0)
    assert log == got
    assert center.events_since(got[0].id, limit=1) == [got[1]]


def test_unreachable_server_is_center_unavailable():
    remote = HttpCenter("http://127.0.0.1:9", "token", timeout=0.5)
    with pytest.raises(CenterUnavailable) as err:
        remote.snapshot()
    assert "máy chủ" in err.value.message_vi
    with pytest.raises(CenterUnavailable):
        remote.issue_ticket("HT")
    remote.close()
