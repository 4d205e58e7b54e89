"""What gets printed: plain data handed over by the kiosk and the counter.

Layouts (``ticket_layout``, ``receipt_layout``) turn these into ESC/POS bytes;
nothing here knows about printers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from motcua.config import CenterIdentity
from motcua.logs import mask_id


@dataclass(frozen=True)
class TicketSlip:
    """A queue ticket. ``citizen_name`` must already be masked ("Nguyễn V. A.")."""

    center_name: str
    service_name: str
    display_number: str
    people_ahead: int
    estimated_wait_minutes: int
    issued_at: datetime  # aware
    qr_url: str
    timezone: str = "Asia/Ho_Chi_Minh"
    priority_label: str = ""
    citizen_name: str = ""
    counter_hint: str = ""
    footer: str = ""

    def local_issued_at(self) -> datetime:
        return _local(self.issued_at, self.timezone)


PaperForm = Literal["original", "certified_copy", "photocopy"]

PAPER_FORM_LABELS: dict[str, str] = {
    "original": "Bản chính",
    "certified_copy": "Bản sao chứng thực",
    "photocopy": "Bản chụp",
}


@dataclass(frozen=True)
class ReceivedPaper:
    """One paper of the dossier as received at the counter."""

    name: str
    form: PaperForm = "original"
    copies: int = 1

    @property
    def form_label(self) -> str:
        return PAPER_FORM_LABELS.get(self.form, self.form)


@dataclass(frozen=True)
class DossierReceipt:
    """ "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", fields in DOMAIN.md's order.

    ``id_number`` is given in full and printed masked (only the last 4 digits).
    ``lookup_url`` is what the QR holds; it defaults to the dossier code itself.
    """

    center_name: str
    dossier_code: str
    applicant_name: str
    address: str
    phone: str
    email: str
    id_number: str
    request: str  # the procedure requested
    papers: tuple[ReceivedPaper, ...]
    sets: int
    processing_days: int  # legal processing time, working days
    received_at: datetime  # aware
    appointment_at: datetime  # aware
    collect_at: str  # where to collect the result
    receiver_name: str = ""
    lookup_url: str = ""
    timezone: str = "Asia/Ho_Chi_Minh"
    note: str = "Công dân vui lòng mang theo giấy này khi đến nhận kết quả."
    extra_lines: tuple[str, ...] = field(default=())

    @property
    def qr_data(self) -> str:
        return self.lookup_url or self.dossier_code

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number) if self.id_number else ""

    def local(self, moment: datetime) -> datetime:
        return _local(moment, self.timezone)


def _local(moment: datetime, tz: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("issued_at / received_at must be timezone-aware")
    return moment.astimezone(ZoneInfo(tz))


def vn_datetime(moment: datetime) -> str:
    """'20/11/2026 09:05' — how Vietnamese slips write a moment."""
    return moment.strftime("%d/%m/%Y %H:%M")


def ticket_footer(center: CenterIdentity) -> str:
    """The footer every ticket of a center carries (kiosk and preview alike)."""
    text = "Vui lòng chờ gọi số trên màn hình."
    return f"{text} Đường dây nóng: {center.hotline}" if center.hotline else text
