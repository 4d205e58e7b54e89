"""What every screen shares: a title in the current language with the other
language under it, a body, and the window it lives in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from motcua.kiosk.widgets_qt import TLabel

if TYPE_CHECKING:
    from motcua.kiosk.app_qt import KioskWindow


class Screen(QWidget):
    name = ""
    title_src = ""
    home_screen = False  # idle timeout does not apply; no back/home buttons

    def __init__(self, win: KioskWindow) -> None:
        super().__init__()
        self.win = win
        self.lang = win.lang
        self.theme = win.theme
        self.rt = win.runtime
        # The page scrolls when it cannot fit (large text on a landscape screen) instead
        # of forcing the window taller than the display.
        wrapper = QVBoxLayout(self)
        wrapper.setContentsMargins(0, 0, 0, 0)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page = QWidget()
        area.setWidget(self.page)
        wrapper.addWidget(area)
        outer = QVBoxLayout(self.page)
        outer.setContentsMargins(32, 18, 32, 8)
        outer.setSpacing(10)
        self.title = TLabel(self.lang, self.title_src, "title")
        self.subtitle = TLabel(self.lang, self.title_src, "subtitle", other=True)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        self.body = QVBoxLayout()
        self.body.setSpacing(16)
        outer.addLayout(self.body, 1)

    def set_title(self, source: str, **fmt: object) -> None:
        self.title.set_source(source, **fmt)
        self.subtitle.set_source(source, **fmt)

    def scrolled(self, inner: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(inner)
        return area

    def enter(self) -> None:
        """Called each time the screen is shown."""

    def back(self) -> None:
        """The Back button; by default, home."""
        self.win.home()

    def reset(self) -> None:
        """Forget what the citizen entered (idle timeout, home)."""

    def on_scan(self, line: str) -> bool:
        """A line from a scanner while this screen is shown; True when used."""
        return False
