"""Step 4 of the counter's walk-in intake: the checklist on the counter's document scanner.

Each paper of the procedure's checklist with its form, copies and state; for the one
chosen, where to put it, the thumbnails of its pages (as they are scanned), and the
buttons its state allows: scan (again), continue after a jam or keep what was scanned,
keep or drop blank pages, remove, skip a "nếu có" paper. The scan and every change run
through the window's ``work`` (the console's TaskRunner); ``changed`` tells the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motcua.counter.dialogs_qt import named
from motcua.dossier.intake_flow import IntakeFlow, PaperItem, PaperState
from motcua.dossier.scanning import PaperScanner
from motcua.ui import Relay

THUMB = QSize(150, 212)  # a page read at a glance (A4 is 1:1.41)
STATE_VI = {
    PaperState.TODO: "chưa quét",
    PaperState.CHECK_BLANK: "có trang trắng: xin xác nhận",
    PaperState.STOPPED: "máy quét dừng giữa chừng",
    PaperState.DONE: "đã quét",
    PaperState.SKIPPED: "bỏ qua (không có)",
}
# The buttons a paper's state offers ("skip" only for a "nếu có" paper)
BUTTONS_FOR: dict[PaperState, frozenset[str]] = {
    PaperState.TODO: frozenset({"scan", "skip"}),
    PaperState.SKIPPED: frozenset({"scan"}),
    PaperState.CHECK_BLANK: frozenset({"keep_blank", "drop_blank", "scan"}),
    PaperState.STOPPED: frozenset({"more", "keep", "scan"}),
    PaperState.DONE: frozenset({"scan", "remove"}),
}
Work = Callable[[Callable[[], Any], Callable[[object], None]], None]
Say = Callable[[str, str], None]


def text_label(text: str = "", name: str = "w_text") -> QLabel:
    label = named(QLabel(text), name)
    label.setWordWrap(True)
    return label


class ChecklistPage(QWidget):
    changed = Signal(object)  # the PaperItem after a scan or a change

    def __init__(
        self,
        flow: IntakeFlow,
        scanner: PaperScanner | None,
        work: Work,
        say: Say,
        busy: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.flow = flow
        self.scanner = scanner
        self._work = work
        self.say = say
        self._busy = busy
        self.progress = Relay(self)  # pages as they are scanned, onto the UI thread
        self.progress.received.connect(self._page_progress)
        self._build(QVBoxLayout(self))

    def _build(self, col: QVBoxLayout) -> None:
        col.setContentsMargins(0, 0, 0, 0)
        if self.scanner is None:
            col.addWidget(
                text_label(
                    "Quầy chưa có máy quét giấy tờ ([devices] document_scanner): chưa quét "
                    "được. Xin huỷ và báo kỹ thuật viên.",
                    "msg_warning",
                )
            )
        split = QHBoxLayout()
        self.papers = named(QListWidget(), "papers")
        self.papers.setWordWrap(True)
        self.papers.setSpacing(3)
        self.papers.currentRowChanged.connect(lambda _r: self._show_item())
        split.addWidget(self.papers, 2)
        right = QVBoxLayout()
        self.where = text_label("")
        right.addWidget(self.where)
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setIconSize(THUMB)
        self.thumbs.setMinimumHeight(THUMB.height() + 40)
        right.addWidget(self.thumbs, 1)
        self.paper_buttons: dict[str, QPushButton] = {}
        grid = QHBoxLayout()
        for key, label in (
            ("scan", "Quét giấy tờ này"),
            ("more", "Quét tiếp phần còn lại"),
            ("keep", "Dùng phần đã quét"),
            ("keep_blank", "Giữ cả trang trắng"),
            ("drop_blank", "Bỏ trang trắng"),
            ("remove", "Xoá bản quét"),
            ("skip", "Bỏ qua (không có)"),
        ):
            btn = QPushButton(label)
            btn.clicked.connect(lambda _=False, k=key: self.paper_action(k))
            self.paper_buttons[key] = btn
            grid.addWidget(btn)
        right.addLayout(grid)
        split.addLayout(right, 3)
        col.addLayout(split, 1)

    def fill(self) -> None:
        row = max(self.papers.currentRow(), 0)
        self.papers.blockSignals(True)
        self.papers.clear()
        for it in self.flow.items:
            need = "bắt buộc" if it.paper.required else "nếu có"
            pages = f" · {len(it.scan.pages)} trang" if it.scan and it.scan.pages else ""
            item = QListWidgetItem(
                f"{it.n}. {it.paper.name}\n{it.paper.form.label_vi} · {it.paper.copies} bản"
                f" · {need} · {STATE_VI[it.state]}{pages}"
            )
            if it.state is PaperState.TODO and it.paper.required:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.papers.addItem(item)
        self.papers.blockSignals(False)
        if self.papers.count():
            self.papers.setCurrentRow(min(row, self.papers.count() - 1))
        self._show_item()

    def current_item(self) -> PaperItem | None:
        row = self.papers.currentRow()
        items = self.flow.items
        return items[row] if 0 <= row < len(items) else None

    def _show_item(self) -> None:
        it = self.current_item()
        self.thumbs.clear()
        if it is None:
            self.where.setText("")
            return
        text = f"{it.n}. {it.paper.name} — {it.where_vi}"
        if it.state is PaperState.CHECK_BLANK and it.scan is not None:
            blank = ", ".join(str(n) for n in it.scan.blank_pages)
            text += f"\nTrang trắng: {blank}. Giữ (mặt sau trắng vẫn được) hay bỏ?"
        if it.state is PaperState.STOPPED and it.scan is not None:
            text += f"\n{it.scan.failure_vi}. Đã giữ {len(it.scan.pages)} trang."
        self.where.setText(text)
        if it.scan is not None:
            for i, page in enumerate(it.scan.pages, 1):
                self._add_thumb(i, page.thumbnail_png, page.blank)
        self.update_buttons()

    def _add_thumb(self, n: int, png: bytes, blank: bool = False) -> None:
        pix = QPixmap()
        pix.loadFromData(png)
        label = f"Trang {n}" + (" (trắng)" if blank else "")
        self.thumbs.addItem(QListWidgetItem(QIcon(pix), label))

    def update_buttons(self) -> None:
        it = self.current_item()
        state = it.state if it is not None else None
        shown = set(BUTTONS_FOR[state]) if state is not None else set()
        if it is not None and it.paper.required:
            shown.discard("skip")
        if self.scanner is None:
            shown -= {"scan", "more"}
        for key, btn in self.paper_buttons.items():
            btn.setVisible(key in shown)
            btn.setEnabled(not self._busy())
        self.paper_buttons["scan"].setText(
            "Quét lại" if state in (PaperState.DONE, PaperState.CHECK_BLANK, PaperState.STOPPED)
            else "Quét giấy tờ này"
        )  # fmt: skip

    def paper_action(self, key: str) -> None:
        it, flow, scanner = self.current_item(), self.flow, self.scanner
        if it is None or self._busy():
            return
        n = it.n
        if key in ("scan", "more"):
            assert scanner is not None
            self.thumbs.clear()
            if key == "more" and it.scan is not None:
                for i, page in enumerate(it.scan.pages, 1):
                    self._add_thumb(i, page.thumbnail_png, page.blank)
            push = self.progress.packing()
            more = key == "more"
            self.say("Đang quét… xin để nguyên giấy tờ trong máy.", "info")
            self._work(lambda: flow.scan_paper(n, scanner, push, more=more), self._paper_changed)
            return
        calls: dict[str, Callable[[], Any]] = {
            "keep": lambda: flow.keep_scanned(n),
            "keep_blank": lambda: flow.confirm_blank(n, keep=True),
            "drop_blank": lambda: flow.drop_blank(n),
            "remove": lambda: flow.remove_paper(n),
            "skip": lambda: flow.skip_paper(n),
        }
        self._work(calls[key], self._paper_changed)

    def _page_progress(self, args: object) -> None:
        assert isinstance(args, tuple)
        n, png = args
        self.say(f"Đang quét trang {n}…", "info")
        self._add_thumb(n, png)

    def _paper_changed(self, it: object) -> None:
        self.fill()
        if isinstance(it, PaperItem):
            if it.state is PaperState.DONE:
                self.say(f"Đã quét xong giấy tờ {it.n}.", "info")
            elif it.state is PaperState.STOPPED and it.scan is not None:
                self.say(f"{it.scan.failure_vi}. Xử lý máy quét rồi quét tiếp.", "warning")
            elif it.state is PaperState.CHECK_BLANK:
                self.say("Có trang trắng: xin xem và chọn giữ hay bỏ.", "warning")
            else:
                self.say("", "info")
        self.changed.emit(it)
