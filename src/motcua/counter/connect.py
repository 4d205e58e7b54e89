"""Command-line plumbing shared by the counter and display apps: which Center to use.

``--server URL --token T`` talks to a center server over HTTP + SSE (HttpCenter);
without ``--server`` the app opens the center's SQLite database in-process
(``--db``, the commune-office shape where everything runs on one PC).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from motcua.clock import SystemClock
from motcua.config import Config, load_config
from motcua.queue.api import Center

DEFAULT_DB = "var/motcua.db"  # the same database `motcua serve` uses by default


def add_center_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="center configuration (TOML); demo if absent")
    p.add_argument("--server", metavar="URL", help="center server, e.g. http://192.168.1.10:8080")
    p.add_argument(
        "--token",
        metavar="T",
        default=os.environ.get("MOTCUA_TOKEN", ""),
        help="device token from `motcua token` (or $MOTCUA_TOKEN)",
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        default=os.environ.get("MOTCUA_DB", DEFAULT_DB),
        help=f"in-process center database when no --server (default {DEFAULT_DB})",
    )


def load(args: argparse.Namespace) -> Config:
    return load_config(args.config)


def open_center(args: argparse.Namespace, config: Config) -> Center:
    """The Center the arguments name; raises SystemExit with a clear message if it cannot."""
    if args.server:
        if not args.token:
            raise SystemExit(
                "Cần mã thiết bị: --token T (hoặc biến MOTCUA_TOKEN) / a device token is required"
            )
        try:
            from motcua.server.client import HttpCenter
        except ImportError as exc:  # pragma: no cover - the server package ships with motcua
            raise SystemExit(f"HTTP client unavailable: {exc}") from exc
        return HttpCenter(args.server.rstrip("/"), args.token)
    try:
        from motcua.queue.service import QueueService
    except ImportError as exc:  # pragma: no cover
        raise SystemExit(f"queue service unavailable: {exc}") from exc
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    return QueueService.open(config, args.db, clock=SystemClock())
