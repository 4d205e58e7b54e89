"""Value objects of the queue domain. Frozen; times are aware datetimes in UTC.

Convert to the center's zone (``CenterIdentity.tz``) only for display and for
deciding which business day a moment belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from motcua.config import CenterIdentity, CounterConfig, PriorityGroup, ServiceConfig


class TicketStatus(StrEnum):
    WAITING = "waiting"  # in the queue (also after a transfer or a restore)
    CALLED = "called"  # called to a counter, the citizen has not arrived yet
    SERVING = "serving"  # the clerk started serving
    DONE = "done"
    NO_SHOW = "no_show"  # vắng mặt after N recalls; may be restored
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # left unfinished when the day rolled over

    @property
    def active(self) -> bool:
        """Still to be dealt with today (an unfinished ticket expires at the rollover)."""
        return self in ACTIVE_STATUSES

    @property
    def live(self) -> bool:
        """Its number is still in use (see ``LIVE_STATUSES``)."""
        return self in LIVE_STATUSES


ACTIVE_STATUSES: frozenset[TicketStatus] = frozenset(
    {TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING}
)
"""Tickets still to be dealt with: in the queue, called, or at a counter."""

AT_COUNTER_STATUSES: frozenset[TicketStatus] = frozenset(
    {TicketStatus.CALLED, TicketStatus.SERVING}
)
"""Tickets a counter holds: called to it, or being served there (one per counter)."""

LIVE_STATUSES: frozenset[TicketStatus] = ACTIVE_STATUSES | {TicketStatus.NO_SHOW}
"""Tickets whose number is still 'in use' today: a no-show may come back, so its number
is not handed out again after a wrap (the schema's ``tickets_live_number`` index)."""


class EventKind(StrEnum):
    ISSUED = "issued"
    CALLED = "called"
    RECALLED = "recalled"
    STARTED = "started"
    FINISHED = "finished"
    NO_SHOW = "no_show"
    RESTORED = "restored"
    TRANSFERRED = "transferred"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    RATED = "rated"
    COUNTER_PAUSED = "counter_paused"
    COUNTER_RESUMED = "counter_resumed"
    NUMBER_WRAPPED = "number_wrapped"  # a range ran out and started again (warning)
    APPOINTMENT_ADDED = "appointment_added"


WAITING_CHANGES: frozenset[EventKind] = frozenset(
    {
        EventKind.ISSUED,  # one more waits
        EventKind.CALLED,  # one fewer waits
        EventKind.TRANSFERRED,  # moves to another service's line
        EventKind.RESTORED,  # a no-show waits again
        EventKind.CANCELLED,  # a waiting ticket may be cancelled
        EventKind.EXPIRED,  # waiting tickets expire at close_day / the rollover
        EventKind.COUNTER_PAUSED,  # fewer open counters: longer estimates
        EventKind.COUNTER_RESUMED,
    }
)
"""Events after which a service's waiting count or open counters may differ (what boards
re-read). Not NO_SHOW: it ends a *called* ticket, which no longer counted as waiting."""


class Satisfaction(StrEnum):
    VERY_SATISFIED = "rat_hai_long"
    SATISFIED = "hai_long"
    UNSATISFIED = "khong_hai_long"

    @property
    def needs_reason(self) -> bool:
        """The one rule: a "không hài lòng" rating must say why (the center acts on it).

        ``issuing.rate`` refuses it without a reason (ReasonRequired); screens ask this
        property to know whether to show the reasons."""
        return self is Satisfaction.UNSATISFIED

    @property
    def label(self) -> str:
        return {
            "rat_hai_long": "Rất hài lòng",
            "hai_long": "Hài lòng",
            "khong_hai_long": "Không hài lòng",
        }[self.value]

    @property
    def label_en(self) -> str:
        return {
            "rat_hai_long": "Very satisfied",
            "hai_long": "Satisfied",
            "khong_hai_long": "Not satisfied",
        }[self.value]


@dataclass(frozen=True)
class CitizenInfo:
    """What the kiosk learned from the ID card. Never logged or printed whole."""

    id_number: str
    full_name: str = ""
    birth_date: date | None = None
    sex: str = ""


@dataclass(frozen=True)
class Ticket:
    id: int
    public_code: str  # unguessable; the ticket's live page is /t/{public_code}
    day: date  # the center-local business day it belongs to
    service_code: str
    number: int
    display_number: str  # "1023" or "B007"
    status: TicketStatus
    issued_at: datetime
    order_at: datetime  # the queue orders by this (issue time, kept on transfer by policy)
    priority_group: str | None = None
    appointment_code: str | None = None
    appointment_at: datetime | None = None  # the booked slot, for appointment tickets
    counter: int | None = None  # the counter that called / serves it
    target_counter: int | None = None  # transferred to a specific counter
    recalls: int = 0
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    citizen_name: str = ""  # masked ("Nguyễn V. A."), empty without an ID card
    has_citizen_id: bool = False


@dataclass(frozen=True)
class TicketInfo:
    """A ticket with where it stands: what the kiosk prints and the /t/ page shows."""

    ticket: Ticket
    people_ahead: int
    estimated_wait_minutes: int
    existing: bool = False  # True when an ID already held an active ticket for the service


@dataclass(frozen=True)
class ServiceQueue:
    code: str
    name: str
    name_en: str
    waiting: int
    estimated_wait_minutes: int
    open_counters: int
    last_called: str | None = None  # display number last called for this service today
    oldest_wait_seconds: int = 0  # how long the longest-waiting ticket has waited (metrics)


@dataclass(frozen=True)
class CounterState:
    number: int
    label: str
    services: tuple[str, ...]
    paused: bool
    current: Ticket | None
    served_today: int


@dataclass(frozen=True)
class QueueSnapshot:
    at: datetime
    day: date
    services: tuple[ServiceQueue, ...]
    counters: tuple[CounterState, ...]

    def service(self, code: str) -> ServiceQueue | None:
        return next((s for s in self.services if s.code == code), None)

    def counter(self, number: int) -> CounterState | None:
        return next((c for c in self.counters if c.number == number), None)


@dataclass(frozen=True)
class Event:
    """One append-only fact. ``id`` increases; clients resume from the last id they saw."""

    id: int
    at: datetime
    kind: EventKind
    day: date
    ticket_id: int | None = None
    service_code: str | None = None
    counter: int | None = None
    display_number: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rating:
    ticket_id: int
    level: Satisfaction
    at: datetime
    counter: int | None
    service_code: str
    reason: str = ""


@dataclass(frozen=True)
class Appointment:
    code: str
    service_code: str
    slot_at: datetime
    citizen_name: str = ""  # masked
    ticket_id: int | None = None  # set once turned into a ticket


@dataclass(frozen=True)
class CenterInfo:
    """What a client app needs to know about the center it talks to."""

    center: CenterIdentity
    services: tuple[ServiceConfig, ...]
    counters: tuple[CounterConfig, ...]
    priority_groups: tuple[PriorityGroup, ...]

    def service(self, code: str) -> ServiceConfig | None:
        return next((s for s in self.services if s.code == code), None)

    def counter(self, number: int) -> CounterConfig | None:
        return next((c for c in self.counters if c.number == number), None)

    def priority_group(self, code: str) -> PriorityGroup | None:
        return next((g for g in self.priority_groups if g.code == code), None)
