"""Steps 3-4 of "Nộp hồ sơ": who submits (the ID card's QR, or its chip) and an optional
phone number typed on a pad.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton

from motcua.errors import MotcuaError  # a DossierError, or the center unreachable
from motcua.kiosk.screens.idcard import card_error, open_chip
from motcua.kiosk.screens.intake_common import IntakeScreen
from motcua.kiosk.widgets_qt import BiButton, BiLabel, MessageLabel
from motcua.scanner.cccd_qr import IdCardError
from motcua.ui import Relay


# ---------------------------------------------------------------------------- 3 ID card
class IntakeIdScreen(IntakeScreen):
    name = "intake_id"
    titles = ("Đọc thẻ căn cước", "Read your ID card")
    step_no = 3

    def __init__(self, win) -> None:
        super().__init__(win)
        from motcua.kiosk.icons_qt import IconWidget

        row = QHBoxLayout()
        row.setSpacing(30)
        row.addWidget(IconWidget("idcard", self.theme.icon_color(), 200))
        self.explain = BiLabel(self.lang, role="body")
        row.addWidget(self.explain, 1)
        self.body.addLayout(row)
        self.error = MessageLabel(self.lang)
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.chip_button = BiButton(
            self.lang, "Đọc chip trên thẻ (đặt thẻ lên đầu đọc)", "Read the card's chip"
        )
        self.chip_button.clicked.connect(lambda: open_chip(self.win, "intake_id", self._chip_read))
        self.footer.addWidget(self.chip_button)
        self.relay = Relay(self)

    def enter(self) -> None:
        self.error.hide()
        # the chip: the ticket's ChipScreen asks its 6-digit CAN and reads it, then here
        chip = self.rt.chip is not None
        self.chip_button.setVisible(chip)
        self.explain.set_texts(
            "Đưa mặt có mã QR của thẻ căn cước vào ô quét phía dưới màn hình"
            + (", hoặc đặt thẻ lên đầu đọc chip rồi chạm nút bên dưới." if chip else ".")
            + " Máy chỉ dùng thông tin trên thẻ cho hồ sơ này.",
            "Hold the QR side of your ID card under the scanner below the screen"
            + (", or put the card on the chip reader and touch the button below." if chip else ".")
            + " The card is used for this dossier only.",
        )

    def on_scan(self, line: str) -> bool:
        assert self.flow is not None
        try:
            self.flow.scan_id(line)
        except IdCardError as exc:
            self.error.set_texts(*card_error(exc, skip=False))
            return True
        self.follow(self.flow.step)
        return True

    def _chip_read(self, identity: Any) -> None:
        """The chip's fields, the same as the QR's, kept as the stronger proof."""
        assert self.flow is not None
        self.flow.use_card(identity.card, identity.proof)
        self.follow(self.flow.step)

    def back(self) -> None:
        assert self.flow is not None
        self.follow(self.flow.back_to_consent())


# ---------------------------------------------------------------------------- 4 phone
class PhoneScreen(IntakeScreen):
    name = "intake_phone"
    titles = ("Số điện thoại (không bắt buộc)", "Phone number (optional)")
    step_no = 4

    def __init__(self, win) -> None:
        super().__init__(win)
        explain = BiLabel(self.lang, role="body")
        explain.set_texts(
            "Cơ quan sẽ nhắn tin khi hồ sơ có kết quả hoặc cần bổ sung. Không muốn để lại số, "
            "xin chạm Bỏ qua.",
            "The office texts you when the result is ready or a paper is missing. "
            "Touch Skip to leave no number.",
        )
        self.body.addWidget(explain)
        self.box = QLineEdit()
        self.box.setPlaceholderText("09xx xxx xxx")
        self.box.setReadOnly(True)  # typed on the pad below
        self.body.addWidget(self.box)
        pad = QGridLayout()
        pad.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "✕"]):
            b = QPushButton(key)
            b.setProperty("role", "key")
            b.setMinimumHeight(90)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, k=key: self.press(k))
            pad.addWidget(b, i // 3, i % 3)
            self.keys[key] = b
        self.footer.addLayout(pad)  # the pad never scrolls away (large text, landscape)
        self.error = MessageLabel(self.lang)
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.skip = BiButton(self.lang, "Bỏ qua", "Skip", role="secondary")
        self.skip.clicked.connect(lambda: self.submit(""))
        self.next = BiButton(self.lang, "Tiếp tục", "Continue")
        self.next.clicked.connect(lambda: self.submit(self.box.text()))
        self.footer_row(self.skip, self.next)

    def enter(self) -> None:
        self.error.hide()

    def reset(self) -> None:
        self.box.clear()

    def press(self, key: str) -> None:
        text = self.box.text()
        if key == "⌫":
            text = text[:-1]
        elif key == "✕":
            text = ""
        elif len(text) < 12:
            text += key
        self.box.setText(text)

    def submit(self, phone: str) -> None:
        assert self.flow is not None
        try:
            self.flow.set_phone(phone)
        except MotcuaError as exc:
            self.error.set_texts(exc.message_vi, exc.message_en)
            return
        self.follow(self.flow.step)

    def back(self) -> None:
        assert self.flow is not None
        self.follow(self.flow.back_to_who())
