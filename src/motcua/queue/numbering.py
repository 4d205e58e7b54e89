"""Handing out ticket numbers: per service, per business day, never a live duplicate.

Runs inside the writer's transaction (``BEGIN IMMEDIATE``), so the read of the
last number and the write of the next are atomic across threads and processes.
A range that runs out wraps to its first number, skipping numbers still live
today (a no-show may come back), and the caller records a NUMBER_WRAPPED
warning event. When every number of the range is live, nothing is handed out:
``NumbersExhausted``.

Before a number is taken, ``marks.cover`` (``motcua.queue.high_water``) makes sure a
ceiling at or above it is durable beside the database, so a restored or damaged
database never hands it out again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from motcua.config import Numbering
from motcua.queue.errors import NumbersExhausted
from motcua.queue.high_water import NumberMarks
from motcua.queue.models import LIVE_STATUSES
from motcua.queue.records import status_list
from motcua.storage import Tx

_LIVE = status_list(LIVE_STATUSES)  # as tickets_live_number's condition


@dataclass(frozen=True)
class Allocation:
    number: int
    display_number: str
    wrapped: bool  # the range ran out and started again with this number


def next_candidate(numbering: Numbering, last: int | None) -> tuple[int, bool]:
    """The number after ``last`` in the scheme, and whether that wrapped around."""
    if last is None or last < numbering.first():  # first of the day, or the range moved
        return numbering.first(), False
    if last >= numbering.last():
        return numbering.first(), True
    return last + 1, False


def allocate(
    tx: Tx,
    day: date,
    service_code: str,
    numbering: Numbering,
    marks: NumberMarks | None = None,
) -> Allocation:
    """Take the next free number of ``service_code`` for ``day`` (inside the write tx)."""
    row = tx.one(
        "SELECT last, wraps FROM number_seq WHERE day = ? AND service_code = ?",
        (day.isoformat(), service_code),
    )
    last = None if row is None else int(row["last"])
    laps = 0 if row is None else int(row["wraps"])
    wrapped = False
    candidate = last
    for _ in range(numbering.capacity):
        candidate, wrap = next_candidate(numbering, candidate)
        wrapped = wrapped or wrap
        if not _is_live(tx, day, service_code, candidate):
            break
    else:
        raise NumbersExhausted(
            f"Đã hết số thứ tự của dịch vụ {service_code} hôm nay: "
            f"tất cả {numbering.capacity} số đang được sử dụng",
            f"all {numbering.capacity} numbers of service {service_code} are in use today",
        )
    assert candidate is not None
    if marks is not None:
        marks.cover(day, service_code, (laps + int(wrapped), candidate), numbering)
    tx.run(
        "INSERT INTO number_seq (day, service_code, last, wraps) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (day, service_code) DO UPDATE SET last = excluded.last,"
        " wraps = wraps + excluded.wraps",
        (day.isoformat(), service_code, candidate, int(wrapped)),
    )
    return Allocation(candidate, numbering.display(candidate), wrapped)


def _is_live(tx: Tx, day: date, service_code: str, number: int) -> bool:
    return (
        tx.one(
            "SELECT 1 AS x FROM tickets WHERE day = ? AND number_service = ? AND number = ?"
            f" AND status IN ({_LIVE})",
            (day.isoformat(), service_code, number),
        )
        is not None
    )
