"""Models survive the trip to JSON and back exactly (what HttpCenter relies on)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from motcua.config import Config
from motcua.queue.models import (
    CenterInfo,
    CounterState,
    Event,
    EventKind,
    QueueSnapshot,
    Rating,
    Satisfaction,
    ServiceQueue,
    Ticket,
    TicketInfo,
    TicketStatus,
)
from motcua.server.codec import DecodeError, dump, load

ICT = timezone(timedelta(hours=7))


def roundtrip(tp, value):
    return load(tp, json.loads(json.dumps(dump(value))))


def make_ticket(**changes) -> Ticket:
    base = dict(
        id=7,
        public_code="aB3_x-9",
        day=date(2026, 11, 20),
        service_code="DKKD",
        number=7,
        display_number="B007",
        status=TicketStatus.CALLED,
        issued_at=datetime(2026, 11, 20, 2, 0, 1, 123456, tzinfo=UTC),
        order_at=datetime(2026, 11, 20, 9, 0, 1, tzinfo=ICT),
        priority_group="elderly",
        counter=8,
        recalls=2,
        called_at=datetime(2026, 11, 20, 2, 5, tzinfo=UTC),
        citizen_name="Nguyễn V. A.",
        has_citizen_id=True,
    )
    base.update(changes)
    return Ticket(**base)


def test_ticket_info_roundtrip_keeps_every_field_types_and_zones():
    info = TicketInfo(make_ticket(), people_ahead=3, estimated_wait_minutes=12, existing=True)
    back = roundtrip(TicketInfo, info)
    assert back == info
    assert back.ticket.status is TicketStatus.CALLED
    assert back.ticket.order_at.utcoffset() == timedelta(hours=7)
    assert back.ticket.started_at is None


def test_dump_uses_iso_strings_and_enum_values():
    data = dump(make_ticket())
    assert data["status"] == "called"
    assert data["day"] == "2026-11-20"
    assert data["issued_at"] == "2026-11-20T02:00:01.123456+00:00"
    assert json.dumps(data, ensure_ascii=False)  # JSON-ready


def test_snapshot_with_nested_tuples_and_optional_ticket():
    snap = QueueSnapshot(
        at=datetime(2026, 11, 20, 2, 0, tzinfo=UTC),
        day=date(2026, 11, 20),
        services=(ServiceQueue("HT", "Hộ tịch", "Civil status", 4, 16, 3, "1003"),),
        counters=(
            CounterState(1, "Quầy 1", ("HT", "CT"), False, make_ticket(), 5),
            CounterState(2, "Quầy 2", ("HT",), True, None, 0),
        ),
    )
    back = roundtrip(QueueSnapshot, snap)
    assert back == snap
    assert isinstance(back.counters[0].services, tuple)


def test_event_with_free_data_and_rating():
    event = Event(
        id=42,
        at=datetime(2026, 11, 20, 2, 0, tzinfo=UTC),
        kind=EventKind.TRANSFERRED,
        day=date(2026, 11, 20),
        ticket_id=7,
        service_code="HT",
        counter=3,
        display_number="1007",
        data={"to_service": "CT", "nested": [1, {"a": None}]},
    )
    assert roundtrip(Event, event) == event
    rating = Rating(7, Satisfaction.UNSATISFIED, event.at, 3, "HT", "Chờ quá lâu")
    assert roundtrip(Rating, rating) == rating


def test_center_info_from_config_roundtrip(config: Config):
    info = CenterInfo(config.center, config.services, config.counters, config.priority_groups)
    back = roundtrip(CenterInfo, info)
    assert back == info
    assert back.service("DKKD").numbering.display(7) == "B007"


def test_unknown_keys_are_ignored_for_newer_servers():
    data = dump(TicketInfo(make_ticket(), 1, 2))
    data["url"] = "http://x/t/abc"
    data["ticket"]["some_future_field"] = 1
    assert load(TicketInfo, data).ticket.id == 7


@pytest.mark.parametrize(
    ("mutate", "why"),
    [
        (lambda d: d["ticket"].__setitem__("status", "flying"), "unknown enum value"),
        (lambda d: d["ticket"].__setitem__("issued_at", "2026-11-20T02:00:00"), "naive time"),
        (lambda d: d["ticket"].__setitem__("id", "7"), "string for an int"),
        (lambda d: d["ticket"].__setitem__("has_citizen_id", 1), "int for a bool"),
        (lambda d: d.__setitem__("ticket", None), "null ticket"),
        (lambda d: d["ticket"].pop("service_code"), "missing field"),
    ],
)
def test_bad_json_raises_decode_error(mutate, why):
    data = dump(TicketInfo(make_ticket(), 1, 2))
    mutate(data)
    with pytest.raises(DecodeError):
        load(TicketInfo, data)
