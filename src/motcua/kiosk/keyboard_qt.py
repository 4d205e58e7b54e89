"""The on-screen keyboard: big keys, Vietnamese Telex (plain-Python ``TelexInput``).

It edits a QLineEdit through ``TelexInput`` so "dang kys kets hoon" becomes
"đang ký kết hôn" without any system input method; Telex can be switched off
for codes (dossier numbers). Keys are >= 90 px squares. ``cased`` is for codes where
capitals differ from small letters (a ticket's code): a "Chữ hoa" key takes the
place of "Gõ dấu", the keys then show and type capitals, and "_" replaces ".".
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
CODE_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm_/")  # a ticket's code


class TapLineEdit(QLineEdit):
    """A text box that says when it is touched (the screen then opens its keyboard)."""

    tapped = Signal()

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        self.tapped.emit()


class OnScreenKeyboard(QWidget):
    done = Signal()

    def __init__(
        self, lang: Lang, target: QLineEdit, telex: bool = True, cased: bool = False
    ) -> None:
        super().__init__()
        self._target = target
        self.input = TelexInput(target.text(), telex=telex and not cased)
        self.rows = CODE_ROWS if cased else ROWS
        self.upper = False
        self.keys: dict[str, QPushButton] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(8)
        self._grid = grid = QGridLayout()
        grid.setSpacing(6)
        box.addLayout(grid)
        self._bottom = QHBoxLayout()
        self._bottom.setSpacing(8)
        box.addLayout(self._bottom)
        for row in self.rows:
            for ch in row:
                b = QPushButton(ch)  # the key shows what it types (lower case)
                b.setProperty("role", "key")
                b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                b.clicked.connect(lambda _=False, k=ch: self.press(self._case(k)))
                self.keys[ch] = b
        # the third command key: Telex for words, capitals for case-sensitive codes
        self.telex_button = TButton(lang, tr("Chữ hoa") if cased else tr("Gõ dấu"), role="key")
        self.telex_button.setCheckable(True)
        self.telex_button.setChecked(telex and not cased)
        self.telex_button.toggled.connect(self._set_upper if cased else self._set_telex)
        self.space = space = TButton(lang, tr("Dấu cách"), role="key")
        space.clicked.connect(lambda: self.press(" "))
        self.back = back = TButton(lang, tr("Xóa lùi"), role="key")
        back.clicked.connect(self.backspace)
        self.clear_button = clear = TButton(lang, tr("Xóa hết"), role="key")
        clear.clicked.connect(self.clear)
        self.ok = ok = TButton(lang, tr("Xong"), role="key")
        ok.clicked.connect(self.done.emit)
        for b in (self.telex_button, space, back, clear, ok):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setProperty("command", True)  # a smaller font: "Xóa hết" fits in large text
        self.wide: bool | None = None
        self.set_wide(False)
        target.textEdited.connect(self._sync_from_target)

    def set_wide(self, wide: bool) -> None:
        """Portrait: four rows of keys, then a row of commands. Landscape (little height,
        much width): the commands go to the right of the keys, so one row fewer."""
        if wide == self.wide:
            return
        self.wide = wide
        grid, bottom = self._grid, self._bottom
        commands = (self.telex_button, self.space, self.back, self.clear_button, self.ok)
        for w in (*self.keys.values(), *commands):
            grid.removeWidget(w)
            bottom.removeWidget(w)
        for r, row in enumerate(self.rows):
            for c, ch in enumerate(row):
                grid.addWidget(self.keys[ch], r, c)
        if wide:
            # columns 10-13 hold the commands: 14 equal columns
            for r, w in enumerate((self.back, self.clear_button, self.telex_button)):
                grid.addWidget(w, r, 10, 1, 4)
            grid.addWidget(self.space, 3, 9, 1, 3)
            grid.addWidget(self.ok, 3, 12, 1, 2)
        else:
            for w, stretch in zip(commands, (2, 4, 2, 2, 2), strict=True):
                bottom.addWidget(w, stretch)
        for c in range(14):
            grid.setColumnStretch(c, 1 if wide or c < 10 else 0)

    def _set_telex(self, on: bool) -> None:
        self.input.telex = on

    def _set_upper(self, on: bool) -> None:
        """Capitals on or off: every letter key shows what it now types."""
        self.upper = on
        for ch, b in self.keys.items():
            b.setText(self._case(ch))

    def _case(self, key: str) -> str:
        return key.upper() if self.upper else key

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


class DigitPad(QWidget):
    """Big digit keys for numbers (the chip's 6 digits, dates): they type into ``target``
    up to its ``maxLength()``; ``filled`` when it is full (the next box can take over).
    Portrait: a 3-column phone pad; landscape: one row of digits and the two commands."""

    filled = Signal()

    def __init__(self, lang: Lang, target: QLineEdit) -> None:
        super().__init__()
        self._target = target
        self.keys: dict[str, QPushButton] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 8, 0, 0)
        self._grid.setSpacing(10)
        for ch in "1234567890":
            b = QPushButton(ch)
            b.setProperty("role", "key")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, k=ch: self.press(k))
            self.keys[ch] = b
        self.back = TButton(lang, tr("Xóa lùi"), role="key")
        self.back.clicked.connect(self.backspace)
        self.clear_button = TButton(lang, tr("Xóa hết"), role="key")
        self.clear_button.clicked.connect(self.clear)
        for b in (self.back, self.clear_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setProperty("command", True)
        self.wide: bool | None = None
        self.set_wide(False)

    @property
    def target(self) -> QLineEdit:
        return self._target

    def set_target(self, target: QLineEdit) -> None:
        self._target = target

    def set_wide(self, wide: bool) -> None:
        if wide == self.wide:
            return
        self.wide = wide
        grid = self._grid
        for w in (*self.keys.values(), self.back, self.clear_button):
            grid.removeWidget(w)
        if wide:
            for c, ch in enumerate("1234567890"):
                grid.addWidget(self.keys[ch], 0, c)
            grid.addWidget(self.back, 0, 10, 1, 2)
            grid.addWidget(self.clear_button, 0, 12, 1, 2)
        else:
            for i, ch in enumerate("123456789"):
                grid.addWidget(self.keys[ch], i // 3, i % 3)
            grid.addWidget(self.back, 3, 0)
            grid.addWidget(self.keys["0"], 3, 1)
            grid.addWidget(self.clear_button, 3, 2)

    def press(self, key: str) -> None:
        text = self._target.text()
        limit = self._target.maxLength()
        if not key.isdigit() or len(text) >= limit:
            return
        self._target.setText(text + key)
        if len(text) + 1 >= limit:
            self.filled.emit()

    def type(self, keys: str) -> None:
        for k in keys:
            self.press(k)

    def backspace(self) -> None:
        self._target.setText(self._target.text()[:-1])

    def clear(self) -> None:
        self._target.clear()
