"""`motcua` subcommands of the server area: serve, db, clock, init-config, token, ticket.

Here are the parsers of them all and the small commands; ``serve``, which builds and runs
the whole center, is ``serve.py``. Heavy imports (FastAPI, uvicorn, the queue service)
happen inside the command functions so that `motcua --help` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from motcua.server.serve import cmd_serve

if TYPE_CHECKING:
    from motcua.server.tokens import TokenStore

DEFAULT_DB = "var/motcua.db"


def register(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="chạy máy chủ trung tâm / run the center server")
    serve.add_argument("--config", help="TOML configuration (default: the demo center)")
    serve.add_argument("--db", default=DEFAULT_DB, help=f"SQLite database (default {DEFAULT_DB})")
    serve.add_argument("--host", help="listen address (default: [server] host of the config)")
    serve.add_argument("--port", type=int, help="port (default: [server] port; 0 = any free)")
    serve.set_defaults(func=cmd_serve)

    db = sub.add_parser("db", help="cơ sở dữ liệu / the database: check, backup, restore")
    dsub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    check = dsub.add_parser("check", help="PRAGMA quick_check; exit 1 when damaged or lost")
    check.add_argument("--db", default=DEFAULT_DB)
    check.set_defaults(func=cmd_db_check)
    backup = dsub.add_parser("backup", help="an online backup (safe while the server runs)")
    backup.add_argument("--db", default=DEFAULT_DB)
    backup.add_argument("--to", required=True, help="the backup folder (another disk)")
    backup.add_argument("--keep", type=int, default=48, help="backups kept (oldest removed)")
    backup.set_defaults(func=cmd_db_backup)
    restore = dsub.add_parser("restore", help="replace the database by a backup (server stopped)")
    restore.add_argument("backup", help="a backup file made by `motcua db backup`")
    restore.add_argument("--db", default=DEFAULT_DB)
    restore.set_defaults(func=cmd_db_restore)

    clk = sub.add_parser("clock", help="đồng hồ / the wall clock against the monotonic clock")
    csub = clk.add_subparsers(dest="clock_command", metavar="ACTION", required=True)
    for name, helptext in (
        ("status", "has the wall clock jumped? is the day's rollover held?"),
        ("confirm", "the wall clock is right: end the alert, let a held rollover run"),
    ):
        c = csub.add_parser(name, help=helptext)
        c.add_argument("--config", help="TOML configuration (its [center] timezone)")
        c.add_argument("--db", default=DEFAULT_DB)
        c.set_defaults(func=cmd_clock)

    init = sub.add_parser("init-config", help="ghi tệp cấu hình mẫu / write the demo config")
    init.add_argument("file", help="where to write the commented demo configuration")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.set_defaults(func=cmd_init_config)

    token = sub.add_parser("token", help="token thiết bị / device tokens")
    tsub = token.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    create = tsub.add_parser("create", help="enroll a device, print its token (shown once)")
    create.add_argument(
        "--role", required=True, choices=["kiosk", "counter", "display", "manager", "admin"]
    )
    create.add_argument("--counter", type=int, help="the counter number (role counter)")
    create.add_argument("--name", default="", help="a label, e.g. 'Kiosk sảnh A'")
    create.add_argument("--db", default=DEFAULT_DB)
    create.add_argument(
        "--qr", metavar="FILE.png", help="also write an enrolment QR (with --server) to print"
    )
    create.add_argument("--server", help="--qr: the center URL the device joins")
    create.set_defaults(func=cmd_token_create)
    lst = tsub.add_parser("list", help="list enrolled devices (never the tokens)")
    lst.add_argument("--all", action="store_true", help="include revoked tokens")
    lst.add_argument("--db", default=DEFAULT_DB)
    lst.set_defaults(func=cmd_token_list)
    revoke = tsub.add_parser("revoke", help="revoke a token by its id (see `token list`)")
    revoke.add_argument("id", type=int)
    revoke.add_argument("--db", default=DEFAULT_DB)
    revoke.set_defaults(func=cmd_token_revoke)

    ticket = sub.add_parser("ticket", help="thao tác số thứ tự / ticket actions (thin client)")
    ksub = ticket.add_subparsers(dest="ticket_command", metavar="ACTION", required=True)
    issue = ksub.add_parser("issue", help="issue a ticket through a center server")
    issue.add_argument("--service", default="", help="service code, e.g. HT")
    issue.add_argument("--priority", help="priority group code, e.g. elderly")
    issue.add_argument("--appointment", help="appointment code")
    issue.add_argument("--server", required=True, help="center URL, e.g. http://127.0.0.1:8080")
    add_token_args(issue, "a kiosk or admin token")
    issue.add_argument("--json", action="store_true", help="print the ticket as JSON")
    issue.set_defaults(func=cmd_ticket_issue)


def add_token_args(p: argparse.ArgumentParser, what: str) -> None:
    """--token-file FILE or $MOTCUA_TOKEN (a token in argv shows in `ps`), or --token."""
    p.add_argument("--token", help=f"{what} (visible in `ps`: prefer --token-file)")
    p.add_argument("--token-file", help="a file holding the token (e.g. mode 0600)")


def token_from(args: argparse.Namespace) -> str:
    """The device token from --token-file, --token or $MOTCUA_TOKEN (in that order)."""
    import os

    if getattr(args, "token_file", None):
        return Path(args.token_file).read_text(encoding="utf-8").strip()
    return getattr(args, "token", None) or os.environ.get("MOTCUA_TOKEN", "")


def cmd_init_config(args: argparse.Namespace) -> int:
    from motcua.config_file import new_config_text

    path = Path(args.file)
    if path.exists() and not args.force:
        print(
            f"Tệp {path} đã tồn tại; thêm --force để ghi đè. / {path} exists; use --force.",
            file=sys.stderr,
        )
        return 1
    from motcua.server import database

    path.parent.mkdir(parents=True, exist_ok=True)
    key_file = (path.parent / "id-hash.key").resolve()
    text, pin = new_config_text()
    text = text.replace("[server]\n", f'[server]\nid_key_file = "{key_file}"\n', 1)
    path.write_text(text, encoding="utf-8")
    database.new_id_key_file(key_file)  # created 0600
    print(f"Đã ghi cấu hình mẫu / wrote the demo configuration: {path}")
    print(f"Khoá mã hoá số định danh (sao lưu riêng) / ID-hash key (back it up apart): {key_file}")
    print(
        "Mã PIN kỹ thuật viên của máy này (chỉ hiện một lần, hãy ghi lại) / "
        f"this machine's technician PIN (shown once, write it down): {pin}",
        flush=True,
    )
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    from motcua.server import database

    result = database.check(Path(args.db))
    if not result.ok:
        print(result.message(), file=sys.stderr)
        return 1
    print(f"Cơ sở dữ liệu nguyên vẹn / the database is whole: {args.db}")
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    import sqlite3

    from motcua.server import database

    try:
        made = database.backup(Path(args.db), Path(args.to), args.keep)
    except (OSError, sqlite3.Error) as exc:
        print(f"Sao lưu thất bại / backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"Đã sao lưu / backed up: {made}")
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    import sqlite3

    from motcua.server import database

    try:
        database.restore(Path(args.backup), Path(args.db))
    except (OSError, sqlite3.Error, ValueError) as exc:
        print(f"Khôi phục thất bại / restore failed: {exc}", file=sys.stderr)
        return 1
    print(f"Đã khôi phục {args.db} từ {args.backup} / restored")
    from motcua.queue.high_water import sidecar_path

    numbers = sidecar_path(args.db)
    if numbers is not None and numbers.exists():
        print(
            f"Giữ nguyên {numbers.name}: số thứ tự tiếp tục sau các số đã phát / "
            f"{numbers.name} kept: numbers continue above those already handed out"
        )
    return 0


def cmd_clock(args: argparse.Namespace) -> int:
    """``motcua clock status|confirm``: a running server picks a confirmation up within
    2 s (the reference lives in the database, ``motcua.queue.clock_guard``)."""
    from motcua.clock import SystemClock
    from motcua.config import ConfigError, load_config
    from motcua.errors import MotcuaError
    from motcua.queue.clock_guard import ClockGuard
    from motcua.queue.schema import AREA
    from motcua.server import database
    from motcua.storage import Store

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    db = Path(args.db)
    if not db.exists():
        print(f"Không có cơ sở dữ liệu {db} / no database there", file=sys.stderr)
        return 1
    database.owner_only()
    try:
        store = Store(db, [AREA])
    except MotcuaError as exc:
        print(f"{exc.message_vi} / {exc.message_en}", file=sys.stderr)
        return 1
    try:
        guard = ClockGuard(SystemClock(), store, config.center.tz)
        before = guard.status()
        status = guard.confirm() if args.clock_command == "confirm" else before
    finally:
        store.close()
    if before.jumped:
        vi, en = before.message()
        print(f"{vi}\n{en}")
    else:
        print("Đồng hồ khớp / the wall clock agrees with the monotonic clock")
    if args.clock_command == "confirm" and before.jumped:
        print(
            f"Đã xác nhận giờ hiện tại; ngày làm việc: {status.day:%d/%m/%Y} / "
            f"confirmed: the business day is {status.day.isoformat()}"
        )
    return 3 if args.clock_command == "status" and before.jumped else 0


def _open_tokens(db: str) -> TokenStore:
    from motcua.server.tokens import TokenStore

    Path(db).parent.mkdir(parents=True, exist_ok=True)
    return TokenStore(db)


def cmd_token_create(args: argparse.Namespace) -> int:
    from motcua.server.tokens import TokenError

    tokens = _open_tokens(args.db)
    try:
        token = tokens.create(args.role, counter=args.counter, name=args.name)
    except TokenError as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        tokens.close()
    print(token)
    if args.qr:
        from motcua.enrolment import encode, write_qr_png

        if not args.server:
            print("--qr cần --server URL / --qr needs --server URL", file=sys.stderr)
            return 2
        write_qr_png(encode(args.server, token), args.qr)
        print(f"Mã QR đăng ký (giữ kín, quyền 0600) / enrolment QR (keep it private): {args.qr}")
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    tokens = _open_tokens(args.db)
    try:
        devices = tokens.list(include_revoked=args.all)
    finally:
        tokens.close()
    print(f"{'id':>4}  {'role':8} {'counter':>7}  {'token':8} {'created (UTC)':20} name")
    for d in devices:
        state = "" if d.active else "  [revoked]"
        print(
            f"{d.id:>4}  {d.role.value:8} {d.counter or '':>7}  {d.prefix + '…':8} "
            f"{d.created_at:%Y-%m-%d %H:%M:%S}  {d.name}{state}"
        )
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    tokens = _open_tokens(args.db)
    try:
        done = tokens.revoke(args.id)
    finally:
        tokens.close()
    if not done:
        print(f"Không có token đang hoạt động với id {args.id} / no active token", file=sys.stderr)
        return 1
    print(f"Đã thu hồi token {args.id} / revoked")
    return 0


def cmd_ticket_issue(args: argparse.Namespace) -> int:
    import json

    from motcua.errors import MotcuaError
    from motcua.server.client import HttpCenter
    from motcua.server.codec import dump

    token = token_from(args)
    if not token:
        print(
            "Cần token: --token-file, MOTCUA_TOKEN hoặc --token / a token is required",
            file=sys.stderr,
        )
        return 2
    center = HttpCenter(args.server, token)
    try:
        info = center.issue_ticket(
            args.service, priority_group=args.priority, appointment_code=args.appointment
        )
        # the page's address as the center prints it in the ticket's QR (not --server,
        # which may be 127.0.0.1 on the center's own machine)
        base = center.info().center.public_url.rstrip("/") or args.server.rstrip("/")
    except MotcuaError as exc:
        print(f"Lỗi: {exc.message_vi} / {exc.message_en}", file=sys.stderr)
        return 1
    finally:
        center.close()
    if args.json:
        print(json.dumps(dump(info), ensure_ascii=False, indent=2))
        return 0
    t = info.ticket
    print(f"Số thứ tự / number: {t.display_number}")
    print(f"Dịch vụ / service:  {t.service_code}")
    print(f"Người chờ trước / people ahead: {info.people_ahead}")
    print(f"Thời gian chờ dự kiến / estimated wait: ~{info.estimated_wait_minutes} phút")
    print(f"Trang theo dõi / live page: {base}/t/{t.public_code}")
    if info.existing:
        print("(Công dân đã có số cho dịch vụ này / an existing ticket was returned)")
    return 0
