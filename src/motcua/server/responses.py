"""What the center API answers, as models for the OpenAPI document.

The routes answer with ``JsonResponse`` (``codec.dump`` of the domain's frozen
dataclasses, compact UTF-8), so these models cost nothing per request: FastAPI never
validates a ``Response`` a route returns. They exist so that ``/openapi.json`` says what
the body really is, and ``tests/server/test_openapi_fuzz.py`` checks every answer
against them (schemathesis' response-schema conformance).

The queue's answers are described by the domain dataclasses themselves (``out``), so a
field added to ``Ticket`` appears in the document without touching this module; the
hand-built bodies (the public ticket view, the device list, dossiers, errors) have their
models here, next to the routes' ``responses=`` helper ``errors``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Literal

import pydantic.dataclasses
from pydantic import BaseModel, ConfigDict, Field

from motcua.queue.models import (
    Appointment,
    CenterInfo,
    CounterState,
    Event,
    QueueSnapshot,
    Rating,
    Ticket,
    TicketInfo,
)
from motcua.queue.stats import DayStats

# ``codec.dump`` writes every field of a dataclass, defaults included: say so, so that a
# body missing one fails the conformance check.
_OUT = ConfigDict(json_schema_serialization_defaults_required=True)


def out(cls: type) -> Any:
    """A pydantic view of the domain dataclass ``cls`` (a subclass; ``cls`` is untouched)."""
    return pydantic.dataclasses.dataclass(frozen=True, config=_OUT)(cls)


if TYPE_CHECKING:  # what mypy sees in the models' annotations below
    TicketOut = Ticket
    RatingOut = Rating
else:
    TicketOut = out(Ticket)
    RatingOut = out(Rating)
CounterStateOut = out(CounterState)
AppointmentOut = out(Appointment)
QueueSnapshotOut = out(QueueSnapshot)
CenterInfoOut = out(CenterInfo)
EventOut = out(Event)
DayStatsOut = out(DayStats)


@pydantic.dataclasses.dataclass(frozen=True, kw_only=True, config=_OUT)
class TicketInfoOut(TicketInfo):
    """A ticket with its place in the queue, and the address of its live page."""

    url: str  # [center] public_url + /t/{public_code}: the citizen's live page (the QR)


class _Out(BaseModel):
    model_config = _OUT


class CallNextOut(_Out):
    ticket: TicketOut | None = Field(description="The called ticket; null when nobody waits")


class CloseDayOut(_Out):
    expired: int = Field(description="Active tickets of the day that were expired")


class ClockOut(_Out):
    """The wall clock against the monotonic clock (issue 12 item 7)."""

    jumped: bool = Field(description="The wall clock is more than 5 minutes off")
    offset_seconds: float = Field(description="How far it jumped (0 within 5 minutes)")
    wall_day: str = Field(description="The day the wall clock says, YYYY-MM-DD")
    day: str = Field(description="The business day the queue works in, YYYY-MM-DD")
    day_held: bool = Field(description="The rollover to wall_day is deferred")


class RatingsOut(_Out):
    ratings: list[RatingOut]


class StorageHealthOut(_Out):
    ok: bool
    problems: list[str] = Field(description="Vietnamese / English, one line per problem")


class HealthOut(_Out):
    status: Literal["ok", "degraded"]
    events: int = Field(description="The last event id the server has seen")
    streams: int = Field(description="Open event streams")
    storage: StorageHealthOut
    warnings: list[str] = Field(
        description="What a technician should see while the queue still works (a clock"
        " jump, an unreadable numbers file): status degraded, HTTP 200"
    )


class DeviceOut(_Out):
    location: str
    device: str
    kind: str
    state: Literal["ok", "warning", "error", "unknown"]
    reason: str
    message: str
    message_en: str
    since: str | None
    reported_at: str
    heartbeat_age_seconds: float
    stale: bool


class DevicesOut(_Out):
    devices: list[DeviceOut]


class AlertsOut(_Out):
    alerts: list[DeviceOut]


class PublicTicketOut(_Out):
    """What anyone holding the ticket's code may see: no name, no ID number."""

    public_code: str
    display_number: str
    service_code: str
    service_name: str
    service_name_en: str
    status: str
    status_label: str
    status_label_en: str
    active: bool
    css_class: str
    counter: int | None
    people_ahead: int
    estimated_wait_minutes: int
    ahead_label: str
    wait_label: str
    wait_label_en: str
    soon: bool
    soon_label: str
    soon_label_en: str
    issued_at: str
    issued_at_local: str
    center_name: str
    hotline: str
    updated_at_local: str


