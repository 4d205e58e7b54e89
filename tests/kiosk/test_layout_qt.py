"""Geometry of the screens that did not fit, measured on the real widgets (pytest-qt):
the technician console in landscape and the home screen in large text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QScrollArea

from motcua.kiosk.technician_flow import center_label


def settle(qtbot, win) -> None:
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: win.runner.pending == 0)
    for _ in range(3):
        QApplication.processEvents()


def inside(widget, viewport) -> bool:
    r = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return QRect(QPoint(0, 0), viewport.size()).contains(r)


def test_center_label_names_the_center_without_a_stray_space() -> None:
    assert center_label("TT PVHCC Thanh Hóa", "http://10.0.0.5:8080/") == (
        "TT PVHCC Thanh Hóa (10.0.0.5:8080)"
    )
    assert center_label("", "http://10.0.0.5:8080") == "10.0.0.5:8080"
    assert center_label("TT PVHCC Thanh Hóa", "") == "TT PVHCC Thanh Hóa"
    assert center_label("", "") == ""


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_technician_console_shows_every_device_and_its_buttons(qtbot, win, size) -> None:
    win.resize(*size)
    from motcua.public_url import of_url

    win.runtime.technician.unlocked = True  # the PIN screen has its own tests
    # the ticket QR's line, as a real kiosk shows it (the longest line of the status)
    win.runtime.phone_reach = of_url("http://192.0.2.2:8080", "[center] public_url")
    win.go("technician")
    settle(qtbot, win)
    screen = win.screens["technician"]
    assert screen.page_area.verticalScrollBar().maximum() == 0
    (devices,) = [a for a in screen.findChildren(QScrollArea) if a is not screen.page_area]
    assert devices.verticalScrollBar().maximum() == 0, "the device list is a scroll box"
    for key, row in screen.rows.items():
        for button in (row.test, row.pick):
            assert button.isVisibleTo(win)
            assert inside(button, devices.viewport()), f"{key}: {button.text()} cut off"
            assert button.width() >= 90 and button.height() >= 80
    assert inside(screen.status, devices.viewport()), "the status text is cut off"
    status = screen.status.text()
    assert "Mã QR trên phiếu" in status
    center_line = next(line for line in status.splitlines() if line.startswith("Trung tâm"))
    assert " :" not in center_line
    assert center_line.startswith("Trung tâm: TT PVHCC Thanh Hóa")  # the configured name
    assert "\n\n" not in status  # no blank line for what is not there


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_home_fits_without_scrolling_in_every_mode(qtbot, win, size, large) -> None:
    """Large text in portrait once scrolled the home page by 111 px (the hint under the
    buttons off screen): the six buttons share the height down to their content's."""
    win.resize(*size)
    win.large_button.setChecked(large)
    win.home()
    settle(qtbot, win)
    home = win.screens["home"]
    assert home.page_area.verticalScrollBar().maximum() == 0, "the home page scrolls"
    viewport = home.page_area.viewport()
    for key, button in home.buttons.items():
        assert inside(button, viewport), f"{key} is not all on screen"
        assert button.height() >= button.minimumSizeHint().height() >= 90  # text not cut
    for label in (home.card_hint, home.hint):
        assert label.isVisibleTo(win) and inside(label, viewport)
    heights = {b.height() for b in home.buttons.values()}
    assert max(heights) - min(heights) <= 1  # one size of button, not a ragged column
