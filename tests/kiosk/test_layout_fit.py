"""Every screen fits its display: at 1920x1080 and 1080x1920 in normal text no page
needs to scroll, and the buttons a citizen must reach (actions, keyboard keys) are
fully on screen in every mode, large text included.

The walk is the one ``motcua kiosk --screenshots`` makes, so every picture a person
looks at is also measured here.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QPushButton, QWidget

from motcua.kiosk.screenshots_qt import SIZES, visit_screens
from motcua.kiosk.widgets_qt import BigButton

pytestmark = pytest.mark.slow

MIN_TOUCH = 90
MIN_KEY_HEIGHT = 80  # keyboard keys may be shorter in landscape, never narrower


def window_rect(widget: QWidget, win: QWidget) -> QRect:
    return QRect(widget.mapTo(win, QPoint(0, 0)), widget.size())


def nearest_scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def actions(screen: Any) -> list[QWidget]:
    """The visible buttons of a screen, on its page or in its fixed footer, that are not
    items of a scrolling list (a long list of fields may scroll; the page may not)."""
    found: list[QWidget] = []
    for w in screen.findChildren(QWidget):
        if not isinstance(w, QPushButton | BigButton) or not w.isVisible():
            continue
        if nearest_scroll_area(w) in (screen.page_area, None):
            found.append(w)
    return found


def check_screen(name: str, win: Any, size: tuple[int, int], problems: list[str]) -> None:
    screen = win.current
    where = f"{name} ({screen.name})"
    if (win.width(), win.height()) != size:
        problems.append(f"{where}: window grew to {win.width()}x{win.height()}")
    large = name.startswith("large-text")
    bar = screen.page_area.verticalScrollBar()
    if not large and bar.maximum() > 0:
        problems.append(f"{where}: the page scrolls by {bar.maximum()} px")
    on_screen = window_rect(screen, win).intersected(win.rect())
    page = window_rect(screen.page_area.viewport(), win).intersected(on_screen)
    for w in actions(screen):
        r = window_rect(w, win)
        label = w.text() if isinstance(w, QPushButton) else w.title.text()
        visible = page if nearest_scroll_area(w) is screen.page_area else on_screen
        if not visible.contains(r):
            problems.append(f"{where}: button {label!r} at {r.getRect()} is not all visible")
        key = w.property("role") == "key"
        if w.width() < MIN_TOUCH or w.height() < (MIN_KEY_HEIGHT if key else MIN_TOUCH):
            problems.append(f"{where}: button {label!r} is only {w.width()}x{w.height()}")
    for w in (win.back_button, win.home_button, win.lang_button, win.large_button):
        if w.isVisible() and not win.rect().contains(window_rect(w, win)):
            problems.append(f"{where}: bottom bar button {w.text()!r} is off screen")


@pytest.mark.parametrize("orientation", list(SIZES))
def test_every_screen_fits_without_scrolling(qapp, config, orientation: str) -> None:
    size = SIZES[orientation]
    problems: list[str] = []
    seen: list[str] = []

    def on_screen(name: str, win: Any) -> None:
        seen.append(name)
        check_screen(name, win, size, problems)

    visit_screens(config, orientation, on_screen=on_screen)
    assert {
        "lookup-keyboard", "dossier-keyboard", "print-failed", "procedure",
        "large-text-result", "large-text-lookup-keyboard",
    } <= set(seen)  # fmt: skip
    assert not problems, "\n".join(problems)
