"""The ID card step: its QR at the scanner, or its chip on the reader (issue 15).

``IdScanScreen`` takes the QR (and offers the chip when the kiosk has a reader);
``ChipScreen`` says "Đặt thẻ căn cước lên đầu đọc", asks the 6-digit CAN printed on the
card that opens the chip, reads it on a worker (``KioskChipReader.read``: "Đang đọc…"),
then goes on with the citizen known, or says why not in Vietnamese and offers the QR.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout

from motcua.kiosk.chip_reader import ASK_CAN, PROMPT, ChipIdentity
from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.icons_qt import IconWidget
from motcua.kiosk.keyboard_qt import OnScreenKeyboard, TapLineEdit
from motcua.kiosk.screens.ticket import TicketScreen
from motcua.kiosk.widgets_qt import BiLabel, TButton, TLabel
from motcua.scanner.cccd_qr import IdCardError


class IdScanScreen(TicketScreen):
    name = "idscan"
    title_src = tr("Quét thẻ căn cước (không bắt buộc)")

    def __init__(self, win) -> None:
        super().__init__(win)
        row = QHBoxLayout()
        row.setSpacing(30)
        row.addWidget(IconWidget("idcard", self.theme.icon_color(), 200))
        self.explain = TLabel(
            self.lang,
            tr(
                "Đưa mặt có mã QR của thẻ căn cước vào ô quét phía dưới màn hình. "
                "Phiếu sẽ ghi tên ông/bà (viết tắt) để cán bộ nhận biết; người từ 60 tuổi "
                "được chọn sẵn nhóm ưu tiên. Không muốn quét, xin chạm nút Bỏ qua."
            ),
            "body",
        )
        row.addWidget(self.explain, 1)
        self.body.addLayout(row)
        self.error = BiLabel(self.lang, role="error")
        self.error.hide()
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        # a chip reader at this kiosk: the chip is the other way in (and the stronger proof)
        self.chip = TButton(self.lang, tr("Đọc chip thẻ căn cước"), role="secondary")
        self.chip.setMinimumHeight(110)
        self.chip.clicked.connect(lambda: open_chip(self.win, "idscan", self._chip_read))
        self.chip.setVisible(self.rt.chip is not None)
        self.footer.addWidget(self.chip)
        self.skip = TButton(self.lang, tr("Bỏ qua, không quét thẻ"))
        self.skip.setMinimumHeight(120)
        self.skip.clicked.connect(lambda: self.follow(self.flow.skip_id()))
        self.footer.addWidget(self.skip)

    def enter(self) -> None:
        self.error.hide()
        self.chip.setVisible(self.rt.chip is not None)

    def _chip_read(self, identity: ChipIdentity) -> None:
        self.flow.scan_chip(identity.card, identity.proof)
        self.follow(self.flow.step)

    def on_scan(self, line: str) -> bool:
        try:
            self.flow.scan_id(line)
        except IdCardError as exc:
            self.error.set_texts(*card_error(exc))
            self.error.show()
            return True
        self.follow(self.flow.step)
        return True


def card_error(exc: IdCardError, skip: bool = True) -> tuple[str, str]:
    """What the screen says of an unreadable card: the reader's reason once, then what
    to do; a reason that already says "scan again" is not followed by it again."""
    reason_vi, reason_en = exc.message_vi.rstrip("."), exc.message_en.rstrip(".")
    again_vi = "quét lại" in reason_vi.lower()
    again_en = re.search(r"\bscan\b.*\bagain\b", reason_en, re.IGNORECASE) is not None
    advice_vi = "" if again_vi else "Xin quét lại mã QR trên thẻ"
    advice_en = "" if again_en else "Please scan the QR code on the card again"
    if skip:
        advice_vi = f"{advice_vi} hoặc chạm Bỏ qua" if advice_vi else "Hoặc chạm Bỏ qua"
        advice_en = f"{advice_en} or touch Skip" if advice_en else "Or touch Skip"
    vi = f"Chưa đọc được thẻ: {reason_vi}." + (f" {advice_vi}." if advice_vi else "")
    en = f"The card could not be read: {reason_en}." + (f" {advice_en}." if advice_en else "")
    return vi, en


def open_chip(win, origin: str, on_read: Callable[[ChipIdentity], None]) -> None:
    """Show the chip screen for the step ``origin`` (where Back and "Quét mã QR" return):
    taking a number ("idscan") or a dossier's intake ("intake_id"); ``on_read`` fills
    that flow with the citizen read from the chip."""
    screen = win.screens["chip"]
    screen.origin, screen.on_read = origin, on_read
    win.go("chip")


class ChipScreen(TicketScreen):
    name = "chip"
    title_src = tr("Đọc chip thẻ căn cước")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.origin = "idscan"  # set by open_chip
        self.on_read: Callable[[ChipIdentity], None] | None = None
        row = QHBoxLayout()
        row.setSpacing(30)
        self.icon = IconWidget("idcard", self.theme.icon_color(), 180)
        row.addWidget(self.icon)
        self.prompt = BiLabel(self.lang, role="title")
        self.prompt.set_texts(*PROMPT)
        row.addWidget(self.prompt, 1)
        self.body.addLayout(row)
        self.ask = BiLabel(self.lang, role="body")
        self.ask.set_texts(*ASK_CAN)
        self.body.addWidget(self.ask)
        entry = QHBoxLayout()
        self.can = TapLineEdit()
        self.can.setMaxLength(6)
        self.can.setPlaceholderText("······")
        self.can.returnPressed.connect(self.read)
        self.can.tapped.connect(self.open_keyboard)
        entry.addWidget(self.can, 1)
        self.read_button = TButton(self.lang, tr("Đọc thẻ"))
        self.read_button.setMaximumWidth(340)
        self.read_button.clicked.connect(self.read)
        entry.addWidget(self.read_button)
        self.body.addLayout(entry)
        self.state = BiLabel(self.lang, role="notice")  # reading… / ok
        self.state.hide()
        self.body.addWidget(self.state)
        self.error = BiLabel(self.lang, role="error")
        self.error.hide()
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.keyboard = OnScreenKeyboard(self.lang, self.can, telex=False)
        self.keyboard.done.connect(self.read)
        self.footer.addWidget(self.keyboard)
        self.use_qr = TButton(self.lang, tr("Quét mã QR trên thẻ thay cho chip"), role="secondary")
        self.use_qr.setMinimumHeight(110)
        self.use_qr.clicked.connect(lambda: self.win.go(self.origin))
        self.footer.addWidget(self.use_qr)
        self.reading = False

    def open_keyboard(self) -> None:
        self.keyboard.show()

    def set_wide(self, wide: bool) -> None:
        """Landscape: no room for the big card icon above the keyboard."""
        super().set_wide(wide)
        self.keyboard.set_wide(wide)
        self.icon.setVisible(not wide)

    def reset(self) -> None:
        self.can.clear()
        self.keyboard.input.clear()
        self.state.set_texts("", "")  # it named the citizen
        self.state.hide()
        self.error.hide()
        self.read_button.setEnabled(True)
        self.reading = False

    def enter(self) -> None:
        self.reset()
        self.keyboard.show()

    def back(self) -> None:
        self.win.go(self.origin)

    def read(self) -> None:
        chip = self.rt.chip
        can = self.can.text().strip()
        if chip is None or self.reading:
            return
        self.error.hide()
        if not (len(can) == 6 and can.isdigit()):
            self.error.set_texts(
                "Xin nhập đủ 6 chữ số cuối của số căn cước.",
                "Please type all 6 last digits of the ID number.",
            )
            self.error.show()
            return
        self.reading = True
        self.read_button.setEnabled(False)
        self.keyboard.hide()
        self.state.set_texts(
            "Đang đọc chip… xin giữ yên thẻ trên đầu đọc.",
            "Reading the chip… please keep the card still on the reader.",
        )
        self.state.show()
        self.win.runner.run(lambda: chip.read(can=can), self._read_ok, self._read_failed)

    def _read_ok(self, identity: ChipIdentity) -> None:
        self.reading = False
        self.read_button.setEnabled(True)
        if self.win.current is not self or self.on_read is None:  # left (idle timeout, Home)
            return
        self.state.set_texts(
            f"Đã đọc chip: {identity.card.masked_name}.", f"Chip read: {identity.card.masked_name}."
        )
        self.on_read(identity)

    def _read_failed(self, exc: BaseException) -> None:
        self.reading = False
        self.read_button.setEnabled(True)
        self.state.hide()
        if not isinstance(exc, IdCardError):  # a bug, not the card: the usual error page
            self.win.task_failed(exc)
            return
        self.error.set_texts(
            f"Chưa đọc được chip: {exc.message_vi.rstrip('.')}. Xin đặt lại thẻ và chạm "
            "Đọc thẻ, hoặc quét mã QR trên thẻ.",
            f"The chip could not be read: {exc.message_en.rstrip('.')}. Please place the card "
            "again and touch Read, or scan the QR code on the card.",
        )
        self.error.show()
