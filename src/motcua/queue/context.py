"""What every operation needs besides the transaction: configuration, 'now', randomness."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from motcua.config import Config
from motcua.queue.errors import UnknownCounter, UnknownTicket
from motcua.queue.high_water import NumberMarks
from motcua.queue.records import Row
from motcua.storage import Tx


@dataclass(frozen=True)
class OpContext:
    config: Config
    now: datetime  # taken once per operation, in the writer thread
    day: date  # the center-local business day of ``now``
    secret: bytes  # per-database HMAC key for citizen ID numbers
    random_bytes: Callable[[int], bytes]
    marks: NumberMarks | None = None  # the numbers handed out, beside the database

    @property
    def day_text(self) -> str:
        return self.day.isoformat()


def counter_config(ctx: OpContext, counter: int):
    cfg = ctx.config.counter(counter)
    if cfg is None:
        raise UnknownCounter(f"Không có quầy số {counter}", f"there is no counter {counter}")
    return cfg


def ticket_row(tx: Tx, ticket_id: int) -> Row:
    row = tx.one("SELECT * FROM tickets WHERE id = ?", (ticket_id,))
    if row is None:
        raise UnknownTicket(
            f"Không tìm thấy phiếu số {ticket_id}", f"ticket {ticket_id} does not exist"
        )
    return row
