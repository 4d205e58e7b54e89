"""Issue 15 at the kiosk: the chip prompt in the Qt screens over a simulated reader.

The reader is the ``sim://`` card reader (scanner/chip/sim.py). Its card holds the ID
application and nothing to open, so the real ``read_card`` over it fails honestly
("unreadable"); for the happy path the read is given the chip's data groups built by the
chip tests' data (DG1/DG13 parsed by the real parsers), opened only with the right CAN.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.chip_reader import PROMPT, KioskChipReader
from motcua.kiosk.runtime import KioskRuntime
from motcua.scanner.chip.errors import wrong_key
from motcua.scanner.chip.lds import ChipCard, parse_dg1, parse_dg13
from motcua.scanner.chip.sim import SimCardReader
from tests.scanner.chip import chipdata

from .test_app_qt import click


def chip_of_the_card(conn, key, photo=True, csca_pem=None) -> ChipCard:
    """The card's chip as read_card returns it, opened only with its CAN."""
    conn.transmit(bytes.fromhex("00A4040C07A0000002471001"))  # SELECT the ID application
    if key.can != chipdata.CAN:
        raise wrong_key("can")
    return ChipCard("PACE-CAN", parse_dg1(chipdata.dg1()), parse_dg13(chipdata.dg13()), None)


@pytest.fixture
def reader() -> SimCardReader:
    return SimCardReader()


def _window(qtbot, config, clock, service, printer, chip) -> KioskWindow:
    rt = KioskRuntime(config=config, clock=clock, center=service, printer=printer,
                      catalog=None, dossiers=None, printer_url="sim://", scanner_url="sim://",
                      chip=chip)  # fmt: skip
    w = KioskWindow(rt)
    qtbot.addWidget(w)
    w.resize(1080, 1920)
    w.show()
    return w


@pytest.fixture
def win(qtbot, config, clock, service, printer, reader) -> Iterator[KioskWindow]:
    w = _window(qtbot, config, clock, service, printer,
                KioskChipReader(reader, read=chip_of_the_card))  # fmt: skip
    yield w
    w.shutdown()


def to_chip(qtbot, win: KioskWindow) -> None:
    click(qtbot, win.screens["home"].buttons["ticket"])
    click(qtbot, win.screens["ticket"].buttons["HT"])
    assert win.current.name == "idscan"
    idscan = win.screens["idscan"]
    assert idscan.chip.isVisibleTo(win)
    click(qtbot, idscan.chip)
    assert win.current.name == "chip"


def test_the_chip_is_read_and_the_flow_goes_on_with_the_citizen(qtbot, win) -> None:
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    assert screen.prompt.text() == PROMPT[0]  # "Đặt thẻ căn cước lên đầu đọc"
    assert screen.keyboard.isVisibleTo(win)  # the CAN is typed at once
    screen.keyboard.type(chipdata.CAN)
    click(qtbot, screen.read_button)
    assert "Đang đọc chip" in screen.state.text()  # reading…
    qtbot.waitUntil(lambda: win.current.name != "chip", timeout=5000)
    flow = win.runtime.tickets
    assert flow.card is not None and flow.card.full_name == "Nguyễn Văn An"
    assert flow.card_proof == "chip"
    assert win.current.name == "priority"  # the next step, the card known


def test_a_wrong_can_says_why_in_vietnamese_and_offers_the_qr(qtbot, win) -> None:
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    screen.keyboard.type("654321")
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: screen.error.isVisibleTo(win), timeout=5000)
    assert win.current is screen and win.runtime.tickets.card is None
    assert screen.error.text().startswith("Chưa đọc được chip:")
    assert "quét mã QR" in screen.error.text()
    click(qtbot, screen.use_qr)  # fall back to the QR
    assert win.current.name == "idscan"


def test_no_card_on_the_reader(qtbot, win, reader) -> None:
    reader.remove()
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    screen.keyboard.type(chipdata.CAN)
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: screen.error.isVisibleTo(win), timeout=5000)
    assert "thẻ" in screen.error.text()


def test_a_card_with_nothing_to_open_fails_honestly(qtbot, config, clock, service, printer):
    """The real read_card over the sim card: refused, said plainly, nothing made up."""
    w = _window(qtbot, config, clock, service, printer, KioskChipReader(SimCardReader()))
    try:
        to_chip(qtbot, w)
        screen = w.screens["chip"]
        screen.keyboard.type(chipdata.CAN)
        click(qtbot, screen.read_button)
        qtbot.waitUntil(lambda: screen.error.isVisibleTo(w), timeout=5000)
        assert w.runtime.tickets.card is None
    finally:
        w.shutdown()


def test_six_digits_are_asked_before_reading(qtbot, win) -> None:
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    screen.keyboard.type("12")
    click(qtbot, screen.read_button)
    assert "6 chữ số" in screen.error.text() and not screen.state.isVisibleTo(win)


def test_no_reader_no_chip_button(qtbot, config, clock, service, printer) -> None:
    w = _window(qtbot, config, clock, service, printer, None)
    try:
        click(qtbot, w.screens["home"].buttons["ticket"])
        click(qtbot, w.screens["ticket"].buttons["HT"])
        assert not w.screens["idscan"].chip.isVisibleTo(w)
    finally:
        w.shutdown()
