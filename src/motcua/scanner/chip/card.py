"""Open the card and read it: PACE with the CAN (or MRZ key), else BAC; then the files.

``read_card`` works over any ``Transport`` (a PC/SC connection, a test card). Order:
EF.CardAccess says whether the card does PACE and how; PACE with the CAN if we have it,
else with the MRZ key; a card refusing PACE (69 82 on some Vietnamese cards with the MRZ
key) or without EF.CardAccess gets BAC with the MRZ key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from motcua.scanner.chip import bac, pace
from motcua.scanner.chip.errors import (
    ChipError,
    bad_key_format,
    needs_mrz,
    unreadable,
)
from motcua.scanner.chip.lds import ChipCard, check_sod, parse_dg1, parse_dg2, parse_dg13
from motcua.scanner.chip.sm import SecureChannel, SecureMessagingError, SecureTransport, Transport
from motcua.scanner.chip.tlv import TlvError, header_length

log = logging.getLogger(__name__)

AID = bytes.fromhex("A0000002471001")
EF_CARD_ACCESS = 0x011C
DG1, DG2, DG13, SOD = 0x0101, 0x0102, 0x010D, 0x011D
CHUNK = 0xDF  # the largest read whose protected answer fits a short APDU


@dataclass(frozen=True, repr=False)
class AccessKey:
    can: str | None = None
    mrz: bac.MrzKey | None = None

    def __post_init__(self) -> None:
        if self.can is None and self.mrz is None:
            raise bad_key_format("give a CAN or an MRZ key")
        if self.can is not None and not (len(self.can) == 6 and self.can.isdigit()):
            raise bad_key_format("the CAN is six digits (the last six of the ID number)")

    def __repr__(self) -> str:
        return "AccessKey(***)"


def select_file(t: Transport, fid: int) -> int:
    _, sw = t.transmit(bytes([0x00, 0xA4, 0x02, 0x0C, 0x02]) + fid.to_bytes(2, "big"))
    return sw


def read_binary(t: Transport, fid: int) -> bytes | None:
    """The whole file (its TLV length tells how long), or None when it does not exist."""
    sw = select_file(t, fid)
    if sw in (0x6A82, 0x6A80, 0x6986):
        return None
    if sw != 0x9000:
        raise unreadable(f"SELECT {fid:04X} answered {sw:04X}")
    head, sw = t.transmit(bytes([0x00, 0xB0, 0x00, 0x00, 0x08]))
    if sw not in (0x9000, 0x6282) or not head:
        raise unreadable(f"READ BINARY {fid:04X} answered {sw:04X}")
    try:
        total = header_length(head)
    except TlvError as exc:
        raise unreadable(f"file {fid:04X}: {exc}") from exc
    data = bytearray(head[:total])
    while len(data) < total:
        offset = len(data)
        want = min(CHUNK, total - offset)
        part, sw = t.transmit(bytes([0x00, 0xB0, offset >> 8, offset & 0xFF, want]))
        if sw not in (0x9000, 0x6282) or not part:
            raise unreadable(f"READ BINARY {fid:04X} at {offset} answered {sw:04X}")
        data += part
    return bytes(data[:total])


def _card_access(t: Transport) -> bytes | None:
    """EF.CardAccess under the MF, unprotected (P1=02: some cards answer 6D00 to P1=00)."""
    try:
        data = read_binary(t, EF_CARD_ACCESS)
    except ChipError:
        data = None
    if data is None:
        # Short-EF read (SFI 1C), for cards that refuse SELECT here.
        raw, sw = t.transmit(bytes.fromhex("00B09C0000"))
        data = raw if sw in (0x9000, 0x6282) and raw else None
    return data


def open_card(t: Transport, key: AccessKey) -> tuple[SecureTransport, str]:
    """Authenticate; return the secure transport (application selected) and how."""
    card_access = _card_access(t)
    info = pace.choose(pace.parse_card_access(card_access)) if card_access else None
    channel: SecureChannel | None = None
    how = ""
    refused = False
    if info is not None:
        password: str | bac.MrzKey = key.can if key.can is not None else key.mrz  # type: ignore[assignment]
        try:
            channel = pace.perform_pace(t, info, password)
            how = "PACE-CAN" if key.can is not None else "PACE-MRZ"
        except pace.PaceRefused as exc:
            refused = True
            log.info("card refused PACE (%04X); trying BAC", exc.sw)
        except ChipError as exc:
            if exc.code != "wrong_key" or key.mrz is None or key.can is not None:
                raise
    if channel is not None:
        secure = SecureTransport(t, channel)
        _, sw = secure.transmit(bytes([0x00, 0xA4, 0x04, 0x0C, len(AID)]) + AID)
        if sw != 0x9000:
            raise unreadable(f"SELECT application answered {sw:04X}")
        return secure, how
    if key.mrz is None:
        # PACE refused with the CAN (some cards), or no PACE at all: only BAC opens it
        raise needs_mrz(refused)
    _, sw = t.transmit(bytes([0x00, 0xA4, 0x04, 0x0C, len(AID)]) + AID)
    if sw != 0x9000:
        raise unreadable(f"SELECT application answered {sw:04X}: not an ICAO chip?")
    return SecureTransport(t, bac.perform_bac(t, key.mrz)), "BAC"


def read_card(
    t: Transport, key: AccessKey, *, photo: bool = True, csca_pem: bytes | None = None
) -> ChipCard:
    try:
        secure, how = open_card(t, key)
        groups: dict[int, bytes] = {}
        dg1 = read_binary(secure, DG1)
        if dg1 is None:
            raise unreadable("the card has no DG1")
        groups[1] = dg1
        dg13 = read_binary(secure, DG13)
        if dg13 is not None:
            groups[13] = dg13
        dg2 = read_binary(secure, DG2) if photo else None
        if dg2:
            groups[2] = dg2
        sod = read_binary(secure, SOD)
    except SecureMessagingError as exc:
        raise unreadable(f"secure messaging: {exc}") from exc
    image = None
    if dg2:
        try:
            image = parse_dg2(dg2)
        except ChipError:
            image = None  # a photo we cannot find is not a reason to refuse the card
    return ChipCard(
        access=how,
        mrz=parse_dg1(dg1),
        dg13=parse_dg13(dg13) if dg13 else {},
        sod=check_sod(sod, groups, csca_pem) if sod else None,
        photo=image,
    )
