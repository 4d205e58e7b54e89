"""Basic Access Control (ICAO 9303-11 section 4.3) with the MRZ key.

The key is the document number, birth date and expiry date, each followed by its check
digit, as printed in the MRZ. A Vietnamese card's document number is the last nine digits
of the 12-digit ID number (DOMAIN.md).

A card that does not expire (Vietnamese cards issued after 60 say "Không thời hạn") has
no date in the MRZ's expiry field: ICAO 9303 fills an absent field with '<', so the field
is "<<<<<<" and its check digit, '<' counting 0, is 0. The key then carries "<<<<<<0"
(``NO_EXPIRY``), as Moldova's senior cards do (snifter/MRZCode.NET#3, "<<<<<<0"). What the
Vietnamese cards' chips hold has not been seen on a real card: unconfirmed.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from motcua.scanner.chip import crypto
from motcua.scanner.chip.errors import bad_key_format, unreadable, wrong_key
from motcua.scanner.chip.sm import SecureChannel, Transport
from motcua.scanner.mrz import check_digit

_DATE = re.compile(r"\d{6}", re.ASCII)
NO_EXPIRY = "<<<<<<"  # the MRZ expiry field of a card that does not expire
_DOCNO = re.compile(r"[A-Z0-9<]{1,9}", re.ASCII)


@dataclass(frozen=True, repr=False)
class MrzKey:
    document_number: str  # up to 9 characters, filled with '<' to 9
    birth_date: str  # YYMMDD
    expiry_date: str  # YYMMDD, or NO_EXPIRY

    def __post_init__(self) -> None:
        doc = self.document_number.upper().replace(" ", "")
        if not _DOCNO.fullmatch(doc):
            raise bad_key_format("document number: up to 9 letters/digits")
        object.__setattr__(self, "document_number", doc.ljust(9, "<"))
        if not _DATE.fullmatch(self.birth_date):
            raise bad_key_format("birth date must be YYMMDD")
        if not (_DATE.fullmatch(self.expiry_date) or self.expiry_date == NO_EXPIRY):
            raise bad_key_format(f"expiry date must be YYMMDD (or {NO_EXPIRY}: no expiry)")

    @property
    def expires(self) -> bool:
        return self.expiry_date != NO_EXPIRY

    @classmethod
    def parse(cls, text: str) -> MrzKey:
        """'DOCNO:YYMMDD:YYMMDD' (the CLI's --mrz-key); the expiry '<<<<<<' for none."""
        parts = text.strip().split(":")
        if len(parts) != 3:
            raise bad_key_format("MRZ key must be DOCNO:YYMMDD:YYMMDD (expiry <<<<<< if none)")
        return cls(parts[0], parts[1], parts[2])

    def mrz_information(self) -> str:
        d, b, e = self.document_number, self.birth_date, self.expiry_date
        return f"{d}{check_digit(d)}{b}{check_digit(b)}{e}{check_digit(e)}"

    def __repr__(self) -> str:
        return "MrzKey(***)"


def key_seed(key: MrzKey) -> bytes:
    return hashlib.sha1(key.mrz_information().encode("ascii")).digest()[:16]


def basic_keys(key: MrzKey) -> tuple[bytes, bytes]:
    seed = key_seed(key)
    return crypto.kdf(seed, crypto.ENC), crypto.kdf(seed, crypto.MAC)


def external_authenticate_data(
    k_enc: bytes, k_mac: bytes, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes
) -> bytes:
    s = rnd_ifd + rnd_ic + k_ifd
    e_ifd = crypto.tdes_encrypt(k_enc, s)
    return e_ifd + crypto.retail_mac(k_mac, crypto.pad(e_ifd, 8))


def session_from_response(
    k_enc: bytes, k_mac: bytes, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes, response: bytes
) -> SecureChannel:
    """Check the card's EXTERNAL AUTHENTICATE answer; derive KSenc, KSmac and the SSC."""
    if len(response) != 40:
        raise unreadable(f"BAC: answer of {len(response)} bytes, expected 40")
    e_ic, m_ic = response[:32], response[32:]
    if crypto.retail_mac(k_mac, crypto.pad(e_ic, 8)) != m_ic:
        raise unreadable("BAC: the card's MAC is wrong")
    r = crypto.tdes_decrypt(k_enc, e_ic)
    if r[:8] != rnd_ic or r[8:16] != rnd_ifd:
        raise unreadable("BAC: the card did not return our challenge")
    seed = bytes(a ^ b for a, b in zip(k_ifd, r[16:32], strict=True))
    ssc = int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big")
    return SecureChannel("3DES", crypto.kdf(seed, crypto.ENC), crypto.kdf(seed, crypto.MAC), ssc)


def perform_bac(
    transport: Transport, key: MrzKey, random: Callable[[int], bytes] = os.urandom
) -> SecureChannel:
    k_enc, k_mac = basic_keys(key)
    rnd_ic, sw = transport.transmit(bytes.fromhex("0084000008"))
    if sw != 0x9000 or len(rnd_ic) != 8:
        raise unreadable(f"BAC: GET CHALLENGE answered {sw:04X}")
    rnd_ifd, k_ifd = random(8), random(16)
    data = external_authenticate_data(k_enc, k_mac, rnd_ic, rnd_ifd, k_ifd)
    response, sw = transport.transmit(bytes([0x00, 0x82, 0x00, 0x00, 0x28]) + data + b"\x28")
    if sw in (0x6300, 0x6982, 0x6988) or (sw & 0xFFF0) == 0x63C0:
        raise wrong_key("mrz")
    if sw != 0x9000:
        raise unreadable(f"BAC: EXTERNAL AUTHENTICATE answered {sw:04X}")
    return session_from_response(k_enc, k_mac, rnd_ic, rnd_ifd, k_ifd, response)
