"""Layouts -> ESC/POS bytes -> decoder: what a printer would receive."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PIL import Image
from printer_readback import decode_qr

from motcua.printer.decoder import Cut, Feed, QrCode, Raster, parse, qr_codes, rasters, texts
from motcua.printer.encoder import Encoder, encode_cp1258
from motcua.printer.layouts import check_page_job, ticket_job
from motcua.printer.profiles import get_profile
from motcua.printer.raster import render_text, wrap
from motcua.printer.receipt import receipt_job
from motcua.printer.samples import sample_receipt, sample_ticket


def test_ticket_number_and_time_are_native_text(config, fonts):
    slip = sample_ticket(config)
    ops = parse(ticket_job(slip, get_profile("80mm"), fonts))
    lines = {t.data.decode("ascii"): t for t in texts(ops)}
    number = lines[slip.display_number]
    assert number.width >= 4 and number.height >= 4 and number.bold
    assert number.align == 1
    assert "20/11/2026 09:05" in lines  # 02:05 UTC in Hà Nội


def test_every_non_ascii_line_is_raster_never_native(config, fonts):
    slip = sample_ticket(config, config.services[-1], priority_label="Người cao tuổi")
    ops = parse(ticket_job(slip, get_profile("80mm"), fonts))
    assert all(t.data.isascii() and all(32 <= b < 127 for b in t.data) for t in texts(ops))
    assert len(rasters(ops)) >= 6


def test_native_qr_holds_the_url(config, fonts):
    slip = sample_ticket(config)
    (qr,) = qr_codes(parse(ticket_job(slip, get_profile("80mm"), fonts)))
    assert qr.text == slip.qr_url
    assert qr.module == get_profile("80mm").qr_module_dots


def test_raster_qr_when_profile_has_no_native_qr(config, fonts):
    from dataclasses import replace

    profile = replace(get_profile("58mm"), native_qr=False)
    slip = sample_ticket(config)
    ops = parse(ticket_job(slip, profile, fonts))
    assert qr_codes(ops) == []
    tallest = max(rasters(ops), key=lambda r: r.height)
    img = Image.eval(tallest.image().convert("L"), lambda v: 255 - v)
    assert decode_qr(img) == [slip.qr_url]


@pytest.mark.parametrize("name", ["58mm", "80mm", "80mm-512"])
def test_every_line_fits_the_paper(config, fonts, name):
    profile = get_profile(name)
    slip = sample_ticket(config, config.services[-1], priority_label="Người khuyết tật")
    for data in (
        ticket_job(slip, profile, fonts),
        receipt_job(sample_receipt(config), profile, fonts),
        check_page_job(profile, fonts, datetime(2026, 11, 20, tzinfo=UTC)),
    ):
        ops = parse(data)
        for r in rasters(ops):
            assert r.image().width <= profile.width_dots
        for t in texts(ops):
            assert len(t.data) * profile.font_a_width * t.width <= profile.width_dots


def test_cut_only_with_a_cutter(config, fonts):
    slip = sample_ticket(config)
    with_cut = parse(ticket_job(slip, get_profile("80mm"), fonts))
    without = parse(ticket_job(slip, get_profile("58mm"), fonts))
    assert isinstance(with_cut[-1], Cut)
    assert not any(isinstance(op, Cut) for op in without)
    assert isinstance(without[-1], Feed) and without[-1].lines >= 3


def test_raster_lines_are_cropped_to_ink(fonts):
    img = render_text(fonts, "Hộ tịch", 34, bold=True)
    assert img is not None
    # every edge row/column holds ink: nothing blank is sent
    assert img.crop((0, 0, img.width, 1)).getbbox() is not None
    assert img.crop((0, img.height - 1, img.width, img.height)).getbbox() is not None
    assert img.crop((0, 0, 1, img.height)).getbbox() is not None
    assert img.width < 200 and img.height < 45


def test_wrap_keeps_words_and_width(fonts):
    text = "Cấp phép xây dựng và giao thông vận tải"
    lines = wrap(fonts, text, 34, 300, bold=True)
    assert len(lines) >= 2 and " ".join(lines) == text
    for line in lines:
        img = render_text(fonts, line, 34, bold=True)
        assert img is not None and img.width <= 300


def test_centering_by_padding_when_escpos_align_is_not_trusted(fonts):
    from dataclasses import replace

    profile = replace(get_profile("80mm"), align_raster=False)
    enc = Encoder(profile)
    enc.align("center")
    img = Image.new("1", (80, 10), 1)
    enc.image(img)
    (r,) = [op for op in parse(enc.data()) if isinstance(op, Raster)]
    left_blank = r.image().getbbox()[0]
    assert abs(left_blank - (576 - 80) // 2) < 8


def test_cp1258_keeps_tone_marks_after_the_letter():
    raw = encode_cp1258("Hậu Nguyễn đường")
    import unicodedata

    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == "Hậu Nguyễn đường"
    assert raw.startswith(b"H\xe2\xf2u")  # â then dấu nặng


def test_decoder_is_incremental():
    from motcua.printer.decoder import Parser

    enc = Encoder(get_profile("80mm"))
    enc.text_line("1023", width=4, height=4)
    enc.qr("http://x/1")
    enc.image(Image.new("1", (16, 3), 1))
    enc.finish()
    data = enc.data()
    parser = Parser()
    ops = []
    for i in range(0, len(data), 3):
        ops += parser.feed(data[i : i + 3])
    ops += parser.flush()
    assert ops == parse(data)
    assert [type(op) for op in ops].count(QrCode) == 1


def test_citizen_name_is_masked_and_never_an_id_number(config, fonts):
    from printer_readback import ocr_rasters

    slip = sample_ticket(config, citizen_name="Nguyễn Văn An 001090123456")
    ops = parse(ticket_job(slip, get_profile("80mm"), fonts))
    text = ocr_rasters(ops)
    assert "Nguyễn V. A." in text
    assert "Văn" not in text and "0123456" not in text


@pytest.mark.parametrize("name", ["58mm", "80mm", "80mm-512"])
def test_every_demo_ticket_fits_in_8_kb(config, fonts, name):
    """Bytes are deterministic (unlike time): the issue's 8 KB budget is a test,
    for the worst case too (priority mark, masked name, counter hint, footer)."""
    profile = get_profile(name)
    for service in config.services:
        slip = sample_ticket(
            config,
            service,
            priority_label=config.priority_groups[0].label,
            citizen_name="Nguyễn V. A.",
            counter_hint="Mời đến quầy 1, 2, 3",
        )
        assert len(ticket_job(slip, profile, fonts)) <= 8 * 1024, service.name


def test_nobody_ahead_reads_like_the_kiosk_screen_and_the_footer_is_printed(config, fonts):
    """Seen on a kiosk printout: '~0 phút' reads like a mistake. Say 'soon' instead."""
    from printer_readback import ocr_rasters

    from motcua.printer.slips import ticket_footer

    slip = sample_ticket(
        config, people_ahead=0, estimated_wait_minutes=0, footer=ticket_footer(config.center)
    )
    text = " ".join(ocr_rasters(parse(ticket_job(slip, get_profile("80mm"), fonts))).split())
    assert "sớm được mời lên quầy" in text
    assert "0 phút" not in text
    assert "Đường dây nóng" in text

    busy = sample_ticket(config, people_ahead=7, estimated_wait_minutes=25)
    assert "25 phút" in ocr_rasters(parse(ticket_job(busy, get_profile("80mm"), fonts)))
