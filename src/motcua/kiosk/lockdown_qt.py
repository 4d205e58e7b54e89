"""Kiosk mode: the window cannot be closed by a citizen, only by the technician menu.

A close request (the compositor's, Alt+F4, a window-manager gesture) reaches the window as
a ``QEvent.Close``; this filter refuses it unless the technician flow says the unlocked
menu asked to quit (``TechnicianFlow.quitting``). Keys some sessions bind to closing or
quitting (Alt+F4, Ctrl+Q, Ctrl+W) are swallowed before any widget sees them. The rule
lives in the flow; this is its Qt edge. ``motcua kiosk --windowed`` (development) does
not install it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

_CLOSING_KEYS = {
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
}


class KioskLockdown(QObject):
    def __init__(self, window: QWidget, may_quit: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._may_quit = may_quit
        self.refused = 0  # close requests refused (for tests and the log)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # keys go to the focused child first

    def release(self) -> None:
        """Stop filtering (the technician quits: the window closes for good)."""
        self._window.removeEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Close and obj is self._window:
            if self._may_quit():
                self.release()
                return False
            event.ignore()
            self.refused += 1
            log.info("kiosk mode: a close request was refused (only the technician menu quits)")
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            for key, mod in _CLOSING_KEYS:
                if event.key() == key and mods == mod:
                    event.accept()
                    return True
        return False
