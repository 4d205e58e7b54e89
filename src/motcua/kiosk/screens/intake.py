""" "Nộp hồ sơ" at the kiosk: procedure → consent → ID card → phone → the papers (scan each)
→ review → submit → the slip printed.

Thin over ``motcua.dossier.intake_flow.IntakeFlow`` (the runtime's ``intake``): each screen
shows the flow's state and forwards touches to it; scanning and submitting run on the
window's TaskRunner, the scanner's per-page progress comes back through a Relay. Texts
carry both languages (BiLabel / BiButton), Vietnamese first. Every step has Back; Home
and the idle timeout discard a dossier still being assembled (its pages deleted) and keep
a submitted one. A slip that did not print never looks printed: the last screen says so
in red and offers "In lại".
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from motcua.dossier.intake_flow import IntakeFlow, IntakeResult, PaperItem, PaperState, Step
from motcua.errors import MotcuaError  # a DossierError, or the center unreachable
from motcua.kiosk.keyboard_qt import OnScreenKeyboard
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.screens.idcard import card_error, open_chip
from motcua.kiosk.widgets_qt import BigButton, BiLabel, FlowGrid, QrView
from motcua.scanner.cccd_qr import IdCardError
from motcua.ui import Relay
from motcua.ui.theme import LIGHT

log = logging.getLogger(__name__)

STEP_SCREENS = {
    Step.PROCEDURE: "submit",
    Step.CONSENT: "intake_consent",
    Step.WHO: "intake_id",
    Step.PHONE: "intake_phone",
    Step.CHECKLIST: "intake_papers",
    Step.REVIEW: "intake_review",
    Step.DONE: "intake_done",
}
THUMB = 260  # page thumbnails' height on the scan screen
THUMB_WIDE = 160  # ... in landscape
STEPS = 6  # shown as "Bước n/6": procedure, consent, card, phone, papers, review
FORMS_EN = {
    "bản chính": "original",
    "bản sao có chứng thực": "certified copy",
    "bản sao": "copy",
    "bản chụp kèm bản chính để đối chiếu": "photocopy with the original",
}
STATE_TEXT = {
    PaperState.TODO: ("Chưa quét", "Not scanned"),
    PaperState.CHECK_BLANK: ("Có trang trắng: cần xem lại", "Blank pages: please check"),
    PaperState.STOPPED: ("Máy quét dừng giữa chừng", "The scanner stopped"),
    PaperState.DONE: ("Đã quét", "Scanned"),
    PaperState.SKIPPED: ("Không nộp (nếu có)", "Not submitted (optional)"),
}


class BiButton(QPushButton):
    """A button whose label carries both languages (shown in the current one)."""

    def __init__(self, lang, vi: str, en: str, role: str = "") -> None:
        super().__init__()
        self._lang, self._vi, self._en = lang, vi, en
        if role:
            self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(110)
        lang.changed.connect(self.refresh)
        self.refresh()

    def set_texts(self, vi: str, en: str) -> None:
        self._vi, self._en = vi, en
        self.refresh()

    def refresh(self) -> None:
        self.setText(self._lang.pick(self._vi, self._en))


def paper_line(p: Any) -> tuple[str, str]:
    """ "Tờ khai … — bản chính, 01 bản" in both languages."""
    form_vi = p.form.label_vi
    copies = f", {p.copies:02d} bản" if p.copies > 1 else ""
    copies_en = f", {p.copies} copies" if p.copies > 1 else ""
    cond_vi = f" (nếu có{': ' + p.condition if p.condition else ''})" if not p.required else ""
    cond_en = " (if applicable)" if not p.required else ""
    return (
        f"{p.name} — {form_vi}{copies}{cond_vi}",
        f"{p.name} — {FORMS_EN.get(form_vi, form_vi)}{copies_en}{cond_en}",
    )


def thumb_label(png: bytes, height: int, blank: bool = False) -> QLabel:
    label = QLabel()
    pix = QPixmap()
    pix.loadFromData(png)
    if not pix.isNull():
        label.setPixmap(pix.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation))
    border = f"6px solid {LIGHT.alert}" if blank else f"2px solid {LIGHT.muted}"
    label.setStyleSheet(f"border: {border}; background: white;")
    label.setProperty("blank", "true" if blank else "false")
    return label


class IntakeScreen(Screen):
    """Common to the intake screens: titles in both languages, the step, the flow."""

    titles = ("", "")
    step_no = 0

    def __init__(self, win) -> None:
        super().__init__(win)
        self.lang.changed.connect(self._retitle)
        self._retitle()

    def _retitle(self) -> None:
        vi, en = self.titles
        if self.step_no:
            vi = f"Bước {self.step_no}/{STEPS} · {vi}"
            en = f"Step {self.step_no}/{STEPS} · {en}"
        self.title.setText(self.lang.pick(vi, en))
        self.subtitle.setText(self.lang.pick_other(vi, en))

    @property
    def flow(self) -> IntakeFlow | None:
        return self.rt.intake

    def follow(self, step: Step) -> None:
        self.win.go(STEP_SCREENS[step])

    def footer_row(self, *buttons: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        for b in buttons:
            row.addWidget(b)
        self.footer.addLayout(row)
        return row


# ---------------------------------------------------------------------------- 1 procedure
class ProcedurePickScreen(IntakeScreen):
    """Which procedure: the common ones as big buttons, or search the catalog."""

    name = "submit"
    titles = ("Nộp hồ sơ: chọn thủ tục", "Submit a dossier: choose the procedure")
    step_no = 1
    shown = 6

    def __init__(self, win) -> None:
        super().__init__(win)
        self.unavailable = BiLabel(self.lang, role="notice")
        self.unavailable.set_texts(
            "Máy này chưa nhận hồ sơ (chưa có máy quét giấy tờ hoặc chưa nối với trung tâm). "
            "Xin ông/bà lấy số thứ tự và nộp hồ sơ tại quầy; cán bộ sẽ hướng dẫn.",
            "This kiosk does not take dossiers yet (no document scanner, or not linked to "
            "the center). Please take a number and submit at a counter.",
        )
        self.body.addWidget(self.unavailable)
        self.take = BigButton(
            self.lang, self.theme, "ticket", vi="Lấy số thứ tự", en="Take a number", min_height=170
        )
        self.take.clicked.connect(lambda: self.win.go("ticket"))
        self.body.addWidget(self.take)
        self.hint = BiLabel(self.lang, role="body")
        self.hint.set_texts(
            "Chạm vào thủ tục ông/bà cần làm, hoặc gõ tên thủ tục để tìm.",
            "Touch the procedure you need, or type its name to search.",
        )
        self.body.addWidget(self.hint)
        row = QHBoxLayout()
        self.box = QLineEdit()
        self.box.setPlaceholderText("dang ky khai sinh")
        self.box.textChanged.connect(self.refresh_list)
        row.addWidget(self.box, 1)
        self.kb_button = BiButton(self.lang, "Bàn phím", "Keyboard", role="secondary")
        self.kb_button.setMaximumWidth(300)
        self.kb_button.clicked.connect(self.toggle_keyboard)
        row.addWidget(self.kb_button)
        self.search_row = QWidget()
        self.search_row.setLayout(row)
        self.body.addWidget(self.search_row)
        self.grid = FlowGrid(min_width=560, max_columns=2)
        self.list_area = self.scrolled(self.grid)  # a list may scroll (large text); the page not
        self.body.addWidget(self.list_area, 1)
        self.keyboard = OnScreenKeyboard(self.lang, self.box, telex=True)
        self.keyboard.done.connect(self.toggle_keyboard)
        self.keyboard.hide()
        self.footer.addWidget(self.keyboard)
        self.buttons: dict[str, BigButton] = {}

    def set_wide(self, wide: bool) -> None:
        super().set_wide(wide)
        self.keyboard.set_wide(wide)

    @property
    def available(self) -> bool:
        return self.flow is not None and self.rt.paper_scanner is not None

    def enter(self) -> None:
        ok = self.available
        self.unavailable.setVisible(not ok)
        self.take.setVisible(not ok)
        for w in (self.hint, self.search_row, self.list_area):
            w.setVisible(ok)
        if ok:
            self.refresh_list()

    def reset(self) -> None:
        self.box.clear()
        self.keyboard.hide()

    def toggle_keyboard(self) -> None:
        self.keyboard.setVisible(not self.keyboard.isVisible())

    def candidates(self) -> list[Any]:
        cat = self.rt.catalog
        query = self.box.text().strip()
        found: list[Any]
        if query:
            found = list(cat.search(query, limit=30))
        else:
            from motcua.catalog.generator import real_procedures

            found = [cat.get(p.code) for p in real_procedures()]
        return [p for p in found if p is not None and p.checklist][: self.shown]

    def refresh_list(self) -> None:
        if not self.available:
            return
        items = []
        self.buttons = {}
        for p in self.candidates():
            b = BigButton(self.lang, self.theme, "", vi=p.name, en=p.name, min_height=130)
            b.set_sub(
                f"{p.field} · {len(p.checklist)} loại giấy tờ · {p.processing_time}",
                f"{p.field} · {len(p.checklist)} papers · {p.processing_time}",
            )
            b.clicked.connect(lambda code=p.code: self.choose(code))
            self.buttons[p.code] = b
            items.append(b)
        self.grid.set_items(items)

    def choose(self, code: str) -> None:
        assert self.flow is not None
        if self.flow.dossier is not None:  # came back from a later step: start again
            self.flow.abandon()
        self.keyboard.hide()
        self.follow(self.flow.choose_procedure(code))


# ---------------------------------------------------------------------------- 2 consent
class ConsentScreen(IntakeScreen):
    name = "intake_consent"
    titles = ("Đồng ý cho máy xử lý thông tin", "Consent to process your information")
    step_no = 2

    def __init__(self, win) -> None:
        super().__init__(win)
        self.procedure = BiLabel(self.lang, role="notice")
        self.body.addWidget(self.procedure)
        card = QFrame()
        card.setProperty("role", "card")
        col = QVBoxLayout(card)
        col.setContentsMargins(28, 20, 28, 20)
        self.text = BiLabel(self.lang, role="body")
        col.addWidget(self.text)
        self.body.addWidget(card)
        self.body.addStretch(1)
        self.agree_button = BiButton(self.lang, "Tôi đồng ý", "I agree")
        self.agree_button.clicked.connect(self.agree)
        self.decline_button = BiButton(
            self.lang, "Không đồng ý, nộp tại quầy", "I do not agree", role="secondary"
        )
        self.decline_button.clicked.connect(self.decline)
        self.footer_row(self.decline_button, self.agree_button)
        self.declined = BiLabel(self.lang, role="notice")
        self.declined.hide()
        self.body.insertWidget(1, self.declined)

    def enter(self) -> None:
        assert self.flow is not None
        t = self.flow.consent_text()
        self.text.set_texts(t.vi, t.en)
        p = self.flow.procedure
        name = p.name if p is not None else ""
        self.procedure.set_texts(f"Thủ tục: {name}", f"Procedure: {name}")
        self.declined.hide()
        self.agree_button.setEnabled(True)

    def agree(self) -> None:
        assert self.flow is not None
        self.follow(self.flow.agree())

    def decline(self) -> None:
        assert self.flow is not None
        r = self.flow.decline()
        self.declined.set_texts(r.message_vi, r.message_en)
        self.declined.show()
        self.agree_button.setEnabled(False)

    def back(self) -> None:
        self.win.go("submit")


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
        self.error = BiLabel(self.lang, role="error")
        self.error.hide()
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
            self.error.show()
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
        self.error = BiLabel(self.lang, role="error")
        self.error.hide()
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
            self.error.show()
            return
        self.follow(self.flow.step)

    def back(self) -> None:
        assert self.flow is not None
        self.follow(self.flow.back_to_who())


# ---------------------------------------------------------------------------- 5 papers
class PapersScreen(IntakeScreen):
    """The checklist: every paper with its state; touch one to scan it."""

    name = "intake_papers"
    titles = ("Các giấy tờ cần nộp", "The papers to submit")
    step_no = 5

    def __init__(self, win) -> None:
        super().__init__(win)
        self.hint = BiLabel(self.lang, role="body")
        self.hint.set_texts(
            "Chạm vào từng giấy tờ để quét. Giấy tờ ghi “nếu có” có thể bỏ qua.",
            "Touch each paper to scan it. Papers marked “if applicable” may be skipped.",
        )
        self.body.addWidget(self.hint)
        rows = QWidget()
        self.list = QVBoxLayout(rows)
        self.list.setContentsMargins(0, 0, 0, 0)
        self.list.setSpacing(14)
        # the checklist takes all the height there is (a stretch beside it took half, and
        # landscape showed two papers in a small scroll box); it scrolls only when full
        self.list_area = self.scrolled(rows)
        self.body.addWidget(self.list_area, 1)
        self.message = BiLabel(self.lang, role="error")
        self.message.hide()
        self.body.addWidget(self.message)
        self.confirm_cancel = BiLabel(self.lang, role="notice")
        self.confirm_cancel.set_texts(
            "Quay lại sẽ HỦY hồ sơ này và xóa các trang đã quét. Chạm Quay lại lần nữa để hủy.",
            "Going back CANCELS this dossier and deletes the pages scanned. Touch Back again.",
        )
        self.confirm_cancel.hide()
        self.body.addWidget(self.confirm_cancel)
        self.review_button = BiButton(self.lang, "Xem lại và nộp", "Review and submit")
        self.review_button.clicked.connect(self.review)
        self.footer.addWidget(self.review_button)
        self.rows: dict[int, dict[str, Any]] = {}

    def enter(self) -> None:
        self.message.hide()
        self.confirm_cancel.hide()
        self.rebuild()

    def rebuild(self) -> None:
        while self.list.count():
            item = self.list.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        self.rows = {}
        if self.flow is None:
            return
        for it in self.flow.items:
            self.list.addWidget(self._row(it))
        self.list.addStretch(1)  # rows from the top, the spare height under them
        missing = len(self.flow.missing())
        self.review_button.setEnabled(missing == 0)

    def _row(self, it: PaperItem) -> QWidget:
        card = QFrame()
        card.setProperty("role", "card")
        card.setProperty("selected", "true" if it.state is PaperState.DONE else "false")
        row = QHBoxLayout(card)
        row.setContentsMargins(24, 14, 24, 14)
        col = QVBoxLayout()
        name = BiLabel(self.lang, *paper_line(it.paper), role="btntitle")
        vi, en = STATE_TEXT[it.state]
        if it.scan is not None and it.state is PaperState.DONE:
            vi, en = f"{vi} {len(it.scan.pages)} trang", f"{en}: {len(it.scan.pages)} pages"
        state = BiLabel(self.lang, f"{it.n}. {vi}", f"{it.n}. {en}", role="btnsub")
        col.addWidget(name)
        col.addWidget(state)
        row.addLayout(col, 1)
        if it.scan is not None and it.scan.pages and it.state is PaperState.DONE:
            row.addWidget(thumb_label(it.scan.pages[0].thumbnail_png, 110))
        scan = BiButton(
            self.lang,
            "Quét lại" if it.state is PaperState.DONE else "Quét",
            "Scan again" if it.state is PaperState.DONE else "Scan",
        )
        scan.setMaximumWidth(260)
        scan.clicked.connect(lambda _=False, n=it.n: self.open_paper(n))
        row.addWidget(scan)
        widgets: dict[str, Any] = {"card": card, "scan": scan, "state": state}
        if not it.paper.required and it.state is not PaperState.SKIPPED:
            skip = BiButton(self.lang, "Không có", "Skip", role="secondary")
            skip.setMaximumWidth(240)
            skip.clicked.connect(lambda _=False, n=it.n: self.skip(n))
            row.addWidget(skip)
            widgets["skip"] = skip
        self.rows[it.n] = widgets
        return card

    def open_paper(self, n: int) -> None:
        self.win.screens["intake_scan"].open(n)  # type: ignore[attr-defined]
        self.win.go("intake_scan")

    def skip(self, n: int) -> None:
        assert self.flow is not None
        self.flow.skip_paper(n)
        self.rebuild()

    def review(self) -> None:
        assert self.flow is not None
        missing = self.flow.missing()
        if missing:
            names = ", ".join(i.paper.name for i in missing)
            self.message.set_texts(f"Còn thiếu: {names}", f"Still missing: {names}")
            self.message.show()
            return
        self.follow(self.flow.review())

    def back(self) -> None:
        if not self.confirm_cancel.isVisible():
            self.confirm_cancel.show()
            return
        assert self.flow is not None
        self.flow.abandon()
        self.rt.paper_scanner.forget()
        self.win.go("submit")


# ---------------------------------------------------------------------------- scanning
class ScanScreen(IntakeScreen):
    """One paper: where to put it, scan with progress and page thumbnails; blank pages
    and a stopped scanner (a jam) are said plainly, with the pages kept."""

    name = "intake_scan"
    titles = ("Quét giấy tờ", "Scan the paper")
    step_no = 5

    def __init__(self, win) -> None:
        super().__init__(win)
        self.n = 0
        self.paper = BiLabel(self.lang, role="title")
        self.body.addWidget(self.paper)
        self.where = BiLabel(self.lang, role="notice")
        self.body.addWidget(self.where)
        self.progress = BiLabel(self.lang, role="body")
        self.body.addWidget(self.progress)
        # what went wrong comes before the thumbnails: in landscape it must not scroll away
        self.warning = BiLabel(self.lang, role="error")
        self.warning.hide()
        self.body.addWidget(self.warning)
        self.thumbs_box = QHBoxLayout()
        self.thumbs_box.setSpacing(12)
        self.thumbs_box.setAlignment(Qt.AlignmentFlag.AlignLeft)
        thumbs = QWidget()
        thumbs.setLayout(self.thumbs_box)
        self.strip = strip = self.scrolled(thumbs)
        strip.setMinimumHeight(THUMB + 40)  # a row of page thumbnails, scrolled sideways
        strip.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addWidget(strip)
        self.body.addStretch(1)
        self.buttons: dict[str, BiButton] = {}
        for key, vi, en, role in (
            ("start", "Bắt đầu quét", "Start scanning", ""),
            ("more", "Quét tiếp các tờ còn lại", "Scan the rest", ""),
            ("keep_scanned", "Chỉ dùng các trang đã quét", "Use the pages scanned", "secondary"),
            ("drop_blank", "Bỏ các trang trắng", "Leave the blank pages out", ""),
            ("keep_blank", "Giữ cả trang trắng", "Keep the blank pages", "secondary"),
            ("again", "Quét lại từ đầu", "Scan again from the start", "secondary"),
            ("done", "Xong, về danh sách", "Done, back to the list", ""),
        ):
            b = BiButton(self.lang, vi, en, role)
            b.clicked.connect(lambda _=False, k=key: self.act(k))
            self.buttons[key] = b
        self.footer_row(self.buttons["again"], self.buttons["keep_scanned"])
        self.footer_row(self.buttons["keep_blank"], self.buttons["drop_blank"])
        self.footer_row(self.buttons["more"])
        self.footer_row(self.buttons["start"], self.buttons["done"])
        self.pages = Relay(self)
        self.pages.received.connect(self._page)
        self.scanning = False

    thumb_h = THUMB

    def set_wide(self, wide: bool) -> None:
        super().set_wide(wide)
        self.thumb_h = THUMB_WIDE if wide else THUMB  # landscape has less height to spend
        self.strip.setMinimumHeight(self.thumb_h + 40)

    def open(self, n: int) -> None:
        assert self.flow is not None
        self.n = n
        it = self.flow.item(n)
        self.paper.set_texts(*paper_line(it.paper))
        self.where.set_texts(
            it.where_vi,
            "Put each sheet face down on the glass, against the corner with the arrow."
            if it.paper.copies <= 1
            else "Put the whole stack in the feeder on top, text facing up.",
        )
        self.show_item(it)

    def enter(self) -> None:
        if self.flow is not None and self.n:
            self.show_item(self.flow.item(self.n))

    def _clear_thumbs(self) -> None:
        while self.thumbs_box.count():
            item = self.thumbs_box.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()

    def show_item(self, it: PaperItem) -> None:
        self._clear_thumbs()
        pages = it.scan.pages if it.scan is not None else ()
        for p in pages:
            self.thumbs_box.addWidget(thumb_label(p.thumbnail_png, self.thumb_h, p.blank))
        show = {k: False for k in self.buttons}
        self.warning.hide()
        if it.state is PaperState.TODO:
            self.progress.set_texts(
                "Đặt giấy vào máy quét rồi chạm Bắt đầu quét.",
                "Put the paper in the scanner, then touch Start scanning.",
            )
            show["start"] = True
        elif it.state is PaperState.DONE:
            self.progress.set_texts(
                f"Đã quét xong {len(pages)} trang.", f"{len(pages)} pages scanned."
            )
            show.update(done=True, again=True)
        elif it.state is PaperState.CHECK_BLANK:
            assert it.scan is not None
            blank = ", ".join(str(i) for i in it.scan.blank_pages)
            self.progress.set_texts(f"Đã quét {len(pages)} trang.", f"{len(pages)} pages.")
            self.warning.set_texts(
                f"Trang {blank} có vẻ là trang trắng (viền đỏ). Mặt sau trống thì bỏ đi; "
                "nếu đặt nhầm mặt, xin quét lại.",
                f"Page(s) {blank} look blank (red border). Leave out empty backs; if a sheet "
                "was upside down, scan again.",
            )
            self.warning.show()
            show.update(drop_blank=it.scan.pdf_without_blank is not None, keep_blank=True)
            show["again"] = True
        elif it.state is PaperState.STOPPED:
            assert it.scan is not None
            kept = len(pages)
            self.progress.set_texts(
                f"Máy đã quét được {kept} trang; các trang này được giữ lại.",
                f"{kept} pages were scanned and are kept.",
            )
            more_vi = " Đặt lại các tờ CHƯA quét rồi chạm Quét tiếp." if kept else ""
            more_en = " Put back the sheets NOT yet scanned, then Scan the rest." if kept else ""
            self.warning.set_texts(
                f"{it.scan.failure_vi}.{more_vi}", f"{it.scan.failure_en}.{more_en}"
            )
            self.warning.show()
            show.update(more=kept > 0, keep_scanned=kept > 0, again=True, start=kept == 0)
        for key, b in self.buttons.items():
            b.setVisible(show[key])

    def act(self, key: str) -> None:
        flow = self.flow
        assert flow is not None
        if key in ("start", "again", "more"):
            self.start(more=key == "more")
            return
        try:
            if key == "keep_scanned":
                it = flow.keep_scanned(self.n)
            elif key == "drop_blank":
                it = flow.drop_blank(self.n)
            elif key == "keep_blank":
                it = flow.confirm_blank(self.n, keep=True)
            else:  # done
                self.win.go("intake_papers")
                return
        except MotcuaError as exc:
            self.warning.set_texts(exc.message_vi, exc.message_en)
            self.warning.show()
            return
        self.show_item(it)

    def start(self, more: bool = False) -> None:
        flow, scanner = self.flow, self.rt.paper_scanner
        assert flow is not None and scanner is not None
        it = flow.item(self.n)
        if not more:
            self._clear_thumbs()
        self.scanning = True
        for b in self.buttons.values():
            b.hide()
        self.warning.hide()
        self.progress.set_texts(
            "Đang quét… xin không lấy giấy ra.", "Scanning… please leave the paper in."
        )
        push = self.pages.packing()
        self.win.runner.run(
            lambda: flow.scan_paper(it.n, scanner, push, more=more), self._scanned, self._failed
        )

    def _page(self, args: tuple[int, bytes]) -> None:
        n, png = args
        self.progress.set_texts(f"Đang quét trang {n}…", f"Scanning page {n}…")
        self.thumbs_box.addWidget(thumb_label(png, self.thumb_h))

    def _scanned(self, it: PaperItem) -> None:
        self.scanning = False
        self.show_item(it)

    def _failed(self, exc: BaseException) -> None:
        self.scanning = False
        log.error("intake scan failed: %r", exc)
        vi = getattr(exc, "message_vi", "Máy quét chưa quét được")
        en = getattr(exc, "message_en", "The scanner could not scan")
        self.warning.set_texts(
            f"{vi}. Xin thử lại, hoặc hỏi cán bộ tại quầy.", f"{en}. Try again or ask a counter."
        )
        self.warning.show()
        if self.flow is not None:
            it = self.flow.item(self.n)
            self.buttons["start"].setVisible(it.state is not PaperState.DONE)
            self.buttons["done"].setVisible(True)

    def back(self) -> None:
        if not self.scanning:
            self.win.go("intake_papers")


# ---------------------------------------------------------------------------- 6 review
class ReviewScreen(IntakeScreen):
    name = "intake_review"
    titles = ("Xem lại trước khi nộp", "Check before submitting")
    step_no = 6

    def __init__(self, win) -> None:
        super().__init__(win)
        card = QFrame()
        card.setProperty("role", "card")
        col = QVBoxLayout(card)
        col.setContentsMargins(28, 20, 28, 20)
        self.summary = BiLabel(self.lang, role="body")
        col.addWidget(self.summary)
        self.body.addWidget(card)
        self.error = BiLabel(self.lang, role="error")
        self.error.hide()
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.fix = BiButton(self.lang, "Sửa giấy tờ", "Change papers", role="secondary")
        self.fix.clicked.connect(self.back)
        self.submit_button = BiButton(self.lang, "Nộp hồ sơ", "Submit the dossier")
        self.submit_button.clicked.connect(self.submit)
        self.footer_row(self.fix, self.submit_button)

    def enter(self) -> None:
        flow = self.flow
        assert flow is not None and flow.dossier is not None
        d = flow.dossier
        self.error.hide()
        self.submit_button.setEnabled(True)
        lines_vi = [f"Thủ tục: {d.procedure_name}", f"Người nộp: {d.applicant.masked_name}"]
        lines_en = [f"Procedure: {d.procedure_name}", f"Applicant: {d.applicant.masked_name}"]
        if flow.card_proof.startswith("chip"):  # the stronger proof than the QR
            issued = flow.card_proof == "chip_as_issued"
            lines_vi.append(
                "  ✓ Đọc từ chip thẻ căn cước" + (" (dữ liệu đúng như khi cấp)" if issued else "")
            )
            lines_en.append(
                "  ✓ Read from the ID card's chip" + (" (data as issued)" if issued else "")
            )
        if d.applicant.phone:
            lines_vi.append(f"Điện thoại: {d.applicant.phone}")
            lines_en.append(f"Phone: {d.applicant.phone}")
        lines_vi.append("Giấy tờ:")
        lines_en.append("Papers:")
        for it in flow.items:
            pages = len(it.scan.pages) if it.scan is not None else 0
            if it.state is PaperState.DONE:
                lines_vi.append(f"  ✓ {it.paper.name}: {pages} trang")
                lines_en.append(f"  ✓ {it.paper.name}: {pages} pages")
            elif it.state is PaperState.SKIPPED:
                lines_vi.append(f"  – {it.paper.name}: không nộp")
                lines_en.append(f"  – {it.paper.name}: not submitted")
        self.summary.set_texts("\n".join(lines_vi), "\n".join(lines_en))

    def submit(self) -> None:
        flow = self.flow
        assert flow is not None
        self.submit_button.setEnabled(False)
        self.win.run_with_progress(flow.submit, self._done)

    def _done(self, r: IntakeResult) -> None:
        if not r.ok:
            self.win.go("intake_review")
            self.error.set_texts(r.message_vi, r.message_en)
            self.error.show()
            self.submit_button.setEnabled(True)
            return
        self.win.screens["intake_done"].show_result(r)  # type: ignore[attr-defined]
        self.win.go("intake_done")

    def back(self) -> None:
        assert self.flow is not None
        self.follow(self.flow.back_to_checklist())


# ---------------------------------------------------------------------------- done
class IntakeDoneScreen(IntakeScreen):
    """Submitted: the code, its QR, the reception ticket; the slip printed or, in red,
    not printed with "In lại" (never a slip that only looks printed)."""

    name = "intake_done"
    titles = ("Đã nộp hồ sơ", "Dossier submitted")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.result: IntakeResult | None = None
        row = QHBoxLayout()
        col = QVBoxLayout()
        self.code_caption = BiLabel(self.lang, "Mã hồ sơ", "Dossier code", role="small")
        self.code = QLabel()
        self.code.setProperty("role", "title")
        self.code.setWordWrap(True)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ticket_caption = BiLabel(self.lang, "Số thứ tự", "Queue number", role="small")
        self.ticket = QLabel()
        self.ticket.setProperty("role", "number")
        for w in (self.code_caption, self.code, self.ticket_caption, self.ticket):
            col.addWidget(w)
        row.addLayout(col, 1)
        self.qr = QrView(300)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(row)
        self.printed = BiLabel(self.lang, role="success")
        self.not_printed = BiLabel(self.lang, role="banner")
        self.message = BiLabel(self.lang, role="body")
        for w in (self.printed, self.not_printed, self.message):
            self.body.addWidget(w)
        self.body.addStretch(1)
        self.reprint_button = BiButton(self.lang, "In lại phiếu", "Print the slip again")
        self.reprint_button.clicked.connect(self.reprint)
        self.home_button = BiButton(self.lang, "Xong, về trang chủ", "Done", role="secondary")
        self.home_button.clicked.connect(self.win.home)
        self.footer_row(self.reprint_button, self.home_button)

    def show_result(self, r: IntakeResult) -> None:
        self.result = r
        d = r.dossier
        assert d is not None
        from motcua.printer.dossier_slips import lookup_url

        self.code.setText(d.code)
        self.ticket.setText(d.ticket_number or "—")
        self.ticket.setVisible(bool(d.ticket_number))
        self.ticket_caption.setVisible(bool(d.ticket_number))
        self.qr.set_data(lookup_url(self.rt.config, d.code))
        self.message.set_texts(
            "Mời ông/bà chờ gọi số tại quầy tiếp nhận và mang theo bản chính các giấy tờ để "
            "cán bộ đối chiếu. Tra cứu hồ sơ: quét mã QR này tại máy hoặc bằng điện thoại.",
            "Please wait for your number at the reception counter and bring the original "
            "papers to be checked. To follow the dossier, scan this QR code here or by phone.",
        )
        self.printed.set_texts(
            "✓ Phiếu nộp hồ sơ đã in: xin nhận phiếu ở khe máy in.",
            "✓ The slip is printed: take it from the printer.",
        )
        self.not_printed.set_texts(
            "PHIẾU CHƯA IN ĐƯỢC. Hồ sơ đã nộp và được giữ an toàn. Xin chạm In lại, hoặc "
            "chụp ảnh / ghi lại mã hồ sơ và báo cán bộ tại quầy.",
            "THE SLIP WAS NOT PRINTED. Your dossier is submitted and safe. Touch Print again, "
            "or photograph / note the code and tell the counter.",
        )
        self.printed.setVisible(r.printed)
        self.not_printed.setVisible(not r.printed)
        self.reprint_button.setVisible(not r.printed)
        self.reprint_button.setEnabled(True)

    def reprint(self) -> None:
        flow = self.flow
        assert flow is not None
        self.reprint_button.setEnabled(False)
        self.win.run_with_progress(flow.reprint, self._reprinted)

    def _reprinted(self, r: IntakeResult) -> None:
        self.show_result(r)
        self.win.go("intake_done")

    def back(self) -> None:
        self.win.home()  # submitted: nothing to go back to


SCREENS: list[type[Screen]] = [
    ProcedurePickScreen,
    ConsentScreen,
    IntakeIdScreen,
    PhoneScreen,
    PapersScreen,
    ScanScreen,
    ReviewScreen,
    IntakeDoneScreen,
]
