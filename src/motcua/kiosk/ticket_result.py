"""What taking a number ends in, and the small words around it (no Qt, no center).

``TicketResult`` / ``Outcome`` are what ``TicketFlow.submit`` and
``submit_appointment`` return; ``wait_line`` is a service button's queue line;
``ticket_url`` (and its inverse ``ticket_code``) and ``appointment_code`` are the QR
shapes the kiosk meets.
Re-exported by ``kiosk.ticket_flow``, where callers import them from.
"""

from __future__ import annotations

import re
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


# A ticket's public code as the center makes it (queue.issuing.public_code: 12 URL-safe
# base64 characters) within what the server accepts (1-64 of them).
_CODE = re.compile(r"[A-Za-z0-9_-]{8,64}")


class TicketCodeError(MotcuaError, ValueError):
    """What was scanned or typed is not a ticket's code; ``kind`` says what it looked
    like (``empty``, ``card``: an ID card's QR, ``not_ticket``) so the screen can say
    what to do instead."""

    code = "ticket_code"

    def __init__(self, kind: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.kind = kind


def ticket_code(payload: str) -> str:
    """The public code in what a citizen scanned or typed: the ticket QR's URL
    (``http://host:port/t/<code>``, any host: the kiosk may have printed another
    center address), the short URL printed under the QR (``host:port/t/<code>``), or the
    bare code. Blanks (a scanner's CR/LF, spaces typed between groups) are dropped and
    case is kept (codes are case-sensitive). Raises ``TicketCodeError``."""
    text = "".join(payload.split())
    if not text:
        raise TicketCodeError(
            "empty",
            "Xin ông/bà quét mã QR trên phiếu số thứ tự, hoặc nhập mã in dưới mã QR "
            "(các ký tự sau “/t/”).",
            "Please scan the QR code on your ticket, or type the code printed under it "
            "(the characters after “/t/”).",
        )
    if "|" in text:  # an ID card's QR: fields separated by bars
        raise TicketCodeError(
            "card",
            "Đây là mã QR của thẻ căn cước. Để đánh giá, xin ông/bà quét mã QR trên phiếu "
            "số thứ tự.",
            "This is the QR code of an ID card. To rate, please scan the QR code on your "
            "queue ticket.",
        )
    if "/t/" in text:
        text = text.rsplit("/t/", 1)[1]
        text = re.split(r"[/?#]", text, maxsplit=1)[0]
    if not _CODE.fullmatch(text):
        raise TicketCodeError(
            "not_ticket",
            "Mã này không phải mã trên phiếu số thứ tự. Xin ông/bà quét mã QR in trên "
            "phiếu, hoặc nhập mã in dưới mã QR.",
            "This is not the code of a queue ticket. Please scan the QR code printed on "
            "your ticket, or type the code printed under it.",
        )
    return text


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
