"""What taking a number ends in, and the small words around it (no Qt, no center).

``TicketResult`` / ``Outcome`` are what ``TicketFlow.submit`` and
``submit_appointment`` return; ``wait_line`` is a service button's queue line;
``ticket_url`` and ``appointment_code`` are the two QR shapes the kiosk meets.
Re-exported by ``kiosk.ticket_flow``, where callers import them from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from motcua.errors import MotcuaError
from motcua.printer import PrintResult, TicketSlip
from motcua.queue.errors import UnknownAppointment, UnknownPriorityGroup, UnknownService
from motcua.queue.models import TicketInfo


class Outcome(StrEnum):
    PRINTED = "printed"
    NOT_PRINTED = "not_printed"  # ticket issued, the printer failed: show it on screen
    EXISTING = "existing"  # this ID already holds an active ticket for the service
    UNAVAILABLE = "unavailable"  # the center cannot be reached: nothing issued
    UNKNOWN_SERVICE = "unknown_service"
    UNKNOWN_APPOINTMENT = "unknown_appointment"  # no such code (or not today): type again
    ERROR = "error"


@dataclass(frozen=True)
class TicketResult:
    outcome: Outcome
    message_vi: str
    message_en: str
    info: TicketInfo | None = None
    slip: TicketSlip | None = None
    print_result: PrintResult | None = None

    @property
    def qr_url(self) -> str:
        return self.slip.qr_url if self.slip else ""


class FlowError(ValueError):
    """A step taken out of order (a bug in the UI, never the citizen's fault)."""


class PriorityRefused(ValueError):
    """The scanned card says the group does not apply (too young for the elderly)."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi, self.message_en = message_vi, message_en


def ticket_url(public_url: str, public_code: str) -> str:
    return f"{public_url.rstrip('/')}/t/{public_code}"


def appointment_code(payload: str) -> str:
    """The code in an appointment's QR: the code itself, or a link ending in it
    (``…/a/HEN-0042``, ``…?code=HEN-0042``). Blank and case are as given."""
    from urllib.parse import parse_qs, urlsplit

    text = payload.strip()
    if "://" not in text:
        return text
    parts = urlsplit(text)
    query = parse_qs(parts.query).get("code")
    if query:
        return query[0].strip()
    return parts.path.rstrip("/").rsplit("/", 1)[-1]


def wait_line(waiting: int, minutes: int) -> tuple[str, str]:
    """What a service button says of its queue (Vietnamese, English)."""
    if waiting <= 0:
        return "Không có ai đang chờ", "Nobody is waiting"
    if minutes <= 0:
        return f"{waiting} người đang chờ", f"{waiting} waiting"
    return (
        f"{waiting} người đang chờ · khoảng {minutes} phút",
        f"{waiting} waiting · about {minutes} min",
    )


def not_issued(exc: MotcuaError) -> TicketResult:
    """What the citizen is told when the center refused the ticket (it is reachable)."""
    if isinstance(exc, UnknownService | UnknownPriorityGroup):
        return TicketResult(
            Outcome.UNKNOWN_SERVICE,
            "Dịch vụ này hiện không nhận số tại máy. "
            f"Xin ông/bà hỏi cán bộ tại quầy hướng dẫn. ({exc.message_vi})",
            "This service does not take numbers at the kiosk right now. "
            f"Please ask staff at the help desk. ({exc.message_en})",
        )
    if isinstance(exc, UnknownAppointment):
        return TicketResult(
            Outcome.UNKNOWN_APPOINTMENT,
            f"{exc.message_vi}. Xin ông/bà kiểm tra lại mã trên giấy hẹn, hoặc hỏi cán bộ "
            "tại quầy hướng dẫn.",
            f"{exc.message_en}. Please check the code on your appointment, or ask staff "
            "at the help desk.",
        )
    return TicketResult(
        Outcome.ERROR,
        f"Chưa cấp được số: {exc.message_vi}. Xin ông/bà hỏi cán bộ tại quầy hướng dẫn.",
        f"No number was issued: {exc.message_en}. Please ask staff at the help desk.",
    )
