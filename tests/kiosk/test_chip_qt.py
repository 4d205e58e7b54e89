"""Issue 15 at the kiosk: the chip prompt in the Qt screens over a simulated reader.

The reader is the ``sim://`` card reader (scanner/chip/sim.py). Its card holds the ID
application and nothing to open, so the real ``read_card`` over it fails honestly
("unreadable"); for the happy path the read is given the chip's data groups built by the
chip tests' data (DG1/DG13 parsed by the real parsers), opened only with the right CAN.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.chip_reader import PROMPT, ChipIdentity, KioskChipReader
from motcua.kiosk.runtime import KioskRuntime
from motcua.scanner.cccd_qr import CccdCard
from motcua.scanner.chip.lds import ChipCard
from motcua.scanner.chip.sim import SimCardReader
from tests.scanner.chip import chipdata

from .test_app_qt import click


@pytest.fixture
def reader(card_reader: SimCardReader) -> SimCardReader:
    return card_reader


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
def win(qtbot, config, clock, service, printer, chip) -> Iterator[KioskWindow]:
    w = _window(qtbot, config, clock, service, printer, chip)
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
    assert screen.pad.isVisibleTo(win)  # the CAN is typed at once
    screen.pad.type(chipdata.CAN)
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
    screen.pad.type("654321")
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
    screen.pad.type(chipdata.CAN)
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: screen.error.isVisibleTo(win), timeout=5000)
    assert "thẻ" in screen.error.text()


def test_a_card_with_nothing_to_open_fails_honestly(qtbot, config, clock, service, printer):
    """The real read_card over the sim card: refused, said plainly, nothing made up."""
    w = _window(qtbot, config, clock, service, printer, KioskChipReader(SimCardReader()))
    try:
        to_chip(qtbot, w)
        screen = w.screens["chip"]
        screen.pad.type(chipdata.CAN)
        click(qtbot, screen.read_button)
        # no EF.CardAccess (no PACE): the kiosk asks for the front of the card for BAC
        qtbot.waitUntil(lambda: screen.mrz_box.isVisibleTo(w), timeout=5000)
        screen.pad.type("001090123456" + "01011990" + "01012031")
        click(qtbot, screen.read_button)
        qtbot.waitUntil(lambda: screen.error.isVisibleTo(w), timeout=5000)
        assert screen.error.text().startswith("Chưa đọc được chip: Không đọc được chip")
        assert w.runtime.tickets.card is None and w.current is screen
    finally:
        w.shutdown()


def test_six_digits_are_asked_before_reading(qtbot, win) -> None:
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    screen.pad.type("12")
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


# ------------------------------------------------------------------ issue 15 item 4
def read_the_chip(qtbot, win: KioskWindow) -> None:
    to_chip(qtbot, win)
    win.screens["chip"].pad.type(chipdata.CAN)
    click(qtbot, win.screens["chip"].read_button)
    qtbot.waitUntil(lambda: win.current.name == "priority", timeout=5000)
    # the read's follow-up work may still be pending; the kiosk rightly never goes home
    # under it (check_idle waits for runner.pending == 0), so the tests wait for it too
    qtbot.waitUntil(lambda: win.runner.pending == 0, timeout=5000)


def print_the_ticket(qtbot, win: KioskWindow) -> None:
    click(qtbot, win.findChild(QWidget, "priority:none"))
    assert win.current.name == "confirm"
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    click(qtbot, win.screens["confirm"].print_button)
    qtbot.waitUntil(lambda: win.current.name == "result", timeout=5000)


@pytest.fixture
def chimes(win: KioskWindow) -> list[float]:
    """The kiosk's sound hook, counted (no audio device here)."""
    played: list[float] = []
    win.runtime.chime = lambda: played.append(1.0)
    return played


