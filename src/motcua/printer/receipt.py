"""The dossier receipt: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả".

Fields in DOMAIN.md's order: dossier code and its QR, Ông/Bà, address, phone,
email, ID number (masked), what is requested, the papers received (name and
original / certified copy / photocopy), number of sets, legal processing time
in working days, time received, appointment time, where to collect, the note
to bring the slip, then the signatures of submitter and receiver. Laid out for
80 mm paper; it wraps on 58 mm.
"""

from __future__ import annotations

from motcua.printer.fonts import FontSet
from motcua.printer.profiles import PrinterProfile
from motcua.printer.slips import DossierReceipt
from motcua.printer.writer import SlipWriter, two_columns

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
TITLE_LINES = ("GIẤY TIẾP NHẬN HỒ SƠ", "VÀ HẸN TRẢ KẾT QUẢ")
QR_CAPTION = "Quét mã để tra cứu tình trạng hồ sơ"


def _at(moment) -> str:
    return moment.strftime("%H giờ %M phút, ngày %d/%m/%Y")


def receipt_job(r: DossierReceipt, profile: PrinterProfile, fonts: FontSet) -> bytes:
    w = SlipWriter(profile, fonts, user_chars=True)
    w.align("center")
    w.text(r.center_name.upper(), size=20, bold=True)
    w.gap(6)
    w.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=19, bold=True)
    w.text("Độc lập - Tự do - Hạnh phúc", size=19, bold=True)
    w.enc.rule()
    w.gap(4)
    # Broken where a reader pauses, not wherever the width runs out ("... KẾT / QUẢ").
    for part in TITLE_LINES:
        w.text(part, size=24, bold=True)
    w.gap(4)
    w.text(f"Mã hồ sơ: {r.dossier_code}", size=22, bold=True)
    w.enc.qr(r.qr_data)
    w.text(QR_CAPTION, size=17)
    w.enc.rule()

    w.align("left")
    w.text(f"{r.center_name} đã tiếp nhận hồ sơ của:", size=20)
    w.label_value("Ông/Bà:", r.applicant_name)
    w.label_value("Địa chỉ:", r.address or "—")
    w.label_value("Số điện thoại:", r.phone or "—")
    w.label_value("Email:", r.email or "—")
    w.label_value("Số CCCD:", r.masked_id or "—")
    w.label_value("Nội dung yêu cầu giải quyết:", r.request)
    w.label_value("Thành phần hồ sơ:", "")
    for i, paper in enumerate(r.papers, 1):
        copies = f", {paper.copies:02d} bản" if paper.copies != 1 else ""
        w.label_value(f"{i}.", f"{paper.name} ({paper.form_label}{copies})", size=20)
    w.label_value("Số lượng hồ sơ:", f"{r.sets:02d} bộ")
    w.label_value("Thời hạn giải quyết:", f"{r.processing_days:02d} ngày làm việc")
    w.label_value("Thời gian nhận hồ sơ:", _at(r.local(r.received_at)))
    w.label_value("Thời gian trả kết quả:", _at(r.local(r.appointment_at)))
    w.label_value("Nơi nhận kết quả:", r.collect_at)
    for line in r.extra_lines:
        w.text(line, size=20)
    w.gap(4)
    w.text(r.note, size=20, bold=True)
    w.enc.rule()
    size = w.px(20)
    if w.columns_text("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN", bold=True):
        w.columns_text("(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)")
        w.gap(110)  # room to sign
        w.columns_text(r.applicant_name, r.receiver_name)
        return w.data()
    w.raster(
        two_columns(fonts, ["NGƯỜI NỘP HỒ SƠ"], ["NGƯỜI TIẾP NHẬN"], size, w.width, bold=True),
        gap=2,
    )
    w.raster(
        two_columns(fonts, ["(Ký, ghi rõ họ tên)"], ["(Ký, ghi rõ họ tên)"], w.px(17), w.width)
    )
    w.gap(110)  # room to sign
    w.raster(two_columns(fonts, [r.applicant_name], [r.receiver_name], size, w.width))
    return w.data()
