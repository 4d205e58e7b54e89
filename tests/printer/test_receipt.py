"""The dossier receipt: DOMAIN.md's fields in their order, the ID masked, a QR."""

from __future__ import annotations

from printer_readback import ocr_rasters

from motcua.printer import open_printer
from motcua.printer.decoder import qr_codes
from motcua.printer.samples import sample_receipt

FIELDS_IN_ORDER = [
    "GIẤY TIẾP NHẬN HỒ SƠ",
    "Mã hồ sơ",
    "Ông/Bà",
    "Địa chỉ",
    "Số điện thoại",
    "Email",
    "Số CCCD",
    "Nội dung yêu cầu",
    "Thành phần hồ sơ",
    "Số lượng hồ sơ",
    "Thời hạn giải quyết",
    "Thời gian nhận hồ sơ",
    "Thời gian trả kết quả",
    "Nơi nhận kết quả",
    "mang theo giấy này",
    "NGƯỜI NỘP HỒ SƠ",
]


def test_receipt_fields_in_order_and_id_masked(config):
    receipt = sample_receipt(config)
    printer = open_printer("sim://")
    assert printer.print_receipt(receipt).ok
    ops = printer.jobs[0].ops
    text = " ".join(ocr_rasters(ops).split())
    positions = [text.find(label) for label in FIELDS_IN_ORDER]
    assert -1 not in positions, dict(zip(FIELDS_IN_ORDER, positions, strict=True))
    assert positions == sorted(positions)
    assert receipt.id_number not in text and "3456" in text
    assert "Bản chính" in text and "Bản chụp" in text and "Bản sao chứng thực" in text
    assert "ngày làm việc" in text
    (qr,) = qr_codes(ops)
    assert qr.text == receipt.qr_data


def test_receipt_fits_58mm(config):
    printer = open_printer("sim://", profile="58mm")
    assert printer.print_receipt(sample_receipt(config)).ok
    assert printer.jobs[0].image().width == 384 + 32  # paper plus the picture's margins
