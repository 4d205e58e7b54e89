"""PACE-DH-GM-AES-CBC-CMAC-128 on RFC 5114's 1024-bit group against ICAO 9303-11 Appendix G.2.

The worked example "PACE - Generic Mapping, DH" (MRZ T22000129, born 640812, expires 101031,
password = the MRZ key; standardized domain parameter 0: the 1024-bit MODP group with a
160-bit prime-order subgroup): every intermediate value and every APDU of the exchange,
replayed byte for byte. The values are ICAO's as copied into open readers' tests:
ZeroPass/dmrtd test/pace_test_dh.dart (keys, mapped generator, both shared secrets, token
inputs, tokens, all APDUs), checked against two other transcriptions that agree with it:
tsenger/animamea's PaceDHTest (X1, Y1, X2, Y2, K) and a C++ reader's csp/pace tests (the
same plus KS_enc and KS_mac). Nothing here was computed by motcua and pasted back.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from collections.abc import Iterator

import pytest
from tests.scanner.chip.test_pace_vectors import Replay

from motcua.scanner.chip import pace
from motcua.scanner.chip.bac import MrzKey
from motcua.scanner.chip.dh import GROUPS
from motcua.scanner.chip.errors import ChipError
from motcua.scanner.chip.tlv import encode, encode_oid

H = bytes.fromhex
KEY = MrzKey("T22000129", "640812", "101031")
CARD_ACCESS = H("31143012060A04007F00070202040102020102020100")
K_PI = H("89DED1B26624EC1E634C1989302849DD")
NONCE_Z = H("854D8DF5827FA6852D1A4FA701CDDDCA")
NONCE_S = H("FA5B7E3E49753A0DB9178B7B9BD898C8")
SK_MAP_IFD = 0x5265030F751F4AD18B08AC565FC7AC952E41618D
SK_MAP_IC = 0x66DDAFEAC1609CB5B963BB0CB3FF8B3E047F336C
SK_EPH_IFD = 0x89CCD99B0E8D3B1F11E1296DCA68EC53411CF2CA
SK_EPH_IC = 0xA5B780126B7C980E9FCEA1D4539DA1D27C342DFA
PK_MAP_IFD = H(
    "23FB3749EA030D2A25B278D2A562047ADE3F01B74F17A15402CB7352CA7D2B3E"
    "B71C343DB13D1DEBCE9A3666DBCFC920B49174A602CB47965CAA73DC702489A4"
    "4D41DB914DE9613DC5E98C94160551C0DF86274B9359BC0490D01B03AD54022D"
    "CB4F57FAD6322497D7A1E28D46710F461AFE710FBBBC5F8BA166F4311975EC6C"
)
PK_MAP_IC = H(
    "78879F57225AA8080D52ED0FC890A4B25336F699AA89A2D3A189654AF70729E6"
    "23EA5738B26381E4DA19E004706FACE7B235C2DBF2F38748312F3C98C2DD4882"
    "A41947B324AA1259AC22579DB93F7085655AF30889DBB845D9E6783FE42C9F24"
    "49400306254C8AE8EE9DD812A804C0B66E8CAFC14F84D8258950A91B44126EE6"
)
H_MAP = H(  # the mapping's shared secret h = PK_map_IC ^ SK_map_IFD mod p
    "5BABEBEF5B74E5BA94B5C063FDA15F1F1CDE94873EE0A5D3A2FCAB49F258D07F"
    "544F13CB66658C3AFEE9E727389BE3F6CBBBD32128A8C21DD6EEA3CF7091CDDF"
    "B08B8D007D40318DCCA4FFBF51208790FB4BD111E5A968ED6B6F08B26CA87C41"
    "0B3CE0C310CE104EABD16629AA48620C1279270CB0750C0D37C57FFFE302AE7F"
)
G_HAT = H(  # the mapped generator g~ = g^s * h mod p
    "7C9CBFE98F9FBDDA8D143506FA7D9306F4CB17E3C71707AFF5E1C1A123702496"
    "84D64EE37AF44B8DBD9D45BF6023919CBAA027AB97ACC771666C8E98FF483301"
    "BFA4872DEDE9034EDFACB70814166B7F360676829B826BEA57291B5AD69FBC84"
    "EF1E779032A305803F74341793E869742D401325B37EE8565FFCDEE618342DC5"
)
PK_EPH_IFD = H(
    "907D89E2D425A178AA81AF4A7774EC8E388C115CAE67031E85EECE520BD91155"
    "1B9AE4D04369F29A02626C86FBC6747CC7BC352645B6161A2A42D44EDA80A08F"
    "A8D61B76D3A154AD8A5A51786B0BC07147057871A922212C5F67F43173172236"
    "B7747D1671E6D692A3C7D40A0C3C5CE397545D015C175EB5130551EDBC2EE5D4"
)
PK_EPH_IC = H(
    "075693D9AE941877573E634B6E644F8E60AF17A0076B8B123D9201074D36152B"
    "D8B3A213F53820C42ADC79AB5D0AEEC3AEFB91394DA476BD97B9B14D0A65C1FC"
    "71A0E019CB08AF55E1F729005FBA7E3FA5DC41899238A250767A6D46DB974064"
    "386CD456743585F8E5D90CC8B4004B1F6D866C79CE0584E49687FF61BC29AEA1"
)
SHARED_K = H(
    "6BABC7B3A72BCD7EA385E4C62DB2625BD8613B24149E146A629311C4CA6698E3"
    "8B834B6A9E9CD7184BA8834AFF5043D436950C4C1E7832367C10CB8C314D40E5"
    "990B0DF7013E64B4549E2270923D06F08CFF6BD3E977DDE6ABE4C31D55C0FA2E"
    "465E553E77BDF75E3193D3834FC26E8EB1EE2FA1E4FC97C18C3F6CFFFE2607FD"
)
KS_ENC = H("2F7F46ADCC9E7E521B45D192FAFA9126")
KS_MAC = H("805A1D27D45A5116F73C54469462B7D8")
T_IFD = H("B46DD9BD4D98381F")
T_IC = H("917F37B5C0E6D8D1")
TOKEN_INPUT_IFD = H("7F49818F060A04007F00070202040102848180") + PK_EPH_IC
TOKEN_INPUT_IC = H("7F49818F060A04007F00070202040102848180") + PK_EPH_IFD

EXCHANGE = [
    ("0022C1A40F800A04007F00070202040102830101", "9000"),
    ("10860000027C0000", "7C128010854D8DF5827FA6852D1A4FA701CDDDCA9000"),
    (
        "10860000867C818381818023FB3749EA030D2A25B278D2A5"
        "62047ADE3F01B74F17A15402CB7352CA7D2B3EB71C343DB1"
        "3D1DEBCE9A3666DBCFC920B49174A602CB47965CAA73DC70"
        "2489A44D41DB914DE9613DC5E98C94160551C0DF86274B93"
        "59BC0490D01B03AD54022DCB4F57FAD6322497D7A1E28D46"
        "710F461AFE710FBBBC5F8BA166F4311975EC6C00",
        "7C818382818078879F57225AA8080D52ED0FC890A4B25336"
        "F699AA89A2D3A189654AF70729E623EA5738B26381E4DA19"
        "E004706FACE7B235C2DBF2F38748312F3C98C2DD4882A419"
        "47B324AA1259AC22579DB93F7085655AF30889DBB845D9E6"
        "783FE42C9F2449400306254C8AE8EE9DD812A804C0B66E8C"
        "AFC14F84D8258950A91B44126EE69000",
    ),
    (
        "10860000867C8183838180907D89E2D425A178AA81AF4A77"
        "74EC8E388C115CAE67031E85EECE520BD911551B9AE4D043"
        "69F29A02626C86FBC6747CC7BC352645B6161A2A42D44EDA"
        "80A08FA8D61B76D3A154AD8A5A51786B0BC07147057871A9"
        "22212C5F67F43173172236B7747D1671E6D692A3C7D40A0C"
        "3C5CE397545D015C175EB5130551EDBC2EE5D400",
        "7C8183848180075693D9AE941877573E634B6E644F8E60AF"
        "17A0076B8B123D9201074D36152BD8B3A213F53820C42ADC"
        "79AB5D0AEEC3AEFB91394DA476BD97B9B14D0A65C1FC71A0"
        "E019CB08AF55E1F729005FBA7E3FA5DC41899238A250767A"
        "6D46DB974064386CD456743585F8E5D90CC8B4004B1F6D86"
        "6C79CE0584E49687FF61BC29AEA19000",
    ),
    # the chip's token (86) comes with its CVCA reference (87, "DETESTCVCA00003")
    (
        "008600000C7C0A8508B46DD9BD4D98381F00",
        "7C1B8608917F37B5C0E6D8D1870F4445544553544356434130303030339000",
    ),
]


def _info() -> pace.PaceInfo:
    (info,) = pace.parse_card_access(CARD_ACCESS)
    return info


def test_card_access_names_dh_gm_aes128_on_group_0() -> None:
    info = _info()
    assert (info.oid, info.version, info.parameter_id) == ("0.4.0.127.0.7.2.2.4.1.2", 2, 0)
    assert info.name == "id-PACE-DH-GM-AES-CBC-CMAC-128"
    assert info.agreement == "DH" and info.mapping == "GM"
    assert info.supported and pace.choose([info]) == info
    assert info.domain is GROUPS[0]


def test_each_step_of_appendix_g2() -> None:
    info, group = _info(), GROUPS[0]
    k_pi = pace.password_key(KEY, info)
    assert k_pi == K_PI
    nonce = pace.decrypt_nonce(k_pi, NONCE_Z, info)
    assert nonce == NONCE_S
    # both parties' mapping keys
    assert group.encode(group.mul(SK_MAP_IFD, group.generator)) == PK_MAP_IFD
    assert group.encode(group.mul(SK_MAP_IC, group.generator)) == PK_MAP_IC
    h, g_hat = pace.map_generator(group, nonce, SK_MAP_IFD, group.decode(PK_MAP_IC))
    assert group.encode(h) == H_MAP
    assert group.encode(g_hat) == G_HAT
    # the card maps to the same generator from its side
    _, g_hat_ic = pace.map_generator(group, nonce, SK_MAP_IC, group.decode(PK_MAP_IFD))
    assert g_hat_ic == g_hat
    # ephemeral keys on g~ and the shared secret K, from both sides
    pk_eph_ifd, pk_eph_ic = group.mul(SK_EPH_IFD, g_hat), group.mul(SK_EPH_IC, g_hat)
    assert group.encode(pk_eph_ifd) == PK_EPH_IFD
    assert group.encode(pk_eph_ic) == PK_EPH_IC
    shared = group.mul(SK_EPH_IFD, pk_eph_ic)
    assert shared == group.mul(SK_EPH_IC, pk_eph_ifd)
    assert group.secret(shared) == SHARED_K
    ks_enc, ks_mac = pace.session_keys(group.secret(shared), info)
    assert (ks_enc, ks_mac) == (KS_ENC, KS_MAC)
    # tokens: each side MACs the other's ephemeral key in 7F49 {06 OID, 84 value}
    assert pace.auth_token(ks_mac, info, group, pk_eph_ic) == T_IFD
    assert pace.auth_token(ks_mac, info, group, pk_eph_ifd) == T_IC


def test_the_token_inputs_of_appendix_g2() -> None:
    from motcua.scanner.chip import crypto

    info, group = _info(), GROUPS[0]
    # the published token is the CMAC of the published input: our token is over that input
    assert crypto.aes_cmac(KS_MAC, TOKEN_INPUT_IFD)[:8] == T_IFD
    assert crypto.aes_cmac(KS_MAC, TOKEN_INPUT_IC)[:8] == T_IC
    assert pace.auth_token(KS_MAC, info, group, group.decode(PK_EPH_IC)) == T_IFD


def test_the_whole_exchange_byte_for_byte() -> None:
    keys: Iterator[int] = iter([SK_MAP_IFD, SK_EPH_IFD])
    card = Replay(EXCHANGE)
    channel = pace.perform_pace(card, _info(), KEY, scalar=lambda _d: next(keys))
    assert not card.exchange
    assert channel.cipher == "AES" and channel.ssc == 0
    assert (channel.ks_enc, channel.ks_mac) == (KS_ENC, KS_MAC)


def test_a_wrong_token_from_the_card_is_refused() -> None:
    keys = iter([SK_MAP_IFD, SK_EPH_IFD])
    forged = [*EXCHANGE[:-1], (EXCHANGE[-1][0], "7C0A8608917F37B5C0E6D8D09000")]
    with pytest.raises(ChipError) as err:
        pace.perform_pace(Replay(forged), _info(), KEY, scalar=lambda _d: next(keys))
    assert err.value.code == "unreadable"


def test_a_refused_final_step_means_a_wrong_password() -> None:
    keys = iter([SK_MAP_IFD, SK_EPH_IFD])
    refused = [*EXCHANGE[:-1], (EXCHANGE[-1][0], "6300")]
    with pytest.raises(ChipError) as err:
        pace.perform_pace(Replay(refused), _info(), KEY, scalar=lambda _d: next(keys))
    assert err.value.code == "wrong_key"


@pytest.mark.parametrize(
    "value",
    [
        "00" * 127 + "01",  # the identity
        "00" * 127 + "02",  # in the full group, not in the order-q subgroup
        "B10B8F96A080E01DDE92DE5EAE5D54EC52C99FBCFB06A3C69A6A9DCA52D23B616073E28675A23D18"
        "9838EF1E2EE652C013ECB4AEA906112324975C3CD49B83BFACCBDD7D90C4BD7098488E9C219A7372"
        "4EFFD6FAE5644738FAA31A4FF55BCCC0A151AF5F0DC8B4BD45BF37DF365C1A65E68CFDA76D4DA708"
        "DF1FB2BC2E4A4370",  # p - 1, of order 2
        "00" + PK_MAP_IC.hex(),  # one byte longer than p
    ],
)
def test_a_card_value_outside_the_subgroup_is_refused(value: str) -> None:
    """A card's mapping key outside <g> would leak our key bits (small-subgroup attack)."""
    with pytest.raises(ValueError):
        GROUPS[0].decode(H(value))
    keys = iter([SK_MAP_IFD, SK_EPH_IFD])
    answer = encode(0x7C, encode(0x82, H(value))).hex() + "9000"
    bad = [*EXCHANGE[:2], (EXCHANGE[2][0], answer)]
    with pytest.raises(ChipError):
        pace.perform_pace(Replay(bad), _info(), KEY, scalar=lambda _d: next(keys))


