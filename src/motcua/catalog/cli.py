"""`motcua catalog ...`: search, show and build the procedure catalog."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from motcua.catalog import Catalog


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "catalog",
        help="danh mục thủ tục hành chính (procedure catalog)",
        description="Tra cứu danh mục thủ tục hành chính, không cần gõ dấu.",
    )
    parser.add_argument("--db", help="catalog SQLite file (default: the demo catalog, cached)")
    parser.set_defaults(func=lambda _args: _usage(parser))
    actions = parser.add_subparsers(dest="catalog_command", metavar="ACTION")

    search = actions.add_parser("search", help="search as you type: 'dang ky ket hon', '1.000894'")
    search.add_argument("query", nargs="+")
    search.add_argument("--field", help="only this field (lĩnh vực), accents optional")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true", help="print full records as JSON")
    search.set_defaults(func=_search)

    show = actions.add_parser("show", help="one procedure by code, as JSON")
    show.add_argument("code")
    show.set_defaults(func=_show)

    fields = actions.add_parser("fields", help="list fields (lĩnh vực) with counts")
    fields.set_defaults(func=_fields)

    dossier = actions.add_parser(
        "dossier", help="dossier status by code or receipt QR text (tra cứu hồ sơ)"
    )
    dossier.add_argument("code", help="000.00.06.H56-231027-0361, or the receipt QR text/URL")
    dossier.add_argument("--store", required=True, help="the center's dossier SQLite file")
    dossier.add_argument(
        "--seed-demo", action="store_true", help="first add the demo dossiers (dated today)"
    )
    dossier.set_defaults(func=_dossier)

    build = actions.add_parser("build", help="write the generated demo catalog to a file")
    build.add_argument("out")
    build.add_argument("--count", type=int, default=1900)
    build.add_argument("--seed", type=int, default=20251)
    build.set_defaults(func=_build)


def _open(args: argparse.Namespace) -> Catalog:
    from motcua.catalog import open_catalog

    return open_catalog(args.db)


def _fail(exc: Exception) -> int:
    print(getattr(exc, "message_vi", str(exc)), file=sys.stderr)
    en = getattr(exc, "message_en", "")
    if en:
        print(en, file=sys.stderr)
    return 2


def _search(args: argparse.Namespace) -> int:
    from motcua.catalog import CatalogError

    try:
        catalog = _open(args)
    except CatalogError as exc:
        return _fail(exc)
    query = " ".join(args.query)
    results = catalog.search(query, field=args.field, limit=args.limit)
    if args.json:
        print(json.dumps([p.to_dict() for p in results], ensure_ascii=False, indent=2))
        return 0
    if not results:
        print(f"Không tìm thấy thủ tục nào cho «{query}». (No procedure found.)")
        return 1
    for p in results:
        print(f"{p.code:<10} {p.name}  [{p.field} · {p.online_level}]")
    return 0


def _show(args: argparse.Namespace) -> int:
    from motcua.catalog import CatalogError

    try:
        catalog = _open(args)
    except CatalogError as exc:
        return _fail(exc)
    found = catalog.get(args.code)
    if found is None:
        print(f"Không có thủ tục mã {args.code}. (Unknown procedure code.)", file=sys.stderr)
        return 1
    print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    return 0


def _fields(args: argparse.Namespace) -> int:
    from motcua.catalog import CatalogError

    try:
        catalog = _open(args)
    except CatalogError as exc:
        return _fail(exc)
    for name, count in catalog.field_counts().items():
        print(f"{count:5d}  {name}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from motcua.catalog import generate_procedures, write_catalog

    try:
        procedures = generate_procedures(args.count, args.seed)
    except ValueError as exc:
        return _fail(exc)
    path = write_catalog(args.out, procedures)
    print(f"{len(procedures)} procedures -> {path}")
    return 0


def _dossier(args: argparse.Namespace) -> int:
    from motcua.sync.dossier_status import DossierCodeError, LocalDossierStore

    store = LocalDossierStore(args.store)
    if args.seed_demo:
        for code in store.seed_demo():
            print(code, file=sys.stderr)
    try:
        record = store.lookup(args.code)
    except DossierCodeError as exc:
        return _fail(exc)
    if record is None:
        print("Không tìm thấy hồ sơ này. Xin kiểm tra lại mã trên giấy tiếp nhận.", file=sys.stderr)
        print("No dossier with this code.", file=sys.stderr)
        return 1
    out = {
        "code": record.code,
        "procedure_name": record.procedure_name,
        "applicant_name": record.applicant_name,
        "received_at": record.received_at.isoformat(),
        "due_at": record.due_at.isoformat() if record.due_at else None,
        "status": int(record.status),
        "status_label_vi": record.status_label_vi,
        "explanation_vi": record.explanation_vi,
        "note": record.note,
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0
