"""``motcua serve``: the center server's composition root, from configuration to running.

One function builds the whole center in order and hands each part what it needs: the
configuration, the listening socket (bound first, so a busy port fails fast), the
database checks and the ID-hash key file, the one ``QueueService`` store shared with the
dossiers and the portal sync, the tokens (a first admin token written to an owner-only
file), the backup schedule, ``create_app`` and uvicorn; on the way out it closes them.
The other server subcommands are ``cli.py``, which registers this one too.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path


def cmd_serve(args: argparse.Namespace) -> int:
    from motcua.appliance.systemd import Notifier
    from motcua.config import ConfigError, load_config
    from motcua.errors import MotcuaError
    from motcua.public_url import resolve
    from motcua.queue.service import QueueService
    from motcua.server import database
    from motcua.server.app import create_app
    from motcua.server.embedded import CenterServer, bind_socket, uvicorn_config
    from motcua.server.limits import guarded_protocol, raise_open_files_limit
    from motcua.server.tokens import Role, TokenStore

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    host = args.host or config.server.host
    port = config.server.port if args.port is None else args.port
    try:
        sock = bind_socket(host, port)
    except OSError as exc:
        print(f"Không mở được cổng {host}:{port}: {exc} / cannot listen", file=sys.stderr)
        return 1
    # the ticket QR's URL from the address really bound, checked (a warning naming the key)
    config, reach = resolve(config, host, sock.getsockname()[1])
    print(f"Mã QR trên phiếu / ticket QR: {reach.url} — {reach.message_vi} / {reach.message_en}")
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    checked = database.check(db)
    if not checked.ok:
        sock.close()
        print(
            f"Không mở được cơ sở dữ liệu / cannot open the database: {checked.message()}",
            file=sys.stderr,
        )
        return 1
    database.owner_only()  # the database, its WAL, backups and token files: 0600
    key_file = Path(config.server.id_key_file or db.parent / "id-hash.key")
    try:
        key = database.id_key(key_file, db)
        from motcua.server.dossier_setup import CENTER_AREAS

        # One store, one writer for the whole center file: tickets, dossiers and the
        # portal outbox commit together in its group commits (issue 11's p99).
        service = QueueService.open(config, db, id_key=key, areas=CENTER_AREAS)
    except (OSError, MotcuaError) as exc:
        sock.close()
        text = exc.message_vi if isinstance(exc, MotcuaError) else str(exc)
        print(
            f"Không mở được cơ sở dữ liệu {db}: {text} / cannot open the database", file=sys.stderr
        )
        return 1
    database.write_marker(db)
    database.tighten(db)
    tokens = TokenStore(db)
    backups = None
    dossiers = None
    sync = None
    try:
        from motcua.sync.runtime import build_sync

        # the key file (outside the database) also seals the applicant's full values
        # for the portal until it acknowledges them (motcua.sync.personal)
        dossiers = _open_dossiers(config, db, service, personal_key=key)
        sync = build_sync(
            config, service.store, day_stats=service.stats, dossiers=dossiers, personal_key=key
        )
        if sync is not None:
            sync.start()
        if not tokens.has_role(Role.ADMIN):
            token = tokens.create(Role.ADMIN, name="first admin (motcua serve)")
            token_file = database.write_secret(db.parent / "admin-token", token)
            print(
                "Token quản trị đầu tiên đã ghi vào tệp (chỉ chủ sở hữu đọc được) / "
                "the first admin token is in this owner-only file:"
            )
            print(f"ADMIN_TOKEN_FILE={token_file}", flush=True)
        if config.server.backup_dir:
            backups = database.BackupScheduler(
                db,
                Path(config.server.backup_dir),
                config.server.backup_minutes,
                config.server.backup_keep,
            )
            backups.start()
        watch = database.HealthWatch(db, backups=backups)
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
        print(f"Listening on http://{shown}:{sock.getsockname()[1]}", flush=True)
        app = create_app(
            service,
            tokens,
            config,
            sync=sync,
            dossiers=dossiers,
            storage_problems=watch.problems,
        )
        # Everything built so far lives as long as the process: keep it out of the
        # cyclic GC's full passes, which otherwise show up as 20-40 ms stalls in p99.
        gc.collect()
        gc.freeze()
        raise_open_files_limit()
        protocol = guarded_protocol(config.server.head_timeout_seconds)
        server = CenterServer(app, uvicorn_config(app, http=protocol), notifier=Notifier())
        server.run(sockets=[sock])
    except ConfigError as exc:  # [portal] password_file unreadable
        print(exc, file=sys.stderr)
        return 2
    finally:
        if backups is not None:
            backups.stop()
        if dossiers is not None:
            dossiers.close()
        if sync is not None:
            sync.stop()
        service.close()
        tokens.close()
    return 0


def _open_dossiers(config, db: Path, service, personal_key: bytes | None = None):
    """The dossier service, or None (logged) when the center cannot take dossiers."""
    from motcua.catalog import open_catalog
    from motcua.clock import SystemClock
    from motcua.server.dossier_setup import dossiers_or_none

    return dossiers_or_none(
        config,
        db,
        SystemClock(),
        open_catalog(),
        service,
        store=service.store,
        personal_key=personal_key,
    )
