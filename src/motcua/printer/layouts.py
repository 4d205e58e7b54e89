"""The slips: a queue ticket, a test page, and (receipt.py) the dossier receipt.

Each function returns the complete ESC/POS job for a profile. Vietnamese lines
are tight rasters, ASCII is native, the QR is native where the profile allows.
"""

from __future__ import annotations

import re
from datetime import datetime

from motcua.logs import mask_name
from motcua.printer.fonts import FontSet
from motcua.printer.profiles import PrinterProfile
from motcua.printer.raster import Run, render_runs
from motcua.printer.slips import TicketSlip, vn_datetime
from motcua.printer.writer import HALF_WIDTH_MIN_SIZE, SlipWriter

QR_CAPTION = "Quét mã để xem lượt chờ"
PRIORITY_MARK_MAX = 34  # characters of "ƯU TIÊN · group" that fit one inverted line


def priority_lines(label: str) -> tuple[str, str]:
    """The inverted mark and, when the group's name does not fit in it, the name on its
    own line: a priority ticket always names its group."""
    mark = f"ƯU TIÊN · {label}"
    if len(mark) <= PRIORITY_MARK_MAX:
        return mark, ""
    short = re.sub(r"\s*\([^)]*\)\s*$", "", label)  # "Người cao tuổi (từ 60 tuổi)"
    mark = f"ƯU TIÊN · {short}"
    if len(mark) <= PRIORITY_MARK_MAX:
        return mark, ""
    return "ƯU TIÊN", label


def short_url(url: str) -> str:
    """The QR's address as a person types it (no scheme)."""
    return re.sub(r"^https?://", "", url)


def ticket_job(slip: TicketSlip, profile: PrinterProfile, fonts: FontSet) -> bytes:
    w = SlipWriter(profile, fonts)
    w.align("center")
    w.text(slip.center_name, size=22, bold=True, half=True)
    w.enc.rule()
    w.text(slip.service_name, size=34, bold=True, half=True)
    w.gap(4)
    w.text("Số thứ tự", size=18)
    w.big_number(slip.display_number)
    if slip.priority_label:
        w.gap(4)
        label, name_line = priority_lines(slip.priority_label)
        size = w.px(24 if name_line or len(label) <= 12 else 20)
        half = size >= HALF_WIDTH_MIN_SIZE
        mark = render_runs(
            fonts, [Run(label, bold=True)], size, invert=True, pad=4, half_width=half
        )
        w.raster(mark, gap=10, double_width=half)
        if name_line:
            w.text(name_line, size=18, bold=True, half=True)
    w.gap(4)
    w.text(f"Số người đang chờ: {max(0, slip.people_ahead)}", size=21)
    if slip.people_ahead > 0 and slip.estimated_wait_minutes > 0:
        w.text(f"Thời gian chờ dự kiến: ~{slip.estimated_wait_minutes} phút", size=21)
    else:  # "~0 phút" reads like a mistake; say what the kiosk screen says
        w.text("Ông/bà sẽ sớm được mời lên quầy.", size=21)
    if slip.counter_hint:
        w.text(slip.counter_hint, size=24, bold=True, half=True)
    if slip.citizen_name:
        # Masked again (idempotent) and stripped of digit runs: a full name or an
        # ID number handed over by mistake never reaches the paper.
        name = mask_name(re.sub(r"\d", "", slip.citizen_name))
        w.text(f"Công dân: {name}", size=20)
    w.enc.text_line(vn_datetime(slip.local_issued_at()))
    if slip.qr_url:
        w.gap(8)
        w.enc.qr(slip.qr_url)
        w.text(QR_CAPTION, size=17)
        w.enc.text_line(short_url(slip.qr_url))  # ASCII: native text, for people who type it
    if slip.footer:
        w.enc.rule()
        w.text(slip.footer, size=16)
    return w.data()


def check_page_job(profile: PrinterProfile, fonts: FontSet, now: datetime, url: str = "") -> bytes:
    """What a technician prints to check a printer: every kind of content once."""
    w = SlipWriter(profile, fonts)
    w.align("center")
    w.text("TRANG IN THỬ", size=30, bold=True)
    w.text("Máy in hoạt động bình thường", size=22)
    w.enc.rule()
    w.align("left")
    w.text(f"Profile: {profile.name}  {profile.width_dots} dots  {profile.dpi} dpi")
    w.enc.text_line(
        f"QR: {'native' if profile.native_qr else 'raster'}"
        f"  cutter: {'yes' if profile.cutter else 'no'}"
    )
    w.text(f"Time: {now.strftime('%d/%m/%Y %H:%M:%S')}")
    w.text("Tiếng Việt: ăâêôơưđ ĂÂÊÔƠƯĐ", size=22)
    w.text("Dấu: à á ả ã ạ — ề ế ể ễ ệ — ỳ ý ỷ ỹ ỵ", size=22)
    w.text("ASCII: 0123456789 ABCDEFGHIJ abcdefghij")
    w.align("center")
    w.big_number("1023")
    w.enc.qr(url or "https://dichvucong.gov.vn")
    w.text("Quét mã để kiểm tra QR", size=18)
    # A full-width bar shows the print head's every dot and the paper's edges.
    from PIL import Image

    w.raster(Image.new("1", (profile.width_dots, 8), 1))
    return w.data()
