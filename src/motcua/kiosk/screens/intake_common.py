"""What the "Nộp hồ sơ" screens share: the step each screen stands for, ``IntakeScreen``
(titles with "Bước n/6", the flow, a text card, a footer row, emptying a layout) and how a
paper and a page thumbnail are shown. A screen's own widgets and touches belong in its
module; bilingual labels and buttons (``BiLabel``, ``BiButton``) in ``kiosk/widgets_qt``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from motcua.catalog.papers import Paper
from motcua.dossier.intake_flow import IntakeFlow, PaperState, Step
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.widgets_qt import BiLabel
from motcua.ui.theme import LIGHT

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
STATE_TEXT = {
    PaperState.TODO: ("Chưa quét", "Not scanned"),
    PaperState.CHECK_BLANK: ("Có trang trắng: cần xem lại", "Blank pages: please check"),
    PaperState.STOPPED: ("Máy quét dừng giữa chừng", "The scanner stopped"),
    PaperState.DONE: ("Đã quét", "Scanned"),
    PaperState.SKIPPED: ("Không nộp (nếu có)", "Not submitted (optional)"),
}


def paper_line(p: Paper) -> tuple[str, str]:
    """ "Tờ khai … — Bản chính, 01 bản" in both languages (the form's names: PaperForm)."""
    form_vi = p.form.label_vi
    copies = f", {p.copies:02d} bản" if p.copies > 1 else ""
    copies_en = f", {p.copies} copies" if p.copies > 1 else ""
    cond_vi = f" (nếu có{': ' + p.condition if p.condition else ''})" if not p.required else ""
    cond_en = " (if applicable)" if not p.required else ""
    return (
        f"{p.name} — {form_vi}{copies}{cond_vi}",
        f"{p.name} — {p.form.label_en}{copies_en}{cond_en}",
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


def clear_layout(layout: QLayout) -> None:
    """Take every widget out of ``layout`` and free it (hidden first: deleteLater waits
    for the event loop, and a stale row or thumbnail must not show meanwhile)."""
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget() if item is not None else None
        if w is not None:
            w.hide()
            w.setParent(None)
            w.deleteLater()


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

    def add_text_card(self) -> BiLabel:
        """A card in the body holding one text (the consent, the review's summary)."""
        card = QFrame()
        card.setProperty("role", "card")
        col = QVBoxLayout(card)
        col.setContentsMargins(28, 20, 28, 20)
        text = BiLabel(self.lang, role="body")
        col.addWidget(text)
        self.body.addWidget(card)
        return text

    def footer_row(self, *buttons: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        for b in buttons:
            row.addWidget(b)
        self.footer.addLayout(row)
        return row
