"""The technician's PIN pad: it unlocks the menu, and takes a new PIN twice for the
console's "Đổi mã PIN" (``TechnicianFlow`` checks it, slowly, on a worker)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy

from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.technician_flow import PinOutcome, PinResult
from motcua.kiosk.widgets_qt import BiLabel, TButton


class PinScreen(Screen):
    """Unlocks the menu; with ``ask_new()`` it takes a new PIN twice (the console's
    "Đổi mã PIN") and hands it to the console."""

    name = "pin"
    title_src = tr("Kỹ thuật viên: nhập mã PIN")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.mode = "unlock"  # "unlock" | "new" | "again"
        self._first = ""
        self.pin = ""
        self.dots = QLabel()
        self.dots.setProperty("role", "title")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.dots)
        self.message = BiLabel(self.lang, role="error")
        self.body.addWidget(self.message)
        grid = QGridLayout()
        grid.setSpacing(14)
        self.keys: dict[str, QPushButton] = {}
        for i, k in enumerate("123456789"):
            self._key(grid, k, i // 3, i % 3)
        clear = TButton(self.lang, tr("Xóa"), role="secondary")
        clear.clicked.connect(self.clear)
        grid.addWidget(clear, 3, 0)
        self._key(grid, "0", 3, 1)
        self.ok = TButton(self.lang, tr("Vào"))
        self.ok.clicked.connect(self.submit)
        grid.addWidget(self.ok, 3, 2)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        self.body.addLayout(grid)
        self.body.addStretch(1)

    def _key(self, grid: QGridLayout, k: str, r: int, c: int) -> None:
        b = QPushButton(k)
        b.setMinimumHeight(120)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(lambda: self.press(k))
        grid.addWidget(b, r, c)
        self.keys[k] = b

    def press(self, k: str) -> None:
        if len(self.pin) < 12:
            self.pin += k
        self._dots()

    def clear(self) -> None:
        self.pin = ""
        self._dots()

    def _dots(self) -> None:
        self.dots.setText("●" * len(self.pin) if self.pin else "—")

    def enter(self) -> None:
        self.reset()
        if self.mode == "unlock":
            self.set_title(tr("Kỹ thuật viên: nhập mã PIN"))
        else:
            self.set_title(tr("Nhập mã PIN mới (4–12 số)"))

    def ask_new(self) -> None:
        self.mode, self._first = "new", ""
        self.win.go("pin")

    def reset(self) -> None:
        self.pin = ""
        self.message.set_texts("", "")
        self._dots()
        if not self.rt.technician.unlocked:
            self.mode = "unlock"

    def back(self) -> None:
        if self.mode != "unlock" and self.rt.technician.unlocked:
            self.mode = "unlock"
            self.win.go("technician")
        else:
            self.win.home()

    def _new_pin(self, pin: str) -> None:
        if self.mode == "new":
            self._first, self.mode = pin, "again"
            self.set_title(tr("Nhập lại mã PIN mới"))
            return
        if pin != self._first:
            self.mode, self._first = "new", ""
            self.set_title(tr("Nhập mã PIN mới (4–12 số)"))
            self.message.set_texts(
                "Hai lần nhập không giống nhau. Xin nhập lại.", "The two PINs differ. Try again."
            )
            return

        def done(texts: tuple[str, str]) -> None:
            self.mode = "unlock"
            self.win.go("technician")
            tech = self.win.screens["technician"]  # type: ignore[attr-defined]
            tech.result.set_texts(*texts)

        def failed(exc: BaseException) -> None:
            self.mode, self._first = "new", ""
            self.set_title(tr("Nhập mã PIN mới (4–12 số)"))
            self.message.set_texts(str(exc), str(exc))

        self.win.runner.run(lambda: self.rt.console.change_pin(pin), done, failed)

    def submit(self) -> None:
        pin, self.pin = self.pin, ""
        self._dots()
        if self.mode != "unlock":
            self._new_pin(pin)
            return
        self.ok.setEnabled(False)
        self.win.runner.run(
            lambda: self.rt.technician.enter_pin(pin), self._result, self.win.task_failed
        )

    def _result(self, r: PinResult) -> None:
        self.ok.setEnabled(True)
        if r.outcome == PinOutcome.OK:
            self.win.go("technician")
        elif r.outcome == PinOutcome.WRONG:
            self.message.set_texts(
                f"Sai mã PIN. Còn {r.attempts_left} lần thử.",
                f"Wrong PIN. {r.attempts_left} attempts left.",
            )
        elif r.outcome == PinOutcome.LOCKED:
            m = max(1, (r.locked_seconds + 59) // 60)
            self.message.set_texts(
                f"Nhập sai quá nhiều lần. Xin thử lại sau {m} phút.",
                f"Too many wrong PINs. Please try again in {m} minutes.",
            )
        else:
            self.message.set_texts(
                "Chưa đặt mã PIN kỹ thuật (technician_pin_hash trong tệp cấu hình).",
                "No technician PIN is configured (technician_pin_hash in the config).",
            )
