"""The counter's walk-in intake window ("Tiếp nhận hồ sơ trực tiếp"), a thin PySide6
layer over ``IntakeFlow`` (channel "counter", from ``WalkInDesk``).

Five pages, one per step: the procedure (search by name or code) → the consent, read out
or shown to the citizen (nothing is scanned before "Công dân đồng ý") → the applicant (the
ID card's QR through the counter's scanner: a keyboard wedge types into the field, a
serial one is relayed to it; typed by the clerk only as a last resort) and the phone →
the checklist on the counter's document scanner (thumbnails, blank pages confirmed,
rescan, remove, skip a "nếu có" paper) → review → submit, and the dossier goes to the
reception window (``on_submitted``). Every center call and every scan runs on the
console's TaskRunner; cancelling or closing discards the draft and every page scanned.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from motcua.counter.dialogs_qt import named
from motcua.counter.style_qt import console_stylesheet
from motcua.counter.walkin import WalkInDesk
from motcua.counter.walkin_papers_qt import STATE_VI, ChecklistPage, text_label
from motcua.dossier.intake_flow import IntakeFlow, IntakeResult, PaperState, Step
from motcua.dossier.models import Dossier
from motcua.logs import mask_name
from motcua.ui import Relay, TaskRunner

log = logging.getLogger(__name__)

PAGES = ("procedure", "consent", "applicant", "papers", "review")
TITLES = {
    "procedure": "Chọn thủ tục",
    "consent": "Sự đồng ý của công dân",
    "applicant": "Người nộp hồ sơ",
    "papers": "Quét giấy tờ",
    "review": "Xem lại và nộp",
}


class WalkInWindow(QWidget):
    page_shown = Signal(str)  # the page's name (tests, embedding)
    submitted = Signal(object)  # the Dossier handed to reception

    def __init__(
        self,
        desk: WalkInDesk,
        runner: TaskRunner,
        on_submitted: Callable[[Dossier], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.runner = runner
        self.on_submitted = on_submitted
        self.flow: IntakeFlow = desk.start()
        self.busy = False
        self.finished = False
        self.setObjectName("walkin")
        self.setStyleSheet(console_stylesheet())
        self.setWindowTitle("Tiếp nhận hồ sơ trực tiếp")
        self.lines = Relay(self)  # the serial ID scanner's lines, onto the UI thread
        self.lines.received.connect(self._scanned_line)
        self._build()
        self.resize(1000, 740)
        desk.listen(self.lines.push)
        self.show_page("procedure")

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(14, 10, 14, 10)
        self.title = text_label("", "w_title")
        root.addWidget(self.title)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for name, build in (
            ("procedure", self._procedure_page),
            ("consent", self._consent_page),
            ("applicant", self._applicant_page),
            ("papers", self._papers_page),
            ("review", self._review_page),
        ):
            page = QWidget()
            build(QVBoxLayout(page))
            self.pages[name] = page
            self.stack.addWidget(page)
        root.addWidget(self.stack, 1)
        self.message = text_label("", "msg_info")
        self.message.hide()
        root.addWidget(self.message)
        row = QHBoxLayout()
        self.cancel_button = QPushButton("Huỷ hồ sơ")
        self.cancel_button.clicked.connect(self.cancel)
        self.back_button = QPushButton("Quay lại")
        self.back_button.clicked.connect(self.back)
        self.next_button = named(QPushButton("Tiếp tục"), "next")
        self.next_button.clicked.connect(self.next)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        root.addLayout(row)

    def _procedure_page(self, col: QVBoxLayout) -> None:
        col.addWidget(text_label("Tìm thủ tục công dân muốn nộp (gõ tên hoặc mã thủ tục):"))
        self.search = QLineEdit(placeholderText="ví dụ: kết hôn, khai sinh, 1.000894")
        self.search.textChanged.connect(self._find)
        col.addWidget(self.search)
        self.procedures = QListWidget()
        self.procedures.setWordWrap(True)
        self.procedures.currentRowChanged.connect(lambda _r: self._enable())
        self.procedures.itemDoubleClicked.connect(lambda _i: self.next())
        col.addWidget(self.procedures, 1)

    def _consent_page(self, col: QVBoxLayout) -> None:
        col.addWidget(
            text_label(
                "Đọc cho công dân nghe hoặc quay màn hình cho công dân đọc. Chưa đọc thẻ, "
                "chưa quét giấy tờ nào trước khi công dân đồng ý (Nghị định 13/2023/NĐ-CP).",
                "w_hint",
            )
        )
        self.consent = text_label(self.flow.consent_text().vi, "w_consent")
        col.addWidget(self.consent)
        self.decline_button = QPushButton("Công dân không đồng ý")
        self.decline_button.clicked.connect(self.decline)
        col.addWidget(self.decline_button, 0, Qt.AlignmentFlag.AlignLeft)
        col.addStretch(1)

    def _applicant_page(self, col: QVBoxLayout) -> None:
        col.addWidget(text_label("Quét mã QR trên thẻ căn cước của công dân (máy quét của quầy):"))
        self.qr = QLineEdit(placeholderText="mã QR của thẻ căn cước (máy quét tự điền)")
        self.qr.setEchoMode(QLineEdit.EchoMode.Password)  # the card's full data: not on screen
        self.qr.returnPressed.connect(lambda: self._scanned_line(self.qr.text()))
        col.addWidget(self.qr)
        self.card = text_label("", "w_card")
        self.card.hide()
        col.addWidget(self.card)
        self.typed = typed = QGroupBox("Nhập tay — chỉ khi không đọc được mã QR của thẻ")
        form = QFormLayout(typed)
        self.full_name = QLineEdit()
        self.full_name.textChanged.connect(lambda _t: self._enable())
        self.id_number = QLineEdit(placeholderText="12 chữ số")
        self.id_number.setMaxLength(12)
        self.address = QLineEdit()
        form.addRow(text_label("Họ và tên:"), self.full_name)
        form.addRow(text_label("Số định danh:"), self.id_number)
        form.addRow(text_label("Địa chỉ:"), self.address)
        col.addWidget(typed)
        phone = QFormLayout()
        self.phone = QLineEdit(placeholderText="không bắt buộc — để báo tin hồ sơ")
        phone.addRow(text_label("Số điện thoại:"), self.phone)
        col.addLayout(phone)
        col.addStretch(1)

    def _papers_page(self, col: QVBoxLayout) -> None:
        self.checklist = ChecklistPage(
            self.flow, self.desk.paper_scanner, self._work, self.say, lambda: self.busy
        )
        col.addWidget(self.checklist, 1)

    def _review_page(self, col: QVBoxLayout) -> None:
        self.summary = text_label("")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        col.addWidget(self.summary)
        col.addStretch(1)

    # ------------------------------------------------------------------ pages
    def show_page(self, name: str) -> None:
        self.stack.setCurrentWidget(self.pages[name])
        n = PAGES.index(name) + 1
        self.title.setText(f"Tiếp nhận hồ sơ trực tiếp · Bước {n}/5: {TITLES[name]}")
        self.next_button.setText(
            {
                "consent": "Công dân đồng ý",
                "applicant": "Lập hồ sơ",
                "papers": "Xem lại",
                "review": "Nộp và chuyển sang tiếp nhận",
            }.get(name, "Tiếp tục")
        )
        if name == "procedure":
            self.search.setFocus()
        elif name == "applicant":
            self.qr.setFocus()
        elif name == "papers":
            self.checklist.fill()
        elif name == "review":
            self._fill_review()
        self._enable()
        self.page_shown.emit(name)

    @property
    def page(self) -> str:
        for name, w in self.pages.items():
            if w is self.stack.currentWidget():
                return name
        return ""

    def _enable(self) -> None:
        page, busy = self.page, self.busy
        ready = {
            "procedure": self.procedures.currentItem() is not None,
            "consent": True,
            "applicant": self.flow.step is Step.PHONE or bool(self.full_name.text().strip()),
            "papers": self.flow.step is Step.CHECKLIST and not self.flow.missing(),
            "review": self.flow.step is Step.REVIEW,
        }
        self.next_button.setEnabled(not busy and ready.get(page, False))
        self.back_button.setEnabled(not busy and page in ("consent", "applicant", "review"))
        self.cancel_button.setEnabled(not busy)
        if page == "papers":
            self.checklist.update_buttons()

    def say(self, text: str, level: str = "info") -> None:
        self.message.setObjectName(f"msg_{level}")
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    # ------------------------------------------------------------------ steps
    def next(self) -> None:
        if self.busy or not self.next_button.isEnabled():
            return
        page = self.page
        self.say("")
        if page == "procedure":
            item = self.procedures.currentItem()
            self.flow.choose_procedure(item.data(Qt.ItemDataRole.UserRole))
            self.show_page("consent")
        elif page == "consent":
            self.flow.agree()
            self.show_page("applicant")
        elif page == "applicant":
            self._create()
        elif page == "papers":
            self.flow.review()
            self.show_page("review")
        elif page == "review":
            self._work(self.flow.submit, self._submitted)

    def back(self) -> None:
        if self.busy:
            return
        page = self.page
        if page == "consent":
            self.flow.reset()
            self.show_page("procedure")
        elif page == "applicant":
            if self.flow.step is Step.PHONE:
                self.flow.back_to_who()
            self.flow.back_to_consent()
            self._clear_applicant()
            self.show_page("consent")
        elif page == "review":
            self.flow.back_to_checklist()
            self.show_page("papers")

    def decline(self) -> None:
        result = self.flow.decline()
        self._clear_applicant()
        self.show_page("procedure")
        self.say(result.message_vi, "warning")

    def cancel(self) -> None:
        """Huỷ: the draft and every page scanned for it are deleted; the window closes."""
        if not self.busy:
            self.close()

    def _find(self, text: str) -> None:
        self.procedures.clear()
        for p in self.desk.find(text):
            days = p.working_days
            when = (
                "" if days is None
                else " · trong ngày" if days == 0
                else f" · {days} ngày làm việc"
            )  # fmt: skip
            item = QListWidgetItem(f"{p.name}\n{p.code} · {p.field}{when}")
            item.setData(Qt.ItemDataRole.UserRole, p.code)
            self.procedures.addItem(item)
        if self.procedures.count():
            self.procedures.setCurrentRow(0)
        self._enable()

    def _scanned_line(self, text: object) -> None:
        """A scan from the counter's ID scanner (wedge: typed into the field; serial: relayed)."""
        self.qr.clear()
        if self.page != "applicant" or self.busy or self.flow.dossier is not None:
            return
        from motcua.scanner.cccd_qr import IdCardError

        try:
            card = self.flow.scan_id(str(text))
        except IdCardError as exc:
            self.say(f"Chưa đọc được thẻ: {exc.message_vi} Xin quét lại.", "error")
            return
        self.card.setText(
            f"Đã đọc thẻ: {mask_name(card.full_name)} · số định danh {card.masked_id}"
        )
        self.card.show()
        self.typed.setEnabled(False)  # the card was read: nothing to type
        self.say("")
        self.phone.setFocus()
        self._enable()

    def _clear_applicant(self) -> None:
        for field in (self.qr, self.full_name, self.id_number, self.address, self.phone):
            field.clear()
        self.card.hide()
        self.typed.setEnabled(True)

    def _create(self) -> None:
        from motcua.dossier.errors import InvalidDossier

        flow = self.flow
        if flow.step is Step.WHO:
            try:
                flow.type_applicant(
                    self.full_name.text(), self.id_number.text(), self.address.text()
                )
            except InvalidDossier as exc:
                self.say(exc.message_vi, "error")
                return
        phone = self.phone.text()
        self._work(lambda: flow.set_phone(phone), self._created)

    def _created(self, _d: object) -> None:
        self._clear_applicant()  # the full name and number leave the screen
        self.show_page("papers")
        self.say("Đã lập hồ sơ. Quét lần lượt từng giấy tờ.", "info")

    def _submitted(self, result: object) -> None:
        assert isinstance(result, IntakeResult)
        if not result.ok or result.dossier is None:
            self.say(result.message_vi, "error")
            return
        d = result.dossier
        self.finished = True
        self.desk.end(self.flow)  # the scanner's page files go (the PDFs are in the dossier)
        self.submitted.emit(d)
        self.on_submitted(d)
        self.close()

    def _fill_review(self) -> None:
        d = self.flow.dossier
        if d is None:
            return
        who = d.applicant
        lines = [
            f"Thủ tục: {d.procedure_name} ({d.procedure_code})",
            f"Người nộp: {who.masked_name} · số định danh {who.masked_id}"
            + (f" · ĐT {who.phone}" if who.phone else ""),
            "",
            "Giấy tờ:",
        ]
        for it in self.flow.items:
            pages = len(it.scan.pages) if it.scan else 0
            state = f"{pages} trang" if it.state is PaperState.DONE else STATE_VI[it.state]
            lines.append(f"  {it.n}. {it.paper.name}: {state}")
        lines += ["", "Nộp xong, hồ sơ mở ở cửa sổ tiếp nhận để kiểm tra bản chính."]
        self.summary.setText("\n".join(lines))

    # ------------------------------------------------------------------ running
    def _work(self, fn: Callable[[], Any], done: Callable[[object], None]) -> None:
        self.busy = True
        self._enable()

        def finish(result: object) -> None:
            self.busy = False
            done(result)
            self._enable()

        self.runner.run(fn, finish, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        vi = getattr(exc, "message_vi", "") or "Chưa làm được; xin thử lại."
        if not getattr(exc, "message_vi", ""):
            log.error("walk-in intake: %r", exc)
        self.say(vi, "error")
        if self.page == "papers":
            self.checklist.fill()
        self._enable()

    def closeEvent(self, event: Any) -> None:
        self.desk.listen(None)
        if not self.finished:
            self.finished = True
            desk, flow = self.desk, self.flow
            self.runner.run(lambda: desk.end(flow), lambda _r: None)
        super().closeEvent(event)
