"""`motcua devices list` (and `test`): what is attached here, and does it work."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("devices", help="thiết bị: tìm và thử / find and test devices")
    dsub = p.add_subparsers(dest="devices_command", metavar="ACTION", required=True)
    lst = dsub.add_parser("list", help="list the devices attached to this machine, with URLs")
    lst.add_argument("--json", action="store_true", help="one JSON object: devices and hints")
    lst.set_defaults(func=cmd_list)


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
