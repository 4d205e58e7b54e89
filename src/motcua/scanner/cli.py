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

    chip = actions.add_parser(
        "read-chip", help="read the ID card's chip over a PC/SC reader (PACE-CAN, else BAC)"
    )
    chip.add_argument(
        "--reader", default="pcsc://", help="pcsc:// (first with a card) or pcsc://NAME"
    )
    key = chip.add_mutually_exclusive_group(required=True)
    key.add_argument("--can", help="the last six digits of the 12-digit ID number")
    key.add_argument(
        "--mrz-key",
        help="DOCNO:YYMMDD:YYMMDD (document number, birth, expiry; "
        "expiry '<<<<<<' for a card with no expiry, 'Không thời hạn')",
    )
    chip.add_argument("--csca", help="a CSCA certificate (PEM) to verify the SOD's signer")
    chip.add_argument("--no-photo", action="store_true", help="skip DG2 (faster)")
    chip.add_argument("--wait", type=float, default=0, help="seconds to wait for a card")
    chip.add_argument("--json", action="store_true", help="print JSON")
    chip.add_argument("--show-id", action="store_true", help="print personal data unmasked")
    chip.set_defaults(func=_read_chip)

    listen = actions.add_parser("listen", help="print each scanned line, parsed and masked")
    listen.add_argument(
        "--scanner", required=True, help="serial:///dev/ttyUSB0?baudrate=9600, socket://, sim://"
    )
    listen.add_argument("--count", type=int, default=0, help="exit after N scans (0: until Ctrl-C)")
    listen.add_argument("--show-id", action="store_true")
    listen.set_defaults(func=_listen)

    scan = actions.add_parser(
        "scan",
        help="quét giấy tờ ra một tệp PDF (scan papers to one PDF)",
        description="Quét một giấy tờ (mọi trang trong khay / một trang trên mặt kính) ra PDF.",
    )
    scan.add_argument(
        "--scanner",
        required=True,
        help="sane://test:0?source=Automatic%%20Document%%20Feeder, sim://?pages=DIR",
    )
    scan.add_argument("--out", required=True, help="the PDF to write")
    scan.add_argument("--ocr", action="store_true", help="add a Vietnamese text layer (PDF/A-2b)")
    scan.add_argument("--json", action="store_true", help="print one JSON object")
    scan.add_argument("--keep-blank", action="store_true", help="keep pages flagged blank")
    scan.add_argument("--title", default="", help="the paper's name (PDF title)")
    scan.add_argument("--subject", default="", help="the procedure (PDF subject)")
    scan.add_argument("--keywords", default="", help="the dossier code (PDF keywords)")
    scan.add_argument("--no-orient", action="store_true", help="skip the upright check (OSD)")
    scan.set_defaults(func=_scan)


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


def _read_chip(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from motcua.scanner.chip.bac import MrzKey
    from motcua.scanner.chip.card import AccessKey, read_card
    from motcua.scanner.chip.errors import ChipError
    from motcua.scanner.chip.reader import PcscReader

    try:
        key = AccessKey(can=args.can) if args.can else AccessKey(mrz=MrzKey.parse(args.mrz_key))
        csca = Path(args.csca).read_bytes() if args.csca else None
        reader = PcscReader(args.reader)
        deadline = time.monotonic() + args.wait
        while True:
            try:
                conn = reader.connect()
                break
            except ChipError as exc:
                if exc.code not in ("no_card", "no_reader") or time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)
        try:
            card = read_card(conn, key, photo=not args.no_photo, csca_pem=csca)
        finally:
            conn.close()
    except ChipError as exc:
        return _error(exc)
    except OSError as exc:
        print(f"Không đọc được tệp chứng thư CSCA: {exc}", file=sys.stderr)
        print(f"Cannot read the CSCA certificate: {exc}", file=sys.stderr)
        return 2
    out = card.to_dict(show_personal=args.show_id)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    sod = out["sod"]
    proof = (
        "dữ liệu đúng như khi cấp (data as issued)"
        if card.as_issued
        else "KHÔNG kiểm được chữ ký số (hashes not checked)"
    )
    print(f"Mở chip bằng / opened with: {out['access']}")
    print(f"Số căn cước / ID number: {out['id_number']}")
    print(f"Họ và tên / name: {out['full_name']}")
    print(f"Ngày sinh / born: {out['birth_date']}   Hết hạn / expires: {out['expiry_date']}")
    for k, v in out["dg13"].items():
        print(f"  {k}: {v}")
    print(f"Ảnh / photo: {'có / yes' if out['photo'] else 'không / no'}")
    print(f"SOD: {proof}; người ký / signer: {sod['signer'] if sod else 'n/a'}")
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


def _scan(args: argparse.Namespace) -> int:
    """``motcua scanner scan``: a one-line bilingual reason on failure, never a traceback."""
    import tempfile
    from pathlib import Path

    from motcua.scanner.documents import (
        CleanSettings,
        PdfMeta,
        ScanError,
        open_document_scanner,
        scan_to_pdf,
    )

    out = Path(args.out)
    meta = PdfMeta(title=args.title or out.stem, subject=args.subject, keywords=args.keywords)
    try:
        scanner = open_document_scanner(args.scanner)
        try:
            with tempfile.TemporaryDirectory(prefix="motcua-scan-") as work:
                summary, _batch = scan_to_pdf(
                    scanner,
                    out,
                    Path(work),
                    meta,
                    ocr=args.ocr,
                    include_blank=args.keep_blank,
                    settings=CleanSettings(orient=not args.no_orient),
                )
        finally:
            scanner.close()
    except ScanError as exc:
        if out.exists():
            exc.message_vi += f" (đã lưu các trang quét được vào {out})"
            exc.message_en += f" (the pages scanned before it are in {out})"
        print(exc.one_line(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã hủy — Cancelled", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for a clerk
        print(f"Lỗi không mong đợi khi quét — Unexpected scan error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        print(
            f"{out}: {summary.kept} trang / pages ({summary.blank} trang trắng bỏ ra / blank "
            f"left out), {summary.bytes} bytes, {summary.seconds:.1f} s"
        )
    return 0
