"""The CCCD QR parser: layouts, validation, mojibake repair, masking."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.queue.models import CitizenInfo
from motcua.scanner.cccd_qr import CccdCard, IdCardError, parse_cccd_qr


def as_windows_1252(data: bytes) -> str:
    """What Windows/scanner firmware shows for bytes: cp1252, undefined bytes as C1 controls."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


SEVEN = (
    "001090123456|012345678|Nguyễn Văn An|01011990|Nam|"
    "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"
)


def test_seven_field_payload() -> None:
    card = parse_cccd_qr(SEVEN)
    assert card.id_number == "001090123456"
    assert card.old_id == "012345678"
    assert card.full_name == "Nguyễn Văn An"
    assert card.birth_date == date(1990, 1, 1)
    assert card.sex == "Nam"
    assert card.address == "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"
    assert card.issue_date == date(2021, 4, 15)
    assert card.raw == SEVEN


def test_empty_old_id() -> None:
    card = parse_cccd_qr("001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021")
    assert card.old_id == ""
    assert card.full_name == "Nguyễn Văn An"


def test_six_field_variant_without_old_id() -> None:
    card = parse_cccd_qr("038301004321|Lê Thị Hà|20052001|Nữ|Thanh Hóa|01022022")
    assert card.old_id == ""
    assert card.full_name == "Lê Thị Hà"
    assert card.birth_date == date(2001, 5, 20)
    assert card.sex == "Nữ"
    assert card.issue_date == date(2022, 2, 1)


def test_extra_fields_ignored_raw_kept() -> None:
    payload = SEVEN + "|20310101|something new"
    card = parse_cccd_qr(payload)
    assert card.issue_date == date(2021, 4, 15)
    assert card.raw == payload


def test_bytes_input_decoded_as_utf8_and_line_ending_stripped() -> None:
    card = parse_cccd_qr((SEVEN + "\r\n").encode("utf-8"))
    assert card.full_name == "Nguyễn Văn An"
    assert card.raw == SEVEN


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_mojibake_repaired(codec: str) -> None:
    data = SEVEN.encode("utf-8")
    garbled = data.decode("latin-1") if codec == "latin-1" else as_windows_1252(data)
    assert "Nguyá»" in garbled  # what an unconfigured scanner delivers
    card = parse_cccd_qr(garbled)
    assert card.full_name == "Nguyễn Văn An"
    assert card.address == "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"


def test_mojibake_sent_as_utf8_bytes_repaired() -> None:
    garbled = as_windows_1252(SEVEN.encode("utf-8")).encode("utf-8")
    assert parse_cccd_qr(garbled).full_name == "Nguyễn Văn An"


def test_genuine_latin_range_vietnamese_not_touched() -> None:
    # "Lê Hà" uses only Latin-1 letters; re-encoding it is not valid UTF-8, so it stays.
    card = parse_cccd_qr("038301004321||Lê Hà|20052001|Nữ|Hà Tĩnh|01022022")
    assert card.full_name == "Lê Hà"


def test_decomposed_unicode_normalised() -> None:
    import unicodedata

    card = parse_cccd_qr(unicodedata.normalize("NFD", SEVEN))
    assert card.full_name == "Nguyễn Văn An"


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "hello world",
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        "000.00.06.H56-231027-0361",
        "001090123456|Nguyễn Văn An|01011990",
        "00109012345|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021",
        "0010901234567|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021",
        "ABCDEFGHIJKL|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021",
        "|||||||",
        "001090123456|xx|Nguyễn Văn An|Nam|01011990|Hà Nội|15042021",
    ],
)
def test_garbage_is_not_a_card(payload: str) -> None:
    with pytest.raises(IdCardError) as err:
        parse_cccd_qr(payload)
    assert err.value.code == "not_a_card"
    assert "không phải của thẻ Căn cước" in err.value.message_vi
    assert err.value.message_en


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("001090123456||Nguyễn Văn An|31021990|Nam|Hà Nội|15042021", "bad_date"),
        ("001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15132021", "bad_date"),
        ("001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|", "bad_date"),
        ("001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|01011980", "bad_date"),
        ("001090123456||Nguyễn Văn An|01011990|Khác|Hà Nội|15042021", "bad_sex"),
        ("001090123456||Nguyễn V4n An|01011990|Nam|Hà Nội|15042021", "bad_name"),
        ("001090123456|||01011990|Nam|Hà Nội|15042021", "bad_name"),
    ],
)
def test_bad_fields(payload: str, code: str) -> None:
    with pytest.raises(IdCardError) as err:
        parse_cccd_qr(payload)
    assert err.value.code == code
    assert err.value.message_vi != err.value.message_en


