"""PACE-ECDH-GM-AES-CBC-CMAC-128 on brainpoolP256r1 against ICAO 9303-11 Appendix G.1.

The worked example (MRZ T22000129, born 640812, expires 101031, password = the MRZ key):
every intermediate value and every APDU of the exchange, replayed byte for byte. Values as
copied in the tests of open readers (dmrtd, gmrtd, proxmark3) from the ICAO document.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric import ec as cec

from motcua.scanner.chip import pace
from motcua.scanner.chip.bac import MrzKey
from motcua.scanner.chip.ec import CURVES
from motcua.scanner.chip.errors import ChipError

H = bytes.fromhex
KEY = MrzKey("T22000129", "640812", "101031")
CARD_ACCESS = H("31143012060A04007F0007020204020202010202010D")
SK_MAP_IFD = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
SK_DH_IFD = 0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595
PK_MAP_IC = H(
    "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
    "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"
)
G_HAT = H(
    "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
    "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"
)
EXCHANGE = [
    ("0022C1A40F800A04007F00070202040202830101", "9000"),
    ("10860000027C0000", "7C12801095A3A016522EE98D01E76CB6B98B42C39000"),
    (
        "10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
        "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00",
        "7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
        "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C549000",
    ),
    (
        "10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
        "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200",
        "7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
        "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F0949000",
    ),
    ("008600000C7C0A8508C2B0BD78D94BA86600", "7C0A86083ABB9674BCE93C089000"),
]


class Replay:
    """The card's side of the worked example: checks each command, returns its answer."""

    def __init__(self, exchange: list[tuple[str, str]]) -> None:
        self.exchange = list(exchange)

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        expected, answer = self.exchange.pop(0)
        assert apdu.hex().upper() == expected
        raw = H(answer)
        return raw[:-2], int.from_bytes(raw[-2:], "big")


def _info() -> pace.PaceInfo:
    (info,) = pace.parse_card_access(CARD_ACCESS)
    return info


def test_card_access_names_ecdh_gm_aes128_on_brainpool() -> None:
    info = _info()
    assert (info.oid, info.version, info.parameter_id) == ("0.4.0.127.0.7.2.2.4.2.2", 2, 13)
    assert info.name == "id-PACE-ECDH-GM-AES-CBC-CMAC-128"
    assert info.supported and pace.choose([info]) == info


def test_each_step_of_appendix_g1() -> None:
    info, curve = _info(), CURVES[13]
    k_pi = pace.password_key(KEY, info)
    assert k_pi == H("89DED1B26624EC1E634C1989302849DD")
    nonce = pace.decrypt_nonce(k_pi, H("95A3A016522EE98D01E76CB6B98B42C3"), info)
    assert nonce == H("3F00C4D39D153F2B2A214A078D899B22")
    h, g_hat = pace.map_generator(curve, nonce, SK_MAP_IFD, curve.decode(PK_MAP_IC))
    assert curve.encode(h) == H(
        "0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
        "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181"
    )
    assert curve.encode(g_hat) == G_HAT
    ks_enc, ks_mac = pace.session_keys(
        H("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"), info
    )
    assert ks_enc == H("F5F0E35C0D7161EE6724EE513A0D9A7F")
    assert ks_mac == H("FE251C7858B356B24514B3BD5F4297D1")


def test_the_whole_exchange_byte_for_byte() -> None:
    keys: Iterator[int] = iter([SK_MAP_IFD, SK_DH_IFD])
    card = Replay(EXCHANGE)
    channel = pace.perform_pace(card, _info(), KEY, scalar=lambda _c: next(keys))
    assert not card.exchange
    assert channel.cipher == "AES" and channel.ssc == 0
    assert channel.ks_enc == H("F5F0E35C0D7161EE6724EE513A0D9A7F")
    assert channel.ks_mac == H("FE251C7858B356B24514B3BD5F4297D1")


def test_a_wrong_token_from_the_card_is_refused() -> None:
    keys = iter([SK_MAP_IFD, SK_DH_IFD])
    forged = [*EXCHANGE[:-1], (EXCHANGE[-1][0], "7C0A86083ABB9674BCE93C099000")]
    with pytest.raises(ChipError):
        pace.perform_pace(Replay(forged), _info(), KEY, scalar=lambda _c: next(keys))


def test_a_refused_final_step_means_a_wrong_password() -> None:
    keys = iter([SK_MAP_IFD, SK_DH_IFD])
    refused = [*EXCHANGE[:-1], (EXCHANGE[-1][0], "6300")]
    with pytest.raises(ChipError) as err:
        pace.perform_pace(Replay(refused), _info(), KEY, scalar=lambda _c: next(keys))
    assert err.value.code == "wrong_key"


def test_the_card_refusing_pace_is_a_fallback_not_an_error() -> None:
    with pytest.raises(pace.PaceRefused):
        pace.perform_pace(Replay([(EXCHANGE[0][0], "6982")]), _info(), KEY)


_CRYPTOGRAPHY_CURVES = {
    10: cec.SECP224R1(),
    11: cec.BrainpoolP224R1() if hasattr(cec, "BrainpoolP224R1") else None,
    12: cec.SECP256R1(),
    13: cec.BrainpoolP256R1(),
    15: cec.SECP384R1(),
    16: cec.BrainpoolP384R1(),
    17: cec.BrainpoolP512R1(),
    18: cec.SECP521R1(),
}


@pytest.mark.parametrize("param_id", sorted(CURVES))
def test_point_multiplication_agrees_with_cryptography(param_id: int) -> None:
    curve = CURVES[param_id]
    other = _CRYPTOGRAPHY_CURVES.get(param_id)
    if other is None:  # cryptography has no brainpoolP224r1: check the order instead
        assert curve.add(curve.mul(curve.n - 1, curve.generator), curve.generator) is None
        return
    k = 0x1D2C3B4A5968778695A4B3C2D1E0F0E1D2C3B4A59687 % curve.n
    pub = cec.derive_private_key(k, other).public_key().public_numbers()
    assert curve.mul(k, curve.generator) == (pub.x, pub.y)


def test_points_off_the_curve_are_refused() -> None:
    curve = CURVES[13]
    bad = bytearray(PK_MAP_IC)
    bad[-1] ^= 1
    with pytest.raises(ValueError):
        curve.decode(bytes(bad))
