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

    def execute(self, msg: bytes) -> bytes:
        from motcua.scanner.chip import crypto
        from motcua.scanner.chip.sm import SecureChannel, build_apdu
        from motcua.scanner.chip.tlv import encode, parse_all

        if msg[1] == 0x82:  # a new BAC: a new session
            self.channel = None
        if not msg[0] & 0x0C:
            return bytes(super().execute(msg))
        se = self.SAM.current_SE
        if self.channel is None:
            if se.ssc is None:
                return b"\x69\x82"
            self.channel = SecureChannel("3DES", se.ct.key, se.cct.key, se.ssc)
        ch = self.channel
        ch.ssc += 1
        covered = crypto.pad(msg[:4], 8)
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
    sam = PassportSAM(mf)
    doc, birth, expiry = (folder / "key").read_text().strip().split(":")
    doc = doc.ljust(9, "<")
    info = doc + _check(doc) + birth + _check(birth) + expiry + _check(expiry)
    seed = hashlib.sha1(info.encode()).digest()[:16]
    sam.KSeed, sam.KEnc, sam.KMac = seed, sam.derive_key(seed, 1), sam.derive_key(seed, 2)

    icc = VirtualICC.__new__(VirtualICC)
    icc.os = SecureMessagingOS(mf, sam)
    icc.type = "ePass"
    icc.host, icc.port = "localhost", port
    icc.sock = VirtualICC.connectToPort("localhost", port)
    icc.server_sock = None
    print("vicc: connected", flush=True)
    icc.run()


if __name__ == "__main__":
    main()
