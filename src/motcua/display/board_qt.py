"""The hall's board for 20-60 counters: the recent calls in rows big enough for a hall."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath
from PySide6.QtWidgets import QSizePolicy, QWidget

from motcua.display.board_model import RecentCall
from motcua.display.widgets_qt import (
    ALERT_RED,
    CARD,
    CARD_DONE,
    HIGHLIGHT_A,
    INK,
    INK_SOFT,
    LABEL_PX,
    NAVY,
    NUMBER_CALLED,
    NUMBER_FONT,
    ago_text,
    fit_font,
    font,
)
from motcua.ui.theme import HALL_SIZES


class BoardWidget(QWidget):
    """The layout for 20-60 counters: a board of the recent calls, newest first, in
    rows big enough for a hall (digits >= 120 px, "QUẦY 12" >= 60 px), each with how
    long ago it was called; the newest row is lit while it is highlighted."""

    COLUMNS = 2
    ROWS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls: list[RecentCall] = []
        self.paused: list[int] = []
        self.lit = False
        self.now: datetime | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def capacity(self) -> int:
        return self.COLUMNS * self.ROWS

    def set_data(
        self, calls: list[RecentCall], lit: bool, now: datetime, paused: list[int]
    ) -> None:
        self.calls, self.lit, self.now, self.paused = calls[: self.capacity], lit, now, paused
        self.update()

    def _cell(self, i: int) -> QRectF:
        r = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        foot = 44.0  # the paused counters' line
        w = r.width() / self.COLUMNS
        h = (r.height() - foot) / self.ROWS
        col, row = divmod(i, self.ROWS)
        return QRectF(r.left() + col * w, r.top() + row * h, w, h).adjusted(4, 4, -4, -4)

    def number_font(self) -> QFont:
        cell = self._cell(0)
        return fit_font("8888", NUMBER_FONT, True, cell.width() * 0.56, cell.height() * 0.86)

    def label_font(self) -> QFont:
        return font(LABEL_PX, True)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        nf, lf, af = self.number_font(), self.label_font(), font(HALL_SIZES.small)
        for i in range(self.capacity):
            cell = self._cell(i)
            call = self.calls[i] if i < len(self.calls) else None
            lit = i == 0 and self.lit and call is not None
            path = QPainterPath()
            path.addRoundedRect(cell, 12, 12)
            p.fillPath(path, HIGHLIGHT_A if lit else (CARD if call else CARD_DONE))
            if call is None:
                continue
            num = QRectF(cell.left() + 16, cell.top(), cell.width() * 0.56, cell.height())
            p.setFont(nf)
            p.setPen(NAVY if lit else (NUMBER_CALLED if i < 3 else INK))
            tight = QFontMetricsF(nf).tightBoundingRect(call.number)
            y = num.center().y() - tight.height() / 2 - tight.top()
            p.drawText(int(num.left() - tight.left()), int(y), call.number)
            side = QRectF(num.right() + 8, cell.top() + 8, cell.right() - num.right() - 24,
                          cell.height() - 16)  # fmt: skip
            p.setFont(lf)
            p.setPen(NAVY if lit else INK)
            p.drawText(
                side,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                f"QUẦY {call.counter}",
            )
            p.setFont(af)
            p.setPen(NAVY if lit else INK_SOFT)
            ago = ago_text(call.at, self.now) if self.now else ""
            p.drawText(side, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, ago)
        if self.paused:
            r = QRectF(self.rect()).adjusted(12, 6, -12, -6)
            p.setFont(font(HALL_SIZES.small, True))
            p.setPen(ALERT_RED)
            text = "TẠM DỪNG: " + ", ".join(f"Quầy {n}" for n in self.paused)
            p.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
        p.end()
