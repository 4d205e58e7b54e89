"""Kiosk mode: close requests and closing keys are refused; the technician menu quits."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from motcua.kiosk.lockdown_qt import KioskLockdown


class Keys(QWidget):
    """Records the keys that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[int, int]] = []

    def keyPressEvent(self, event) -> None:
        self.seen.append((event.key(), event.modifiers().value))


def press(widget: QWidget, key: Qt.Key, mod=Qt.KeyboardModifier.NoModifier) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, mod))


def test_close_requests_are_refused_until_the_technician_quits(qtbot) -> None:
    allowed = {"quit": False}
    win = QWidget()
    QVBoxLayout(win).addWidget(keys := Keys())
    qtbot.addWidget(win)
    lockdown = KioskLockdown(win, lambda: allowed["quit"])
    win.show()
    qtbot.waitExposed(win)
    assert not win.close()  # what the compositor's close / a WM's Alt+F4 amounts to
    assert win.isVisible() and lockdown.refused == 1
    press(keys, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    press(keys, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    press(keys, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    press(keys, Qt.Key.Key_A)
    press(keys, Qt.Key.Key_F4)
    assert [k for k, _mod in keys.seen] == [Qt.Key.Key_A.value, Qt.Key.Key_F4.value]
    allowed["quit"] = True
    assert win.close()
    assert not win.isVisible()


def test_without_the_lockdown_the_same_keys_and_close_go_through(qtbot) -> None:
    win = QWidget()
    QVBoxLayout(win).addWidget(keys := Keys())
    qtbot.addWidget(win)
    win.show()
    press(keys, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert len(keys.seen) == 1
    assert win.close()
