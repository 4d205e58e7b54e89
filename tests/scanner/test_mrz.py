"""ICAO 9303 TD1 MRZ parsing: the ICAO specimen and a synthetic Vietnamese card."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.scanner.mrz import MrzError, check_digit, parse_td1

SPECIMEN = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)


def vietnamese_mrz(number: str, birth: str, sex: str, expiry: str, name: str) -> list[str]:
    """Build a VNM TD1 with correct check digits, the way DOMAIN.md lays it out."""
    l1 = f"IDVNM{number[3:]}{check_digit(number[3:])}{number}<<{check_digit(number)}"
    body = f"{birth}{check_digit(birth)}{sex}{expiry}{check_digit(expiry)}VNM" + "<" * 11
    composite = check_digit(l1[5:30] + body[0:7] + body[8:15] + body[18:29])
    l2 = body + str(composite)
    l3 = name.ljust(30, "<")
    assert len(l1) == len(l2) == len(l3) == 30
    return [l1, l2, l3]


def test_check_digit_examples() -> None:
    assert check_digit("D23145890") == 7
    assert check_digit("740812") == 2
    assert check_digit("120415") == 9
    assert check_digit("<<<") == 0
    assert check_digit("A") == 0  # 10*7 = 70


def test_icao_specimen() -> None:
    card = parse_td1("\n".join(SPECIMEN))
    assert card.document_type == "I"
    assert card.issuer == "UTO"
    assert card.document_number == "D23145890"
    assert card.birth_date == date(1974, 8, 12)
    assert card.sex == "F"
    assert card.expiry_date == date(2012, 4, 15)
    assert card.nationality == "UTO"
    assert card.surname == "ERIKSSON"
    assert card.given_names == "ANNA MARIA"
    assert card.id_number is None


def test_specimen_as_list_and_as_90_chars() -> None:
    assert parse_td1(list(SPECIMEN)) == parse_td1("".join(SPECIMEN))


@pytest.mark.parametrize(
    ("line", "pos", "field"),
    [
        (0, 14, "document_number"),
        (1, 6, "birth_date"),
        (1, 14, "expiry_date"),
        (1, 29, "composite"),
    ],
)
def test_wrong_check_digit_named(line: int, pos: int, field: str) -> None:
    rows = list(SPECIMEN)
    wrong = str((int(rows[line][pos]) + 1) % 10)
    rows[line] = rows[line][:pos] + wrong + rows[line][pos + 1 :]
    with pytest.raises(MrzError) as err:
        parse_td1(rows)
    assert err.value.field == field
    assert err.value.code == "bad_check_digit"
    assert "Sai số kiểm tra" in err.value.message_vi


def test_altered_data_caught_by_check() -> None:
    rows = list(SPECIMEN)
    rows[1] = "7408132" + rows[1][7:]  # birth day changed, its check digit not
    with pytest.raises(MrzError) as err:
        parse_td1(rows)
    assert err.value.field == "birth_date"


def test_vietnamese_card() -> None:
    rows = vietnamese_mrz("001090123456", "900101", "M", "300101", "NGUYEN<<VAN<AN")
    card = parse_td1(rows)
    assert card.issuer == "VNM"
    assert card.document_type == "ID"
    assert card.document_number == "090123456"
    assert card.id_number == "001090123456"
    assert card.birth_date == date(1990, 1, 1)
    assert card.expiry_date == date(2030, 1, 1)
    assert card.full_name == "NGUYEN VAN AN"
    assert "001090123456" not in repr(card) and "NGUYEN VAN AN" not in repr(card)


def test_vietnamese_card_born_2005_century_from_number() -> None:
    # Born 2005: two digits alone would be ambiguous; the number's digit 4 (2/3) says 2000s.
    rows = vietnamese_mrz("079305000001", "050909", "F", "300909", "TRAN<<THI<MAI")
    assert parse_td1(rows).birth_date == date(2005, 9, 9)


def test_vietnamese_wrong_12_digit_check() -> None:
    rows = vietnamese_mrz("001090123456", "900101", "M", "300101", "NGUYEN<<VAN<AN")
    l1 = rows[0]
    bad = l1[:29] + str((int(l1[29]) + 1) % 10)
    # keep the composite right so only the 12-digit check is wrong
    l2 = rows[1]
    composite = check_digit(bad[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    rows = [bad, l2[:29] + str(composite), rows[2]]
    with pytest.raises(MrzError) as err:
        parse_td1(rows)
    assert err.value.field == "id_number"


def test_vietnamese_number_inconsistent_with_birth_year() -> None:
    rows = vietnamese_mrz("001091123456", "900101", "M", "300101", "NGUYEN<<VAN<AN")
    with pytest.raises(MrzError) as err:
        parse_td1(rows)
    assert err.value.code == "inconsistent"


@pytest.mark.parametrize(
    "text",
    ["", "hello", "\n".join(SPECIMEN[:2]), "\n".join([*SPECIMEN[:2], "ERIKSSON<<ANNA"])],
)
def test_bad_shape(text: str) -> None:
    with pytest.raises(MrzError) as err:
        parse_td1(text)
    assert err.value.code == "bad_format"


def test_lowercase_and_spaces_tolerated() -> None:
    text = "\n".join(r.lower() for r in SPECIMEN) + "\n"
    assert parse_td1(text).document_number == "D23145890"
