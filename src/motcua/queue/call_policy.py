"""Which waiting ticket a counter calls next. Pure functions over plain data.

Order (SPEC 4.1):

1. an appointment ticket whose slot is due now (from ``appointment_early_minutes``
   before the slot to ``appointment_late_minutes`` after), earliest slot first;
2. a priority-group ticket;
3. the longest wait (``order_at``, then ticket id).

A counter considers the waiting tickets of its services that were not sent to a
specific counter, plus the tickets transferred to it specifically.

No starvation: when ``max_priority_in_row`` priority tickets in a row have passed
waiting normal ones at this counter, the next call takes the normal ticket.
A priority ticket "passes" when, without priority, a normal ticket would have
been called instead. Appointment calls neither count nor reset the streak.

``counter_service_order``: "wait" compares waits across all the counter's
services; "listed" serves the first of its listed services that has anyone
waiting (tickets transferred to the counter itself come before its services).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from motcua.config import PolicyConfig


@dataclass(frozen=True)
class Candidate:
    """A waiting ticket as the policy sees it."""

    id: int
    service_code: str
    order_at: datetime
    priority: bool = False
    appointment_at: datetime | None = None
    target_counter: int | None = None


@dataclass(frozen=True)
class Choice:
    ticket_id: int
    reason: str  # "appointment" | "priority" | "wait"
    priority_streak: int  # the counter's streak after this call


def eligible(c: Candidate, counter: int, services: Sequence[str]) -> bool:
    if c.target_counter is not None:
        return c.target_counter == counter
    return c.service_code in services


def appointment_due(c: Candidate, now: datetime, policy: PolicyConfig) -> bool:
    if c.appointment_at is None:
        return False
    early = c.appointment_at - timedelta(minutes=policy.appointment_early_minutes)
    late = c.appointment_at + timedelta(minutes=policy.appointment_late_minutes)
    return early <= now <= late


def _rank_key(c: Candidate, counter: int, services: Sequence[str], mode: str):
    if mode == "listed":
        group = 0 if c.target_counter == counter else 1 + services.index(c.service_code)
    else:
        group = 0
    return (group, c.order_at, c.id)


def choose(
    candidates: Sequence[Candidate],
    *,
    counter: int,
    services: Sequence[str],
    now: datetime,
    policy: PolicyConfig,
    priority_streak: int = 0,
) -> Choice | None:
    """The ticket ``counter`` calls next, or None when nobody waits for it."""
    mode = policy.counter_service_order
    pool = [c for c in candidates if eligible(c, counter, services)]
    if not pool:
        return None

    def key(c: Candidate):
        return _rank_key(c, counter, services, mode)

    due = [c for c in pool if appointment_due(c, now, policy)]
    if due:
        first = min(due, key=lambda c: (c.appointment_at, c.order_at, c.id))
        return Choice(first.id, "appointment", priority_streak)

    by_wait = min(pool, key=key)
    priority = [c for c in pool if c.priority]
    if priority:
        best = min(priority, key=key)
        passes = not by_wait.priority and by_wait.id != best.id
        if not passes:
            return Choice(best.id, "priority", 0)
        if priority_streak < policy.max_priority_in_row:
            return Choice(best.id, "priority", priority_streak + 1)
    return Choice(by_wait.id, "wait", 0)
