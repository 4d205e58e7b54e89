"""Step 5 of "Nộp hồ sơ", the checklist: every paper of the procedure with its state, to
scan, rescan or skip ("nếu có"); Back asks twice before it cancels the dossier.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from motcua.dossier.intake_flow import PaperItem, PaperState
from motcua.kiosk.screens.intake_common import (
    STATE_TEXT,
    IntakeScreen,
    clear_layout,
    paper_line,
    thumb_label,
)
from motcua.kiosk.widgets_qt import BiButton, BiLabel, MessageLabel


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
        self.message = MessageLabel(self.lang)
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
        clear_layout(self.list)
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
