"""DG1, DG13, DG2 and EF.SOD from hand-built DER."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from tests.scanner.chip import chipdata as c

from motcua.scanner.chip import lds, tlv
from motcua.scanner.chip.errors import ChipError


def test_dg13_all_fields_long_values_and_parents() -> None:
    data = c.dg13()
    assert data[1] == 0x82  # the residence makes the whole group need a two-byte length
    out = lds.parse_dg13(data)
    assert out["full_name"] == "Nguyễn Văn An"
    assert out["residence"].count("Hàng Bông") == 4
    assert (out["father"], out["mother"]) == ("Nguyễn Văn Bình", "Trần Thị Cúc")
    assert out["old_id"] == "012345678" and out["ethnicity"] == "Kinh"


def test_dg13_absent_fields_stay_absent() -> None:
    data = c.dg13(
        [
            c.field(1, tlv.encode(0x13, b"001090123456")),
            c.field(7),
            c.field(2, c.utf8("Lò Thị Mai")),
        ]
    )
    out = lds.parse_dg13(data)
    assert out == {"id_number": "001090123456", "full_name": "Lò Thị Mai"}


def test_dg13_truncated_is_refused() -> None:
    with pytest.raises(ChipError):
        lds.parse_dg13(c.dg13()[:-3])


def test_tlv_long_lengths_round_trip() -> None:
    value = bytes(70000)
    item, end = tlv.parse_one(tlv.encode(0x5F2E, value))
    assert item.tag == 0x5F2E and item.value == value and end == len(value) + 2 + 4
    with pytest.raises(tlv.TlvError):
        tlv.parse_one(bytes.fromhex("3080"))  # indefinite length


def test_dg1_and_dg2() -> None:
    assert lds.parse_dg1(c.dg1()).id_number == "001090123456"
    photo = c.jp2_photo()
    assert lds.parse_dg2(c.dg2(photo)) == photo


def test_sod_hashes_and_signer() -> None:
    d1, d13 = c.dg1(), c.dg13()
    ca_key, ca_cert = c.make_ca()
    sod = c.sod({1: d1, 13: d13}, c.make_signer(ca_key, ca_cert))
    pem = ca_cert.public_bytes(serialization.Encoding.PEM)
    good = lds.check_sod(sod, {1: d1, 13: d13}, pem)
    assert good.as_issued and good.signer == "verified"
    assert lds.check_sod(sod, {1: d1}, None).signer == "unverified"
    forged = lds.check_sod(sod, {1: d1, 13: d13.replace(b"An", "Ân".encode()[:2])})
    assert forged.groups[13] == "mismatch" and not forged.as_issued
    _, other_ca = c.make_ca()
    wrong = lds.check_sod(sod, {1: d1}, other_ca.public_bytes(serialization.Encoding.PEM))
    assert wrong.signer == "invalid"


def test_chip_card_masks_itself() -> None:
    card = lds.ChipCard("BAC", lds.parse_dg1(c.dg1()), lds.parse_dg13(c.dg13()), None)
    assert "001090123456" not in repr(card)
    shown = str(card.to_dict())
    assert "001090123456" not in shown and "Trần Thị Cúc" not in shown and "Hàng Bông" not in shown
    assert card.to_dict(show_personal=True)["dg13"]["mother"] == "Trần Thị Cúc"
