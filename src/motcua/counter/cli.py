"""`motcua counter` (the console window or one action) and `motcua keypads` (the bridge)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING

from motcua.counter.actions import CounterAction

if TYPE_CHECKING:
    from motcua.counter.runtime import ConsoleRuntime
    from motcua.queue.api import Center

ACTIONS = [a.value for a in CounterAction]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this area's subcommands."""
    from motcua.counter.connect import add_center_args

    p = sub.add_parser(
        "counter",
        help="bàn gọi số của quầy (counter console) or one counter action",
        description=(
            "Without ACTION: the counter console window. With ACTION: perform it once and "
            "print the result (for scripts): " + ", ".join(ACTIONS)
        ),
    )
    p.add_argument("action", nargs="?", choices=ACTIONS, metavar="ACTION", help=" | ".join(ACTIONS))
    p.add_argument("--counter", type=int, default=1, metavar="N", help="counter number (1)")
    p.add_argument("--to-service", metavar="CODE", help="transfer: target service code")
    p.add_argument("--to-counter", type=int, metavar="M", help="transfer: target counter")
    p.add_argument("--no-top", action="store_true", help="console not always on top")
    p.add_argument("--screenshot", metavar="FILE", help="save a PNG of the console and exit")
    p.add_argument(
        "--printer", metavar="URL", help="this counter's printer for receipts ([devices] printer)"
    )
    add_center_args(p)
    p.set_defaults(func=run_counter)

    k = sub.add_parser(
        "keypads",
        help="call keypads and LED boards on serial lines (bridge to the center)",
        description="Connect the keypads and LED boards of [devices] to the center and run.",
    )
    k.add_argument("--keypads", metavar="URL", help="keypad line URL (default [devices] keypads)")
    k.add_argument("--led-boards", metavar="URL", help="LED board line URL ([devices] led_boards)")
    add_center_args(k)
    k.set_defaults(func=run_keypads)


def run_counter(args: argparse.Namespace) -> int:
    from motcua.counter.connect import CenterChoice, load, open_link

    config = load(args)
    choice = CenterChoice.from_args(args)
    if args.action:
        link = open_link(config, choice, health=False)
        try:
            return _one_action(args, link.center)
        finally:
            link.close()
    from motcua.counter.runtime import build_console

    rt = build_console(config, choice, args.counter, printer_url=args.printer)
    try:
        return _console(args, rt)
    finally:
        rt.close()


def _one_action(args: argparse.Namespace, center: Center) -> int:
    from motcua.counter.actions import perform

    if args.action == CounterAction.TRANSFER and (args.to_service is None) == (
        args.to_counter is None
    ):
        print("transfer cần --to-service CODE hoặc --to-counter M", file=sys.stderr)
        return 2
    outcome = perform(
        center,
        args.counter,
        args.action,
        to_service=args.to_service,
        to_counter=args.to_counter,
    )
    t = outcome.ticket
    line = f"{outcome.message_vi} / {outcome.message_en}"
    if t is not None:
        line += f"\nticket={t.display_number} service={t.service_code} status={t.status.value}"
    print(line, file=sys.stdout if outcome.ok else sys.stderr)
    if outcome.ok:
        return 0
    return 3 if outcome.offline else 1


def _console(args: argparse.Namespace, rt: ConsoleRuntime) -> int:
    from PySide6.QtWidgets import QApplication

    from motcua.counter.console_qt import ConsoleWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = ConsoleWindow(
        rt.flow, on_top=not args.no_top, reception=rt.reception, walkin=rt.walkin
    )
    window.show()
    if args.screenshot:
        from PySide6.QtCore import QTimer

        def shoot() -> None:
            window.grab().save(args.screenshot)
            window.close()
            app.quit()

        QTimer.singleShot(1500, shoot)
    rc = app.exec()
    window.close()
    return rc


def run_keypads(args: argparse.Namespace) -> int:
    import signal
    import threading

    from motcua.counter.bus import DeviceUrlError
    from motcua.counter.connect import CenterChoice, load
    from motcua.counter.runtime import NoBusDevices, build_bridge

    config = load(args)
    try:
        rt = build_bridge(
            config, CenterChoice.from_args(args), keypad_url=args.keypads, board_url=args.led_boards
        )
    except DeviceUrlError as exc:
        print(f"URL thiết bị không hợp lệ / bad device URL: {exc}", file=sys.stderr)
        return 2
    except NoBusDevices as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        rt.start()
        rt.report_health()  # the lines' health to the center (the device list, /metrics)
        print(
            f"keypads={rt.keypad_url or '-'} led_boards={rt.board_url or '-'}: "
            "running (Ctrl+C to stop)"
        )
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    finally:
        rt.close()
    return 0
