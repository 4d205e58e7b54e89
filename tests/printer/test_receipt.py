"""The dossier receipt: DOMAIN.md's fields in their order, the ID masked, a QR."""

from __future__ import annotations

from dataclasses import replace

from printer_readback import decode_qr, find_loosely, fold, ocr_paper, ocr_rasters

from motcua.printer import get_profile, open_printer
from motcua.printer.decoder import qr_codes, rasters
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
    """80 mm: the text goes as printer text in user-defined characters; tesseract
    reads the paper the sim printer drew from the bytes (letter case aside: a
    monospace Ồ and ồ differ only in size)."""
    receipt = sample_receipt(config)
    printer = open_printer("sim://")
    assert printer.print_receipt(receipt).ok
    job = printer.jobs[0]
    assert not rasters(job.ops)  # every line is text
    assert len(job.data) <= 12 * 1024
    _check_fields(receipt, job.ops, ocr_paper(job.image()))
    assert decode_qr(job.image()) == [receipt.qr_data]  # zbar, from the drawn paper


def test_receipt_as_raster_reads_the_same(config):
    """A profile without user-defined characters prints the same fields as raster."""
    receipt = sample_receipt(config)
    profile = replace(get_profile("80mm"), user_defined_chars=0)
    printer = open_printer("sim://", profile=profile)
    assert printer.print_receipt(receipt).ok
    ops = printer.jobs[0].ops
    assert rasters(ops)
    _check_fields(receipt, ops, ocr_rasters(ops))


def _check_fields(receipt, ops, ocr: str) -> None:
    text = fold(ocr)
    positions = [find_loosely(text, fold(label)) for label in FIELDS_IN_ORDER]
    assert -1 not in positions, dict(zip(FIELDS_IN_ORDER, positions, strict=True))
    assert positions == sorted(positions)
    assert receipt.id_number not in text and "3456" in text
    assert all(fold(form) in text for form in ("Bản chính", "Bản chụp", "Bản sao chứng thực"))
    assert fold("ngày làm việc") in text
    (qr,) = qr_codes(ops)
    assert qr.text == receipt.qr_data


def test_receipt_fits_58mm(config):
    printer = open_printer("sim://", profile="58mm")
    assert printer.print_receipt(sample_receipt(config)).ok
    assert printer.jobs[0].image().width == 384 + 32  # paper plus the picture's margins


def test_receipt_in_decomposed_unicode_prints_the_same(config):
    """Text typed or stored as NFD (e + combining marks) gives the same bytes as NFC."""
    import unicodedata
    from dataclasses import fields

    from motcua.printer import FontSet
    from motcua.printer.receipt import receipt_job

    nfc = sample_receipt(config)
    changes = {
        f.name: unicodedata.normalize("NFD", getattr(nfc, f.name))
        for f in fields(nfc)
        if isinstance(getattr(nfc, f.name), str) and f.name not in ("lookup_url", "qr_data")
    }
    nfd = replace(nfc, **changes)
    fonts = FontSet()
    assert receipt_job(nfd, get_profile("80mm"), fonts) == receipt_job(
        nfc, get_profile("80mm"), fonts
    )
