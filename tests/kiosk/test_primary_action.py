"""The primary action is the most visible thing on a screen in every mode: measured on
the rendered buttons (the share of their pixels that stand out from the page)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from motcua.kiosk.app_qt import KioskWindow


def ink(widget, bg: QColor) -> float:
    """Share of the widget's pixels far from the page background."""
    img = widget.grab().toImage()
    far = total = 0
    for y in range(0, img.height(), 3):
        for x in range(0, img.width(), 3):
            c = img.pixelColor(x, y)
            d = abs(c.red() - bg.red()) + abs(c.green() - bg.green()) + abs(c.blue() - bg.blue())
            far += d > 150
            total += 1
    return far / max(total, 1)


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_primary_button_outshines_the_toggles(qtbot, runtime, large, size) -> None:
    win = KioskWindow(runtime)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    try:
        win.large_button.setChecked(large)  # large text also turns on high contrast
        flow = runtime.tickets
        win.go("ticket")
        win.current.follow(flow.choose_service("HT"))
        qtbot.waitUntil(lambda: win.runner.pending == 0)
        bg = QColor(win.theme.bg)
        others = [win.back_button, win.home_button, win.lang_button, win.large_button]
        skip = win.screens["idscan"].skip
        assert all(ink(skip, bg) > ink(b, bg) + 0.2 for b in others)
        win.current.follow(flow.skip_id())
        win.current.follow(flow.choose_priority(None))
        qtbot.wait(10)
        button = win.screens["confirm"].print_button
        assert ink(button, bg) > 0.6  # a solid button, not an outline
        assert all(ink(button, bg) > ink(b, bg) + 0.2 for b in others)
    finally:
        win.shutdown()
