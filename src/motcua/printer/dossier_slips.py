"""The dossier's short slips: "Phiếu nộp hồ sơ" (kiosk), "Phiếu yêu cầu bổ sung" and
"Phiếu từ chối tiếp nhận" (counter). One layout, three titles; plain data in, bytes out.

The receipt after acceptance ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả") is receipt.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from motcua.config import Config
from motcua.dossier.models import Dossier
from motcua.printer.fonts import FontSet
from motcua.printer.profiles import PrinterProfile
from motcua.printer.slips import DossierReceipt, ReceivedPaper
from motcua.printer.writer import SlipWriter
from motcua.public_url import base_url

SlipKind = Literal["intake", "supplement", "reject"]

TITLES: dict[str, tuple[str, ...]] = {
    "intake": ("PHIẾU NỘP HỒ SƠ",),
    "supplement": ("PHIẾU YÊU CẦU", "BỔ SUNG HỒ SƠ"),
    "reject": ("PHIẾU TỪ CHỐI", "TIẾP NHẬN HỒ SƠ"),
}
NOTE_LABELS = {"supplement": "Giấy tờ cần bổ sung:", "reject": "Lý do:"}
FOOTERS = {
    "intake": "Mời ông/bà chờ gọi số tại quầy tiếp nhận và mang theo bản chính giấy tờ.",
    "supplement": "Xin mang giấy tờ bổ sung và phiếu này đến quầy tiếp nhận.",
    "reject": "Cần hỏi thêm, xin liên hệ quầy tiếp nhận hoặc đường dây nóng.",
}


@dataclass(frozen=True)
class DossierSlip:
    kind: SlipKind
    center_name: str
    dossier_code: str
    procedure: str  # "Đăng ký kết hôn (1.000894)"
    applicant_name: str  # masked
    at: datetime  # aware
    papers: tuple[str, ...] = ()  # the papers scanned (intake) / received
    note: str = ""  # what is missing / the reason
    ticket_number: str = ""  # the reception ticket (intake)
    counter_hint: str = ""  # "Quầy tiếp nhận Hộ tịch"
    lookup_url: str = ""
    timezone: str = "Asia/Ho_Chi_Minh"
    footer: str = ""
    extra_lines: tuple[str, ...] = field(default=())

    @property
    def qr_data(self) -> str:
        return self.lookup_url or self.dossier_code


def dossier_slip_job(s: DossierSlip, profile: PrinterProfile, fonts: FontSet) -> bytes:
    w = SlipWriter(profile, fonts, user_chars=True)
    w.align("center")
    w.text(s.center_name.upper(), size=20, bold=True)
    w.enc.rule()
    for part in TITLES[s.kind]:
        w.text(part, size=26, bold=True)
    w.gap(4)
    w.text(f"Mã hồ sơ: {s.dossier_code}", size=22, bold=True)
    w.enc.qr(s.qr_data)
    w.text("Quét mã để tra cứu tình trạng hồ sơ", size=17)
    if s.ticket_number:
        w.enc.rule()
        w.text("Số thứ tự tiếp nhận hồ sơ", size=20)
        w.big_number(s.ticket_number)
        if s.counter_hint:
            w.text(s.counter_hint, size=20, bold=True)
    w.enc.rule()
    w.align("left")
    w.label_value("Thủ tục:", s.procedure)
    w.label_value("Người nộp:", s.applicant_name or "—")
    local = s.at.astimezone(ZoneInfo(s.timezone))
    w.label_value("Thời gian:", local.strftime("%H giờ %M phút, ngày %d/%m/%Y"))
    if s.papers:
        w.label_value("Giấy tờ đã nộp:", "")
        for i, name in enumerate(s.papers, 1):
            w.label_value(f"{i}.", name, size=20)
    if s.note:
        w.label_value(NOTE_LABELS.get(s.kind, "Ghi chú:"), s.note)
    for line in s.extra_lines:
        w.text(line, size=20)
    w.gap(4)
    w.text(s.footer or FOOTERS[s.kind], size=20, bold=True)
    return w.data()


# ---------------------------------------------------------------- from a dossier

_FORMS = {
    "original": "original",
    "certified_copy": "certified_copy",
    "copy": "photocopy",
    "photocopy_with_original": "photocopy",
}


def lookup_url(config: Config, code: str) -> str:
    return f"{base_url(config)}/d/{code}"


def receipt_for(
    d: Dossier, config: Config, receiver: str = "", collect_at: str = ""
) -> DossierReceipt:
    """The receipt's fields in DOMAIN.md's order, from the accepted dossier.

    The applicant's name and ID number are printed masked: the center keeps no more."""
    if d.accepted_at is None:
        raise ValueError("a receipt is for an accepted dossier")
    return DossierReceipt(
        center_name=config.center.name,
        dossier_code=d.code,
        lookup_url=lookup_url(config, d.code),
        applicant_name=d.applicant.masked_name,
        address="",
        phone=d.applicant.phone,
        email="",
        id_number=d.applicant.masked_id,  # printed masked again: the last four digits
        request=f"{d.procedure_name} ({d.procedure_code})",
        papers=tuple(
            ReceivedPaper(p.name, _FORMS[p.form.value], p.copies)  # type: ignore[arg-type]
            for p in d.papers
            if p.present
        ),
        sets=1,
        processing_days=max(d.working_days, 0),
        received_at=d.received_at or d.accepted_at,
        appointment_at=d.due_at or d.accepted_at,
        collect_at=collect_at or f"Bộ phận trả kết quả, {config.center.name}",
        receiver_name=receiver,
        timezone=config.center.timezone,
    )


def slip_for(d: Dossier, config: Config, kind: str, at: Any, counter_hint: str = "") -> DossierSlip:
    return DossierSlip(
        kind=kind,  # type: ignore[arg-type]
        center_name=config.center.name,
        dossier_code=d.code,
        procedure=f"{d.procedure_name} ({d.procedure_code})",
        applicant_name=d.applicant.masked_name,
        at=at,
        papers=tuple(p.name for p in d.papers if p.present),
        note=d.note if kind != "intake" else "",
        ticket_number=d.ticket_number if kind == "intake" else "",
        counter_hint=counter_hint,
        lookup_url=lookup_url(config, d.code),
        timezone=config.center.timezone,
    )
