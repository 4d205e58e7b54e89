"""The console window with pytest-qt: buttons and shortcuts drive the real queue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from motcua.counter.actions import CounterAction
from motcua.counter.console_flow import ConsoleFlow
from motcua.counter.console_qt import ConsoleWindow
from motcua.queue.models import TicketStatus

from .test_console_flow import FlakyCenter


def refocus(qtbot, window) -> None:
    """A closed dialog leaves no active window offscreen; the desktop gives it back."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


@pytest.fixture
def window(qtbot, center, clock):
    win = ConsoleWindow(ConsoleFlow(center, 5, clock), retry_ms=50)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.buttons[CounterAction.CALL_NEXT].isEnabled())
    yield win
    win.close()


def test_buttons_drive_the_queue(qtbot, window, center) -> None:
    t = center.issue_ticket("CTR").ticket
    qtbot.waitUntil(lambda: "Cư trú: 1" in window.waiting.text())  # refreshed by the event
    qtbot.mouseClick(window.buttons[CounterAction.CALL_NEXT], Qt.LeftButton)
    qtbot.waitUntil(lambda: window.number.text() == t.display_number)
    assert window.message.text() == f"Đã gọi số {t.display_number}"
    assert window.buttons[CounterAction.RECALL].isEnabled()

    qtbot.mouseClick(window.buttons[CounterAction.START], Qt.LeftButton)
    qtbot.waitUntil(lambda: window.status.text() == "Đang phục vụ")
    assert not window.buttons[CounterAction.RECALL].isEnabled()
    qtbot.mouseClick(window.buttons[CounterAction.FINISH], Qt.LeftButton)
    qtbot.waitUntil(lambda: window.served.text() == "Đã phục vụ hôm nay: 1")
    assert center.ticket(t.id).ticket.status is TicketStatus.DONE


def test_keyboard_shortcuts(qtbot, window, center) -> None:
    t = center.issue_ticket("XNC").ticket
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.number.text() == t.display_number)
    qtbot.keyClick(window, Qt.Key_F5)  # no-show: asks first
    qtbot.waitUntil(lambda: window.confirm_dialog is not None)
    window.confirm_dialog.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: center.ticket(t.id).ticket.status is TicketStatus.NO_SHOW)
    qtbot.waitUntil(lambda: window.confirm_dialog is None)
    refocus(qtbot, window)
    qtbot.keyClick(window, Qt.Key_F1)
    qtbot.waitUntil(lambda: window.message.text() == "Không còn ai chờ")
    qtbot.keyClick(window, Qt.Key_F7)
    qtbot.waitUntil(lambda: window.buttons[CounterAction.PAUSE].text().startswith("Tiếp tục"))
    assert center.snapshot().counter(5).paused
    assert not window.buttons[CounterAction.CALL_NEXT].isEnabled()
    qtbot.keyClick(window, Qt.Key_F7)
    qtbot.waitUntil(lambda: not center.snapshot().counter(5).paused)


def test_transfer_dialog_to_a_counter(qtbot, window, center) -> None:
    t = center.issue_ticket("CTR").ticket
    qtbot.keyClick(window, Qt.Key_F1)
    qtbot.waitUntil(lambda: window.number.text() == t.display_number)
    qtbot.mouseClick(window.buttons[CounterAction.TRANSFER], Qt.LeftButton)
    dlg = window.transfer_dialog
    assert dlg is not None and dlg.isVisible()
    dlg.select_counter(12)
    dlg.accept()
    qtbot.waitUntil(lambda: center.ticket(t.id).ticket.target_counter == 12)
    qtbot.waitUntil(lambda: "quầy 12" in window.message.text())


def test_window_shows_lost_connection_and_reconnects_by_itself(qtbot, center, clock) -> None:
    flaky = FlakyCenter(center)
    win = ConsoleWindow(ConsoleFlow(flaky, 5, clock), retry_ms=50)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.buttons[CounterAction.CALL_NEXT].isEnabled())
    flaky.down = True
    qtbot.keyClick(win, Qt.Key_F1)
    qtbot.waitUntil(lambda: win.conn.text() == "● Mất kết nối")
    assert win.message.text() == "Mất kết nối tới máy chủ — đang thử lại…"
    assert not win.buttons[CounterAction.CALL_NEXT].isEnabled()
    flaky.down = False  # the retry timer heals it without any click
    qtbot.waitUntil(lambda: win.conn.text() == "● Đã kết nối")
    assert win.buttons[CounterAction.CALL_NEXT].isEnabled()
    win.close()


def test_no_show_is_confirmed_and_can_be_brought_back(qtbot, window, center) -> None:
    t = center.issue_ticket("CTR").ticket
    qtbot.keyClick(window, Qt.Key_F1)
    qtbot.waitUntil(lambda: window.number.text() == t.display_number)
    assert not window.buttons[CounterAction.RESTORE].isEnabled()  # nobody absent yet
    qtbot.mouseClick(window.buttons[CounterAction.NO_SHOW], Qt.LeftButton)
    box = window.confirm_dialog
    assert box is not None and t.display_number in box.text()
    assert box.defaultButton() is box.button(
        QMessageBox.StandardButton.No
    )  # Enter by habit: nothing
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: window.confirm_dialog is None)
    assert center.ticket(t.id).ticket.status is TicketStatus.CALLED  # not marked
    refocus(qtbot, window)
    qtbot.keyClick(window, Qt.Key_F5)
    qtbot.waitUntil(lambda: window.confirm_dialog is not None)
    window.confirm_dialog.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.buttons[CounterAction.RESTORE].isEnabled())
    refocus(qtbot, window)
    assert center.ticket(t.id).ticket.status is TicketStatus.NO_SHOW
    # the citizen comes back: "Gọi lại số vắng" (F8) -> the list -> back in the queue
    qtbot.keyClick(window, Qt.Key_F8)
    dlg = window.restore_dialog
    assert dlg is not None and dlg.list.count() == 1
    assert dlg.list.item(0).text() == f"{t.display_number} — Cư trú"
    dlg.accept()
    qtbot.waitUntil(lambda: center.ticket(t.id).ticket.status is TicketStatus.WAITING)
    qtbot.waitUntil(lambda: "đưa lại vào hàng đợi" in window.message.text())
    qtbot.waitUntil(lambda: not window.buttons[CounterAction.RESTORE].isEnabled())
    refocus(qtbot, window)
    qtbot.keyClick(window, Qt.Key_F1)  # and it is called again
    qtbot.waitUntil(lambda: window.number.text() == t.display_number)


def test_transfer_defaults_to_another_service_and_stays_visible(qtbot, window, center) -> None:
    t = center.issue_ticket("CTR").ticket
    qtbot.keyClick(window, Qt.Key_F1)
    qtbot.waitUntil(lambda: window.number.text() == t.display_number)
    qtbot.keyClick(window, Qt.Key_F6)
    dlg = window.transfer_dialog
    assert dlg is not None and dlg.to_service.isChecked()
    default = dlg.service_box.currentData()
    assert default and default != "CTR"  # never the ticket's own service
    assert dlg.service_box.findData("CTR") == -1
    dlg.select_service("XNC")
    dlg.accept()
    qtbot.waitUntil(lambda: center.ticket(t.id).ticket.service_code == "XNC")
    qtbot.waitUntil(lambda: "Xuất nhập cảnh" in window.status.text())
    assert window.number.text() == f"{t.display_number} →"
    assert window.service.text() == "Đã chuyển sang dịch vụ Xuất nhập cảnh"
    assert "sang dịch vụ Xuất nhập cảnh" in window.message.text()
    assert "XNC" not in window.message.text()
