"""`motcua` subcommands of the display area."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this area's subcommands. Filled in by the display work."""
    _register_announce(sub)


def _register_announce(sub: argparse._SubParsersAction) -> None:
    """`motcua announce` (voice); kept apart so the display console's parser merges cleanly."""
    from motcua.display.voice_cli import add_parser

    add_parser(sub)