@pytest.mark.parametrize(
    "payload",
    [
        # digit 4 = 0 says male born in the 1900s
        "001090123456||Nguyễn Thị Lan|01011990|Nữ|Hà Nội|15042021",
        # digit 4 = 2 says the 2000s, birth year 1990
        "001290123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021",
        # year digits 91 but born 1990
        "001091123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021",
    ],
)
def test_number_inconsistent_with_sex_or_birth_year(payload: str) -> None:
    with pytest.raises(IdCardError) as err:
        parse_cccd_qr(payload)
    assert err.value.code == "inconsistent"
    assert "không khớp" in err.value.message_vi


def test_born_in_2000s_female() -> None:
    card = parse_cccd_qr("079305000001||Trần Thị Mai|09092005|Nữ|TP. Hồ Chí Minh|10102023")
    assert card.birth_date.year == 2005 and card.sex == "Nữ"


def test_sex_case_and_ascii_spelling_accepted() -> None:
    assert parse_cccd_qr("038301004321||Lê Thị Hà|20052001|NU|Thanh Hóa|01022022").sex == "Nữ"
    assert parse_cccd_qr("001090123456||Nguyễn An|01011990|nam|Hà Nội|15042021").sex == "Nam"


def test_repr_and_str_never_reveal_number_or_name() -> None:
    card = parse_cccd_qr(SEVEN)
    for text in (repr(card), str(card), f"{card}", repr([card])):
        assert "001090123456" not in text
        assert "012345678" not in text
        assert "Nguyễn Văn An" not in text
        assert "Bến Nghé" not in text
        assert "3456" in text  # the masked form is there


def test_masked_properties_and_citizen() -> None:
    card = parse_cccd_qr(SEVEN)
    assert card.masked_id == "********3456"
    assert card.masked_name == "Nguyễn V. A."
    assert card.to_citizen() == CitizenInfo(
        id_number="001090123456", full_name="Nguyễn Văn An", birth_date=date(1990, 1, 1), sex="Nam"
    )


def test_to_dict_masks_unless_asked() -> None:
    card = parse_cccd_qr(SEVEN)
    masked = card.to_dict()
    assert masked["id_number"] == "********3456"
    assert masked["full_name"] == "Nguyễn V. A."
    assert masked["old_id"] == "*****5678"
    assert "Bến Nghé" not in masked["address"]
    full = card.to_dict(show_personal=True)
    assert full["id_number"] == "001090123456"
    assert full["full_name"] == "Nguyễn Văn An"


def test_card_is_frozen_value() -> None:
    card = parse_cccd_qr(SEVEN)
    assert isinstance(card, CccdCard)
    assert card == parse_cccd_qr(SEVEN + "\n")
    with pytest.raises(AttributeError):
        card.id_number = "x"  # type: ignore[misc]


def test_future_issue_date_rejected_when_today_given() -> None:
    payload = "001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042027"
    assert parse_cccd_qr(payload).issue_date == date(2027, 4, 15)  # no clock: not judged
    with pytest.raises(IdCardError) as err:
        parse_cccd_qr(payload, today=date(2026, 11, 20))
    assert err.value.code == "bad_date"
    assert parse_cccd_qr(SEVEN, today=date(2026, 11, 20)).issue_date == date(2021, 4, 15)
