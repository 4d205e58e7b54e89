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
    import logging
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from motcua.counter.connect import load, open_center
    from motcua.display.hall_qt import HallWindow
    from motcua.errors import MotcuaError
    from motcua.queue.models import CenterInfo

    log = logging.getLogger("motcua.display")
    config = load(args)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    center = open_center(args, config)
    try:
        info = center.info()
    except MotcuaError as exc:  # start anyway from the local configuration; the feed retries
        log.warning("center unreachable (%s); starting from the local configuration", exc)
        info = CenterInfo(config.center, config.services, config.counters, config.priority_groups)
    audio_url = args.audio or config.devices.audio
    announcer = _announcer(config, audio_url, log)
    reporter = _report_audio(center, announcer, audio_url)
    window = HallWindow(
        center,
        info,
        ticker=config.display.ticker,
        announcer=announcer,
        layout=config.display.layout,
    )
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
    if reporter is not None:
        reporter.stop()
    window.close()
    if announcer is not None and hasattr(announcer, "close"):
        announcer.close()
    center.close()
    return rc


def _announcer(config, audio_url: str, log):
    try:
        from motcua.display.announcer import build_announcer
    except ImportError:
        log.warning("voice announcements are not available in this build")
        return None
    try:
        return build_announcer(config.voice, audio_url)
    except Exception as exc:  # no audio device etc.: the display still shows numbers
        log.warning("no voice announcements: %s", exc)
        return None


def _report_audio(center, announcer, audio_url: str):
    """The hall's audio output to the center (through the kiosk's HealthReporter): ok when
    the announcer was built, an error when announcements stay silent."""
    from motcua.clock import SystemClock
    from motcua.devices import DeviceHealth
    from motcua.devices.reporting import report_to_center

    if announcer is not None:
        health = DeviceHealth.ok("audio", "Loa sẵn sàng", f"Audio ready ({audio_url})")
    elif audio_url in ("", "none"):
        health = DeviceHealth.unknown("audio", "not_configured", "Không dùng loa", "No audio")
    else:
        health = DeviceHealth.error(
            "audio",
            "no_audio",
            f"Không phát được thông báo ({audio_url}): kiểm tra loa / HDMI",
            f"Announcements are silent ({audio_url}): check speakers / HDMI",
        )
    return report_to_center(
        center, {"audio": lambda: health}, {"audio": "audio"}, SystemClock().now
    )
