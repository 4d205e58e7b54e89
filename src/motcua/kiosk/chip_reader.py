"""The kiosk's chip reader: "Đặt thẻ căn cước lên đầu đọc" beside the QR prompt.

Plain Python (the Qt layer runs ``read`` on a worker and shows ``PROMPT``). The chip's
data fills the same ``CccdCard`` the QR gives, marked as the stronger proof: ``proof`` is
"chip_as_issued" when EF.SOD's hashes match the groups read, else "chip". The photo and
the DG13 extras live only in ``last`` and are dropped by ``forget()`` (idle timeout, Home).
A card left on the reader after the flow is reminded about (``reminder()``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from motcua.clock import Clock
from motcua.scanner.cccd_qr import CccdCard
from motcua.scanner.chip.bac import NO_EXPIRY, MrzKey
from motcua.scanner.chip.card import AccessKey, read_card
from motcua.scanner.chip.errors import ChipError
from motcua.scanner.chip.lds import ChipCard
from motcua.scanner.chip.reader import PcscReader
from motcua.scanner.chip.sm import Transport

log = logging.getLogger(__name__)

PROMPT = ("Đặt thẻ căn cước lên đầu đọc", "Place your ID card on the reader")
ASK_CAN = (
    "Nhập 6 số cuối của số căn cước để mở chip",
    "Type the last 6 digits of your ID number to open the chip",
)
REMINDER = (
    "Xin nhận lại thẻ căn cước trên đầu đọc",
    "Please take back your ID card from the reader",
)
ASK_MRZ = (
    "Chip của thẻ này không mở được bằng 6 số. Xin nhập số căn cước, ngày sinh và ngày hết "
    "hạn (“Có giá trị đến”) in ở mặt trước thẻ.",
    "This card's chip does not open with the 6 digits. Please type the ID number, the birth "
    "date and the expiry date (“Date of expiry”) printed on the front of the card.",
)
REMIND_AGAIN_SECONDS = 15.0  # the sound again while the card stays on the reader


def _typed_date(text: str, vi: str, en: str) -> date:
    """A date typed as 8 digits, day month year (as printed on the card: dd/mm/yyyy)."""
    digits = "".join(ch for ch in text if ch.isdigit())
    try:
        if len(digits) != 8:
            raise ValueError
        return date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        raise ChipError(
            f"{vi} cần đủ 8 số: ngày, tháng, năm (ví dụ 01011990).",
            f"{en} needs 8 digits: day, month, year (e.g. 01011990).",
            "bad_key",
        ) from None


def typed_mrz_key(id_number: str, birth: str, expiry: str | None) -> MrzKey:
    """The BAC key from what is printed on the front of a Vietnamese card: the document
    number is the last 9 digits of the 12-digit ID number (DOMAIN.md, "The MRZ"); the
    dates are typed day-month-year and go into the key as YYMMDD. ``expiry`` None is a
    card marked "Không thời hạn": its MRZ expiry field is '<<<<<<' (``bac.NO_EXPIRY``).
    ChipError("bad_key", both languages) names the box to correct."""
    number = "".join(ch for ch in id_number if ch.isdigit())
    if len(number) != 12:
        raise ChipError(
            "Số căn cước cần đủ 12 chữ số.", "The ID number needs all 12 digits.", "bad_key"
        )
    born = _typed_date(birth, "Ngày sinh", "The birth date")
    if expiry is None:
        return MrzKey(number[-9:], f"{born:%y%m%d}", NO_EXPIRY)
    until = _typed_date(expiry, "Ngày hết hạn", "The expiry date")
    if until <= born:
        raise ChipError(
            "Ngày hết hạn phải sau ngày sinh. Xin kiểm tra lại.",
            "The expiry date must come after the birth date.",
            "bad_key",
        )
    return MrzKey(number[-9:], f"{born:%y%m%d}", f"{until:%y%m%d}")


@dataclass(frozen=True, repr=False)
class ChipIdentity:
    card: CccdCard  # the same fields as the QR's
    proof: str  # "chip_as_issued" | "chip"
    access: str  # "PACE-CAN" | "PACE-MRZ" | "BAC"

    def __repr__(self) -> str:
        return (
            f"ChipIdentity({self.card.masked_id!r}, proof={self.proof!r}, access={self.access!r})"
        )


class KioskChipReader:
    def __init__(
        self,
        reader: PcscReader,
        csca_pem: bytes | None = None,
        read: Callable[..., ChipCard] = read_card,
    ) -> None:
        self.reader = reader
        self.csca_pem = csca_pem
        self._read = read
        self.last: ChipCard | None = None

    def card_present(self) -> bool:
        try:
            return any(self.reader.card_states().values())
        except ChipError:
            return False

    def read(self, can: str | None = None, mrz_key: MrzKey | None = None) -> ChipIdentity:
        """Blocking (a second or two): open the chip with the CAN (else the MRZ key), read it.
        Raises ChipError with the citizen's message in Vietnamese and English."""
        key = AccessKey(can=can, mrz=mrz_key)
        conn: Transport = self.reader.connect()
        try:
            chip = self._read(conn, key, photo=True, csca_pem=self.csca_pem)
        finally:
            close = getattr(conn, "close", None)
            if close is not None:
                close()
        self.last = chip
        proof = "chip_as_issued" if chip.as_issued else "chip"
        identity = ChipIdentity(chip.to_cccd(), proof, chip.access)
        log.info("ID chip read (%s, %s): %s", chip.access, proof, identity.card.masked_id)
        return identity

    def reminder(self) -> tuple[str, str] | None:
        """After the flow: remind the citizen if the card is still on the reader."""
        return REMINDER if self.card_present() else None

    def forget(self) -> None:
        """Idle timeout or Home: the photo and every chip field go."""
        self.last = None


class CardReminder:
    """ "Xin nhận lại thẻ căn cước": a card still on the reader when a flow ends.

    ``flow_ended()`` (the ticket or the dossier slip is out, Home, the idle timeout) starts
    the reminder when a card is on the reader; ``poll()`` (every second) ends it when the
    card is taken. Both answer whether to play the sound now: when the reminder starts and
    every ``again`` seconds while the card stays. The Qt layer shows ``active`` big.
    """

    def __init__(
        self, present: Callable[[], bool], clock: Clock, again: float = REMIND_AGAIN_SECONDS
    ) -> None:
        self._present = present
        self._clock = clock
        self._again = again
        self.active = False
        self._sounded = clock.now()

    def flow_ended(self) -> bool:
        if self.active:
            return self.poll()
        if not self._present():
            return False
        self.active = True
        self._sounded = self._clock.now()
        log.info("ID card left on the reader: reminding")
        return True

    def poll(self) -> bool:
        if not self.active:
            return False
        if not self._present():
            self.active = False
            log.info("ID card taken from the reader")
            return False
        if (self._clock.now() - self._sounded).total_seconds() >= self._again:
            self._sounded = self._clock.now()
            return True
        return False
