"""A counter's own state: paused or open, its current ticket, how many it served today."""

from __future__ import annotations

from motcua.queue.context import OpContext, counter_config
from motcua.queue.event_log import emit
from motcua.queue.models import AT_COUNTER_STATUSES, CounterState, EventKind
from motcua.queue.models import TicketStatus as S
from motcua.queue.records import Row, status_list, ticket_from_row
from motcua.storage import Tx

_AT_COUNTER = status_list(AT_COUNTER_STATUSES)  # as tickets_at_counter's condition


def current_row(tx: Tx, ctx: OpContext, counter: int) -> Row | None:
    """The ticket called to or served at ``counter`` now, if any."""
    return tx.one(
        f"SELECT * FROM tickets WHERE day = ? AND counter = ? AND status IN ({_AT_COUNTER})"
        " ORDER BY called_at DESC, id DESC LIMIT 1",
        (ctx.day_text, counter),
    )


def counter_row(tx: Tx, counter: int) -> Row:
    """The counter's row (paused, priority streak), created on its first action."""
    row = tx.one("SELECT * FROM counters WHERE number = ?", (counter,))
    if row is None:  # the counter's first action ever: give it its row
        tx.run("INSERT OR IGNORE INTO counters (number) VALUES (?)", (counter,))
        row = tx.one("SELECT * FROM counters WHERE number = ?", (counter,))
    assert row is not None
    return row


def set_paused(tx: Tx, ctx: OpContext, counter: int, paused: bool) -> None:
    counter_config(ctx, counter)
    state = counter_row(tx, counter)
    if bool(state["paused"]) == paused:
        return
    tx.run("UPDATE counters SET paused = ? WHERE number = ?", (int(paused), counter))
    emit(
        tx,
        EventKind.COUNTER_PAUSED if paused else EventKind.COUNTER_RESUMED,
        ctx.now,
        ctx.day,
        counter=counter,
    )


def counter_state(tx: Tx, ctx: OpContext, counter: int) -> CounterState:
    cfg = counter_config(ctx, counter)
    state = tx.one("SELECT paused FROM counters WHERE number = ?", (counter,))
    current = current_row(tx, ctx, counter)
    served = tx.one(
        "SELECT COUNT(*) AS n FROM tickets WHERE day = ? AND counter = ? AND status = ?",
        (ctx.day_text, counter, S.DONE),
    )
    return CounterState(
        number=counter,
        label=cfg.label,
        services=cfg.services,
        paused=bool(state and state["paused"]),
        current=ticket_from_row(current) if current else None,
        served_today=int(served["n"]) if served else 0,
    )
