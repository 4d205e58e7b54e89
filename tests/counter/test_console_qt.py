"""The console window with pytest-qt: buttons and shortcuts drive the real queue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from motcua.counter.actions import CounterAction
from motcua.counter.console_flow import ConsoleFlow
from motcua.counter.console_qt import ConsoleWindow
from motcua.queue.models import TicketStatus

from .test_console_flow import FlakyCenter


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
    qtbot.keyClick(window, Qt.Key_F5)  # no-show
    qtbot.waitUntil(lambda: center.ticket(t.id).ticket.status is TicketStatus.NO_SHOW)
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
