"""`motcua devices list` (and `test`): what is attached here, and does it work."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

KINDS = ("printer", "id-scanner", "scanner", "card-reader", "keypads", "led", "voice")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("devices", help="thiết bị: tìm và thử / find and test devices")
    dsub = p.add_subparsers(dest="devices_command", metavar="ACTION", required=True)
    lst = dsub.add_parser("list", help="list the devices attached to this machine, with URLs")
    lst.add_argument("--json", action="store_true", help="one JSON object: devices and hints")
    lst.set_defaults(func=cmd_list)
    test = dsub.add_parser(
        "test",
        help="try one device: printer, id-scanner, scanner, card-reader, keypads, led, voice",
    )
    test.add_argument("kind", choices=list(KINDS))
    test.add_argument("--url", required=True, help="the device URL (see `motcua devices list`)")
    test.add_argument("--config", help="TOML configuration (printer profiles, voice)")
    test.add_argument("--no-page", action="store_true", help="printer: status only")
    test.add_argument("--timeout", type=float, default=20.0, help="id-scanner: seconds to wait")
    test.add_argument("--keypads", type=int, default=12, help="keypads: addresses 1..N")
    test.add_argument("--out", default=".", help="scanner: the folder for scan-test.png")
    test.set_defaults(func=cmd_test)


def cmd_list(args: argparse.Namespace) -> int:
    from motcua.devices.discovery import KINDS, discover

    result = discover()
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for kind, (vi, en) in KINDS.items():
        print(f"{vi[0].upper()}{vi[1:]} / {en}:")
        items = result.of_kind(kind)
        for item in items:
            extra = ", ".join(f"{k}={v}" for k, v in item.details.items())
            print(f"  {item.url:<40} {item.description}" + (f"  ({extra})" if extra else ""))
            if item.hint_vi:
                print(f"    ! {item.hint_vi} / {item.hint_en}")
        for hint in (h for h in result.hints if h.kind == kind):
            print(f"  - {hint.message_vi}\n    {hint.message_en}")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    from motcua.appliance import device_tests as trying
    from motcua.config import ConfigError, load_config

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.kind == "printer":
        report = trying.try_printer(args.url, config, page=not args.no_page)
    elif args.kind == "id-scanner":
        report = trying.try_id_scanner(args.url, args.timeout)
    elif args.kind == "scanner":
        report = trying.try_document_scanner(args.url, Path(args.out))
    elif args.kind == "card-reader":
        report = trying.try_card_reader(args.url)
    elif args.kind in ("keypads", "led"):
        report = trying.try_line(args.url, args.kind, range(1, args.keypads + 1))
    else:
        from motcua.appliance.voice_test import try_voice

        report = try_voice(args.url, config.voice)
    print("ĐẠT / OK" if report.ok else "CHƯA ĐẠT / FAILED")
    for vi, en in report.lines:
        print(f"  {vi}\n  {en}")
    return 0 if report.ok else 1
