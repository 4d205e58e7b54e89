"""`motcua` subcommands of the display area."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this area's subcommands: the hall display and voice announcements."""
    _register_display(sub)
    _register_announce(sub)


def _register_announce(sub: argparse._SubParsersAction) -> None:
    """`motcua announce` (voice); kept apart so the display console's parser merges cleanly."""
    from motcua.display.voice_cli import add_parser

    add_parser(sub)


def _register_display(sub: argparse._SubParsersAction) -> None:
    from motcua.counter.connect import add_center_args

    p = sub.add_parser(
        "display",
        help="màn hình sảnh (hall display): numbers called, waiting counts, notices",
        description="The hall TV: a tile per counter, recent calls, waiting counts, a ticker.",
    )
    add_center_args(p)
    p.add_argument("--windowed", action="store_true", help="a 1920x1080 window, not fullscreen")
    p.add_argument("--screenshot", metavar="FILE", help="save a 1920x1080 PNG and exit")
    p.add_argument(
        "--audio",
        metavar="URL",
        help="announcements: default | none | file:///dir ([devices] audio)",
    )
    p.set_defaults(func=_run_display)


def _run_display(args: argparse.Namespace) -> int:
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from motcua.counter.connect import CenterChoice, load
    from motcua.display.hall_qt import hall_window
    from motcua.display.runtime import build_display

    config = load(args)
    app = QApplication.instance() or QApplication(sys.argv[:1])  # before the audio output
    rt = build_display(config, CenterChoice.from_args(args), audio_url=args.audio)
    try:
        rt.report_health()  # the audio output's health to the center
        window = hall_window(rt)
        if args.windowed or args.screenshot:
            window.resize(1920, 1080)
            window.show()
        else:
            window.showFullScreen()
        if args.screenshot:

            def shoot() -> None:
                window.grab().save(args.screenshot)
                app.quit()

            QTimer.singleShot(2000, shoot)
        rc = app.exec()
        window.close()
    finally:
        rt.close()
    return rc
