"""Properties: parsers fail only with their own errors; mojibake repair round-trips."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.scanner.cccd_qr import IdCardError, parse_cccd_qr
from motcua.scanner.mrz import MrzError, parse_td1
from motcua.scanner.text import decode_scan, repair_mojibake

VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
vi_text = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.-/0123456789", max_size=60)


@given(vi_text)
def test_genuine_vietnamese_never_changed_by_repair(text: str) -> None:
    assert repair_mojibake(text) == text


@given(vi_text)
def test_latin1_and_cp1252_mojibake_repaired(text: str) -> None:
    data = text.encode("utf-8")
    assert repair_mojibake(data.decode("latin-1")) == text
    windows = "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in data
    )
    assert repair_mojibake(windows) == text


@given(st.binary(max_size=200))
def test_decode_scan_accepts_any_bytes(data: bytes) -> None:
    assert isinstance(decode_scan(data), str)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_cccd_parser_fails_only_with_id_card_error(payload: str | bytes) -> None:
    try:
        card = parse_cccd_qr(payload)
    except IdCardError as exc:
        assert exc.message_vi and exc.message_en
    else:
        assert len(card.id_number) == 12


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(["", "001090123456", "01011990", "Nam", "Nữ", "Lê Văn A", "x", "|"]),
        max_size=9,
    )
)
def test_cccd_parser_on_field_soup(parts: list[str]) -> None:
    try:
        card = parse_cccd_qr("|".join(parts))
    except IdCardError as exc:
        assert exc.code in {"not_a_card", "bad_date", "bad_name", "bad_sex", "inconsistent"}
    else:
        assert card.id_number == "001090123456" and card.birth_date == date(1990, 1, 1)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["Nam", "Nữ"]),
    st.integers(min_value=1, max_value=96),
    st.integers(min_value=0, max_value=999_999),
)
def test_any_consistent_card_parses(birth: date, sex: str, province: int, seq: int) -> None:
    digit = (birth.year // 100 - 19) * 2 + (0 if sex == "Nam" else 1)
    number = f"{province:03d}{digit}{birth.year % 100:02d}{seq:06d}"
    issued = date(max(birth.year, 2016), 1, 1) if birth.year < 2016 else birth
    payload = f"{number}||Trần Thị Bích|{birth:%d%m%Y}|{sex}|Hà Nội|{issued:%d%m%Y}"
    card = parse_cccd_qr(payload)
    assert card.id_number == number and card.birth_date == birth and card.sex == sex


@settings(max_examples=300)
@given(
    st.lists(
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<", min_size=30, max_size=30),
        min_size=3,
        max_size=3,
    )
)
def test_mrz_parser_fails_only_with_mrz_error(lines: list[str]) -> None:
    try:
        parse_td1(lines)
    except MrzError as exc:
        assert exc.message_vi