@pytest.mark.parametrize(
    ("param_id", "bits", "qbits"), [(0, 1024, 160), (1, 2048, 224), (2, 2048, 256)]
)
def test_the_standardized_groups_have_a_prime_order_subgroup(
    param_id: int, bits: int, qbits: int
) -> None:
    g = GROUPS[param_id]
    assert (g.p.bit_length(), g.q.bit_length()) == (bits, qbits)
    assert (g.p - 1) % g.q == 0
    assert g.g != 1 and pow(g.g, g.q, g.p) == 1  # g generates the order-q subgroup
    assert g.in_subgroup(g.mul(0x1234567, g.generator))


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl binary")
@pytest.mark.parametrize("param_id", [0, 1, 2])
def test_the_groups_are_openssls_rfc5114_groups(param_id: int, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pem = tmp_path / "p.pem"
    subprocess.run(
        [
            "openssl",
            "genpkey",
            "-genparam",
            "-algorithm",
            "DH",
            "-pkeyopt",
            f"dh_rfc5114:{param_id + 1}",
            "-out",
            str(pem),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cryptography warns that its FFDH is deprecated
        from cryptography.hazmat.primitives.serialization import load_pem_parameters

        numbers = load_pem_parameters(pem.read_bytes()).parameter_numbers()  # type: ignore[union-attr]
    g = GROUPS[param_id]
    assert (numbers.p, numbers.g, numbers.q) == (g.p, g.g, g.q)


def test_dh_gm_is_chosen_beside_ecdh_in_the_cards_order() -> None:
    def info(oid: str, param: int) -> bytes:
        return encode(
            0x30,
            encode(0x06, encode_oid(oid)) + encode(0x02, b"\x02") + encode(0x02, bytes([param])),
        )

    im = info("0.4.0.127.0.7.2.2.4.3.2", 0)  # DH integrated mapping: not supported
    dh_3des = info("0.4.0.127.0.7.2.2.4.1.1", 2)
    ecdh = info("0.4.0.127.0.7.2.2.4.2.2", 13)
    infos = pace.parse_card_access(encode(0x31, im + dh_3des + ecdh))
    chosen = pace.choose(infos)
    assert chosen is not None and chosen.name == "id-PACE-DH-GM-3DES-CBC-CBC"
    assert chosen.parameter_id == 2
    # a DH parameter id that is not standardized (the card's own group) is not supported
    (own,) = pace.parse_card_access(encode(0x31, info("0.4.0.127.0.7.2.2.4.1.2", 7)))
    assert not own.supported


def test_a_2048_bit_public_value_goes_in_an_extended_length_apdu() -> None:
    """256 bytes do not fit a short APDU: ISO 7816-4 extended length (00, Lc in two bytes,
    Le 0000), as the 2048-bit groups (ids 1 and 2) need; 1024-bit ones stay short."""
    from motcua.scanner.chip.sm import build_apdu

    group = GROUPS[2]
    public = group.mul(0x1234567, group.generator).to_bytes(256, "big")
    apdu = build_apdu(0x10, 0x86, 0x00, 0x00, encode(0x7C, encode(0x81, public)), 0)
    assert apdu[:7].hex() == "10860000000108" and apdu[7:15].hex() == "7c82010481820100"
    assert apdu[15:-2] == public and apdu[-2:] == b"\x00\x00" and len(apdu) == 7 + 264 + 2
    assert build_apdu(0x10, 0x86, 0, 0, b"\x7c\x00", 0).hex() == "10860000027c0000"


def test_a_public_value_with_a_zero_top_byte_is_sent_minimal() -> None:
    """One value in 256 is shorter than p: sent (and MACed in the token) as the minimal
    unsigned integer, as JMRTD does; the shared secret keeps p's length for the KDF."""
    from motcua.scanner.chip import crypto

    info, group = _info(), GROUPS[0]
    k = next(k for k in range(2, 5000) if group.mul(k, group.generator) < 1 << (8 * 127))
    y = group.mul(k, group.generator)
    assert len(group.encode(y)) == 127 and group.decode(group.encode(y)) == y
    assert group.decode(b"\x00" + group.encode(y)) == y  # a card may pad it: accepted
    assert len(group.secret(y)) == 128 and group.secret(y)[0] == 0
    token_input = H("7F49818D060A04007F00070202040102847F") + group.encode(y)  # 84, 127 bytes
    assert pace.auth_token(KS_MAC, info, group, y) == crypto.aes_cmac(KS_MAC, token_input)[:8]
