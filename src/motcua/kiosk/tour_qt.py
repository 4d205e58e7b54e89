"""What the screenshot tour's chapters share (``screenshots_qt`` runs them in order):
one kiosk window driven through its real widgets, a sim ID scanner and chip reader,
and a shot of each screen once everything queued has settled.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEMO_CARD = (
    "001090123456|012345678|Nguyễn Văn An|01011990|Nam|"
    "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"
)
ELDER_CARD = "038156001234||Lê Thị Cúc|12031956|Nữ|Xã Quảng Phú, Tỉnh Thanh Hóa|02052021"

# Called with (shot name, window) on every screen the walk shows, after it settled.
OnScreen = Callable[[str, Any], None]


def settle(win, until: Callable[[], bool] | None = None, timeout: float = 10.0) -> None:
    """Let queued signals and background tasks finish (no fixed sleeps)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if win.runner.pending == 0 and (until is None or until()):
            break
        time.sleep(0.005)
    QApplication.processEvents()
    # what the event loop does between frames: free widgets given to deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


class Tour:
    """One window at one orientation; ``shot`` saves ``{orientation}-{nn}-{name}.png``."""

    def __init__(
        self, rt, out: Path | None, orientation: str, on_screen: OnScreen | None = None
    ) -> None:
        from motcua.kiosk.app_qt import KioskWindow
        from motcua.scanner.barcode import SimScanner

        self.rt, self.out, self.orientation, self.on_screen = rt, out, orientation, on_screen
        self.scanner = SimScanner()
        rt.scanner = self.scanner
        if rt.chip is None:  # show the chip screens with the sim reader (scanner/chip/sim.py)
            from motcua.kiosk.chip_reader import KioskChipReader
            from motcua.scanner.chip.sim import SimCardReader

            # no card on it until the chip shots (a card left on it is reminded about)
            rt.chip = KioskChipReader(SimCardReader(present=False))  # type: ignore[arg-type]
        self.card_reader: Any = rt.chip.reader
        self.win = KioskWindow(rt)
        self.screens: dict[str, Any] = dict(self.win.screens)  # concrete screens, untyped
        self.shots: list[Path] = []

    def current(self) -> Any:
        return self.win.current

    def capture(self, window, name: str) -> None:
        settle(window)
        if self.on_screen is not None:
            self.on_screen(name, window)
        if self.out is not None:
            path = self.out / f"{self.orientation}-{len(self.shots) + 1:02d}-{name}.png"
            window.grab().save(str(path))
            self.shots.append(path)

    def shot(self, name: str) -> None:
        self.capture(self.win, name)

    def scan(self, line: str) -> None:
        self.scanner.inject(line)
        settle(self.win)

    def card_on_reader(self, on: bool) -> None:
        if hasattr(self.card_reader, "insert"):  # the sim reader (a real one: leave it be)
            self.card_reader.insert() if on else self.card_reader.remove()
