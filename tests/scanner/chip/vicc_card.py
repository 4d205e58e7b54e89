"""Run an emulated ICAO card (vsmartcard's ``vicc``) built from its classes, for tests only.

    python vicc_card.py DIR PORT

DIR holds the files (``0101``, ``010D``, ``0102``, ``011D``: raw bytes named by FID) and
``key`` (``DOCNO:YYMMDD:YYMMDD``). Debian 12's card generator still has Python 2 code, so
this builds the ePass from ``MF``/``DF``/``TransparentStructureEF``/``PassportSAM`` instead.
More Python 2 leftovers (``CryptoUtils.operation_on_string``, ``TLVutils.pack``,
``stringtoint`` on an indexed byte) are
replaced below by bytes-correct equivalents.
``PassportSAM`` reads the BAC key from a TD3 (passport) MRZ; our cards are TD1, so the key
is recomputed here the way the SAM does it (SHA-1 of the MRZ information).
The emulator connects to vpcd on localhost:PORT (vpcd itself listens there: tests only).
"""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

sys.path.insert(0, "/usr/lib/python3/site-packages/virtualsmartcard")

import virtualsmartcard.CryptoUtils as vsCrypto
from virtualsmartcard import SEutils, SmartcardFilesystem, TLVutils
from virtualsmartcard import utils as vsutils
from virtualsmartcard.cards import ePass
from virtualsmartcard.cards.ePass import PassportSAM
from virtualsmartcard.SmartcardFilesystem import DF, MF, TransparentStructureEF
from virtualsmartcard.VirtualSmartcard import Iso7816OS, VirtualICC


def _xor_bytes(a: bytes, b: bytes, op=lambda x, y: x ^ y) -> bytes:  # type: ignore[no-untyped-def]
    return bytes(op(x, y) for x, y in zip(a, b, strict=False))


# 3.3's operation_on_string is Python 2 (ord() on bytes); BAC's key mixing calls it.
vsCrypto.operation_on_string = _xor_bytes


