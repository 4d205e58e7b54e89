"""Request bodies of the center API, as pydantic models.

They bound every field (lengths, number ranges) so that malformed or hostile input
becomes a 422 with a Vietnamese message before it reaches the queue, and they are
what the OpenAPI document at ``/openapi.json`` describes.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from motcua.queue.models import Satisfaction

MAX_ID = 2**53  # ids above this are not ours (and JavaScript clients lose precision)
MAX_COUNTER = 9999

Code = Field(min_length=1, max_length=32)


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(value: Any) -> Any:
    """A day is YYYY-MM-DD, nothing else: pydantic's lax date takes ``0`` (a number or
    the query string "0") as 1970-01-01."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise PydanticCustomError("date_parsing", "A day is YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_parsing", "A day is YYYY-MM-DD") from None


IsoDay = Annotated[date, BeforeValidator(_iso_day)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class CitizenIn(_Body):
    """What the kiosk read from the ID card (the server keeps only what the queue needs)."""

    id_number: str = Field(min_length=9, max_length=12, pattern=r"^[0-9]{9}([0-9]{3})?$")
    full_name: str = Field(default="", max_length=120)
    birth_date: IsoDay | None = None
    sex: str = Field(default="", max_length=8)


class IssueTicketIn(_Body):
    service: str = Field(
        default="", max_length=32, description="Service code; may be empty with appointment_code"
    )
    priority_group: str | None = Field(default=None, min_length=1, max_length=32)
    citizen: CitizenIn | None = None
    appointment_code: str | None = Field(default=None, min_length=1, max_length=64)


class TransferIn(_Body):
    to_service: str | None = Field(default=None, min_length=1, max_length=32)
    to_counter: int | None = Field(default=None, ge=1, le=MAX_COUNTER)


class RatingIn(_Body):
    level: Satisfaction
    reason: str = Field(default="", max_length=500)
    public_code: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="The ticket's public code (its QR); needed unless the rating device "
        "is bound to the counter that served the ticket",
    )


class AppointmentIn(_Body):
    code: str = Field(min_length=1, max_length=64)
    service: str = Field(min_length=1, max_length=32)
    slot_at: AwareDatetime
    citizen_name: str = Field(default="", max_length=120)


class DeviceHealthIn(_Body):
    """One device's health, as ``motcua.devices.DeviceHealth`` says it."""

    device: str = Field(min_length=1, max_length=64, description="the device's role: printer, ...")
    kind: str = Field(
        min_length=1, max_length=32, description="its family: printer, id_scanner, ..."
    )
    state: str = Field(pattern=r"^(ok|warning|error|unknown)$")
    reason: str = Field(min_length=1, max_length=64)
    message_vi: str = Field(default="", max_length=300)
    message_en: str = Field(default="", max_length=300)
    since: AwareDatetime | None = None


class DeviceHealthReportIn(_Body):
    """All the devices of the reporting app; a device it no longer lists is dropped."""

    devices: list[DeviceHealthIn] = Field(max_length=32)
    heartbeat_seconds: float = Field(default=30.0, ge=1.0, le=3600.0)
