"""The one interface every app uses to talk to the center.

``motcua.queue.service.QueueService`` implements it in-process (commune office,
tests); ``motcua.server.client.HttpCenter`` implements it over HTTP + SSE
(provincial center). Apps take a ``Center`` and never know which.

All methods are synchronous and may block on I/O: Qt apps call them off the UI
thread. Errors are ``motcua.queue.errors.QueueError`` subclasses; a remote
client raises ``CenterUnavailable`` when the server cannot be reached.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from motcua.queue.models import (
    Appointment,
    CenterInfo,
    CitizenInfo,
    CounterState,
    Event,
    QueueSnapshot,
    Rating,
    Satisfaction,
    Ticket,
    TicketInfo,
)
from motcua.queue.stats import DayStats

Unsubscribe = Callable[[], None]


@runtime_checkable
class Center(Protocol):
    def info(self) -> CenterInfo: ...

    # --- citizens (kiosk)
    def issue_ticket(
        self,
        service_code: str,
        *,
        priority_group: str | None = None,
        citizen: CitizenInfo | None = None,
        appointment_code: str | None = None,
    ) -> TicketInfo:
        """Issue a ticket. With ``citizen``, an active ticket of the same ID for the same
        service is returned instead (``existing=True``). With ``appointment_code`` the
        service comes from the appointment when ``service_code`` is empty."""
        ...

    def ticket(self, ticket_id: int) -> TicketInfo: ...

    def ticket_by_code(self, public_code: str) -> TicketInfo: ...

    def rate(self, ticket_id: int, level: Satisfaction, reason: str = "") -> Rating: ...

    def ratings_between(
        self, first: date, last: date, level: Satisfaction | None = None
    ) -> list[Rating]:
        """The ratings of tickets issued on business days ``first``..``last``; only those
        of ``level`` when given (the reasons behind KHÔNG HÀI LÒNG)."""
        ...

    # --- counters (console, keypads)
    def call_next(self, counter: int) -> Ticket | None:
        """Finish the counter's current ticket if any, then call the next one by policy.
        None when nobody waits for this counter's services."""
        ...

    def recall(self, counter: int) -> Ticket:
        """Call the current ticket again; after ``recalls_before_no_show`` recalls it
        becomes a no-show and the returned ticket says so."""
        ...

    def start(self, counter: int) -> Ticket: ...

    def finish(self, counter: int) -> Ticket: ...

    def no_show(self, counter: int) -> Ticket: ...

    def transfer(
        self, counter: int, *, to_service: str | None = None, to_counter: int | None = None
    ) -> Ticket: ...

    def pause(self, counter: int) -> CounterState: ...

    def resume(self, counter: int) -> CounterState: ...

    def restore(self, ticket_id: int) -> Ticket:
        """Bring a no-show back into the queue."""
        ...

    def cancel(self, ticket_id: int) -> Ticket: ...

    # --- everyone
    def snapshot(self) -> QueueSnapshot: ...

    def events_since(self, after_id: int, limit: int = 500) -> list[Event]: ...

    def subscribe(self, callback: Callable[[Event], None]) -> Unsubscribe:
        """Call ``callback(event)`` for every new event, from a background thread."""
        ...

    # --- technicians, managers
    def add_appointment(
        self, code: str, service_code: str, slot_at: datetime, citizen_name: str = ""
    ) -> Appointment: ...

    def close_day(self) -> int:
        """Expire every active ticket of today (technician's 'close the queue'); count."""
        ...

    def stats(self, day: date | None = None) -> DayStats:
        """Statistics of a day (today by default); see stats.py."""
        ...

    def stats_csv(self, day: date | None = None) -> str: ...

    def stats_between(self, first: date, last: date) -> list[DayStats]:
        """Each day's statistics from ``first`` to ``last`` (the manager's reports):
        finished days as kept at their close, today live."""
        ...

    def close(self) -> None: ...
