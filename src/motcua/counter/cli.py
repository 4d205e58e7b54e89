"""`motcua counter` (the console window or one action) and `motcua keypads` (the bridge)."""

from __future__ import annotations

import argparse
import contextlib
import sys

from motcua.counter.actions import CounterAction

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
    from motcua.counter.connect import load, open_center

    config = load(args)
    center = open_center(args, config)
    try:
        if args.action:
            return _one_action(args, center)
        return _console(args, center)
    finally:
        center.close()


def _one_action(args: argparse.Namespace, center) -> int:
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


def _console(args: argparse.Namespace, center) -> int:
    from PySide6.QtWidgets import QApplication

    from motcua.counter.console_flow import ConsoleFlow
    from motcua.counter.console_qt import ConsoleWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from motcua.server.client import HttpCenter

    # Over the LAN the console shows the center's device alerts (an in-process center
    # on this PC has no other devices reporting to it).
    alerts = center.device_alerts if isinstance(center, HttpCenter) else None
    flow = ConsoleFlow(center, args.counter, alerts=alerts)
    window = ConsoleWindow(flow, on_top=not args.no_top)
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

    from motcua.counter.bridge import KeypadBridge
    from motcua.counter.bus import DeviceUrlError, open_lines
    from motcua.counter.connect import load, open_center
    from motcua.counter.keypad import open_keypads
    from motcua.counter.ledboard import open_led_boards

    config = load(args)
    keypad_url = args.keypads if args.keypads is not None else config.devices.keypads
    board_url = args.led_boards if args.led_boards is not None else config.devices.led_boards
    try:
        kline, bline = open_lines(keypad_url, board_url)
    except DeviceUrlError as exc:
        print(f"URL thiết bị không hợp lệ / bad device URL: {exc}", file=sys.stderr)
        return 2
    if kline is None and bline is None:
        print("Chưa cấu hình keypads / led_boards trong [devices]", file=sys.stderr)
        return 2
    keypads = open_keypads(keypad_url, kline) if kline else None
    boards = open_led_boards(board_url, bline) if bline else None
    center = open_center(args, config)
    bridge = KeypadBridge(center, keypads, boards, counters=config.keypad_counters())
    bridge.start()
    reporter = _report_lines(center, kline, bline)
    print(f"keypads={keypad_url or '-'} led_boards={board_url or '-'}: running (Ctrl+C to stop)")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    bridge.stop()
    if reporter is not None:
        reporter.stop()
    for dev in (keypads, boards):
        if dev is not None:
            dev.close()
    center.close()
    return 0


def _report_lines(center, kline, bline):
    """The keypad and LED lines' health to the center the bridge joined."""
    from motcua.clock import SystemClock
    from motcua.devices.reporting import report_to_center

    lines = {"keypads": kline, "led_boards": bline}
    probes = {
        name: (lambda line=line, name=name: line.health(name))
        for name, line in lines.items()
        if line is not None
    }
    return report_to_center(center, probes, dict.fromkeys(probes, "bus"), SystemClock().now)
