"""The counter's reception window: the dossier a called ticket carries, a thin PySide6
layer over ``ReceptionFlow``.

It shows who submitted (masked, as the center keeps it), the procedure and its time, the
checklist with a thumbnail of each scanned paper and the PDF itself (QtPdf), and offers
the steps the dossier's status allows: *Tiếp nhận* (the receipt printed at this counter),
*Yêu cầu bổ sung…* and *Từ chối…* (a slip with the text written), then *Ghi bước xử lý…*,
*Xử lý xong*, *Trả kết quả*. Every center call runs on the console's TaskRunner (one
thread: the console's actions and these keep their order).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from motcua.counter.dialogs_qt import TextDialog, named
from motcua.counter.reception_flow import ReceptionFlow, ReceptionResult
from motcua.counter.style_qt import console_stylesheet
from motcua.dossier.lifecycle import Action
from motcua.dossier.models import Dossier
from motcua.ui import TaskRunner

THUMB = QSize(72, 100)  # a page's thumbnail in the checklist (A4 is 1:1.41)

# (action, button label, dialog (title, prompt, ok) when the step needs a text)
ACTIONS: tuple[tuple[Action, str, tuple[str, str, str] | None], ...] = (
    (Action.ACCEPT, "Tiếp nhận và in giấy hẹn", None),
    (
        Action.SUPPLEMENT,
        "Yêu cầu bổ sung…",
        ("Yêu cầu bổ sung hồ sơ", "Giấy tờ công dân cần bổ sung (in trên phiếu):", "In phiếu"),
    ),
    (
        Action.REJECT,
        "Từ chối…",
        ("Từ chối tiếp nhận", "Lý do từ chối tiếp nhận (in trên phiếu):", "Từ chối và in phiếu"),
    ),
    (Action.PROGRESS, "Ghi bước xử lý…", ("Ghi bước xử lý", "Nội dung bước xử lý:", "Ghi lại")),
    (Action.FINISH, "Xử lý xong", None),
    (Action.RETURN, "Trả kết quả", None),
)


def _time(d: Any, tz: Any) -> str:
    return d.astimezone(tz).strftime("%H:%M ngày %d/%m/%Y") if d else "—"


def thumbnail(doc: QPdfDocument, size: QSize = THUMB) -> QImage:
    """The first page of ``doc`` fitted into ``size`` (its aspect kept)."""
    page = doc.pagePointSize(0)
    if page.isEmpty():
        return QImage()
    scale = min(size.width() / page.width(), size.height() / page.height())
    return doc.render(
        0, QSize(max(1, int(page.width() * scale)), max(1, int(page.height() * scale)))
    )


class ReceptionWindow(QWidget):
    changed = Signal(object)  # a ReceptionResult, or the Dossier shown (tests, embedding)
    papers_loaded = Signal()

    def __init__(
        self, flow: ReceptionFlow, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.flow = flow
        self.runner = runner
        self.tz = flow.tz
        self.setObjectName("reception")
        self.setStyleSheet(console_stylesheet())
        self.setWindowTitle("Tiếp nhận hồ sơ")
        self.docs: dict[int, QPdfDocument] = {}  # paper n -> its PDF (kept with its buffer)
        self._none = QPdfDocument(self)  # what the view shows for a paper not scanned
        self._buffers: list[QBuffer] = []
        self.dialog: TextDialog | None = None
        self.busy = False
        self._build()
        self.resize(980, 720)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 10, 12, 10)
        top = QHBoxLayout()
        self.code = named(QLabel(), "r_code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = named(QLabel(), "r_status")
        top.addWidget(self.code, 1)
        top.addWidget(self.state)
        root.addLayout(top)
        self.info = named(QLabel(wordWrap=True), "service")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        root.addWidget(self.info)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.papers = named(QListWidget(), "papers")
        self.papers.setIconSize(THUMB)
        self.papers.setSpacing(2)
        self.papers.setWordWrap(True)
        self.papers.currentRowChanged.connect(self._select)
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        split.addWidget(self.papers)
        split.addWidget(self.view)
        split.setSizes([330, 650])
        root.addWidget(split, 1)

        row = QHBoxLayout()
        self.buttons: dict[Action, QPushButton] = {}
        for action, label, ask in ACTIONS:
            btn = QPushButton(label)
            btn.clicked.connect(lambda _=False, a=action, q=ask: self.trigger(a, q))
            if action is Action.ACCEPT:
                btn.setObjectName("next")
            self.buttons[action] = btn
            row.addWidget(btn)
        root.addLayout(row)
        bottom = QHBoxLayout()
        self.message = named(QLabel(wordWrap=True), "msg_info")
        self.message.hide()
        self.close_button = QPushButton("Đóng")
        self.close_button.clicked.connect(self.close)
        self.reprint_button = QPushButton("In lại phiếu")
        self.reprint_button.clicked.connect(self.reprint)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.reprint_button, 0, Qt.AlignmentFlag.AlignBottom)
        bottom.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        root.addLayout(bottom)

    # ------------------------------------------------------------------ showing
    def show_dossier(self, d: Dossier, *, load_papers: bool = True) -> None:
        """Paint ``d``; ``load_papers``: fetch its PDFs (a newly opened dossier)."""
        self.setWindowTitle(f"Hồ sơ {d.code}")
        self.code.setText(f"Hồ sơ {d.code}")
        self.state.setText(f"{int(d.status)} · {d.status.label_vi}")
        who = d.applicant
        days = "không rõ thời hạn" if d.working_days < 0 else f"{d.working_days} ngày làm việc"
        if d.working_days == 0:
            days = "trong ngày"
        lines = [
            f"Người nộp: {who.masked_name} · số định danh {who.masked_id}"
            + (f" · ĐT {who.phone}" if who.phone else ""),
            f"Thủ tục: {d.procedure_name} ({d.procedure_code}) · {days}",
            f"Nộp lúc {_time(d.received_at or d.created_at, self.tz)}"
            + (f" tại kiosk, số thứ tự {d.ticket_number}" if d.channel == "kiosk" else "")
            + (" trực tiếp tại quầy" if d.walk_in else "")
            + (f" · Hẹn trả: {_time(d.due_at, self.tz)}" if d.due_at else ""),
        ]
        if d.note:
            lines.append(f"Ghi chú: {d.note}")
        self.info.setText("\n".join(lines))
        if load_papers:
            self._say("", "info")
            self._clear_docs()
            self._fill_papers(d)
            self._load_pdfs(d)
        else:
            self._fill_papers(d)
        self._enable()
        self.changed.emit(d)

    def _fill_papers(self, d: Dossier) -> None:
        row = max(self.papers.currentRow(), 0)
        self.papers.blockSignals(True)
        self.papers.clear()
        for p in d.papers:
            need = "bắt buộc" if p.required else "nếu có"
            state = f"{p.bytes // 1024 or 1} KB" if p.present else "CHƯA NỘP"
            text = f"{p.n}. {p.name}\n{p.form.label_vi} · {p.copies} bản · {need} · {state}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.n)
            doc = self.docs.get(p.n)
            if doc is not None:
                item.setIcon(QIcon(QPixmap.fromImage(thumbnail(doc))))
            if not p.present:
                item.setForeground(Qt.GlobalColor.darkRed if p.required else Qt.GlobalColor.gray)
            self.papers.addItem(item)
        self.papers.blockSignals(False)
        if self.papers.count():
            self.papers.setCurrentRow(min(row, self.papers.count() - 1))
            self._select(self.papers.currentRow())

    def _load_pdfs(self, d: Dossier) -> None:
        wanted = [p.n for p in d.papers if p.present]
        flow = self.flow

        def fetch() -> list[tuple[int, bytes]]:
            return [(n, flow.pdf(n)) for n in wanted]

        def done(pdfs: object) -> None:
            if self.flow.dossier is None or self.flow.dossier.code != d.code:
                return  # another dossier opened meanwhile
            for n, data in pdfs:  # type: ignore[attr-defined]
                self.docs[n] = self._document(data)
            self._fill_papers(self.flow.dossier)
            self.papers_loaded.emit()

        self.runner.run(fetch, done, self._failed)

    def _document(self, data: bytes) -> QPdfDocument:
        buf = QBuffer(self)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffers.append(buf)
        doc = QPdfDocument(self)
        doc.load(buf)
        return doc

    def _clear_docs(self) -> None:
        self.view.setDocument(self._none)
        for doc in self.docs.values():
            doc.deleteLater()
        for buf in self._buffers:
            buf.deleteLater()
        self.docs, self._buffers = {}, []

    def _select(self, row: int) -> None:
        item = self.papers.item(row) if row >= 0 else None
        doc = self.docs.get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self.view.setDocument(doc or self._none)

    def _enable(self) -> None:
        allowed = set(self.flow.actions())
        for action, btn in self.buttons.items():
            btn.setEnabled(not self.busy and action in allowed)
            btn.setVisible(action in allowed or action in (Action.ACCEPT, Action.REJECT))
        self.reprint_button.setEnabled(not self.busy and self.flow.can_reprint())

    # ------------------------------------------------------------------ acting
    def trigger(self, action: Action, ask: tuple[str, str, str] | None = None) -> None:
        if self.busy or action not in self.flow.actions():
            return
        if ask is None:
            self._run(action, "")
            return
        title, prompt, ok = ask
        text = ""
        d = self.flow.dossier
        if action is Action.SUPPLEMENT and d is not None:  # what the checklist lacks
            text = "; ".join(p.name for p in d.missing_papers)
        dlg = TextDialog(title, prompt, ok, text, self)
        self.dialog = dlg
        dlg.accepted.connect(lambda: self._run(action, dlg.text()))
        dlg.finished.connect(lambda _r: setattr(self, "dialog", None))
        dlg.open()

    def reprint(self) -> None:
        if self.busy or not self.flow.can_reprint():
            return
        self.busy = True
        self._enable()
        self.runner.run(self.flow.reprint, self._done, self._failed)

    def _run(self, action: Action, text: str) -> None:
        calls: dict[Action, Callable[[], ReceptionResult]] = {
            Action.ACCEPT: self.flow.accept,
            Action.SUPPLEMENT: lambda: self.flow.supplement(text),
            Action.REJECT: lambda: self.flow.reject(text),
            Action.PROGRESS: lambda: self.flow.progress(text),
            Action.FINISH: self.flow.finish,
            Action.RETURN: self.flow.return_result,
        }
        self.busy = True
        self._enable()
        self.runner.run(calls[action], self._done, self._failed)

    def _done(self, result: object) -> None:
        self.busy = False
        assert isinstance(result, ReceptionResult)
        if result.dossier is not None:
            self.show_dossier(result.dossier, load_papers=False)
        printed_bad = result.printed is not None and not result.printed.ok
        level = "error" if not result.ok else "warning" if printed_bad else "info"
        self._say(result.message_vi, level)
        self.changed.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._enable()
        vi = getattr(exc, "message_vi", "") or "Chưa làm được; xin thử lại."
        self._say(vi, "error")

    def _say(self, text: str, level: str) -> None:
        self.message.setObjectName(f"msg_{level}")
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
