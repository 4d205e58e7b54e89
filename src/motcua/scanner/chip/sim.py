"""``sim://``: a card reader without hardware, for the demo, the technician screen and tests.

    sim://                       a reader with a card on it
    sim://?card=absent           a reader with nothing on it (``insert()`` puts one)
    sim://?atr=3B8880...         the card's answer to reset
    sim://?reader=absent         no reader at all (unplugged): health is an error

The card is honest about what it is: it holds the ID application (SELECT of the eMRTD
AID answers 9000, as a Vietnamese chip card does) and nothing you can open — every other
command is refused with 6D00 (instruction not supported), so ``read_card`` fails with a
clear "unreadable", never with made-up data. Reading a real chip is tested over pcscd and
vsmartcard's virtual reader (tests/scanner/chip).
"""

from __future__ import annotations

import threading

from motcua.devices import DeviceHealth, DeviceUrl, choice, register
from motcua.scanner.chip.card import AID as EMRTD_AID
from motcua.scanner.chip.errors import card_removed, no_card, no_reader
from motcua.scanner.chip.reader import reader_health

DEFAULT_ATR = bytes.fromhex("3B8880010000000000000000")  # an ISO 14443 contactless ATR shape
NAME = "motcua sim reader 00 00"


def _hex(value: str) -> bytes:
    try:
        atr = bytes.fromhex(value)
    except ValueError:
        raise ValueError("expected hexadecimal bytes, e.g. 3B8880010000000000000000") from None
    if not 2 <= len(atr) <= 33:
        raise ValueError("an ATR is 2 to 33 bytes")
    return atr


_hex.describe_vi = "cần các byte dạng hex, ví dụ 3B8880..."  # type: ignore[attr-defined]


class SimCardConnection:
    def __init__(self, reader: SimCardReader) -> None:
        self._reader = reader
        self.reader = NAME
        self.apdus: list[bytes] = []

    @property
    def atr(self) -> bytes:
        return self._reader.atr

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        if not self._reader.present:
            raise card_removed()
        self.apdus.append(bytes(apdu))
        if len(apdu) >= 5 and apdu[1] == 0xA4 and apdu[2] == 0x04:
            aid = apdu[5 : 5 + apdu[4]]
            return b"", 0x9000 if aid == EMRTD_AID else 0x6A82
        return b"", 0x6D00

    def close(self) -> None:
        pass


class SimCardReader:
    """Thread-safe: the technician screen asks its health while a test inserts a card."""

    def __init__(
        self,
        url: str = "sim://",
        *,
        present: bool = True,
        plugged: bool = True,
        atr: bytes = DEFAULT_ATR,
    ) -> None:
        self.url = url
        self.atr = atr
        self._present = present
        self._plugged = plugged
        self._lock = threading.Lock()

    @property
    def present(self) -> bool:
        with self._lock:
            return self._plugged and self._present

    def insert(self) -> None:
        with self._lock:
            self._present = True

    def remove(self) -> None:
        with self._lock:
            self._present = False

    def unplug(self, plugged: bool = False) -> None:
        with self._lock:
            self._plugged = plugged

    def readers(self) -> list[str]:
        with self._lock:
            return [NAME] if self._plugged else []

    def card_states(self) -> dict[str, bool]:
        with self._lock:
            return {NAME: self._present} if self._plugged else {}

    def connect(self) -> SimCardConnection:
        with self._lock:
            if not self._plugged:
                raise no_reader("sim://?reader=absent")
            if not self._present:
                raise no_card()
        return SimCardConnection(self)

    def health(self) -> DeviceHealth:
        return reader_health(self)

    def close(self) -> None:
        pass


@register(
    "card_reader",
    "sim",
    example="sim://?card=absent",
    target="none",
    options={
        "card": choice({"present": True, "absent": False}),
        "reader": choice({"present": True, "absent": False}),
        "atr": _hex,
    },
)
def _open_sim(url: DeviceUrl) -> SimCardReader:
    """A reader without hardware: a card with the ID application and nothing to read."""
    return SimCardReader(
        url.text,
        present=url.option("card", True),
        plugged=url.option("reader", True),
        atr=url.option("atr", DEFAULT_ATR),
    )
