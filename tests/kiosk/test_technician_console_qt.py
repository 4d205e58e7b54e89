"""pytest-qt: the technician console on the real kiosk window (sim devices)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt

from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.lockdown_qt import KioskLockdown
from motcua.kiosk.runtime import KioskRuntime


@pytest.fixture
def runtime(config, clock, service, printer, catalog, dossiers) -> KioskRuntime:
    return KioskRuntime(
        config=config,
        clock=clock,
        center=service,
        printer=printer,
        catalog=catalog,
        dossiers=dossiers,
        printer_url="sim://",
        scanner_url="sim://",
    )


@pytest.fixture
def win(qtbot, runtime) -> Iterator[KioskWindow]:
    w = KioskWindow(runtime)
    qtbot.addWidget(w)
    w.resize(1080, 1920)
    w.show()
    yield w
    w.shutdown()


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def unlock(qtbot, win: KioskWindow, pin: str = "1234") -> None:
    for _ in range(5):
        click(qtbot, win.logo)
    keys = win.screens["pin"]
    for k in pin:
        click(qtbot, keys.keys[k])
    click(qtbot, keys.ok)
    qtbot.waitUntil(lambda: win.current.name == "technician")


def test_in_kiosk_mode_only_the_technician_menu_quits(qtbot, win) -> None:
    lockdown = KioskLockdown(win, lambda: win.runtime.technician.quitting)
    assert not win.close() and win.isVisible() and lockdown.refused == 1
    unlock(qtbot, win)
    tech = win.screens["technician"]
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    click(qtbot, tech.quit_button)
    qtbot.waitUntil(lambda: not win.isVisible())
    assert win.runtime.technician.quitting
