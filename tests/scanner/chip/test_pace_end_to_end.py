"""PACE end to end over pcscd + vpcd, against our own card-side PACE running inside vicc.

ECDH-GM and DH-GM alike: vicc's own PACE card (nPA) needs OpenPACE, which Debian 12 lacks.

The card side (tests/scanner/chip/vicc_card.py: PaceCard) is ours, not an independent
implementation: what makes these tests meaningful is that the terminal side is the one
that reproduces ICAO 9303-11 Appendix G.1 byte for byte (test_pace_vectors.py), while the
card draws fresh random nonces and keys here; the files are still served by vicc.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.scanner.chip import chipdata
from tests.scanner.chip.conftest import Vicc, wait_until

from motcua.scanner.chip.bac import MrzKey
from motcua.scanner.chip.card import AccessKey, read_card
from motcua.scanner.chip.errors import ChipError
from motcua.scanner.chip.reader import PcscReader
from motcua.scanner.chip.tlv import encode, encode_oid

pytestmark = pytest.mark.slow


def card_access(oid: str, parameter_id: int) -> str:
    info = (
        encode(0x06, encode_oid(oid)) + encode(0x02, b"\x02") + encode(0x02, bytes([parameter_id]))
    )
    return encode(0x31, encode(0x30, info)).hex()


AES128_BRAINPOOL256 = "31143012060A04007F0007020204020202010202010D"  # ICAO G.1's EF.CardAccess


def _read(key: AccessKey, photo: bool = False):  # type: ignore[no-untyped-def]
    reader = PcscReader("pcsc://")
    assert wait_until(lambda: any(reader.card_states().values()))
    conn = reader.connect()
    try:
        return read_card(conn, key, photo=photo)
    finally:
        conn.close()


@pytest.mark.parametrize(
    "access",
    [
        AES128_BRAINPOOL256,
        card_access("0.4.0.127.0.7.2.2.4.2.3", 12),  # AES-192 on NIST P-256
        card_access("0.4.0.127.0.7.2.2.4.2.4", 16),  # AES-256 on brainpoolP384r1
        card_access("0.4.0.127.0.7.2.2.4.1.2", 0),  # DH-GM AES-128, 1024-bit group (ICAO G.2's)
        card_access("0.4.0.127.0.7.2.2.4.1.4", 2),  # DH-GM AES-256, 2048-bit/256 group
    ],
)
def test_pace_with_the_can_reads_the_card(pace_card: Callable[..., Vicc], access: str) -> None:
    pace_card(access)
    card = _read(AccessKey(can=chipdata.CAN), photo=True)
    assert card.access == "PACE-CAN"
    assert card.mrz.id_number == "001090123456" and card.dg13["father"] == "Nguyễn Văn Bình"
    assert card.sod is not None and card.sod.groups == {1: "ok", 2: "ok", 13: "ok"}


def test_a_wrong_can_fails_clearly(pace_card: Callable[..., Vicc]) -> None:
    pace_card(AES128_BRAINPOOL256)
    with pytest.raises(ChipError) as err:
        _read(AccessKey(can="654321"))
    assert err.value.code == "wrong_key" and "Sáu số cuối" in err.value.message_vi


def test_pace_refused_with_the_mrz_key_falls_back_to_bac(pace_card: Callable[..., Vicc]) -> None:
    pace_card(AES128_BRAINPOOL256, refuse_mrz=True)
    card = _read(AccessKey(mrz=MrzKey.parse(chipdata.MRZ_KEY)))
    assert card.access == "BAC" and card.mrz.full_name == "NGUYEN VAN AN"


def test_pace_with_the_mrz_key_when_the_card_accepts_it(pace_card: Callable[..., Vicc]) -> None:
    pace_card(AES128_BRAINPOOL256)
    card = _read(AccessKey(mrz=MrzKey.parse(chipdata.MRZ_KEY)))
    assert card.access == "PACE-MRZ"
