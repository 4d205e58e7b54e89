"""Steps 1-2 of "Nộp hồ sơ": choose the procedure (common ones or a search) and consent
to the processing of the citizen's information (declining sends them to a counter).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from motcua.kiosk.keyboard_qt import OnScreenKeyboard
from motcua.kiosk.screens.intake_common import IntakeScreen
from motcua.kiosk.widgets_qt import BiButton, BigButton, BiLabel, FlowGrid, MessageLabel


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
        self.text = self.add_text_card()
        self.body.addStretch(1)
        self.agree_button = BiButton(self.lang, "Tôi đồng ý", "I agree")
        self.agree_button.clicked.connect(self.agree)
        self.decline_button = BiButton(
            self.lang, "Không đồng ý, nộp tại quầy", "I do not agree", role="secondary"
        )
        self.decline_button.clicked.connect(self.decline)
        self.footer_row(self.decline_button, self.agree_button)
        self.declined = MessageLabel(self.lang, role="notice")
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
        self.agree_button.setEnabled(False)

    def back(self) -> None:
        self.win.go("submit")
