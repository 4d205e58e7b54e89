"""The on-screen keyboard: big keys, Vietnamese Telex (plain-Python ``TelexInput``).

It edits a QLineEdit through ``TelexInput`` so "dang kys kets hoon" becomes
"đang ký kết hôn" without any system input method; Telex can be switched off
for codes (dossier numbers). Keys are >= 90 px squares.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from motcua.kiosk.i18n_qt import Lang, tr
from motcua.kiosk.telex import TelexInput
from motcua.kiosk.widgets_qt import TButton

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm./")


class OnScreenKeyboard(QWidget):
    done = Signal()

    def __init__(self, lang: Lang, target: QLineEdit, telex: bool = True) -> None:
        super().__init__()
        self._target = target
        self.input = TelexInput(target.text(), telex=telex)
        self.keys: dict[str, QPushButton] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(8)
        grid = QGridLayout()
        grid.setSpacing(6)
        for r, row in enumerate(ROWS):
            for c, ch in enumerate(row):
                b = QPushButton(ch.upper() if ch.isalpha() else ch)
                b.setProperty("role", "key")
                b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                b.clicked.connect(lambda _=False, k=ch: self.press(k))
                grid.addWidget(b, r, c)
                self.keys[ch] = b
        box.addLayout(grid)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        self.telex_button = TButton(lang, tr("Gõ dấu"), role="key")
        self.telex_button.setCheckable(True)
        self.telex_button.setChecked(telex)
        self.telex_button.toggled.connect(self._set_telex)
        self.space = space = TButton(lang, tr("Dấu cách"), role="key")
        space.clicked.connect(lambda: self.press(" "))
        back = TButton(lang, tr("Xóa lùi"), role="key")
        back.clicked.connect(self.backspace)
        clear = TButton(lang, tr("Xóa hết"), role="key")
        clear.clicked.connect(self.clear)
        ok = TButton(lang, tr("Xong"), role="key")
        ok.clicked.connect(self.done.emit)
        for w, stretch in ((self.telex_button, 2), (space, 4), (back, 2), (clear, 2), (ok, 2)):
            bottom.addWidget(w, stretch)
        box.addLayout(bottom)
        target.textEdited.connect(self._sync_from_target)

    def _set_telex(self, on: bool) -> None:
        self.input.telex = on

    def _sync_from_target(self, text: str) -> None:
        self.input.text = text  # typed on a physical keyboard

    def _apply(self, text: str) -> None:
        self._target.setText(text)  # emits textChanged: the screen searches as you type

    def press(self, key: str) -> None:
        self.input.text = self._target.text()
        self._apply(self.input.key(key))

    def type(self, keys: str) -> None:
        for k in keys:
            self.press(k)

    def backspace(self) -> None:
        self.input.text = self._target.text()
        self._apply(self.input.backspace())

    def clear(self) -> None:
        self._apply(self.input.clear())
