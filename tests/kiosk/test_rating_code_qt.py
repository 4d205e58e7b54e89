"""pytest-qt: a hall rating kiosk joined to a real center over HTTP rates a ticket by the
QR printed on it, or by its code typed with the on-screen keys (issue 16, issue 12 item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.runtime import build_runtime
from motcua.queue.models import EventKind, Satisfaction
from motcua.scanner.barcode import SimScanner
from motcua.server.tokens import TokenStore

from .conftest import CARD
from .test_app_qt import click

pytestmark = pytest.mark.slow


@pytest.fixture
def center(config, clock, tmp_path: Path):
    """A center on a real socket (the embedded kiosk's LAN server)."""
    rt = build_runtime(config, clock, db_path=tmp_path / "center.db", host="127.0.0.1", port=0)
    yield rt
    rt.close()


@pytest.fixture
def hall(qtbot, center, config, clock, tmp_path: Path):
    """A hall kiosk joined to ``center`` with a kiosk token, its window and scanner."""
    token = TokenStore(tmp_path / "center.db").create(role="kiosk", name="sảnh A")
    rt = build_runtime(
        config, clock, db_path=tmp_path / "hall.db", server_url=center.server_url, token=token
    )
    scanner = SimScanner()
    win = KioskWindow(rt)
    qtbot.addWidget(win)
    win.attach_scanner(scanner)
    win.resize(1080, 1920)
    win.show()
    yield rt, win, scanner
    win.shutdown()
    rt.close()


def served_ticket(hall_rt, center, counter: int = 3):
    """A number taken at the hall kiosk (printed with its QR), served at ``counter``."""
    flow = hall_rt.tickets
    flow.choose_field("Tư pháp")
    flow.choose_service("CT")
    flow.skip_id()
    flow.choose_priority(None)
    result = flow.submit()
    assert result.qr_url.endswith("/t/" + result.info.ticket.public_code)
    center.center.call_next(counter)
    center.center.start(counter)
    center.center.finish(counter)
    return result


def ratings(center) -> list[int]:
    return [e.ticket_id for e in center.center.events_since(0) if e.kind == EventKind.RATED]


def test_scanning_the_ticket_qr_rates_it_over_http(qtbot, center, hall) -> None:
    rt, win, scanner = hall
    result = served_ticket(rt, center)
    click(qtbot, win.screens["home"].buttons["rating"])
    screen = win.screens["rating"]
    assert win.current is screen
    # over HTTP a counter alone proves nothing: no "which counter" way in
    assert not screen.by_counter.isVisibleTo(win)
    scanner.inject(CARD)  # the ID card's QR by mistake
    qtbot.waitUntil(lambda: screen.message.isVisibleTo(win), timeout=5000)
    assert "thẻ căn cước" in screen.message.text()
    assert screen.box.text() == ""  # the card's data is not shown back
    assert win.current is screen
    scanner.inject(result.qr_url)  # the QR exactly as printed on the ticket
    qtbot.waitUntil(lambda: win.current.name == "rate", timeout=5000)
    assert result.info.ticket.display_number in win.screens["rate"].which.text()
    click(qtbot, win.screens["rate"].buttons[Satisfaction.VERY_SATISFIED])
    qtbot.waitUntil(lambda: win.current.name == "thanks", timeout=5000)
    assert "Cảm ơn" in win.screens["thanks"].message.text()
    assert ratings(center) == [result.info.ticket.id]


def test_typing_the_code_with_the_big_keys_rates_it(qtbot, center, hall) -> None:
    rt, win, _scanner = hall
    result = served_ticket(rt, center)
    code = result.info.ticket.public_code
    win.go("rating")
    screen = win.screens["rating"]
    click(qtbot, screen.box)
    keyboard = screen.keyboard
    assert keyboard.isVisibleTo(win)
    wrong = "zz" + code[2:] if not code.startswith("zz") else "yy" + code[2:]
    for text in (wrong, code):
        keyboard.clear()
        for ch in text:  # each character with the keys as a citizen touches them
            if ch.isalpha() and ch.isupper() != keyboard.upper:
                click(qtbot, keyboard.telex_button)  # "Chữ hoa"
            key = keyboard.keys[ch.lower()]
            assert key.text() == ch  # the key shows what it types
            click(qtbot, key)
        assert screen.box.text() == text
        click(qtbot, keyboard.ok)
        if text == wrong:
            qtbot.waitUntil(lambda: screen.message.isVisibleTo(win), timeout=5000)
            assert "Không tìm thấy phiếu" in screen.message.text()
            assert screen.box.text() == wrong  # kept, to correct
    qtbot.waitUntil(lambda: win.current.name == "rate", timeout=5000)
    click(qtbot, win.screens["rate"].buttons[Satisfaction.UNSATISFIED])
    assert win.current.name == "reasons"
    reasons = win.screens["reasons"]
    reasons.toggles["wait"].setChecked(True)
    click(qtbot, reasons.send)
    qtbot.waitUntil(lambda: win.current.name == "thanks", timeout=5000)
    assert ratings(center) == [result.info.ticket.id]


def test_an_embedded_kiosk_also_offers_the_counter(qtbot, win) -> None:
    win.go("rating")
    screen = win.screens["rating"]
    assert screen.by_counter.isVisibleTo(win)
    click(qtbot, screen.by_counter)
    assert win.current.name == "rating_counter"
