"""`motcua` subcommands of the display area."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this area's subcommands. Filled in by the display work."""
