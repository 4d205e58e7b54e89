"""Reusable kiosk widgets: labels and buttons that follow the language, a grid
that re-flows between portrait and landscape, a QR view."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import qrcode
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from motcua.kiosk.i18n_qt import Lang
from motcua.kiosk.icons_qt import IconWidget
from motcua.kiosk.theme_qt import Theme


class TLabel(QLabel):
    """A label whose Vietnamese source is shown in the current language (or the other
    one with ``other=True``); ``fmt`` fills placeholders after translation."""

    def __init__(
        self, lang: Lang, source: str, role: str = "body", other: bool = False, **fmt: object
    ) -> None:
        super().__init__()
        self._lang, self._source, self._other, self._fmt = lang, source, other, fmt
        self.setWordWrap(True)
        self.setProperty("role", role)
        lang.changed.connect(self.refresh)
        self.refresh()

    def set_source(self, source: str, **fmt: object) -> None:
        self._source, self._fmt = source, fmt
        self.refresh()

    def refresh(self) -> None:
        text = self._lang.other(self._source) if self._other else self._lang.text(self._source)
        self.setText(text.format(**self._fmt) if self._fmt else text)


class BiText:
    """Text that carries both languages itself, shown in the current one (the base of
    ``BiLabel`` and ``BiButton``, before their Qt class)."""

    setText: Callable[[str], None]

    def _follow(self, lang: Lang, vi: str, en: str) -> None:
        self._lang, self._vi, self._en = lang, vi, en
        lang.changed.connect(self.refresh)
        self.refresh()

    def set_texts(self, vi: str, en: str) -> None:
        self._vi, self._en = vi, en
        self.refresh()

    def refresh(self) -> None:
        self.setText(self._lang.pick(self._vi, self._en))


class BiLabel(BiText, QLabel):
    """A label for data that carries both languages itself (service names, messages)."""

    def __init__(self, lang: Lang, vi: str = "", en: str = "", role: str = "body") -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setProperty("role", role)
        self._follow(lang, vi, en)


class MessageLabel(BiLabel):
    """A message (an error, a notice, a progress line) shown only while it says
    something: hidden at first, shown by ``set_texts`` with words, hidden again by
    ``set_texts("", "")`` or ``hide()``. An empty label would still take a line of height
    and its spacing, which a landscape screen cannot spare."""

    def __init__(self, lang: Lang, vi: str = "", en: str = "", role: str = "error") -> None:
        super().__init__(lang, vi, en, role=role)
        self._fit()

    def set_texts(self, vi: str, en: str) -> None:
        super().set_texts(vi, en)
        self._fit()

    def _fit(self) -> None:
        if not (self._vi or self._en):
            self.hide()
        elif self.parentWidget() is not None:  # with its page: never a window of its own
            self.show()


class BiButton(BiText, QPushButton):
    """A wide touch button whose label carries both languages (shown in the current one)."""

    def __init__(self, lang: Lang, vi: str, en: str, role: str = "") -> None:
        super().__init__()
        if role:
            self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(110)
        self._follow(lang, vi, en)


class TButton(QPushButton):
    """A push button labelled in the current language."""

    def __init__(self, lang: Lang, source: str, role: str = "", **fmt: object) -> None:
        super().__init__()
        self._lang, self._source, self._fmt = lang, source, fmt
        if role:
            self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lang.changed.connect(self.refresh)
        self.refresh()

    def set_source(self, source: str, **fmt: object) -> None:
        self._source, self._fmt = source, fmt
        self.refresh()

    def refresh(self) -> None:
        text = self._lang.text(self._source)
        self.setText(text.format(**self._fmt) if self._fmt else text)


class BigButton(QFrame):
    """A big touch target: drawn icon, title in the current language, subtitle in the
    other. Titles come either as a translatable source or as vi/en data."""

    clicked = Signal()

    def __init__(
        self,
        lang: Lang,
        theme: Theme,
        icon: str,
        source: str = "",
        vi: str = "",
        en: str = "",
        min_height: int = 150,
    ) -> None:
        super().__init__()
        self._lang, self._theme = lang, theme
        self._source, self._vi, self._en = source, vi, en
        self.setProperty("role", "card")
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(24)
        self.icon = IconWidget(icon, theme.icon_color(), 92) if icon else None
        if self.icon:
            row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        col = QVBoxLayout()
        col.setSpacing(4)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setProperty("role", "btntitle")
        self.sub = QLabel()
        self.sub.setWordWrap(True)
        self.sub.setProperty("role", "btnsub")
        self.detail = QLabel()  # live data under the names (people waiting, the wait)
        self.detail.setWordWrap(True)
        self.detail.setProperty("role", "btndetail")
        self.detail.hide()
        self._detail: tuple[str, str] = ("", "")
        self._sub: tuple[str, str] | None = None
        col.addStretch(1)
        col.addWidget(self.title)
        col.addWidget(self.sub)
        col.addWidget(self.detail)
        col.addStretch(1)
        row.addLayout(col, 1)
        lang.changed.connect(self.refresh)
        self.refresh()

    def set_sub(self, vi: str, en: str) -> None:
        """A subtitle of its own (shown in the current language) instead of the
        title in the other language."""
        self._sub = (vi, en)
        self.refresh()

    def set_detail(self, vi: str, en: str) -> None:
        self._detail = (vi, en)
        self.refresh()

    def refresh(self) -> None:
        if self._source:
            self.title.setText(self._lang.text(self._source))
            self.sub.setText(self._lang.other(self._source))
        else:
            self.title.setText(self._lang.pick(self._vi, self._en))
            self.sub.setText(self._lang.pick_other(self._vi, self._en))
        if self._sub is not None:
            self.sub.setText(self._lang.pick(*self._sub))
        detail = self._lang.pick(*self._detail)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        if self.icon:
            self.icon.set_color(self._theme.icon_color())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()


class FlowGrid(QWidget):
    """Lays its items in as many columns as fit ``min_width`` (2 in portrait, 3-4 in
    landscape), re-flowing on resize. ``fill``: the rows share the spare height (items
    as tall as there is room for, never shorter than their content) instead of leaving
    it below them."""

    def __init__(
        self, min_width: int = 460, max_columns: int = 4, fill: bool = False, spacing: int = 20
    ) -> None:
        super().__init__()
        self._min_width, self._max, self._fill = min_width, max_columns, fill
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self._items: list[QWidget] = []
        self._cols = 0

    def set_items(self, items: Sequence[QWidget]) -> None:
        for w in self._items:
            self._grid.removeWidget(w)
            w.hide()  # deleteLater waits for the event loop; never show stale buttons
            w.setParent(None)
            w.deleteLater()
        self._items = list(items)
        self._cols = 0
        self._reflow()

    @property
    def items(self) -> list[QWidget]:
        return list(self._items)

    def _reflow(self) -> None:
        width = max(self.width(), 1)
        cols = max(1, min(self._max, width // self._min_width, len(self._items) or 1))
        if cols == self._cols and all(self._grid.indexOf(w) >= 0 for w in self._items):
            return
        self._cols = cols
        for w in self._items:
            self._grid.removeWidget(w)
        for r in range(self._grid.rowCount()):
            self._grid.setRowStretch(r, 0)
        for i, w in enumerate(self._items):
            self._grid.addWidget(w, i // cols, i % cols)
        rows = (len(self._items) + cols - 1) // cols
        if self._fill:
            for r in range(rows):
                self._grid.setRowStretch(r, 1)
        else:  # spare height goes below the buttons, not into them
            self._grid.setRowStretch(rows, 1)
        self._grid.invalidate()
        self.updateGeometry()  # the page (a scroll area) re-measures its height

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow()


class QrView(QWidget):
    """A QR code drawn from its module matrix (crisp at any size)."""

    def __init__(self, size: int = 320) -> None:
        super().__init__()
        self.setFixedSize(size, size)
        self._matrix: list[list[bool]] = []
        self.data = ""

    def set_data(self, data: str) -> None:
        self.data = data
        if not data:
            self._matrix = []
        else:
            qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
            qr.add_data(data)
            qr.make(fit=True)
            self._matrix = qr.get_matrix()
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        n = len(self._matrix)
        if n:
            cell = self.width() / n
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("black"))
            for y, row in enumerate(self._matrix):
                for x, on in enumerate(row):
                    if on:
                        p.drawRect(QRectF(x * cell, y * cell, cell + 0.5, cell + 0.5))
        p.end()


def connect(button: QWidget, slot: Callable[[], object]) -> None:
    button.clicked.connect(lambda *_: slot())  # type: ignore[attr-defined]


class SplitBox(QWidget):
    """Two parts stacked in portrait, side by side in landscape (results | keyboard)."""

    def __init__(self, first: QWidget, second: QWidget, stretch: tuple[int, int] = (1, 0)) -> None:
        super().__init__()
        self._box = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(16)
        self._box.addWidget(first, stretch[0])
        self._box.addWidget(second, stretch[1])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        window = self.window()
        wide = window.width() > window.height()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._box.direction() != direction:
            self._box.setDirection(direction)
