"""Starting the kiosk app: configuration, runtime, window, scanners, event loop."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)


# The screens are laid out for a real kiosk: 1080x1920 (portrait) or 1920x1080.
KIOSK_PORTRAIT = (1080, 1920)


def main(args: argparse.Namespace) -> int:
    import os

    if args.windowed and "QT_SCALE_FACTOR" not in os.environ:
        # A developer's screen is smaller than the kiosk's: show the very same layout,
        # scaled uniformly, rather than re-flowing it into an odd window size.
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    from PySide6.QtWidgets import QApplication

    from motcua.clock import SystemClock
    from motcua.config import ConfigError, load_config
    from motcua.kiosk.app_qt import KioskWindow
    from motcua.kiosk.i18n_qt import Lang
    from motcua.kiosk.runtime import build_runtime, center_to_join

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    from motcua.devices import DeviceUrlError
    from motcua.printer import PrinterConfigError

    try:  # the command line's center, else the one the technician console enrolled to
        server_url, token = center_to_join(config, args.server, args.token)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    clock = SystemClock()
    try:
        runtime = build_runtime(
            config,
            clock,
            db_path=args.db,
            server_url=server_url,
            token=token,
            printer_url=args.printer,
            scanner_url=args.scanner,
            serve=not args.no_serve,
            rating_counter=args.rating_for_counter,
            catalog_path=args.catalog,
            # sample dossiers only in the demo; a real center's store holds real ones
            seed_demo_dossiers=args.config is None,
            # a real configuration file: the demo PIN (public) opens no technician menu
            refuse_demo_pin=args.config is not None,
            config_path=args.config,
        )
    except (DeviceUrlError, PrinterConfigError) as exc:
        print(exc, file=sys.stderr)
        return 2
    runtime.audio_url = getattr(args, "audio", None) or ""  # "": [devices] audio
    if runtime.server is not None:
        print(f"Máy chủ trung tâm cho quầy và màn hình / center server: {runtime.server.url}")
    if runtime.admin_token:
        from motcua.server.database import write_secret

        token_file = write_secret(Path(args.db).parent / "admin-token", runtime.admin_token)
        print(
            "Token quản trị đầu tiên đã ghi vào tệp (chỉ chủ sở hữu đọc được) / "
            "the first admin token is in this owner-only file:"
        )
        print(f"ADMIN_TOKEN_FILE={token_file}", flush=True)
    elif runtime.server is not None:
        print(
            "Token cho quầy / device tokens: "
            f"motcua token create --role counter --counter N --db {args.db}"
        )
    lang = Lang(args.language or config.kiosk.language)
    win = KioskWindow(runtime, lang=lang, rating_counter=args.rating_for_counter)
    if runtime.scanner is not None:
        win.attach_scanner(runtime.scanner)
    win.runner.run(runtime.refresh_info, lambda _info: None)
    if args.rating_for_counter is not None:
        win.subscribe_events()
    lockdown = None
    if args.first_frame_exit:
        _exit_at_first_frame(app, win)
    if args.windowed:
        width, height = KIOSK_PORTRAIT
        win.setFixedSize(*((height, width) if args.landscape else (width, height)))
        win.show()
    else:
        from motcua.kiosk.lockdown_qt import KioskLockdown

        # kiosk mode: no way out for a citizen; the technician menu's quit ends the app
        lockdown = KioskLockdown(win, lambda: runtime.technician.quitting)
        win.showFullScreen()
    try:
        return app.exec()
    finally:
        if lockdown is not None:  # held, with its filters, for as long as the loop ran
            lockdown.release()
        win.shutdown()
        runtime.close()


def _exit_at_first_frame(app, win) -> None:
    """For the start-up benchmark: report when the first frame is painted, then quit."""
    import os
    import time

    import psutil
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and obj is win.current:
                app.removeEventFilter(self)
                rss = psutil.Process(os.getpid()).memory_info().rss / 2**20
                print(f"FIRST_FRAME wall={time.time():.3f} rss_mb={rss:.1f}", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    win._first_paint = FirstPaint(win)
    app.installEventFilter(win._first_paint)