# ---------------------------------------------------------------- dossiers


class DossierApplicantOut(_Out):
    name: str = Field(description="Masked: 'Nguyễn V. A.'")
    id_number: str = Field(description="Masked: '********3456'")
    phone: str


class ConsentOut(_Out):
    text_version: str
    accepted_at: str


class DossierPaperOut(_Out):
    n: int
    name: str
    form: str
    form_label: str
    copies: int
    required: bool
    present: bool
    bytes: int
    sha256: str
    uploaded_at: str | None


class DossierStepOut(_Out):
    seq: int
    at: str
    action: str
    action_label: str
    status: int
    actor: str
    note: str
    from_portal: bool


class DossierOut(_Out):
    """A dossier as the API gives it: never the full ID number or name."""

    code: str
    procedure_code: str
    procedure_name: str
    field: str
    working_days: int
    channel: str
    status: int
    status_label: str
    status_label_en: str
    applicant: DossierApplicantOut
    consent: ConsentOut
    created_at: str | None
    received_at: str | None
    accepted_at: str | None
    due_at: str | None
    finished_at: str | None
    returned_at: str | None
    ticket_number: str
    note: str
    papers: list[DossierPaperOut]
    missing_papers: list[int]
    actions: list[str]
    history: list[DossierStepOut]
    url: str = Field(description="[center] public_url + /d/{code}: the public status page")


class DossierIndicatorsOut(_Out):
    """Decision 766's dossier figures over center-local days ``from``..``to``."""

    first: date = Field(alias="from")
    last: date = Field(alias="to")
    received: int
    digitized: int
    finished: int
    on_time: int
    late: int
    overdue: int
    on_time_rate: float | None
    digitized_rate: float | None


# ---------------------------------------------------------------- errors


class ErrorOut(_Out):
    """Every failure: a stable code, the Vietnamese message first, then the English one."""

    error: str = Field(description="Stable code: unknown_ticket, forbidden, ...")
    message: str = Field(description="Vietnamese, for the person in front of the screen")
    message_en: str


class FieldProblemOut(_Out):
    field: str = Field(description="Where: 'citizen.id_number', 'ticket_id', ...")
    type: str = Field(description="pydantic's error type: missing, string_too_long, ...")


class ValidationErrorOut(ErrorOut):
    """422 for a request the schema refuses (``error``: ``invalid_request``). ``details``
    names each bad field; the domain's own 422s (an unknown priority group, ...) carry
    ``error``, ``message`` and ``message_en`` only."""

    details: list[FieldProblemOut] = Field(default_factory=list)

    model_config = ConfigDict(json_schema_serialization_defaults_required=False)


WHEN = {
    400: "Không đọc được nội dung / the body is not UTF-8 JSON (error: invalid_request)",
    304: "Not modified since the ETag given in If-None-Match (no body)",
    401: "Không có hoặc sai token thiết bị / no, a wrong or a revoked device token",
    403: "Thiết bị này không được phép / this device (role or counter) may not do this",
    404: "Không tìm thấy / unknown ticket, counter, service, appointment or dossier",
    405: "Phương thức không được hỗ trợ / a method this path does not list: the `Allow`"
    " header names those it does (error: method_not_allowed)",
    409: "Trạng thái không cho phép / not allowed in the current state",
    413: "Nội dung quá lớn / the body is over the route's limit (64 KB for JSON)",
    422: "Yêu cầu không hợp lệ / the request is invalid (a field, a value)",
    503: "Lưu trữ gặp sự cố / the database cannot read or record the change",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route for these error statuses, with their real body."""
    answers: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        if status == 304:
            answers[status] = {"description": WHEN[status]}
            continue
        model = ValidationErrorOut if status == 422 else ErrorOut
        answers[status] = {"model": model, "description": WHEN[status]}
    return answers
