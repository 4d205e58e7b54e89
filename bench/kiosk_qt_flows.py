"""Ticket flows through the real kiosk widgets (offscreen): the Qt layer does not leak.

Each round: service -> skip ID -> priority -> confirm -> print (worker pool, sim printer)
-> result, then an as-you-type lookup, then Home. Prints rounds/s and RSS growth
after a warm-up. Widgets replaced on a screen are freed by deleteLater(), which the
event loop runs between frames; ``settle`` does the same here.

    .venv/bin/python bench/kiosk_qt_flows.py [rounds]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


import psutil
from PySide6.QtWidgets import QApplication

from motcua.clock import FakeClock
from motcua.config import load_config
from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.runtime import build_runtime
from motcua.kiosk.screenshots_qt import settle


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    warmup = max(1, rounds // 10)
    _app = QApplication([])
    clock = FakeClock(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    proc = psutil.Process()
    with tempfile.TemporaryDirectory() as tmp:
        rt = build_runtime(
            load_config(None, env={}), clock, db_path=Path(tmp) / "m.db", serve=False
        )
        win = KioskWindow(rt)
        win.resize(1080, 1920)
        win.show()
        screens = dict(win.screens)
        base, t0 = 0, 0.0
        for i in range(rounds):
            if i == warmup:
                base, t0 = proc.memory_info().rss, time.perf_counter()
            win.go("ticket")
            screens["ticket"].follow(rt.tickets.choose_field("Tài nguyên và Môi trường"))
            screens["idscan"].follow(rt.tickets.skip_id())
            screens["priority"].follow(rt.tickets.choose_priority(None))
            screens["confirm"].submit()
            settle(win, lambda: win.current.name == "result")
            win.go("lookup")
            screens["lookup"].box.setText("dang ky ket hon")
            settle(win)
            win.home()
            settle(win)
            clock.advance(timedelta(seconds=5))
            if i % 100 == 99:
                rt.printer.jobs.clear()  # the paper leaves the sim printer's tray
        elapsed = time.perf_counter() - t0
        end = proc.memory_info().rss
        win.shutdown()
        rt.close()
    measured = rounds - warmup
    print(f"{rounds} rounds through the Qt layer ({measured} measured after {warmup} warm-up)")
    print(f"throughput: {measured / elapsed:.1f} rounds/s")
    print(
        f"memory: {base / 2**20:.1f} MB -> {end / 2**20:.1f} MB, "
        f"growth {100 * (end - base) / base:.1f}% (target <= 10%)"
    )


if __name__ == "__main__":
    main()