def _tlv_pack(items, recalculate_length=False):  # type: ignore[no-untyped-def]
    """TLVutils.pack ends with b"".join(bytes) (Python 2): the same encoding, returning bytes."""
    out = b""
    for item in items:
        tag, length, value = item[:3]
        if tag in (0xFF, 0x00):
            out += bytes([tag])
            continue
        if not isinstance(value, bytes):
            value = _tlv_pack(value, recalculate_length)
        if recalculate_length:
            length = len(value)
        out += tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
        if length < 0x80:
            out += bytes([length])
        else:
            body = length.to_bytes((length.bit_length() + 7) // 8, "big")
            out += bytes([0x80 | len(body)]) + body
        out += value
    return out


for _module in (TLVutils, SEutils, SmartcardFilesystem):
    _module.pack = _tlv_pack
TLVutils.bertlv_pack = SEutils.bertlv_pack = _tlv_pack

_stringtoint = vsutils.stringtoint


def _stringtoint_or_int(data):  # type: ignore[no-untyped-def]
    """SEutils indexes bytes (value[0], an int in Python 3) before calling stringtoint."""
    return data if isinstance(data, int) else _stringtoint(data)


for _module in (vsutils, SEutils, SmartcardFilesystem, ePass):
    if hasattr(_module, "stringtoint"):
        _module.stringtoint = _stringtoint_or_int


class SecureMessagingOS(Iso7816OS):  # type: ignore[misc]
    """vicc's ISO 7816 card with the card's side of 3DES secure messaging done here.

    BAC itself (challenge, mutual authentication, session keys and SSC) is vicc's
    ``PassportSAM``; its SM parser (SEutils.parse_SM_CAPDU) still joins str with bytes and
    cannot run on Python 3, so protected APDUs are unwrapped and answers wrapped here with
    motcua's SecureChannel primitives (themselves proven by ICAO 9303-11 D.4's vectors).
    """

    channel = None
    pace: PaceCard | None = None

    def execute(self, msg: bytes) -> bytes:
        from motcua.scanner.chip import crypto
        from motcua.scanner.chip.sm import SecureChannel, build_apdu
        from motcua.scanner.chip.tlv import encode, parse_all

        if msg[1] == 0x82:  # a new BAC: a new session
            self.channel = None
        if self.pace is not None and msg[1] in (0x22, 0x86) and not msg[0] & 0x0C:
            answer, channel = self.pace.execute(msg)
            if channel is not None:
                self.channel = channel
            return answer
        if not msg[0] & 0x0C:
            return bytes(super().execute(msg))
        se = self.SAM.current_SE
        if self.channel is None:
            if se.ssc is None:
                return b"\x69\x82"
            self.channel = SecureChannel("3DES", se.ct.key, se.cct.key, se.ssc)
        ch = self.channel
        ch.ssc += 1
        covered = crypto.pad(msg[:4], ch.block)
        data, le, mac = b"", None, b""
        for obj in parse_all(msg[5 : 5 + msg[4]]):
            if obj.tag == 0x87:
                covered += obj.raw
                data = ch._decrypt(obj.value[1:])
            elif obj.tag == 0x97:
                covered += obj.raw
                le = obj.value[0] or 256
            elif obj.tag == 0x8E:
                mac = obj.value
        if ch._mac(covered) != mac:
            self.channel = None
            return b"\x69\x88"
        answer = bytes(super().execute(build_apdu(msg[0] & 0xF3, msg[1], msg[2], msg[3], data, le)))
        plain, sw = answer[:-2], answer[-2:]
        ch.ssc += 1
        body = (encode(0x87, b"\x01" + ch._encrypt(plain)) if plain else b"") + encode(0x99, sw)
        return body + encode(0x8E, ch._mac(body)) + b"\x90\x00"


class PaceCard:
    """The chip's side of PACE-ECDH-GM and PACE-DH-GM, our own test implementation (vicc's nPA needs
    OpenPACE, absent from Debian 12). It draws its own random nonce and keys, so a terminal
    that passes only reproduces the protocol, not recorded values. ``refuse_mrz`` answers
    69 82 to PACE with the MRZ key, as some Vietnamese cards do (DOMAIN.md); ``refuse_can``
    answers 6A 80 to PACE with the CAN (a card the kiosk must open by BAC)."""

    def __init__(
        self, card_access: bytes, can: str, mrz_key: str, refuse_mrz: bool, refuse_can: bool = False
    ) -> None:
        from motcua.scanner.chip import pace
        from motcua.scanner.chip.bac import MrzKey

        (self.info,) = pace.parse_card_access(card_access)
        self.can, self.mrz = can, MrzKey.parse(mrz_key)
        self.refuse_mrz, self.refuse_can = refuse_mrz, refuse_can
        self.state: dict[str, object] = {}

    def execute(self, msg: bytes) -> tuple[bytes, object]:
        import os
        import secrets

        from motcua.scanner.chip import crypto, pace
        from motcua.scanner.chip.sm import SecureChannel
        from motcua.scanner.chip.tlv import encode, parse_all

        info, st = self.info, self.state
        curve = info.domain  # an elliptic curve or a DH group: the same calls
        if len(msg) > 7 and msg[4] == 0:  # extended length (DH on a 2048-bit group)
            data = msg[7 : 7 + int.from_bytes(msg[5:7], "big")]
        else:
            data = msg[5 : 5 + msg[4]] if len(msg) > 5 else b""
        body = {t.tag: t for t in parse_all(data)}
        if msg[1] == 0x22:
            ref = body[0x83].value[0]
            if ref == pace.MRZ and self.refuse_mrz:
                return b"\x69\x82", None
            if ref == pace.CAN and self.refuse_can:
                return b"\x6a\x80", None
            st.clear()
            st["password"] = self.can if ref == pace.CAN else self.mrz
            return b"\x90\x00", None
        if "password" not in st:
            return b"\x69\x85", None
        inner = {t.tag: t.value for t in body[0x7C].children()}
        if not inner:
            nonce = os.urandom(16)
            st["nonce"] = nonce
            k_pi = pace.password_key(st["password"], info)  # type: ignore[arg-type]
            z = crypto.aes_encrypt(k_pi, nonce)  # the tests' cards are AES
            return encode(0x7C, encode(0x80, z)) + b"\x90\x00", None
        if 0x81 in inner:
            sk = secrets.randbelow(curve.n - 1) + 1
            pk = curve.mul(sk, curve.generator)
            _, st["g_hat"] = pace.map_generator(curve, st["nonce"], sk, curve.decode(inner[0x81]))  # type: ignore[arg-type]
            return encode(0x7C, encode(0x82, curve.encode(pk))) + b"\x90\x00", None
        if 0x83 in inner:
            sk = secrets.randbelow(curve.n - 1) + 1
            st["pk_ifd"] = curve.decode(inner[0x83])
            st["pk_ic"] = curve.mul(sk, st["g_hat"])  # type: ignore[arg-type]
            shared = curve.mul(sk, st["pk_ifd"])  # type: ignore[arg-type]
            assert shared is not None
            st["keys"] = pace.session_keys(curve.secret(shared), info)
            return encode(0x7C, encode(0x84, curve.encode(st["pk_ic"]))) + b"\x90\x00", None  # type: ignore[arg-type]
        if 0x85 in inner:
            ks_enc, ks_mac = st["keys"]  # type: ignore[misc]
            if inner[0x85] != pace.auth_token(ks_mac, info, curve, st["pk_ic"]):  # type: ignore[arg-type]
                st.clear()
                return b"\x63\x00", None
            t_ic = pace.auth_token(ks_mac, info, curve, st["pk_ifd"])  # type: ignore[arg-type]
            channel = SecureChannel(info.cipher[0], ks_enc, ks_mac, 0)
            st.clear()
            return encode(0x7C, encode(0x86, t_ic)) + b"\x90\x00", channel
        return b"\x6a\x80", None


def _check(data: str) -> str:
    values = {c: i for i, c in enumerate("0123456789")}
    values.update({chr(ord("A") + i): 10 + i for i in range(26)})
    values["<"] = 0
    return str(sum(values[c] * (7, 3, 1)[i % 3] for i, c in enumerate(data)) % 10)


def main() -> None:
    folder, port = Path(sys.argv[1]), int(sys.argv[2])
    logging.basicConfig(level=logging.WARNING)
    mf = MF()
    df = DF(parent=mf, fid=4, dfname=b"\xa0\x00\x00\x02G\x10\x01", bertlv_data=[])
    for fid in ("011E", "0101", "0102", "010D", "011D"):
        path = folder / fid
        if path.exists():
            df.append(
                TransparentStructureEF(
                    parent=df, fid=int(fid, 16), filedescriptor=0, data=path.read_bytes()
                )
            )
    mf.append(df)
    if (folder / "011C").exists():
        mf.append(
            TransparentStructureEF(
                parent=mf, fid=0x011C, filedescriptor=0, data=(folder / "011C").read_bytes()
            )
        )
    sam = PassportSAM(mf)
    doc, birth, expiry = (folder / "key").read_text().strip().split(":")
    doc = doc.ljust(9, "<")
    info = doc + _check(doc) + birth + _check(birth) + expiry + _check(expiry)
    seed = hashlib.sha1(info.encode()).digest()[:16]
    sam.KSeed, sam.KEnc, sam.KMac = seed, sam.derive_key(seed, 1), sam.derive_key(seed, 2)

    icc = VirtualICC.__new__(VirtualICC)
    icc.os = SecureMessagingOS(mf, sam)
    if (folder / "011C").exists():
        icc.os.pace = PaceCard(
            (folder / "011C").read_bytes(),
            (folder / "can").read_text().strip(),
            (folder / "key").read_text().strip(),
            (folder / "refuse_mrz").exists(),
            (folder / "refuse_can").exists(),
        )
    icc.type = "ePass"
    icc.host, icc.port = "localhost", port
    icc.sock = VirtualICC.connectToPort("localhost", port)
    icc.server_sock = None
    print("vicc: connected", flush=True)
    icc.run()


if __name__ == "__main__":
    main()