def test_a_card_left_on_the_reader_after_the_ticket_is_reminded_until_taken(
    qtbot, win, reader, clock, chimes
) -> None:
    reader.remove()  # the kiosk starts with nothing on the reader
    win.home()
    assert not win.card_left.isVisibleTo(win) and chimes == []
    reader.insert()  # the citizen puts the card down for the chip
    read_the_chip(qtbot, win)
    assert not win.card_left.isVisibleTo(win)  # mid-flow: the card is in use
    print_the_ticket(qtbot, win)
    # the ticket is out and the card still lies on the reader
    assert win.card_left.isVisibleTo(win) and chimes == [1.0]
    assert win.card_left.text() == "Xin nhận lại thẻ căn cước trên đầu đọc"
    assert win.card_left.property("role") == "reminder"  # big (the title's size)
    win.check_card_left()
    assert chimes == [1.0]  # not every second
    clock.advance(seconds=16)
    win.check_card_left()
    assert chimes == [1.0, 1.0]  # again while it stays
    win.home()  # "Trang chủ": still reminding, no second start
    assert win.card_left.isVisibleTo(win) and len(chimes) == 2
    reader.remove()  # taken
    win.check_card_left()
    assert not win.card_left.isVisibleTo(win)
    clock.advance(seconds=30)
    win.check_card_left()
    assert len(chimes) == 2


def test_no_reminder_when_the_card_was_taken_before_the_end(qtbot, win, reader, chimes) -> None:
    reader.remove()
    win.home()
    reader.insert()
    read_the_chip(qtbot, win)
    reader.remove()  # taken at once, as it should be
    print_the_ticket(qtbot, win)
    assert not win.card_left.isVisibleTo(win) and chimes == []


def test_a_card_left_when_the_citizen_walks_away_is_reminded_at_the_idle_timeout(
    qtbot, win, reader, clock, chimes
) -> None:
    reader.remove()
    win.home()
    reader.insert()
    read_the_chip(qtbot, win)
    clock.advance(seconds=win.idle.timeout_seconds + 1)
    assert win.check_idle() and win.current.name == "home"
    assert win.card_left.isVisibleTo(win) and chimes == [1.0]


def test_a_chime_that_fails_does_not_stop_the_kiosk(qtbot, win, reader) -> None:
    def broken() -> None:
        raise OSError("no audio device")

    win.runtime.chime = broken
    reader.remove()
    win.home()
    reader.insert()
    win.home()
    assert win.card_left.isVisibleTo(win) and win.current.name == "home"


def _chip_data_left(obj: object, seen: set[int], path: str = "") -> list[str]:
    """Where in ``obj`` (walked through attributes, lists and dicts) the chip's data is:
    its CccdCard / ChipCard / ChipIdentity, or the citizen's name or ID number as text."""
    if id(obj) in seen or isinstance(obj, int | float | bool | type(None) | bytes):
        return []
    seen.add(id(obj))
    if isinstance(obj, CccdCard | ChipCard | ChipIdentity):
        return [path]
    if isinstance(obj, str):
        return [path] if ("001090123456" in obj or "Nguyễn Văn An" in obj) else []
    found: list[str] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            found += _chip_data_left(v, seen, f"{path}[{k!r}]")
    elif isinstance(obj, list | tuple | set):
        for i, v in enumerate(obj):
            found += _chip_data_left(v, seen, f"{path}[{i}]")
    elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("motcua.kiosk"):
        for k, v in vars(obj).items():
            found += _chip_data_left(v, seen, f"{path}.{k}")
    return found


def test_after_the_idle_timeout_no_chip_data_is_left_in_any_flow(qtbot, win, clock) -> None:
    read_the_chip(qtbot, win)
    rt = win.runtime
    flows = {"tickets": rt.tickets, "intake": rt.intake, "lookup": rt.lookup,
             "dossier": rt.dossier, "rating": rt.rating, "chip": rt.chip}  # fmt: skip
    assert _chip_data_left(flows, set()), "the walk finds the chip's data while in use"
    assert rt.chip is not None and rt.chip.last is not None and rt.chip.last.photo
    clock.advance(seconds=win.idle.timeout_seconds + 1)
    assert win.check_idle() and win.current.name == "home"
    assert _chip_data_left(flows, set()) == []
    assert rt.chip.last is None and rt.tickets.card is None and rt.tickets.card_proof == ""
    # nor on a screen: the CAN typed, the chip screen's "Đã đọc chip: …"
    chip_screen = win.screens["chip"]
    assert chip_screen.can.text() == "" and chip_screen.state.text() == ""
    for label in win.findChildren(QLabel):
        assert "Nguyễn V" not in label.text(), label.text()


