"""Issue 16 item 7: "Có lịch hẹn" — scan the appointment QR or type the code -> the ticket."""

from __future__ import annotations

from datetime import timedelta

from motcua.kiosk.ticket_flow import Outcome, appointment_code

from .test_app_qt import click


def test_the_code_in_an_appointment_qr() -> None:
    assert appointment_code(" LH-0001 ") == "LH-0001"
    assert appointment_code("http://10.0.0.2:8080/a/LH-0001") == "LH-0001"
    assert appointment_code("https://dichvucong.gov.vn/hen?code=LH-7&x=1") == "LH-7"


def test_a_scanned_appointment_qr_gives_its_ticket(qtbot, win, scanner, service, clock, printer):
    service.add_appointment("LH-0001", "HT", clock.now() + timedelta(minutes=5), "Trần Thị Bình")
    home = win.screens["home"]
    click(qtbot, home.buttons["appointment"])
    assert win.current.name == "appointment"
    scanner.inject("http://10.0.0.2:8080/a/LH-0001")
    qtbot.waitUntil(lambda: win.current.name == "result", timeout=5000)
    result = win.runtime.tickets.result
    assert result.outcome == Outcome.PRINTED
    assert result.info.ticket.service_code == "HT"  # from the appointment, nothing chosen
    assert result.info.ticket.appointment_code == "LH-0001"
    assert len(printer.jobs) == 1


def test_a_wrong_code_stays_on_the_screen_with_the_reason(qtbot, win):
    win.go("appointment")
    screen = win.screens["appointment"]
    click(qtbot, screen.box)
    assert screen.keyboard.isVisibleTo(win)  # touching the box opens the keyboard
    screen.keyboard.type("lh-9")
    click(qtbot, screen.go_button)
    qtbot.waitUntil(lambda: screen.message.isVisibleTo(win), timeout=5000)
    assert win.current is screen
    assert "Không tìm thấy lịch hẹn" in screen.message.text()
    assert screen.box.text() == "lh-9"  # kept, to correct


def test_an_empty_code_asks_for_one(qtbot, win):
    win.go("appointment")
    screen = win.screens["appointment"]
    click(qtbot, screen.go_button)
    assert screen.message.isVisibleTo(win) and "quét mã QR" in screen.message.text()
