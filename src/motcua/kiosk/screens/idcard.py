"""The ID card step: its QR at the scanner, or its chip on the reader (issue 15).

``IdScanScreen`` takes the QR (and offers the chip when the kiosk has a reader);
``ChipScreen`` says "Đặt thẻ căn cước lên đầu đọc", asks the 6-digit CAN printed on the
card that opens the chip, reads it on a worker (``KioskChipReader.read``: "Đang đọc…"),
then goes on with the citizen known, or says why not in Vietnamese and offers the QR.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from motcua.kiosk.chip_reader import ASK_CAN, ASK_MRZ, PROMPT, ChipIdentity, typed_mrz_key
from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.icons_qt import IconWidget
from motcua.kiosk.keyboard_qt import DigitPad, TapLineEdit
from motcua.kiosk.screens.ticket import TicketScreen
from motcua.kiosk.widgets_qt import BiLabel, MessageLabel, TButton, TLabel
from motcua.scanner.cccd_qr import IdCardError, parse_cccd_qr
from motcua.scanner.chip.bac import MrzKey


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
        self.error = MessageLabel(self.lang)
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


class DigitBox(TapLineEdit):
    """A box typed on the digit pad (never the system keyboard): touch it to type there."""

    def __init__(self, digits: int, placeholder: str) -> None:
        super().__init__()
        self.setMaxLength(digits)
        self.setPlaceholderText(placeholder)
        self.setReadOnly(True)  # typed on the pad (a hardware keyboard still works)
        self.setProperty("selected", "false")


class ChipScreen(TicketScreen):
    """Two ways to open the chip, both typed on big digit keys:

    - the CAN (6 digits), asked first: PACE, what Vietnamese cards do;
    - the MRZ key, only when the card will not open with the CAN (``needs_mrz``: no PACE,
      or PACE refused): the 12-digit ID number, the birth date and the expiry date, all
      printed on the card's front. A QR scanned here fills the number and the birth date
      (and the CAN); the QR does not carry the expiry, so that is always typed, or, for a
      card marked "Không thời hạn" (issued after 60), the big "Thẻ không thời hạn" button
      stands for it (the MRZ's expiry is then '<<<<<<': ``typed_mrz_key``)."""

    name = "chip"
    title_src = tr("Đọc chip thẻ căn cước")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.origin = "idscan"  # set by open_chip
        self.on_read: Callable[[ChipIdentity], None] | None = None
        self.mode = "can"  # "can" | "mrz"
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
        # the CAN
        self.can = DigitBox(6, "······")
        self.can.returnPressed.connect(self.read)
        self.can.tapped.connect(lambda: self.select(self.can))
        self.can_row = QWidget()
        can_line = QHBoxLayout(self.can_row)
        can_line.setContentsMargins(0, 0, 0, 0)
        can_line.addWidget(self.can, 1)
        self.body.addWidget(self.can_row)
        # the MRZ key, as printed on the front
        self.number = DigitBox(12, "0xxxxxxxxxxx")
        self.birth = DigitBox(8, "ngày tháng năm · ddmmyyyy")
        self.expiry = DigitBox(8, "ngày tháng năm · ddmmyyyy")
        self.mrz_box = QWidget()
        self._mrz_grid = QGridLayout(self.mrz_box)
        self._mrz_grid.setContentsMargins(0, 0, 0, 0)
        self._mrz_grid.setHorizontalSpacing(16)
        self.captions: dict[str, BiLabel] = {}
        for key, box, vi, en in (
            ("number", self.number, "Số căn cước (12 số)", "ID number (12 digits)"),
            ("birth", self.birth, "Ngày sinh", "Date of birth"),
            ("expiry", self.expiry, "Có giá trị đến", "Date of expiry"),
        ):
            self.captions[key] = BiLabel(self.lang, vi, en, role="body")
            box.tapped.connect(lambda b=box: self.select(b))
            box.returnPressed.connect(self.read)
        self.no_expiry = TButton(self.lang, tr("Thẻ không thời hạn"), role="secondary")
        self.no_expiry.setCheckable(True)
        self.no_expiry.setMinimumHeight(90)
        self.no_expiry.toggled.connect(self._no_expiry_toggled)
        self._lay_out_mrz(False)
        self.mrz_box.hide()
        self.body.addWidget(self.mrz_box)
        self.read_button = TButton(self.lang, tr("Đọc thẻ"))
        self.read_button.setMinimumHeight(110)
        self.read_button.clicked.connect(self.read)
        self.state = MessageLabel(self.lang, role="notice")  # reading… / ok
        self.body.addWidget(self.state)
        self.error = MessageLabel(self.lang)
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.pad = DigitPad(self.lang, self.can)
        self.pad.filled.connect(self._next_box)
        self.footer.addWidget(self.pad)
        self.use_qr = TButton(self.lang, tr("Quét mã QR trên thẻ thay cho chip"), role="secondary")
        self.use_qr.setMinimumHeight(110)
        self.use_qr.clicked.connect(lambda: self.win.go(self.origin))
        actions = QHBoxLayout()  # in the footer: never scrolled away, whatever the mode
        actions.setSpacing(16)
        actions.addWidget(self.use_qr)
        actions.addWidget(self.read_button)
        self.footer.addLayout(actions)
        self.reading = False

    # ---------------------------------------------------------------- typing
    def boxes(self) -> list[DigitBox]:
        if self.mode == "can":
            return [self.can]
        if self.no_expiry.isChecked():
            return [self.number, self.birth]
        return [self.number, self.birth, self.expiry]

    def _no_expiry_toggled(self, checked: bool) -> None:
        """'Thẻ không thời hạn': the expiry box is not typed (empty, greyed) while it is on."""
        self.expiry.clear()
        self.expiry.setEnabled(not checked)
        self.expiry.setPlaceholderText("Không thời hạn" if checked else "ngày tháng năm · ddmmyyyy")
        if self.mode != "mrz":
            return
        if not checked:
            self.select(self.expiry)  # touched again: the expiry is to be typed after all
        elif self.pad.target is self.expiry:
            boxes = self.boxes()
            self.select(next((b for b in boxes if not b.text()), boxes[-1]))

    def select(self, box: DigitBox) -> None:
        """The pad types into ``box`` (outlined), and shows."""
        self.pad.set_target(box)
        self.pad.show()
        for b in (self.can, self.number, self.birth, self.expiry):
            b.setProperty("selected", "true" if b is box else "false")
            b.style().unpolish(b)
            b.style().polish(b)

    def _next_box(self) -> None:
        """A full box hands the pad to the next empty one."""
        boxes = self.boxes()
        if self.pad.target in boxes:
            later = boxes[boxes.index(self.pad.target) + 1 :]
            empty = [b for b in later if not b.text()]
            if empty:
                self.select(empty[0])

    def _lay_out_mrz(self, wide: bool) -> None:
        """Portrait: a caption and its box on each row; landscape: the three side by side,
        captions above (little height)."""
        grid = self._mrz_grid
        boxes = (self.number, self.birth, self.expiry)
        captions = tuple(self.captions.values())
        for w in (*boxes, *captions, self.no_expiry):
            grid.removeWidget(w)
        for i, (caption, box) in enumerate(zip(captions, boxes, strict=True)):
            if wide:
                grid.addWidget(caption, 0, i)
                grid.addWidget(box, 1, i)
            else:
                grid.addWidget(caption, i, 0)
                grid.addWidget(box, i, 1)
        # "Thẻ không thời hạn" stands in for the expiry: under its box, or beside it
        grid.addWidget(self.no_expiry, 2, 2)
        for c in range(3):
            grid.setColumnStretch(c, 1 if wide or c == 1 else 0)

    def set_wide(self, wide: bool) -> None:
        """Landscape: no room for the big card icon above the pad."""
        super().set_wide(wide)
        self.pad.set_wide(wide)
        self.icon.setVisible(not wide)
        self._lay_out_mrz(wide)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.can_row.setVisible(mode == "can")
        self.mrz_box.setVisible(mode == "mrz")
        self.ask.set_texts(*(ASK_CAN if mode == "can" else ASK_MRZ))
        boxes = self.boxes()
        self.select(next((b for b in boxes if not b.text()), boxes[-1]))

    def reset(self) -> None:
        for box in (self.can, self.number, self.birth, self.expiry):
            box.clear()
        self.no_expiry.setChecked(False)
        self.state.set_texts("", "")  # it named the citizen
        self.state.hide()
        self.error.hide()
        self.read_button.setEnabled(True)
        self.reading = False
        self.set_mode("can")

    def enter(self) -> None:
        self.reset()

    def back(self) -> None:
        self.win.go(self.origin)

    def on_scan(self, line: str) -> bool:
        """The card's QR scanned here fills what it carries: the CAN (the last 6 digits of
        the number), the number and the birth date; the expiry is not in the QR."""
        try:
            card = parse_cccd_qr(line, today=self.rt.clock.now().date())
        except IdCardError as exc:
            self.error.set_texts(*card_error(exc, skip=False))
            return True
        self.error.hide()
        self.can.setText(card.id_number[-6:])
        self.number.setText(card.id_number)
        self.birth.setText(f"{card.birth_date:%d%m%Y}")
        if self.mode == "can":
            self.read()
        elif self.no_expiry.isChecked():
            self.read()  # all the key is there: the number, the birth date, no expiry
        else:
            self.select(self.expiry)
        return True

    # ---------------------------------------------------------------- reading
    def read(self) -> None:
        chip = self.rt.chip
        if chip is None or self.reading:
            return
        self.error.hide()
        can: str | None = None
        mrz_key: MrzKey | None = None
        if self.mode == "can":
            can = self.can.text().strip()
            if not (len(can) == 6 and can.isdigit()):
                self.error.set_texts(
                    "Xin nhập đủ 6 chữ số cuối của số căn cước.",
                    "Please type all 6 last digits of the ID number.",
                )
                return
        else:
            try:
                expiry = None if self.no_expiry.isChecked() else self.expiry.text()
                mrz_key = typed_mrz_key(self.number.text(), self.birth.text(), expiry)
            except IdCardError as exc:
                self.error.set_texts(exc.message_vi, exc.message_en)
                return
        self.reading = True
        self.read_button.setEnabled(False)
        self.pad.hide()  # room for what the reader says; touching a box brings it back
        self.state.set_texts(
            "Đang đọc chip… xin giữ yên thẻ trên đầu đọc.",
            "Reading the chip… please keep the card still on the reader.",
        )
        self.win.runner.run(
            lambda: chip.read(can=can, mrz_key=mrz_key), self._read_ok, self._read_failed
        )

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
        if self.win.current is not self:
            return
        if getattr(exc, "code", "") == "needs_mrz" and self.mode == "can":
            # no PACE, or PACE refused with the CAN: BAC with what is printed on the card
            self.set_mode("mrz")  # its request (ASK_MRZ) says why: no error on top
            return
        self.error.set_texts(
            f"Chưa đọc được chip: {exc.message_vi.rstrip('.')}. Xin đặt lại thẻ và chạm "
            "Đọc thẻ, hoặc quét mã QR trên thẻ.",
            f"The chip could not be read: {exc.message_en.rstrip('.')}. Please place the card "
            "again and touch Read, or scan the QR code on the card.",
        )
