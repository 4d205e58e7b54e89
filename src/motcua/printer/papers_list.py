""" "Danh sách giấy tờ cần chuẩn bị": a procedure's papers on the ticket printer.

Printed from the kiosk's procedure page ("In danh sách giấy tờ") so that the citizen goes
home with the list and comes back prepared. Each paper is a numbered line with a box to
tick; then the processing time, the fee, and a QR of the online service when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from motcua.printer.fonts import FontSet
from motcua.printer.profiles import PrinterProfile
from motcua.printer.writer import SlipWriter

if TYPE_CHECKING:
    from motcua.catalog import Procedure
    from motcua.config import CenterIdentity

TITLE_LINES = ("DANH SÁCH GIẤY TỜ", "CẦN CHUẨN BỊ")
QR_CAPTION = "Quét mã để làm thủ tục trực tuyến"


@dataclass(frozen=True)
class PapersList:
    center_name: str
    procedure_name: str
    procedure_code: str
    field: str
    papers: tuple[str, ...]
    processing_time: str
    fee: str
    printed_at: datetime  # local time of the center
    online_url: str = ""
    hotline: str = ""

    @classmethod
    def of(cls, p: Procedure, center: CenterIdentity, printed_at: datetime) -> PapersList:
        """The list of a catalog procedure, printed by ``center`` at ``printed_at``."""
        return cls(
            center_name=center.name,
            procedure_name=p.name,
            procedure_code=p.code,
            field=p.field,
            papers=tuple(p.papers),
            processing_time=p.processing_time,
            fee=p.fee,
            printed_at=printed_at.astimezone(center.tz),
            online_url=p.online_url or "",
            hotline=center.hotline,
        )


def papers_list_job(p: PapersList, profile: PrinterProfile, fonts: FontSet) -> bytes:
    w = SlipWriter(profile, fonts)
    w.align("center")
    w.text(p.center_name.upper(), size=20, bold=True)
    w.enc.rule()
    for part in TITLE_LINES:
        w.text(part, size=26, bold=True)
    w.gap(6)
    w.text(p.procedure_name, size=24, bold=True)
    w.text(f"Lĩnh vực: {p.field} · Mã: {p.procedure_code}", size=18)
    w.enc.rule()
    w.align("left")
    if p.papers:
        w.text("Ông/bà mang theo (đánh dấu khi đã có):", size=20, bold=True)
        for i, paper in enumerate(p.papers, 1):
            w.label_value(f"☐ {i}.", paper, size=22, indent=40)
    else:
        w.text("Thủ tục này không yêu cầu giấy tờ.", size=22)
    w.gap(6)
    w.label_value("Thời hạn giải quyết:", p.processing_time or "xin hỏi tại quầy", size=20)
    w.label_value("Phí, lệ phí:", p.fee or "không thu", size=20)
    w.text("Mang theo bản chính để đối chiếu khi nộp bản sao.", size=18)
    if p.online_url:
        w.enc.rule()
        w.align("center")
        w.enc.qr(p.online_url)
        w.text(QR_CAPTION, size=17)
    w.enc.rule()
    w.align("center")
    if p.hotline:
        w.text(f"Cần hỏi thêm: {p.hotline}", size=18)
    w.text(f"In lúc {p.printed_at:%H:%M ngày %d/%m/%Y}", size=17)
    return w.data()