# ------------------------------------------------------------------ BAC fallback (item 2)
def bac_only_chip(conn, key, photo=True, csca_pem=None) -> ChipCard:
    """A card that will not open with the CAN (no PACE, or PACE refused): only BAC with
    the MRZ key it was built with, as read_card raises it (needs_mrz, wrong_key)."""
    from motcua.scanner.chip.bac import MrzKey
    from motcua.scanner.chip.errors import needs_mrz, wrong_key
    from motcua.scanner.chip.lds import parse_dg1, parse_dg13

    conn.transmit(bytes.fromhex("00A4040C07A0000002471001"))
    if key.mrz is None:
        raise needs_mrz(True)
    if key.mrz.mrz_information() != MrzKey.parse(chipdata.MRZ_KEY).mrz_information():
        raise wrong_key("mrz")
    return ChipCard("BAC", parse_dg1(chipdata.dg1()), parse_dg13(chipdata.dg13()), None)


@pytest.fixture
def bac_win(qtbot, config, clock, service, printer, reader) -> Iterator[KioskWindow]:
    w = _window(qtbot, config, clock, service, printer,
                KioskChipReader(reader, read=bac_only_chip))  # fmt: skip
    yield w
    w.shutdown()


def test_a_card_refusing_the_can_asks_what_is_printed_on_its_front(qtbot, bac_win) -> None:
    win = bac_win
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    assert not screen.mrz_box.isVisibleTo(win)
    screen.pad.type(chipdata.CAN + "99")  # the box takes 6 digits only
    assert screen.can.text() == chipdata.CAN
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: screen.mrz_box.isVisibleTo(win), timeout=5000)
    assert not screen.can_row.isVisibleTo(win)
    assert "Có giá trị đến" in screen.captions["expiry"].text()
    assert "không mở được bằng 6 số" in screen.ask.text() and not screen.error.isVisibleTo(win)
    assert screen.pad.target is screen.number  # the pad types into the first box
    # typed on the big digit keys, each full box handing over to the next
    for ch in "001090123456" + "01011990" + "01012031":
        click(qtbot, screen.pad.keys[ch])
    assert (screen.number.text(), screen.birth.text(), screen.expiry.text()) == (
        "001090123456", "01011990", "01012031")  # fmt: skip
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: win.current.name == "priority", timeout=5000)
    assert win.runtime.tickets.card.full_name == "Nguyễn Văn An"
    assert win.runtime.tickets.card_proof == "chip"


def test_a_wrong_expiry_says_so_and_keeps_what_was_typed(qtbot, bac_win) -> None:
    win = bac_win
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    screen.pad.type(chipdata.CAN)
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: screen.mrz_box.isVisibleTo(win), timeout=5000)
    screen.pad.type("001090123456" + "01011990" + "0101203")  # 7 digits
    click(qtbot, screen.read_button)
    assert "8 số" in screen.error.text() and not screen.state.isVisibleTo(win)
    click(qtbot, screen.pad.back)
    click(qtbot, screen.pad.back)
    screen.pad.type("032")  # 01012032: the wrong year
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: "không khớp" in screen.error.text(), timeout=5000)
    assert win.current is screen and screen.mrz_box.isVisibleTo(win)
    assert screen.number.text() == "001090123456"  # nothing to type again but the date
    assert not screen.pad.isVisibleTo(win)  # room for the reason
    click(qtbot, screen.expiry)  # touch the box to correct it
    assert screen.pad.target is screen.expiry and screen.pad.isVisibleTo(win)
    click(qtbot, screen.pad.clear_button)
    screen.pad.type("01012031")
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: win.current.name == "priority", timeout=5000)


def test_the_qr_scanned_on_the_chip_screen_fills_all_but_the_expiry(qtbot, bac_win) -> None:
    from motcua.scanner.barcode import SimScanner

    from .conftest import CARD

    win = bac_win
    scanner = SimScanner()
    win.attach_scanner(scanner)
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    scanner.inject(CARD)  # the CAN comes from the QR: the chip is read at once
    qtbot.waitUntil(lambda: screen.mrz_box.isVisibleTo(win), timeout=5000)
    assert screen.can.text() == "123456"
    assert (screen.number.text(), screen.birth.text()) == ("001090123456", "01011990")
    assert screen.expiry.text() == "" and screen.pad.target is screen.expiry
    assert win.runtime.tickets.card is None  # the QR only filled the boxes here
    screen.pad.type("01012031")
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: win.current.name == "priority", timeout=5000)
    assert win.runtime.tickets.card_proof == "chip"


