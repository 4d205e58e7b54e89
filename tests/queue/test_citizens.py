"""ID-card dedupe, appointments, ratings, personal-data purge, priority through the service."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from motcua.queue.errors import (
    AlreadyRated,
    InvalidRequest,
    InvalidTransition,
    ReasonRequired,
    UnknownAppointment,
)
from motcua.queue.models import CitizenInfo, EventKind, Satisfaction, TicketStatus
from motcua.queue.service import QueueService

AN = CitizenInfo(id_number="001090123456", full_name="Nguyễn Văn An")


def test_one_active_ticket_per_id_per_service(svc: QueueService, db_path) -> None:
    first = svc.issue_ticket("HT", citizen=AN)
    assert not first.existing
    assert first.ticket.citizen_name == "Nguyễn V. A." and first.ticket.has_citizen_id
    again = svc.issue_ticket("HT", citizen=AN)
    assert again.existing and again.ticket.id == first.ticket.id
    other_service = svc.issue_ticket("CT", citizen=AN)
    assert not other_service.existing
    # once served, the same person may take a new ticket
    svc.call_next(2)
    svc.finish(2)
    later = svc.issue_ticket("HT", citizen=AN)
    assert not later.existing and later.ticket.id != first.ticket.id


def test_raw_id_number_never_stored(svc: QueueService, db_path) -> None:
    svc.issue_ticket("HT", citizen=AN)
    svc.close()
    dump = "\n".join(sqlite3.connect(db_path).iterdump())
    assert "001090123456" not in dump
    assert "Nguyễn Văn An" not in dump
    assert "Nguyễn V. A." in dump


def test_bad_id_number(svc: QueueService) -> None:
    with pytest.raises(InvalidRequest):
        svc.issue_ticket("HT", citizen=CitizenInfo(id_number="12ab"))


def test_appointment_ticket_called_first_when_due(svc: QueueService, clock, events) -> None:
    slot = clock.now() + timedelta(minutes=60)
    appt = svc.add_appointment("LH-0001", "HT", slot, "Trần Thị Bình")
    assert appt.citizen_name == "Trần T. B." and appt.ticket_id is None
    assert events[-1].kind is EventKind.APPOINTMENT_ADDED
    walk_in = svc.issue_ticket("HT").ticket
    booked = svc.issue_ticket("", appointment_code="LH-0001")
    assert booked.ticket.appointment_at == slot and booked.ticket.service_code == "HT"
    assert booked.ticket.citizen_name == "Trần T. B."
    same = svc.issue_ticket("", appointment_code="LH-0001")
    assert same.existing and same.ticket.id == booked.ticket.id
    assert svc.call_next(2).id == walk_in.id  # not yet due: waits its turn
    svc.issue_ticket("HT")
    clock.advance(minutes=46)  # 14 minutes before the slot: due
    assert svc.call_next(2).id == booked.ticket.id


def test_unknown_or_mismatched_appointment(svc: QueueService, clock) -> None:
    with pytest.raises(UnknownAppointment):
        svc.issue_ticket("", appointment_code="NOPE")
    svc.add_appointment("LH-2", "CT", clock.now())
    with pytest.raises(InvalidRequest):
        svc.issue_ticket("HT", appointment_code="LH-2")
    with pytest.raises(InvalidRequest):
        svc.add_appointment("LH-2", "HT", clock.now())  # same code, other details
    assert svc.add_appointment("LH-2", "CT", clock.now()).code == "LH-2"  # idempotent
    with pytest.raises(InvalidRequest):
        svc.add_appointment("LH-3", "CT", datetime(2026, 11, 20, 9, 0))  # naive


def test_appointment_on_another_day_is_not_used_up(svc: QueueService, clock) -> None:
    svc.add_appointment("LH-9", "HT", clock.now() + timedelta(days=1))
    with pytest.raises(InvalidRequest) as err:
        svc.issue_ticket("", appointment_code="LH-9")
    assert "21/11/2026 lúc 09:00" in err.value.message_vi
    clock.advance(timedelta(days=1, minutes=-10))
    info = svc.issue_ticket("", appointment_code="LH-9")
    assert not info.existing and info.ticket.appointment_code == "LH-9"


def test_ratings(svc: QueueService, events) -> None:
    t = svc.issue_ticket("HT").ticket
    with pytest.raises(InvalidTransition):
        svc.rate(t.id, Satisfaction.SATISFIED)
    svc.call_next(1)
    svc.finish(1)
    with pytest.raises(ReasonRequired) as err:
        svc.rate(t.id, Satisfaction.UNSATISFIED, "  ")
    assert "lý do" in err.value.message_vi
    r = svc.rate(t.id, Satisfaction.UNSATISFIED, "Chờ lâu")
    assert (r.counter, r.service_code, r.reason) == (1, "HT", "Chờ lâu")
    with pytest.raises(AlreadyRated):
        svc.rate(t.id, Satisfaction.VERY_SATISFIED)
    assert events[-1].kind is EventKind.RATED and events[-1].data == {"level": "khong_hai_long"}
    with pytest.raises(InvalidRequest):
        svc.rate(t.id, "5 sao")  # type: ignore[arg-type]


def test_priority_cap_through_service(svc: QueueService, clock) -> None:
    normal = svc.issue_ticket("HT").ticket
    prios = [svc.issue_ticket("HT", priority_group="elderly").ticket for _ in range(3)]
    order = [svc.call_next(2).id for _ in range(4)]
    # max_priority_in_row = 2 in the demo config
    assert order == [prios[0].id, prios[1].id, normal.id, prios[2].id]
    assert svc.issue_ticket("HT", priority_group="pregnant").people_ahead == 0


def test_purge_personal_data(svc: QueueService, clock, db_path) -> None:
    old = svc.issue_ticket("HT", citizen=AN).ticket
    clock.advance(timedelta(days=31))
    recent = svc.issue_ticket("HT", citizen=AN).ticket
    assert svc.purge_personal_data() == 0  # the rollover already did it
    assert svc.ticket(old.id).ticket.citizen_name == ""
    assert svc.ticket(old.id).ticket.citizen_name == ""
    assert not svc.ticket(old.id).ticket.has_citizen_id
    kept = svc.ticket(recent.id).ticket
    assert kept.has_citizen_id and kept.citizen_name == "Nguyễn V. A."
    assert svc.purge_personal_data() == 0
    assert svc.ticket(old.id).ticket.status is TicketStatus.EXPIRED


def test_purge_runs_by_itself_at_rollover(svc: QueueService, clock) -> None:
    old = svc.issue_ticket("HT", citizen=AN).ticket
    clock.advance(timedelta(days=30))
    svc.snapshot()
    assert svc.ticket(old.id).ticket.has_citizen_id  # 30 days: still kept
    clock.advance(timedelta(days=1))
    svc.snapshot()  # the first operation of day 31
    assert not svc.ticket(old.id).ticket.has_citizen_id
    assert svc.ticket(old.id).ticket.citizen_name == ""


def test_restore_from_yesterday_is_refused(svc: QueueService, clock) -> None:
    t = svc.issue_ticket("HT").ticket
    svc.call_next(1)
    svc.no_show(1)
    clock.set(datetime(2026, 11, 21, 2, 0, tzinfo=UTC))
    with pytest.raises(InvalidTransition):
        svc.restore(t.id)
