"""Database rows to domain values (and back for the few enums)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from motcua.queue.models import Appointment, Event, EventKind, Rating, Satisfaction, Ticket
from motcua.queue.models import TicketStatus as S
from motcua.queue.timeutil import from_db, from_db_req

Row = dict[str, Any]


def status_list(statuses: Iterable[S]) -> str:
    """``'waiting', 'called'``: a set of statuses as SQL literals, in the enum's order.

    Literal, not bound: SQLite uses a partial index (``WHERE status IN (...)``, see
    schema.py) only when the query repeats the index's condition as written, and a
    bound ``?`` cannot be matched. The values are the enum's own, never input."""
    wanted = set(statuses)
    return ", ".join(f"'{s.value}'" for s in S if s in wanted)


def ticket_from_row(row: Row) -> Ticket:
    return Ticket(
        id=int(row["id"]),
        public_code=row["public_code"],
        day=date.fromisoformat(row["day"]),
        service_code=row["service_code"],
        number=int(row["number"]),
        display_number=row["display_number"],
        status=S(row["status"]),
        issued_at=from_db_req(row["issued_at"]),
        order_at=from_db_req(row["order_at"]),
        priority_group=row["priority_group"],
        appointment_code=row["appointment_code"],
        appointment_at=from_db(row["appointment_at"]),
        counter=row["counter"],
        target_counter=row["target_counter"],
        recalls=int(row["recalls"]),
        called_at=from_db(row["called_at"]),
        started_at=from_db(row["started_at"]),
        finished_at=from_db(row["finished_at"]),
        citizen_name=row["citizen_name"] or "",
        has_citizen_id=row["id_hash"] is not None,
    )


def event_from_row(row: Row) -> Event:
    return Event(
        id=int(row["id"]),
        at=from_db_req(row["at"]),
        kind=EventKind(row["kind"]),
        day=date.fromisoformat(row["day"]),
        ticket_id=row["ticket_id"],
        service_code=row["service_code"],
        counter=row["counter"],
        display_number=row["display_number"],
        data=json.loads(row["data"] or "{}"),
    )


def rating_from_row(row: Row) -> Rating:
    return Rating(
        ticket_id=int(row["ticket_id"]),
        level=Satisfaction(row["level"]),
        at=from_db_req(row["at"]),
        counter=row["counter"],
        service_code=row["service_code"],
        reason=row["reason"] or "",
    )


def appointment_from_row(row: Row) -> Appointment:
    return Appointment(
        code=row["code"],
        service_code=row["service_code"],
        slot_at=from_db_req(row["slot_at"]),
        citizen_name=row["citizen_name"] or "",
        ticket_id=row["ticket_id"],
    )


def ratings_between(
    tx: Any, first: date, last: date, level: Satisfaction | None = None
) -> list[Rating]:
    """Ratings of the tickets issued on business days ``first``..``last``, oldest first;
    only those of ``level`` when given (the reasons behind KHÔNG HÀI LÒNG)."""
    if level is not None:  # few: from the ratings of that level to their tickets
        rows = tx.all(
            "SELECT r.* FROM ratings r CROSS JOIN tickets t ON t.id = r.ticket_id"
            " WHERE r.level = ? AND t.day BETWEEN ? AND ? ORDER BY r.at",
            (level.value, first.isoformat(), last.isoformat()),
        )
        return [rating_from_row(r) for r in rows]
    rows = tx.all(
        "SELECT r.* FROM ratings r JOIN tickets t ON t.id = r.ticket_id"
        " WHERE t.day BETWEEN ? AND ? ORDER BY r.at",
        (first.isoformat(), last.isoformat()),
    )
    return [rating_from_row(r) for r in rows]
