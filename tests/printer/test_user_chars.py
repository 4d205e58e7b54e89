"""Vietnamese as printer text through user-defined characters (ESC & / ESC %).

The sim printer draws a user-defined character from the pattern bytes it
received; these tests compare what it drew, cell by cell, with the glyph each
letter should have — so a wrong code, a stale definition or a bad column byte
shows up as a different bitmap."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from motcua.printer.decoder import Text, parse, texts
from motcua.printer.encoder import Encoder
from motcua.printer.fonts import FontSet
from motcua.printer.paper import user_glyph
from motcua.printer.profiles import get_profile
from motcua.printer.udc import (
    PREFERRED_CODES,
    CodeTable,
    from_columns,
    glyph_image,
    needs_glyph,
    normalize,
    to_columns,
)

FONTS = FontSet()
VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
LETTERS = VIETNAMESE + VIETNAMESE.upper() + "0123456789 .,:;-/()~`^|{}@#"


def cells(line: Text) -> list[Image.Image | int]:
    """What the printer prints in each cell: a pattern (as an image) or a resident code."""
    out: list[Image.Image | int] = []
    for code in line.data:
        pattern = line.glyph(code)
        out.append(code if pattern is None else user_glyph(pattern))
    return out


def expected(text: str) -> list[Image.Image | int]:
    return [glyph_image(FONTS, ch) if needs_glyph(ch) else ord(ch) for ch in normalize(text)]


def same(a: Image.Image | int, b: Image.Image | int) -> bool:
    if isinstance(a, int) or isinstance(b, int):
        return a == b
    return a.size == b.size and a.tobytes() == b.tobytes()


def print_lines(lines: list[str], capacity: int = 94) -> tuple[list[str], list[Text]]:
    """The lines that went as text, and what the printer made of them."""
    profile = replace(get_profile("80mm"), user_defined_chars=capacity)
    enc = Encoder(profile)
    sent = []
    for line in lines:
        if enc.user_char_line([(line, False)], FONTS):
            sent.append(line)
        else:
            # Only a capped printer refuses: its few codes are all printed as ASCII
            # by this very line, or held by letters the line needs (then: raster).
            assert capacity < 94, line
        enc.rule()  # ASCII between lines: codes that carry letters must be cancelled
    ruler = Encoder(profile)
    ruler.rule()
    (rule,) = texts(parse(ruler.data()))  # the separator itself, not a line of "-" we sent
    return sent, [t for t in texts(parse(enc.data())) if t.data != rule.data]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=40), min_size=1, max_size=6),
    st.sampled_from([94, 20, 8]),
)
def test_any_vietnamese_round_trips_through_the_printer(lines, capacity):
    lines = [line for line in lines if line.strip()] or ["ạ"]
    if any(len({c for c in normalize(x) if needs_glyph(c)}) > capacity for x in lines):
        return  # such a line goes as raster (tested below)
    sent, printed = print_lines(lines, capacity)
    assert len(printed) == len(sent)
    if capacity == 94:
        assert sent == lines
    for text, line in zip(sent, printed, strict=True):
        got, want = cells(line), expected(text)
        assert len(got) == len(want)
        assert all(same(g, w) for g, w in zip(got, want, strict=True)), text


def test_a_line_with_more_letters_than_the_printer_holds_is_refused():
    profile = replace(get_profile("80mm"), user_defined_chars=4)
    enc = Encoder(profile)
    before = enc.data()
    assert not enc.user_char_line([("ắằẳẵặ", False)], FONTS)
    assert enc.data() == before  # nothing sent: the caller prints raster


def test_no_user_chars_on_a_profile_without_them():
    assert not Encoder(get_profile("58mm")).user_char_line([("Số", False)], FONTS)


def test_ascii_next_to_a_defined_code_prints_the_resident_character():
    table = CodeTable()
    first = table.plan("ã")
    assert first is not None and first.define == ((PREFERRED_CODES[0], "ã"),)
    code = chr(PREFERRED_CODES[0])
    second = table.plan(f"{code} ã")  # the line needs the code as ASCII too
    assert second is not None
    assert second.cancel == (PREFERRED_CODES[0],)
    assert second.data[0] == PREFERRED_CODES[0]
    assert second.data[2] != PREFERRED_CODES[0]


def test_each_letter_is_defined_once_per_job():
    table = CodeTable()
    a = table.plan("Hồ sơ")
    b = table.plan("hồ sơ của")
    assert a is not None and b is not None
    assert {ch for _, ch in a.define} == {"ồ", "ơ"}
    assert {ch for _, ch in b.define} == {"ủ"}


def test_columns_round_trip():
    img = glyph_image(FONTS, "Ễ")
    assert from_columns(to_columns(img), 12, 3).tobytes() == img.tobytes()
    assert len(to_columns(img)) == 36


def test_glyphs_keep_their_marks_inside_the_cell():
    for ch in "ẤẦẨẪẬỒỐỔỖỘỀẾỂỄỆẮẰẲẴẶồốổỗộấầẩẫậ":
        img = glyph_image(FONTS, ch)
        box = img.getbbox()
        assert box is not None and box[2] <= 12 and box[3] <= 24, ch


def test_glyph_ink_differs_between_tones():
    images = {ch: glyph_image(FONTS, ch).tobytes() for ch in "ồốổỗộô"}
    assert len(set(images.values())) == len(images)


def test_dossier_slips_fit_a_serial_line(config):
    from motcua.printer.decoder import rasters
    from motcua.printer.dossier_slips import dossier_slip_job
    from motcua.printer.samples import sample_slip

    for kind in ("intake", "supplement", "reject"):
        slip = sample_slip(config, kind)
        data = dossier_slip_job(slip, get_profile("80mm"), FONTS)
        assert len(data) <= 12 * 1024, kind
        assert not rasters(parse(data)), kind


def test_profile_keys_are_checked():
    import pytest

    from motcua.printer.profiles import ProfileError, profile_from_mapping

    assert (
        profile_from_mapping("x", {"base": "58mm", "user_defined_chars": 20}).user_defined_chars
        == 20
    )
    with pytest.raises(ProfileError):
        profile_from_mapping("x", {"user_defined_chars": 95})
    with pytest.raises(ProfileError):
        profile_from_mapping("x", {"font_a_height": 20})
