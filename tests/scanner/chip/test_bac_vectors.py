"""BAC and 3DES secure messaging against ICAO Doc 9303 part 11, Appendix D (D.2-D.4).

The values are the worked example's (MRZ L898902C<3, born 690806, expires 940623); they
were cross-checked with the copies in gmrtd, jmrtd-derived and other open readers' tests.
"""

from __future__ import annotations

import pytest

from motcua.scanner.chip import bac, crypto
from motcua.scanner.chip.errors import ChipError
from motcua.scanner.chip.sm import SecureChannel, SecureMessagingError

H = bytes.fromhex
KEY = bac.MrzKey("L898902C", "690806", "940623")
RND_IC, RND_IFD = H("4608F91988702212"), H("781723860C06C226")
K_IFD, K_IC = H("0B795240CB7049B01C19B33E32804F0B"), H("0B4F80323EB3191CB04970CB4052790B")


def test_key_seed_and_basic_keys() -> None:
    assert KEY.mrz_information() == "L898902C<369080619406236"
    assert bac.key_seed(KEY) == H("239AB9CB282DAF66231DC5A4DF6BFBAE")
    k_enc, k_mac = bac.basic_keys(KEY)
    assert k_enc == H("AB94FDECF2674FDFB9B391F85D7F76F2")
    assert k_mac == H("7962D9ECE03D1ACD4C76089DCE131543")


def test_external_authenticate_and_session_keys() -> None:
    k_enc, k_mac = bac.basic_keys(KEY)
    cmd = bac.external_authenticate_data(k_enc, k_mac, RND_IC, RND_IFD, K_IFD)
    assert cmd == H(
        "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"
    )
    answer = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
    channel = bac.session_from_response(k_enc, k_mac, RND_IC, RND_IFD, K_IFD, answer)
    assert channel.ks_enc == H("979EC13B1CBFE9DCD01AB0FED307EAE5")
    assert channel.ks_mac == H("F1CB1F1FB5ADF208806B89DC579DC1F8")
    assert channel.ssc == 0x887022120C06C226
    assert crypto.tdes_decrypt(k_enc, answer[:32])[16:] == K_IC


def test_answer_with_a_bad_mac_is_refused() -> None:
    k_enc, k_mac = bac.basic_keys(KEY)
    answer = bytearray(
        H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
    )
    answer[-1] ^= 1
    with pytest.raises(ChipError):
        bac.session_from_response(k_enc, k_mac, RND_IC, RND_IFD, K_IFD, bytes(answer))


def _d4_channel() -> SecureChannel:
    return SecureChannel(
        "3DES",
        H("979EC13B1CBFE9DCD01AB0FED307EAE5"),
        H("F1CB1F1FB5ADF208806B89DC579DC1F8"),
        0x887022120C06C226,
    )


def test_protected_apdus_of_appendix_d4() -> None:
    ch = _d4_channel()
    assert ch.wrap(0x00, 0xA4, 0x02, 0x0C, H("011E")) == H(
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    )
    assert ch.unwrap(H("990290008E08FA855A5D4C50A8ED"), 0x9000) == (b"", 0x9000)
    assert ch.wrap(0x00, 0xB0, 0x00, 0x00, le=4) == H("0CB000000D9701048E08ED6705417E96BA5500")
    data, sw = ch.unwrap(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED"), 0x9000)
    assert (data, sw) == (H("60145F01"), 0x9000)
    assert ch.wrap(0x00, 0xB0, 0x00, 0x04, le=0x12) == H("0CB000040D9701128E082EA28A70F3C7B53500")
    data, _ = ch.unwrap(
        H("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D74"),
        0x9000,
    )
    assert data == H("04303130365F36063034303030305C026175")
    assert ch.ssc == 0x887022120C06C22C


def test_a_forged_response_mac_is_refused() -> None:
    ch = _d4_channel()
    ch.wrap(0x00, 0xA4, 0x02, 0x0C, H("011E"))
    with pytest.raises(SecureMessagingError):
        ch.unwrap(H("990290008E08FA855A5D4C50A8EE"), 0x9000)


def test_mrz_key_parsing() -> None:
    key = bac.MrzKey.parse("090123456:900101:310101")
    assert key.document_number == "090123456"
    assert repr(key) == "MrzKey(***)"
    for bad in ("090123456:900101", "0901:9001:310101", "09012345678:900101:310101"):
        with pytest.raises(ChipError) as err:
            bac.MrzKey.parse(bad)
        assert err.value.code == "bad_key"


def test_a_card_with_no_expiry_has_the_filler_and_check_digit_0_in_its_key() -> None:
    """ICAO fills an absent date with '<' (value 0): '<<<<<<' and check digit 0."""
    key = bac.MrzKey.parse("050123456:500101:<<<<<<")
    assert key.expiry_date == bac.NO_EXPIRY and not key.expires
    info = key.mrz_information()
    assert info.endswith("<<<<<<0") and len(info) == 24
    assert info == "050123456" + "0" + "500101" + "3" + "<<<<<<0"  # 7-3-1 weights by hand
    assert bac.key_seed(key) != bac.key_seed(bac.MrzKey("050123456", "500101", "000000"))
    with pytest.raises(ChipError):
        bac.MrzKey("050123456", "<<<<<<", "310101")  # only the expiry may be absent
