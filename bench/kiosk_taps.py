"""Taps and seconds from the first touch to a printed ticket, on the real kiosk widgets.

Drives the window offscreen with real mouse clicks (QTest) on the buttons a citizen
touches, the sim printer and the sim ID scanner, against an embedded center:

- without a card: Lấy số -> service -> Bỏ qua (no card) -> "Không ưu tiên" -> In phiếu
- with a card scanned on the home screen: (scan) -> service -> Tiếp tục -> In phiếu
- with an appointment: Có lịch hẹn -> (scan the appointment QR) -> the ticket

It counts the taps and the machine's time from the first touch to the ticket's bytes at
the printer (what the kiosk adds to the citizen's own reading and touching time), and
adds a reading-and-touching estimate of ``HUMAN_SECONDS_PER_TAP`` per tap for the
citizen's side. Prints one line per path.

    .venv/bin/python bench/kiosk_taps.py [rounds]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from motcua.clock import FakeClock
from motcua.config import load_config
from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.runtime import build_runtime
from motcua.kiosk.screenshots_qt import ELDER_CARD, settle
from motcua.scanner.barcode import SimScanner

HUMAN_SECONDS_PER_TAP = 4.0  # read the screen, find the button, touch it (elderly citizen)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    _app = QApplication([])
    clock = FakeClock(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as tmp:
        rt = build_runtime(
            load_config(None, env={}), clock, db_path=Path(tmp) / "t.db", serve=False
        )
        win = KioskWindow(rt)
        scanner = SimScanner()
        win.attach_scanner(scanner)
        win.resize(1080, 1920)
        win.show()
        settle(win)
        taps = 0

        def tap(widget: QWidget) -> None:
            nonlocal taps
            taps += 1
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
            settle(win)

        def find(name: str) -> QWidget:
            w = win.current.findChild(QWidget, name)
            assert w is not None, name
            return w

        def printed(before: int) -> None:
            settle(win, lambda: len(rt.printer.jobs) > before and win.current.name == "result")
            assert len(rt.printer.jobs) > before, "no ticket printed"

        results: dict[str, list[tuple[int, float]]] = {
            "without a card": [],
            "with a card": [],
            "with an appointment": [],
        }
        for i in range(rounds):
            # without a card
            taps, before = 0, len(rt.printer.jobs)
            t0 = time.perf_counter()
            tap(win.screens["home"].buttons["ticket"])
            tap(find("service:DD"))
            tap(win.screens["idscan"].skip)
            tap(find("priority:none"))
            tap(win.screens["confirm"].print_button)
            printed(before)
            results["without a card"].append((taps, time.perf_counter() - t0))
            win.home()
            settle(win)
            clock.advance(timedelta(seconds=30))
            # with a card scanned on the home screen (the scan is not a tap)
            taps, before = 0, len(rt.printer.jobs)
            card = ELDER_CARD.replace("001234", f"{1000 + i:06d}")
            t0 = time.perf_counter()
            scanner.inject(card)
            settle(win, lambda: win.current.name == "ticket")
            tap(find("service:HT"))
            tap(win.screens["priority"].go_on)
            tap(win.screens["confirm"].print_button)
            printed(before)
            results["with a card"].append((taps, time.perf_counter() - t0))
            win.home()
            settle(win)
            clock.advance(timedelta(seconds=30))
            # with an appointment: its QR scanned on "Có lịch hẹn" (the scan is not a tap)
            code = f"LH-{i:04d}"
            rt.center.add_appointment(code, "HT", clock.now() + timedelta(minutes=5))
            taps, before = 0, len(rt.printer.jobs)
            t0 = time.perf_counter()
            tap(win.screens["home"].buttons["appointment"])
            scanner.inject(f"http://10.0.0.2:8080/a/{code}")
            printed(before)
            results["with an appointment"].append((taps, time.perf_counter() - t0))
            win.home()
            settle(win)
            clock.advance(timedelta(seconds=30))
        win.shutdown()
        rt.close()
    for path, runs in results.items():
        n_taps = runs[0][0]
        assert all(t == n_taps for t, _ in runs)
        machine = statistics.median(s for _, s in runs)
        print(
            f"{path}: {n_taps} taps, machine {machine:.2f} s median over {len(runs)} "
            f"(first touch -> ticket at the printer), with {HUMAN_SECONDS_PER_TAP:.0f} s "
            f"per tap for the citizen ~{n_taps * HUMAN_SECONDS_PER_TAP + machine:.0f} s"
        )


if __name__ == "__main__":
    main()
