"""`motcua portal-sim` (the reference portal) and `motcua sync status | retry-dead`."""

from __future__ import annotations

import argparse
import json
import sys

DEFAULT_DB = "var/motcua.db"


def register(sub: argparse._SubParsersAction) -> None:
    sim = sub.add_parser(
        "portal-sim", help="cổng DVC mô phỏng / a reference national portal with faults"
    )
    sim.add_argument("--host", default="127.0.0.1")
    sim.add_argument("--port", type=int, default=8090, help="0 = any free port")
    sim.add_argument("--fail-rate", type=float, default=0.0, help="share of calls that fail")
    sim.add_argument(
        "--faults",
        default="refuse,502,timeout,reset,lost",
        help="fault kinds to draw from (default: all)",
    )
    sim.add_argument("--latency-ms", type=float, default=0.0, help="delay of every answer")
    sim.add_argument(
        "--session-calls", type=int, default=0, help="a session expires after N calls (0: never)"
    )
    sim.add_argument("--hang-s", type=float, default=30.0, help="how long a 'timeout' hangs")
    sim.add_argument("--username", default="", help="accepted login ('' = any)")
    sim.add_argument("--password-file", default="", help="accepted password, from a file")
    sim.add_argument("--seed", type=int, help="seed of the fault draws")
    sim.add_argument("--dump", action="store_true", help="print the state as JSON on exit")
    sim.set_defaults(func=cmd_portal_sim)

    sync = sub.add_parser("sync", help="đồng bộ Cổng DVC / portal sync: status, retry-dead")
    ssub = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    st = ssub.add_parser("status", help="outbox backlog, oldest row, dead rows, last error")
    st.add_argument("--db", default=DEFAULT_DB)
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_sync_status)
    rd = ssub.add_parser("retry-dead", help="put dead rows back after the cause is fixed")
    rd.add_argument("--db", default=DEFAULT_DB)
    rd.set_defaults(func=cmd_sync_retry_dead)
    pc = ssub.add_parser("pull-catalog", help="update the procedure catalog from the portal")
    pc.add_argument("--config", required=True, help="the center's TOML (with [portal])")
    pc.add_argument("--out", required=True, help="catalog file to write (kiosk --catalog)")
    pc.set_defaults(func=cmd_sync_pull_catalog)


def cmd_portal_sim(args: argparse.Namespace) -> int:
    import signal
    import threading
    from pathlib import Path

    from motcua.sync.sim import FAULTS, PortalSim, SimServer, SimSettings

    faults = tuple(f for f in args.faults.split(",") if f)
    unknown = [f for f in faults if f not in FAULTS]
    if unknown or not 0 <= args.fail_rate <= 1:
        print(
            f"Tham số không hợp lệ / bad arguments: faults {unknown} (known {','.join(FAULTS)}),"
            f" --fail-rate in 0..1",
            file=sys.stderr,
        )
        return 2
    password = Path(args.password_file).read_text("utf-8").strip() if args.password_file else ""
    sim = PortalSim(
        SimSettings(
            fail_rate=args.fail_rate,
            latency_ms=args.latency_ms,
            session_calls=args.session_calls,
            faults=faults,
            hang_s=args.hang_s,
            username=args.username,
            password=password,
            seed=args.seed,
        )
    )
    server = SimServer(sim, args.host, args.port)
    try:
        server.start()
    except OSError as exc:
        print(f"Không mở được cổng {args.port}: {exc} / cannot listen", file=sys.stderr)
        return 1
    print(f"portal-sim listening on {server.url} (state: {server.url}_sim/state)", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if args.dump:
            print(json.dumps(sim.snapshot(), ensure_ascii=False, indent=2))
    return 0


def _open(db: str):
    from pathlib import Path

    from motcua.sync.db import open_outbox_store

    if not Path(db).exists():
        print(f"Không có cơ sở dữ liệu {db} / no database", file=sys.stderr)
        return None
    return open_outbox_store(db)


def cmd_sync_status(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from motcua.clock import SystemClock
    from motcua.sync.runtime import figures

    db = _open(args.db)
    if db is None:
        return 1
    try:
        f = figures(db, SystemClock())
    finally:
        db.close()
    if args.json:
        print(json.dumps(asdict(f), ensure_ascii=False, indent=2))
        return 0
    states = ", ".join(f"{k} {v}" for k, v in f.by_state.items())
    print(f"Tồn đọng / backlog: {f.backlog}  ({states})")
    print(f"Bản ghi cũ nhất chưa gửi / oldest undelivered: {f.oldest_age_s:.0f} s")
    print(f"Bản ghi dừng / dead rows: {f.dead}")
    if f.last_error:
        print(f"Lỗi gần nhất / last error: {f.last_error_kind}: {f.last_error}")
    for r in f.dead_rows:
        print(
            f"  dead #{r['id']} {r['dossier_code']} {r['kind']}: {r['last_kind']} {r['last_error']}"
        )
    return 0


def cmd_sync_retry_dead(args: argparse.Namespace) -> int:
    import time

    from motcua.sync import outbox

    db = _open(args.db)
    if db is None:
        return 1
    try:
        n = db.write(lambda tx: outbox.retry_dead(tx, time.time()))
    finally:
        db.close()
    print(f"Đã đưa lại {n} bản ghi vào hàng gửi / {n} dead rows made ready again")
    return 0


def cmd_sync_pull_catalog(args: argparse.Namespace) -> int:
    from motcua.config import ConfigError, load_config
    from motcua.sync.portal import PortalError
    from motcua.sync.pulls import pull_catalog
    from motcua.sync.runtime import build_portal

    try:
        config = load_config(args.config)
        if config.portal is None:
            print("Cấu hình không có mục [portal] / no [portal] section", file=sys.stderr)
            return 2
        portal = build_portal(config.portal, config.center.unit_code)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        report = pull_catalog(portal, args.out)
    except PortalError as exc:
        print(f"Không lấy được danh mục từ Cổng DVC / catalog pull failed: {exc}", file=sys.stderr)
        return 1
    finally:
        portal.close()
    print(report.summary())
    for label, codes in (("+", report.added), ("~", report.changed), ("-", report.removed)):
        for code in codes[:50]:
            print(f"  {label} {code}")
    return 0
