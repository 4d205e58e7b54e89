"""`motcua scanner ...`: parse ID-card codes and listen to a scanner."""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
from typing import Any

_ID_RUN = re.compile(r"(?<!\d)(\d{9}|\d{12})(?!\d)", re.ASCII)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "scanner",
        help="máy quét mã QR / thẻ Căn cước (ID card and barcode scanners)",
        description="Đọc mã QR thẻ Căn cước, dải MRZ và máy quét mã vạch.",
    )
    parser.set_defaults(func=lambda _args: _usage(parser))
    actions = parser.add_subparsers(dest="scanner_command", metavar="ACTION")

    parse_id = actions.add_parser("parse-id", help="parse a CCCD QR payload, print JSON")
    parse_id.add_argument(
        "payload",
        help='the QR text, e.g. "001090123456||Nguyễn Văn A|...", or - to read it from stdin '
        "(keeps the card's data out of `ps` and the shell history)",
    )
    parse_id.add_argument(
        "--show-id", action="store_true", help="print the ID number, name and address unmasked"
    )
    parse_id.set_defaults(func=_parse_id)

    parse_mrz = actions.add_parser("parse-mrz", help="parse a TD1 MRZ (3 lines), print JSON")
    parse_mrz.add_argument("lines", nargs="+", help="three lines of 30 characters")
    parse_mrz.add_argument("--show-id", action="store_true")
    parse_mrz.set_defaults(func=_parse_mrz)

    listen = actions.add_parser("listen", help="print each scanned line, parsed and masked")
    listen.add_argument(
        "--scanner", required=True, help="serial:///dev/ttyUSB0?baudrate=9600, socket://, sim://"
    )
    listen.add_argument("--count", type=int, default=0, help="exit after N scans (0: until Ctrl-C)")
    listen.add_argument("--show-id", action="store_true")
    listen.set_defaults(func=_listen)


def _error(exc: Any) -> int:
    print(exc.message_vi, file=sys.stderr)
    print(exc.message_en, file=sys.stderr)
    return 2


def _parse_id(args: argparse.Namespace) -> int:
    from motcua.scanner.cccd_qr import IdCardError, parse_cccd_qr

    payload = sys.stdin.read().strip("\r\n") if args.payload == "-" else args.payload
    try:
        card = parse_cccd_qr(payload)
    except IdCardError as exc:
        return _error(exc)
    print(json.dumps(card.to_dict(show_personal=args.show_id), ensure_ascii=False, indent=2))
    return 0


def _parse_mrz(args: argparse.Namespace) -> int:
    from motcua.scanner.mrz import MrzError, parse_td1

    try:
        card = parse_td1(args.lines if len(args.lines) > 1 else args.lines[0])
    except MrzError as exc:
        return _error(exc)
    from motcua.logs import mask_id, mask_name

    out = {
        "document_type": card.document_type,
        "issuer": card.issuer,
        "document_number": card.document_number if args.show_id else mask_id(card.document_number),
        "id_number": (card.id_number if args.show_id else mask_id(card.id_number))
        if card.id_number
        else None,
        "full_name": card.full_name if args.show_id else mask_name(card.full_name),
        "birth_date": card.birth_date.isoformat(),
        "sex": card.sex,
        "expiry_date": card.expiry_date.isoformat() if card.expiry_date else None,
        "nationality": card.nationality,
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def describe_scan(line: str, show_id: bool = False) -> dict[str, Any]:
    """What a scanned line is: an ID card, a dossier code, or something else (masked)."""
    from motcua.scanner.cccd_qr import IdCardError, parse_cccd_qr
    from motcua.sync.dossier_status import DossierCodeError, parse_dossier_code

    try:
        card = parse_cccd_qr(line)
        return {"kind": "cccd", "card": card.to_dict(show_personal=show_id)}
    except IdCardError as exc:
        card_error = exc
    try:
        return {"kind": "dossier_code", "code": parse_dossier_code(line)}
    except DossierCodeError:
        pass
    # Anything else may still hold personal data (a damaged or foreign card's code).
    text = line if show_id else mask_rejected(line)
    return {"kind": "other", "text": text, "message": card_error.message_vi}


def mask_rejected(line: str) -> str:
    """A line no parser took, masked as an accepted card would be.

    A card-shaped payload (fields joined by ``|``) has every field masked: ID numbers as
    ``mask_id``, other digit fields (dates) as ``#``, text (names, addresses) as
    ``mask_name``. Any other line keeps its text with ID-like digit runs masked."""
    from motcua.logs import mask_id, mask_name

    if "|" not in line:
        return _ID_RUN.sub(lambda m: mask_id(m[1]), line)

    def field(value: str) -> str:
        v = value.strip()
        if not v:
            return value
        if _ID_RUN.fullmatch(v):
            return mask_id(v)
        if v.isdigit():
            return "#" * len(v)
        return mask_name(v)

    return "|".join(field(f) for f in line.split("|"))


def _listen(args: argparse.Namespace) -> int:
    from motcua.scanner.barcode import ScannerUrlError, open_scanner

    try:
        scanner = open_scanner(args.scanner)
    except ScannerUrlError as exc:
        print(exc, file=sys.stderr)
        return 2
    done = threading.Event()
    seen = 0
    lock = threading.Lock()

    def on_line(line: str) -> None:
        nonlocal seen
        print(json.dumps(describe_scan(line, args.show_id), ensure_ascii=False), flush=True)
        with lock:
            seen += 1
            if args.count and seen >= args.count:
                done.set()

    print(f"Đang nghe máy quét {args.scanner} (Ctrl-C để dừng)...", file=sys.stderr, flush=True)
    scanner.start(on_line)
    try:
        if args.scanner.startswith("sim"):
            # sim:// has no device: lines typed on stdin stand for scans
            for raw in sys.stdin:
                scanner.inject(raw)  # type: ignore[attr-defined]
                if done.is_set():
                    break
        else:
            while not done.wait(0.5):
                pass
    finally:
        scanner.stop()
    return 0