def test_what_was_typed_for_the_chip_is_forgotten_at_the_idle_timeout(
    qtbot, bac_win, clock
) -> None:
    win = bac_win
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    screen.pad.type(chipdata.CAN)
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: screen.mrz_box.isVisibleTo(win), timeout=5000)
    screen.pad.type("001090123456" + "01011990")
    clock.advance(seconds=win.idle.timeout_seconds + 1)
    assert win.check_idle()
    assert [b.text() for b in (screen.can, screen.number, screen.birth, screen.expiry)] == [
        "", "", "", ""]  # fmt: skip
    assert screen.mode == "can"


# ------------------------------------------------------- cards with no expiry ("Không thời hạn")
def senior_bac_chip(conn, key, photo=True, csca_pem=None) -> ChipCard:
    """A BAC-only card issued after 60: its MRZ expiry is '<<<<<<' (chipdata.SENIOR_*), so
    only the key with no expiry opens it."""
    from motcua.scanner.chip.bac import MrzKey
    from motcua.scanner.chip.errors import needs_mrz, wrong_key
    from motcua.scanner.chip.lds import parse_dg1, parse_dg13

    conn.transmit(bytes.fromhex("00A4040C07A0000002471001"))
    if key.mrz is None:
        raise needs_mrz(True)
    if key.mrz.mrz_information() != MrzKey.parse(chipdata.SENIOR_MRZ_KEY).mrz_information():
        raise wrong_key("mrz")
    return ChipCard(
        "BAC",
        parse_dg1(chipdata.dg1(chipdata.SENIOR_MRZ_LINES)),
        parse_dg13(chipdata.senior_dg13()),
        None,
    )


@pytest.fixture
def senior_win(qtbot, config, clock, service, printer, reader) -> Iterator[KioskWindow]:
    w = _window(qtbot, config, clock, service, printer,
                KioskChipReader(reader, read=senior_bac_chip))  # fmt: skip
    yield w
    w.shutdown()


def _to_mrz(qtbot, win: KioskWindow):  # type: ignore[no-untyped-def]
    to_chip(qtbot, win)
    screen = win.screens["chip"]
    screen.pad.type(chipdata.CAN)
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: screen.mrz_box.isVisibleTo(win), timeout=5000)
    return screen


def test_a_card_with_no_expiry_opens_with_the_big_no_expiry_button(qtbot, senior_win) -> None:
    win = senior_win
    screen = _to_mrz(qtbot, win)
    button = screen.no_expiry
    assert button.isVisibleTo(win) and button.text() == "Thẻ không thời hạn"
    assert button.height() >= 90 and not button.isChecked()
    screen.pad.type(chipdata.SENIOR_NUMBER + "01011950")
    assert screen.pad.target is screen.expiry  # as for any card, the expiry comes next
    click(qtbot, button)
    assert button.isChecked() and not screen.expiry.isEnabled() and screen.expiry.text() == ""
    assert "Không thời hạn" in screen.expiry.placeholderText()
    screen.pad.type("01012031")  # the pad no longer types into the expiry
    assert screen.expiry.text() == ""
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: win.current.name == "priority", timeout=5000)
    assert win.runtime.tickets.card.full_name == "Trần Văn Bình"
    assert win.runtime.tickets.card.birth_date.isoformat() == "1950-01-01"


def test_the_same_card_with_an_expiry_typed_is_refused_and_the_button_undoes(
    qtbot, senior_win
) -> None:
    win = senior_win
    screen = _to_mrz(qtbot, win)
    click(qtbot, screen.no_expiry)
    screen.pad.type(chipdata.SENIOR_NUMBER + "01011950")
    click(qtbot, screen.no_expiry)  # touched again: the expiry is to be typed after all
    assert not screen.no_expiry.isChecked() and screen.expiry.isEnabled()
    assert screen.pad.target is screen.expiry
    screen.pad.type("01012031")  # a date the card does not carry
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: "không khớp" in screen.error.text(), timeout=5000)
    assert win.current is screen
    click(qtbot, screen.no_expiry)
    assert screen.expiry.text() == ""
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: win.current.name == "priority", timeout=5000)


def test_the_no_expiry_button_is_reset_for_the_next_citizen(qtbot, senior_win, clock) -> None:
    win = senior_win
    screen = _to_mrz(qtbot, win)
    click(qtbot, screen.no_expiry)
    clock.advance(seconds=win.idle.timeout_seconds + 1)
    assert win.check_idle()
    assert not screen.no_expiry.isChecked() and screen.expiry.isEnabled()
