"""What every screen shares: a title in the current language with the other
language under it, a body, and the ``KioskShell`` it lives in.

A screen sees the window only through ``KioskShell``, the few things it asks of it
(KioskWindow implements it): screens never import app_qt, so there is no cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QScrollArea, QVBoxLayout, QWidget

from motcua.kiosk.widgets_qt import TLabel

if TYPE_CHECKING:
    from motcua.kiosk.i18n_qt import Lang
    from motcua.kiosk.runtime import KioskRuntime
    from motcua.kiosk.theme_qt import Theme
    from motcua.kiosk.ticket_flow import TicketResult
    from motcua.ui import TaskRunner


class KioskShell(Protocol):
    """What a screen may ask of the window it lives in."""

    lang: Lang
    theme: Theme
    runtime: KioskRuntime
    runner: TaskRunner
    rating_counter: int | None

    @property
    def current(self) -> Screen: ...

    def go(self, name: str) -> None: ...

    def home(self) -> None: ...

    def run_with_progress(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        progress_screen: str = "printing",
        after_ms: int = 300,
    ) -> None: ...

    def show_ticket_result(self, result: TicketResult) -> None: ...

    def submit_rating(self) -> None: ...

    def rating_done(self) -> None: ...

    def task_failed(self, exc: BaseException) -> None: ...


class Screen(QWidget):
    name = ""
    title_src = ""
    home_screen = False  # idle timeout does not apply; no back/home buttons

    def __init__(self, win: KioskShell) -> None:
        super().__init__()
        self.win = win
        self.lang = win.lang
        self.theme = win.theme
        self.rt = win.runtime
        # The page scrolls when it cannot fit (large text) instead of forcing the window
        # taller than the display; the footer under it (primary actions, the on-screen
        # keyboard) never scrolls, so a citizen always sees what to touch next.
        wrapper = QVBoxLayout(self)
        wrapper.setContentsMargins(0, 0, 0, 0)
        wrapper.setSpacing(0)
        self.page_area = area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page = QWidget()
        area.setWidget(self.page)
        wrapper.addWidget(area, 1)
        self.footer = QVBoxLayout()
        self.footer.setContentsMargins(32, 0, 32, 8)
        self.footer.setSpacing(12)
        wrapper.addLayout(self.footer)
        self._outer = outer = QVBoxLayout(self.page)
        outer.setContentsMargins(32, 18, 32, 8)
        outer.setSpacing(10)
        self.title = TLabel(self.lang, self.title_src, "title")
        self.subtitle = TLabel(self.lang, self.title_src, "subtitle", other=True)
        # the other language under the title in portrait, beside it in landscape
        self._title_row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._title_row.setSpacing(4)
        self._title_row.addWidget(self.title)
        self._title_row.addWidget(self.subtitle)
        outer.addLayout(self._title_row)
        self.body = QVBoxLayout()
        self.body.setSpacing(16)
        outer.addLayout(self.body, 1)
        self.wide = False

    def set_wide(self, wide: bool) -> None:
        """The window turned landscape (``wide``) or portrait: less height to spend, so
        tighter margins and the subtitle beside the title. Screens extend this."""
        self.wide = wide
        self._outer.setContentsMargins(32, 10 if wide else 18, 32, 4 if wide else 8)
        self._title_row.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self._title_row.setSpacing(24 if wide else 4)
        self._title_row.setAlignment(
            self.subtitle, Qt.AlignmentFlag.AlignBottom if wide else Qt.AlignmentFlag(0)
        )
        self.title.setWordWrap(not wide)  # screen titles are short; the subtitle wraps
        self._title_row.setStretchFactor(self.subtitle, 1 if wide else 0)

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
