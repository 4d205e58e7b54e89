"""The queue's event log: a row in ``events`` per change, published once it is committed."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from motcua.queue.models import Event, EventKind
from motcua.queue.timeutil import to_db
from motcua.storage import Tx


def emit(
    tx: Tx,
    kind: EventKind,
    at: datetime,
    day: date,
    *,
    ticket_id: int | None = None,
    service_code: str | None = None,
    counter: int | None = None,
    display_number: str | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    """Append an event row; subscribers hear of it only if the operation commits."""
    data = data or {}
    cur = tx.run(
        "INSERT INTO events (at, kind, day, ticket_id, service_code, counter,"
        " display_number, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            to_db(at),
            kind.value,
            day.isoformat(),
            ticket_id,
            service_code,
            counter,
            display_number,
            json.dumps(data, ensure_ascii=False, sort_keys=True),
        ),
    )
    event = Event(
        id=int(cur.lastrowid or 0),
        at=at,
        kind=kind,
        day=day,
        ticket_id=ticket_id,
        service_code=service_code,
        counter=counter,
        display_number=display_number,
        data=data,
    )
    tx.publish(event)
    return event
