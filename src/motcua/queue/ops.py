"""The queue's writes as typed operations: ``ops.call_next(3)`` is an ``Op[Ticket | None]``.

An operation is a function of the write transaction and the moment's context; building
one does nothing. ``QueueService`` runs it: its blocking methods (``call_next``...) wait
for the durable commit, ``QueueService.submit(op)`` returns the store's future instead, so
a server on an event loop awaits the commit without parking a thread. Both paths run the
same operation, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from motcua.queue import counters, issuing, transitions
from motcua.queue.context import OpContext
from motcua.queue.models import (
    Appointment,
    CitizenInfo,
    CounterState,
    Rating,
    Satisfaction,
    Ticket,
    TicketInfo,
)
from motcua.storage import Tx

T = TypeVar("T")
Op = Callable[[Tx, OpContext], T]


def issue_ticket(
    service_code: str,
    *,
    priority_group: str | None = None,
    citizen: CitizenInfo | None = None,
    appointment_code: str | None = None,
) -> Op[TicketInfo]:
    return lambda tx, ctx: issuing.issue(
        tx, ctx, service_code, priority_group, citizen, appointment_code
    )


def rate(ticket_id: int, level: Satisfaction, reason: str = "") -> Op[Rating]:
    return lambda tx, ctx: issuing.rate(tx, ctx, ticket_id, level, reason)


def call_next(counter: int, clerk: str = "") -> Op[Ticket | None]:
    return lambda tx, ctx: transitions.call_next(tx, ctx, counter, clerk)


def recall(counter: int) -> Op[Ticket]:
    return lambda tx, ctx: transitions.recall(tx, ctx, counter)


def start(counter: int) -> Op[Ticket]:
    return lambda tx, ctx: transitions.start(tx, ctx, counter)


def finish(counter: int) -> Op[Ticket]:
    return lambda tx, ctx: transitions.finish(tx, ctx, counter)


def no_show(counter: int) -> Op[Ticket]:
    return lambda tx, ctx: transitions.no_show(tx, ctx, counter)


def transfer(
    counter: int, *, to_service: str | None = None, to_counter: int | None = None
) -> Op[Ticket]:
    return lambda tx, ctx: transitions.transfer(tx, ctx, counter, to_service, to_counter)


def set_paused(counter: int, paused: bool) -> Op[CounterState]:
    def op(tx: Tx, ctx: OpContext) -> CounterState:
        counters.set_paused(tx, ctx, counter, paused)
        return counters.counter_state(tx, ctx, counter)

    return op


def pause(counter: int) -> Op[CounterState]:
    return set_paused(counter, True)


def resume(counter: int) -> Op[CounterState]:
    return set_paused(counter, False)


def restore(ticket_id: int) -> Op[Ticket]:
    return lambda tx, ctx: transitions.restore(tx, ctx, ticket_id)


def cancel(ticket_id: int) -> Op[Ticket]:
    return lambda tx, ctx: transitions.cancel(tx, ctx, ticket_id)


def add_appointment(
    code: str, service_code: str, slot_at: datetime, citizen_name: str = ""
) -> Op[Appointment]:
    return lambda tx, ctx: issuing.add_appointment(
        tx, ctx, code, service_code, slot_at, citizen_name
    )


def close_day() -> Op[int]:
    """Expire today's unfinished tickets; how many."""
    return lambda tx, ctx: transitions.expire_active(tx, ctx, earlier_days=False)


def purge_personal_data() -> Op[int]:
    return issuing.purge_personal_data
