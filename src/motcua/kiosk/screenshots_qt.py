"""`motcua kiosk --screenshots DIR`: a PNG of every screen, portrait and landscape.

Runs offscreen against a throw-away embedded center (temp dir, sim printer and
scanner, a fixed clock) and walks the real widgets through each flow, so the
pictures show what a citizen would see, including failures. The chapters of the
walk are ``tour_ticket_qt``, ``tour_intake_qt`` and ``tour_services_qt`` over the
shared ``tour_qt``; this module runs them in order.
"""

from __future__ import annotations

import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from motcua.kiosk.ticket_result import TicketResult
from motcua.kiosk.tour_intake_qt import intake
from motcua.kiosk.tour_qt import DEMO_CARD, ELDER_CARD, OnScreen, Tour, settle
from motcua.kiosk.tour_services_qt import (
    appointment_and_dossier,
    idle_and_technician,
    lookup,
    rating,
    serve_one,
)
from motcua.kiosk.tour_ticket_qt import take_a_number, ticket_screens

log = logging.getLogger(__name__)

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


def write_screenshots(out_dir: str | Path, config_path: str | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from motcua.config import load_config

    _app = QApplication.instance() or QApplication([])  # kept alive while drawing
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    config = load_config(config_path)
    written: list[Path] = []
    for orientation in SIZES:
        written += visit_screens(config, orientation, out)
    for path in written:
        print(path)
    return 0


def visit_screens(
    config, orientation: str, out: Path | None = None, on_screen: OnScreen | None = None
) -> list[Path]:
    """Walk every screen at ``orientation`` against a throw-away embedded center: save a
    PNG of each into ``out`` (when given) and hand each to ``on_screen`` (layout tests)."""
    from motcua.clock import FakeClock
    from motcua.kiosk.runtime import build_runtime
    from motcua.scanner.documents.samplepages import write_sample_pages

    with tempfile.TemporaryDirectory(prefix="motcua-shots-") as tmp:
        clock = FakeClock(datetime(2026, 11, 20, 2, 5, tzinfo=UTC))
        glass = write_sample_pages(Path(tmp) / "glass", 2, dpi=100)[0].parent
        rt = build_runtime(
            config,
            clock,
            db_path=Path(tmp) / "motcua.db",
            serve=False,
            paper_scanner_url=f"sim://?pages={glass}&dpi=100",
        )
        try:
            return walk(rt, out, orientation, SIZES[orientation], on_screen)
        finally:
            rt.close()


def walk(
    rt,
    out: Path | None,
    orientation: str,
    size: tuple[int, int],
    on_screen: OnScreen | None = None,
) -> list[Path]:
    """Drive one window through every screen, saving a PNG of each (when ``out``)."""
    from motcua.kiosk.app_qt import KioskWindow

    t = Tour(rt, out, orientation, on_screen)
    win = t.win
    win.attach_scanner(t.scanner)
    win.resize(*size)
    win.show()
    try:
        failed = ticket_screens(t)
        intake(t)
        lookup(t)
        appointment_and_dossier(t)
        rating(t)
        idle_and_technician(t)
        large_text_and_english(t, failed)
    finally:
        win.shutdown()
        win.close()
    # the counter's rating tablet between citizens
    tablet = KioskWindow(rt, rating_counter=5)
    try:
        tablet.resize(*size)
        tablet.show()
        t.capture(tablet, "rating-tablet-resting")
    finally:
        tablet.shutdown()
        tablet.close()
    return t.shots


def large_text_and_english(t: Tour, failed: TicketResult) -> None:
    """The main screens again in large text, then in English."""
    win, rt, screens, shot = t.win, t.rt, t.screens, t.shot
    win.home()
    win.large_button.setChecked(True)
    shot("large-text-home")
    take_a_number(t, "large-text")
    screens["result"].show_result(failed)
    win.go("result")
    shot("large-text-result")
    win.go("lookup")
    screens["lookup"].box.setText("chung thuc")
    shot("large-text-lookup")
    screens["lookup"].toggle_keyboard()
    shot("large-text-lookup-keyboard")
    screens["lookup"].toggle_keyboard()
    intake(t, prefix="large-text-", short=True)
    win.large_button.setChecked(False)
    win.home()
    win.toggle_language()
    shot("english-home")
    take_a_number(t, "english")
    win.go("lookup")
    screens["lookup"].box.setText("dang ky")
    shot("english-lookup")
    screens["result"].show_result(failed)
    win.go("result")
    shot("english-result")
    serve_one(rt, 5)
    rt.rating.choose_counter(5)
    win.go("rate")
    shot("english-rating")
    intake(t, prefix="english-", short=True)
    win.toggle_language()


__all__ = ["DEMO_CARD", "ELDER_CARD", "SIZES", "OnScreen", "settle", "visit_screens", "walk"]
