"""The one `motcua` command. Each area registers its own subcommands.

Every area module exposes ``register(subparsers)``; it adds its parsers and sets
``func`` on each, a callable taking the parsed ``argparse.Namespace`` and
returning an exit code. Areas are imported lazily at parse time only as far as
their ``cli`` module goes: heavy imports (Qt, FastAPI) belong inside ``func``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from motcua import __version__

# Order is the order of `motcua --help`.
AREAS = (
    "motcua.server.cli",  # serve, init-config, token, ticket, counter-client calls
    "motcua.kiosk.cli",  # kiosk
    "motcua.counter.cli",  # counter
    "motcua.display.cli",  # display, announce
    "motcua.printer.cli",  # printer
    "motcua.scanner.cli",  # scanner
    "motcua.catalog.cli",  # catalog
    "motcua.sync.cli",  # portal-sim, sync status | retry-dead
    "motcua.appliance.cli",  # install
    "motcua.appliance.devices_cli",  # devices list, test
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="Kiosk và hệ thống xếp hàng cho Trung tâm Phục vụ hành chính công.",
    )
    parser.add_argument("--version", action="version", version=f"motcua {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in AREAS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from motcua.logs import setup_logging

    setup_logging(logging.DEBUG if args.verbose else logging.INFO)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `motcua catalog search ... | head`: the reader left; not an error of ours.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover - use `python -m motcua`
    sys.exit(main())
