"""`motcua install --role center|kiosk|display|keypads`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from motcua.appliance.install import DEFAULT_PREFIX, DEFAULT_USER, ROLES

    p = sub.add_parser(
        "install", help="cài thành thiết bị (systemd) / install as an appliance (systemd units)"
    )
    p.add_argument("--role", required=True, choices=list(ROLES))
    p.add_argument("--root", default="/", help="write under this folder (default /)")
    p.add_argument(
        "--prefix",
        default=None,
        help=f"the motcua checkout with its .venv (default: this one; units say {DEFAULT_PREFIX})",
    )
    p.add_argument("--user", default=DEFAULT_USER, help="the service user")
    p.add_argument("--server", default="", help="display/keypads: the center's URL")
    p.add_argument("--token-file", type=Path, help="display/keypads: a file holding the token")
    p.add_argument(
        "--enable", action="store_true", help="also create the user and enable the units (root /)"
    )
    p.set_defaults(func=cmd_install)


def cmd_install(args: argparse.Namespace) -> int:
    from motcua.appliance.install import InstallError, deploy_dir, install
    from motcua.server.cli import cmd_init_config

    def write_config(path: Path) -> None:
        # The same as `motcua init-config`, so a new appliance gets what it gives.
        if cmd_init_config(argparse.Namespace(file=str(path), force=False)) != 0:
            raise OSError(f"cannot write {path}")

    prefix = args.prefix or str(deploy_dir().parent)
    try:
        report = install(
            args.role,
            root=Path(args.root),
            prefix=prefix,
            user=args.user,
            server=args.server,
            token_file=args.token_file,
            write_config=write_config,
            enable=args.enable,
        )
    except (InstallError, OSError) as exc:
        print(f"Không cài được / install failed: {exc}", file=sys.stderr)
        return 1
    for path in report.written:
        print(f"đã ghi / wrote   {path}")
    for path in report.kept:
        print(f"giữ nguyên / kept {path}")
    if report.next_steps:
        print("Việc tiếp theo (quyền root) / next steps (as root):")
        for step in report.next_steps:
            print(f"  {step}")
    return 0
