"""Painted widgets of the hall display: a counter tile, the ticker, the side lists.

Painted rather than assembled from labels so the number always takes the largest
font that fits its tile (numbers must stay readable from 10 m: at least 120 px of
digit height on a 1080p screen with 12 counters) and nothing wraps or clips.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from motcua.display.board_model import RecentCall, Tile, TileState, WaitingLine
from motcua.ui.theme import FONTS, HALL, HALL_SIZES, painted_font, qcolor

MID_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
MID_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

FONT = FONTS.painted
NUMBER_FONT = FONTS.numbers  # 4-digit numbers fit narrower tiles

# the hall's colours, from the one theme
PAGE = qcolor(HALL.page)
CARD = qcolor(HALL.card)
CARD_DONE = qcolor(HALL.selected)
HIGHLIGHT_A = qcolor(HALL.highlight)
HIGHLIGHT_B = qcolor(HALL.highlight_alt)
INK = qcolor(HALL.ink)
INK_SOFT = qcolor(HALL.muted)
INK_DIM = qcolor(HALL.dim)
NUMBER_CALLED = qcolor(HALL.called)
NUMBER_SERVING = qcolor(HALL.ink)
NAVY = qcolor(HALL.on_highlight)
ALERT_RED = qcolor(HALL.alert)
STRIP = qcolor(HALL.strip)

font = painted_font


def fit_font(text: str, family: str, bold: bool, width: float, height: float) -> QFont:
    """The largest font whose tight bounding box of ``text`` fits width x height."""
    lo, hi = 8, 600
    while lo < hi:
        mid = (lo + hi + 1) // 2
        r = QFontMetricsF(font(mid, bold, family)).tightBoundingRect(text)
        if r.width() <= width and r.height() <= height:
            lo = mid
        else:
            hi = mid - 1
    return font(lo, bold, family)


def digit_height(f: QFont) -> float:
    """Height in pixels of the digits drawn with ``f`` (what a viewer reads)."""
    return QFontMetricsF(f).tightBoundingRect("0123456789").height()


S = HALL_SIZES
LABEL_PX = S.label  # counter labels readable from 10 m, like the numbers' digits


def ago_text(called_at: datetime | None, now: datetime) -> str:
    """How long ago a call was ("vừa gọi", "3 phút trước"): tells the last calls apart."""
    if called_at is None:
        return ""
    minutes = int((now - called_at).total_seconds() // 60)
    return "vừa gọi" if minutes < 1 else f"{minutes} phút trước"


class TileWidget(QWidget):
    """One counter: its label, the number it calls (big), the service; the last few
    calls keep a border by their order (1 = the newest) after the highlight ends."""

    def __init__(self, tile: Tile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.rank = 0  # 1..3: among the last calls; 0: older
        self.now: datetime | None = None
        self.highlighted = False
        self.blink_on = True
        self._font = QFont()
        self._font_key: tuple[int, int, int] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)

    @property
    def number_text(self) -> str:
        return self.tile.number

    def set_tile(
        self, tile: Tile, highlighted: bool, rank: int = 0, now: datetime | None = None
    ) -> None:
        self.tile, self.highlighted, self.rank, self.now = tile, highlighted, rank, now
        self.update()

    def label_font(self) -> QFont:
        return font(LABEL_PX, True)

    def _areas(self) -> tuple[QRectF, QRectF, QRectF, QRectF]:
        """(card, label row, number area, service row) of the current size."""
        r = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        # room above the capitals for Vietnamese marks stacked on them (QUẦY)
        label_h = QFontMetricsF(self.label_font()).capHeight() * 1.08 + LABEL_PX * 0.27
        label = QRectF(r.left() + 16, r.top() + 2, r.width() - 32, label_h)
        service_h = max(24.0, r.height() * 0.11)
        number = QRectF(r.left() + 12, label.bottom() + 4, r.width() - 24, 0)
        number.setBottom(r.bottom() - service_h - 4)
        service = QRectF(r.left() + 16, r.bottom() - service_h - 4, r.width() - 32, service_h)
        return r, label, number, service

    def number_font(self) -> QFont:
        """The number's font at this tile's size (sized for the widest 4/5-char number)."""
        _, _, area, _ = self._areas()
        chars = max(4, len(self.tile.number))
        key = (int(area.width()), int(area.height()), chars)
        if self._font_key != key:  # a binary search over font sizes: only on resize
            sample = "8" * chars
            self._font = fit_font(sample, NUMBER_FONT, True, area.width() - 40, area.height())
            self._font_key = key
        return self._font

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        t = self.tile
        r, label, num_rect, bottom = self._areas()
        hl = self.highlighted
        bg = (HIGHLIGHT_A if self.blink_on else HIGHLIGHT_B) if hl else CARD
        if t.state is TileState.DONE and not hl:
            bg = CARD_DONE
        path = QPainterPath()
        path.addRoundedRect(r, 14, 14)
        p.fillPath(path, bg)
        if not hl and self.rank and t.state is not TileState.DONE:
            # the last calls stay apart after the highlight: a border by their order
            width = {1: 8.0, 2: 5.0, 3: 3.0}.get(self.rank, 0.0)
            p.setPen(QPen(HIGHLIGHT_A, width))
            p.drawRoundedRect(r.adjusted(width / 2, width / 2, -width / 2, -width / 2), 14, 14)

        # "QUẦY 12" at 60 px; what the counter is for ("· ƯU TIÊN") after it, smaller
        head = f"QUẦY {t.counter}"
        rest = t.label[len(f"Quầy {t.counter}") :].upper() if t.label else ""
        p.setFont(self.label_font())
        p.setPen(NAVY if hl else INK)
        p.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, head)
        head_w = QFontMetricsF(self.label_font()).horizontalAdvance(head + " ")
        if rest:
            small = font(LABEL_PX * 0.5, True)
            p.setFont(small)
            p.setPen(NAVY if hl else INK_SOFT)
            room = QRectF(
                label.left() + head_w, label.top(), label.width() - head_w, label.height()
            )
            text = QFontMetricsF(small).elidedText(
                rest.strip(), Qt.TextElideMode.ElideRight, room.width()
            )
            p.drawText(room, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)

        if t.number:
            nf = self.number_font()
            p.setFont(nf)
            if hl:
                p.setPen(NAVY)
            elif t.state is TileState.DONE:
                p.setPen(INK_DIM)
            elif t.state is TileState.SERVING:
                p.setPen(NUMBER_SERVING)
            else:
                p.setPen(NUMBER_CALLED)
            tight = QFontMetricsF(nf).tightBoundingRect(t.number)
            x = num_rect.center().x() - tight.width() / 2 - tight.left()
            y = num_rect.center().y() - tight.height() / 2 - tight.top()
            p.drawText(int(x), int(y), t.number)
        else:
            p.setFont(font(num_rect.height() * 0.3))
            p.setPen(INK_DIM)
            p.drawText(num_rect, Qt.AlignmentFlag.AlignCenter, "—")
        if t.paused:  # as big as the counter's name, across the middle
            band = QRectF(
                r.left(), num_rect.center().y() - LABEL_PX * 0.7, r.width(), LABEL_PX * 1.4
            )
            p.fillRect(band, ALERT_RED)
            p.setFont(font(LABEL_PX, True))
            p.setPen(INK)
            p.drawText(band, Qt.AlignmentFlag.AlignCenter, "TẠM DỪNG")

        p.setFont(font(bottom.height() * 0.7))
        p.setPen(NAVY if hl else INK_SOFT)
        status = {
            TileState.CALLED: "MỜI ĐẾN QUẦY",
            TileState.SERVING: "ĐANG PHỤC VỤ",
        }.get(t.state, "")
        ago = ago_text(t.called_at, self.now) if self.now and t.number and status else ""
        if ago:
            status = f"{status} · {ago}"
        status_w = 0.0
        if status:
            fm = QFontMetricsF(p.font())
            status_w = fm.horizontalAdvance(status) + 24
            p.setPen(NAVY if hl else (NUMBER_CALLED if t.state is TileState.CALLED else INK_SOFT))
            p.drawText(bottom, MID_RIGHT, status)
            p.setPen(NAVY if hl else INK_SOFT)
        text = t.service_name if t.number and t.state is not TileState.DONE else t.services
        elided = QFontMetricsF(p.font()).elidedText(
            text, Qt.TextElideMode.ElideRight, bottom.width() - status_w
        )
        p.drawText(bottom, MID_LEFT, elided)
        p.end()


class RecentWidget(QWidget):
    """The strip of recent calls, newest first: 'number → counter'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls: list[RecentCall] = []
        self.waiting: list[WaitingLine] = []
        self.show_calls = True  # False beside the board, which shows the calls itself

    def set_data(self, calls: list[RecentCall], waiting: list[WaitingLine]) -> None:
        self.calls, self.waiting = calls, waiting
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        path = QPainterPath()
        path.addRoundedRect(r, 14, 14)
        p.fillPath(path, CARD)
        x, w = r.left() + 20, r.width() - 40
        y = r.top() + 14
        row = 58
        if self.show_calls:
            y = self._paint_calls(p, x, y, w, row, r)
        p.setPen(INK_SOFT)
        p.setFont(font(S.heading, True))
        p.drawText(QRectF(x, y, w, 40), MID_LEFT, "ĐANG CHỜ")
        y += 46
        line = min(40.0, max(28.0, (r.bottom() - y - 8) / max(1, len(self.waiting))))
        fm = None
        for wl in self.waiting:
            if y + line > r.bottom():
                break
            p.setFont(font(line * 0.62))
            fm = fm or QFontMetricsF(p.font())
            p.setPen(INK)
            name = fm.elidedText(wl.name, Qt.TextElideMode.ElideRight, w - 70)
            p.drawText(QRectF(x, y, w - 70, line), MID_LEFT, name)
            p.setFont(font(line * 0.7, True))
            p.setPen(NUMBER_CALLED if wl.waiting else INK_DIM)
            p.drawText(QRectF(x, y, w, line), MID_RIGHT, str(wl.waiting))
            y += line
        p.end()

    def _paint_calls(self, p: QPainter, x: float, y: float, w: float, row: float, r) -> float:
        p.setPen(INK_SOFT)
        p.setFont(font(S.heading, True))
        p.drawText(
            QRectF(x, y, w, 40),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            "VỪA GỌI",
        )
        y += 48
        for i, call in enumerate(self.calls):
            p.setFont(font(S.recent_first if i == 0 else S.recent, True, NUMBER_FONT))
            p.setPen(NUMBER_CALLED if i == 0 else INK)
            p.drawText(
                QRectF(x, y, w * 0.5, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                call.number,
            )
            p.setFont(font(S.recent_counter_first if i == 0 else S.recent_counter, i == 0))
            p.drawText(
                QRectF(x + w * 0.42, y, w * 0.58, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"→ Quầy {call.counter}",
            )
            y += row
        if not self.calls:
            p.setFont(font(S.heading))
            p.setPen(INK_DIM)
            p.drawText(
                QRectF(x, y, w, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "Chưa có số nào được gọi",
            )
            y += row
        return max(y + 16, r.top() + 48 + 6 * row + 24)


class TickerWidget(QWidget):
    """A notice line scrolling right to left, forever."""

    def __init__(self, notices: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = "      •      ".join(notices)
        self.offset = 0.0
        self.speed = 2.0  # pixels per frame at 40 frames a second (80 px/s)
        self.setFixedHeight(S.ticker_height)
        self._timer = QTimer(self, interval=25)
        self._timer.timeout.connect(self.step)
        if self.text:
            self._timer.start()
        else:
            self.hide()  # no notices configured: give the space to the tiles

    def stop(self) -> None:
        self._timer.stop()

    def step(self) -> None:
        width = QFontMetricsF(font(S.ticker)).horizontalAdvance(self.text + "      •      ")
        self.offset = (self.offset + self.speed) % max(1.0, width)
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), STRIP)
        if not self.text:
            p.end()
            return
        p.setFont(font(S.ticker))
        p.setPen(INK)
        gap = "      •      "
        width = QFontMetricsF(p.font()).horizontalAdvance(self.text + gap)
        x = 24 - self.offset
        while x < self.width():
            p.drawText(QRectF(x, 0, width, self.height()), MID_LEFT, self.text + gap)
            x += width
        p.end()
