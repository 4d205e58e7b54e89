"""Procedure lookup: as-you-type search with the on-screen keyboard, browse by
field, and a detail page with papers, time, fee, online level and a QR."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.keyboard_qt import OnScreenKeyboard, TapLineEdit
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.screens.ticket import STEP_SCREENS
from motcua.kiosk.ticket_flow import Step
from motcua.kiosk.widgets_qt import BiLabel, MessageLabel, QrView, SplitBox, TButton, TLabel

if TYPE_CHECKING:
    from motcua.catalog import Procedure

CODE_ROLE = Qt.ItemDataRole.UserRole


class LookupScreen(Screen):
    name = "lookup"
    title_src = tr("Tra cứu thủ tục hành chính")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.flow = self.rt.lookup
        self._search_row = row = QHBoxLayout()
        row.setSpacing(12)
        self.box = TapLineEdit()
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self._search)
        self.box.tapped.connect(self.open_keyboard)
        row.addWidget(self.box, 1)
        self.kb_button = TButton(self.lang, tr("Bàn phím"), role="secondary")
        self.kb_button.setMaximumWidth(260)
        self.kb_button.clicked.connect(self.toggle_keyboard)
        row.addWidget(self.kb_button)
        self.body.addLayout(row)
        self._status_row = status_row = QHBoxLayout()
        self.status = BiLabel(self.lang, role="small")
        status_row.addWidget(self.status, 1)
        self.field_button = TButton(self.lang, tr("Lĩnh vực: tất cả"), role="secondary")
        self.field_button.setMaximumWidth(460)
        self.field_button.clicked.connect(self.show_fields)
        status_row.addWidget(self.field_button)
        self.body.addLayout(status_row)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.itemClicked.connect(self._clicked)
        self.keyboard = OnScreenKeyboard(self.lang, self.box, telex=True)
        self.keyboard.done.connect(self.toggle_keyboard)
        self.keyboard.hide()
        self.body.addWidget(self.list, 1)
        self.footer.addWidget(self.keyboard)  # full width under the results, never scrolled
        self._mode = "results"
        self.lang.changed.connect(self._redraw)

    def set_wide(self, wide: bool) -> None:
        """Landscape: the field button joins the search row, leaving the height to the
        results and the keyboard."""
        super().set_wide(wide)
        self.keyboard.set_wide(wide)
        self._search_row.removeWidget(self.field_button)
        self._status_row.removeWidget(self.field_button)
        if wide:
            self._search_row.insertWidget(1, self.field_button)
        else:
            self._status_row.addWidget(self.field_button)

    # ---------------------------------------------------------------- state
    def reset(self) -> None:
        self.flow.reset()
        self.box.blockSignals(True)
        self.box.clear()
        self.box.blockSignals(False)
        self.keyboard.input.clear()
        self.keyboard.hide()
        self._mode = "results"
        self._redraw()

    def enter(self) -> None:
        self.box.setPlaceholderText(self.lang.text(tr("Gõ tên thủ tục, ví dụ: dang ky ket hon")))
        self._redraw()

    def toggle_keyboard(self) -> None:
        self.keyboard.setVisible(not self.keyboard.isVisible())

    def open_keyboard(self) -> None:
        self.keyboard.show()

    def _search(self, text: str) -> None:
        self.flow.search(text)
        self._mode = "results"
        self._redraw()

    def show_fields(self) -> None:
        self._mode = "fields"
        self._redraw()

    def _clicked(self, item: QListWidgetItem) -> None:
        kind, value = item.data(CODE_ROLE)
        if kind == "field":
            self.flow.browse(value or None)
            self._mode = "results"
            self._redraw()
        elif kind == "proc" and self.flow.open(value) is not None:
            self.win.go("procedure")

    # ---------------------------------------------------------------- drawing
    def _redraw(self) -> None:
        st = self.flow.state
        self.box.setPlaceholderText(self.lang.text(tr("Gõ tên thủ tục, ví dụ: dang ky ket hon")))
        label = st.field or self.lang.text(tr("tất cả"))
        if len(label) > 18:
            label = label[:17].rstrip(" ,") + "…"
        self.field_button.set_source(tr("Lĩnh vực: {field}"), field=label)
        self.list.clear()
        if self._mode == "fields":
            self.status.set_texts("Chọn một lĩnh vực:", "Choose a field:")
            self._add("field", "", self.lang.text(tr("Tất cả lĩnh vực")))
            for f in self.flow.fields():
                self._add("field", f, f)
            return
        for p in st.results:
            self._add("proc", p.code, f"{p.name}\n{p.field} · {p.code}")
        n = len(st.results)
        if st.suggested:
            self.status.set_texts(
                "Thủ tục được hỏi nhiều nhất. Hoặc chạm ô trên để gõ tên thủ tục "
                "(có dấu hoặc không dấu), hoặc chọn lĩnh vực.",
                "The most asked procedures. Or touch the box above to type a name "
                "(accents optional), or pick a field.",
            )
        elif n == 0:
            self.status.set_texts(
                "Không tìm thấy thủ tục phù hợp. Xin thử từ khác ngắn hơn, hoặc chọn lĩnh vực.",
                "No procedure matches. Please try fewer or other words, or pick a field.",
            )
        elif n >= self.flow.limit:
            self.status.set_texts(
                f"{n} thủ tục đầu tiên; gõ thêm chữ để tìm đúng hơn:",
                f"The first {n} procedures; type more to narrow down:",
            )
        else:
            self.status.set_texts(f"Tìm thấy {n} thủ tục:", f"{n} procedures found:")

    def _add(self, kind: str, value: str, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(CODE_ROLE, (kind, value))
        font = self.list.font()
        font.setPixelSize(self.theme.px(32))
        item.setFont(font)
        lines = text.count("\n") + 1
        item.setSizeHint(QSize(0, max(110, self.theme.px(46) * lines + 30)))
        self.list.addItem(item)


class ProcedureScreen(Screen):
    name = "procedure"
    title_src = tr("Thông tin thủ tục")

    def __init__(self, win) -> None:
        super().__init__(win)
        inner = QWidget()
        col = QVBoxLayout(inner)
        col.setSpacing(14)
        self.proc_name = BiLabel(self.lang, role="title")
        self.meta = BiLabel(self.lang, role="small")
        col.addWidget(self.proc_name)
        col.addWidget(self.meta)
        facts = QFrame()
        facts.setProperty("role", "card")
        grid = QVBoxLayout(facts)
        grid.setContentsMargins(24, 18, 24, 18)
        self.time = BiLabel(self.lang)
        self.fee = BiLabel(self.lang)
        self.online = BiLabel(self.lang)
        for w in (self.time, self.fee, self.online):
            grid.addWidget(w)
        col.addWidget(facts)
        col.addWidget(TLabel(self.lang, tr("Giấy tờ cần chuẩn bị"), "title"))
        self.papers = BiLabel(self.lang)
        col.addWidget(self.papers)
        self.legal = BiLabel(self.lang, role="small")
        col.addWidget(self.legal)
        col.addStretch(1)
        # QR and "take a number" beside the facts in landscape, under them in portrait
        side = QWidget()
        side_col = QVBoxLayout(side)
        side_col.setContentsMargins(0, 0, 0, 0)
        self.qr_box = QWidget()
        qr_row = QHBoxLayout(self.qr_box)
        qr_row.setContentsMargins(0, 0, 0, 0)
        self.qr = QrView(240)
        qr_row.addWidget(self.qr)
        self.qr_hint = TLabel(
            self.lang,
            tr("Quét mã bằng điện thoại để làm thủ tục này trực tuyến trên Cổng Dịch vụ công."),
            "body",
        )
        self.qr_hint.setMaximumWidth(520)
        qr_row.addWidget(self.qr_hint, 1)
        side_col.addWidget(self.qr_box)
        side_col.addStretch(1)
        self.body.addWidget(SplitBox(self.scrolled(inner), side, (3, 2)), 1)
        self.printed = MessageLabel(self.lang, role="notice")
        self.footer.addWidget(self.printed)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.print_papers = TButton(self.lang, tr("In danh sách giấy tờ"), role="secondary")
        self.print_papers.clicked.connect(self.print_list)
        row.addWidget(self.print_papers, 1)
        self.take = TButton(self.lang, tr("Lấy số để nộp hồ sơ tại quầy"))
        self.take.clicked.connect(self.take_number)
        row.addWidget(self.take, 1)
        self.footer.addLayout(row)

    def enter(self) -> None:
        p = self.rt.lookup.state.selected
        if p is not None:
            self.show_procedure(p)

    def show_procedure(self, p: Procedure) -> None:
        self.printed.hide()
        self.proc_name.set_texts(p.name, p.name)
        self.meta.set_texts(
            f"Lĩnh vực: {p.field} · Mã thủ tục: {p.code} · Cấp thực hiện: {p.agency_level}",
            f"Field: {p.field} · Code: {p.code} · Level: {p.agency_level}",
        )
        self.time.set_texts(
            f"Thời hạn giải quyết: {p.processing_time or 'xin hỏi tại quầy'}",
            f"Processing time: {p.processing_time or 'ask at a counter'}",
        )
        self.fee.set_texts(f"Phí, lệ phí: {p.fee or 'không thu'}", f"Fees: {p.fee or 'none'}")
        self.online.set_texts(
            f"Dịch vụ công trực tuyến: {p.online_level or 'chưa có'}",
            f"Online service: {p.online_level or 'not available'}",
        )
        papers = "\n".join(f"{i}. {x}" for i, x in enumerate(p.papers, 1))
        self.papers.set_texts(papers or "Không yêu cầu giấy tờ.", papers or "No papers needed.")
        self.qr.set_data(p.online_url or "")
        self.qr_box.setVisible(bool(p.online_url))
        self.legal.set_texts(
            f"Căn cứ pháp lý: {p.legal_basis}" if p.legal_basis else "",
            f"Legal basis: {p.legal_basis}" if p.legal_basis else "",
        )

    def print_list(self) -> None:
        """The papers to bring, on the ticket printer: the citizen comes back prepared."""
        self.print_papers.setEnabled(False)
        self.printed.set_texts("Đang in danh sách giấy tờ…", "Printing the list of papers…")
        self.printed.setProperty("role", "notice")
        self.win.runner.run(self.rt.print_papers, self._printed, self.win.task_failed)

    def _printed(self, result) -> None:
        self.print_papers.setEnabled(True)
        if result.ok:
            self.printed.set_texts(
                "Danh sách giấy tờ đang ra ở khe phía dưới màn hình. Xin ông/bà giữ lại.",
                "The list of papers is coming out of the slot below the screen. Please keep it.",
            )
        else:
            self.printed.set_texts(
                f"Xin lỗi, máy chưa in được ({result.message_vi}). Ông/bà có thể chụp ảnh "
                "màn hình này bằng điện thoại.",
                f"Sorry, it could not be printed ({result.message_en}). You can photograph "
                "this screen with your phone.",
            )

    def take_number(self) -> None:
        """A number for this procedure: its service already chosen when the center has
        an obvious one for the procedure's field, else the field picker."""
        p = self.rt.lookup.state.selected
        step = self.rt.tickets.start_for_procedure(p.field if p is not None else "")
        if step == Step.FIELD:
            self.win.go("ticket")
        else:
            self.win.go(STEP_SCREENS[step])

    def back(self) -> None:
        self.rt.lookup.close_detail()
        self.win.go("lookup")
