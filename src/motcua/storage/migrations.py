"""Numbered migrations per area, recorded in ``schema_versions(area, version)``.

Each area (``queue``, ``tokens``, ``dossiers``, ``outbox``...) declares an ``Area``: its
name and its ordered steps. Opening a store runs every missing step of every area it
was given inside ONE ``BEGIN IMMEDIATE`` transaction, so a file created by an older
release is brought up to date and a half-migrated file cannot exist; another process
opening the same file at the same time waits for the lock and then finds nothing to do.
Never edit a released step: append a new one.

Databases from before ``schema_versions`` kept their version elsewhere (the queue in
``PRAGMA user_version``, tokens in ``server_schema``); an area's ``adopt`` reads it once,
the first time the area is seen, so those files keep their data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

_CREATE = (
    "CREATE TABLE IF NOT EXISTS schema_versions ("
    " area TEXT PRIMARY KEY,"
    " version INTEGER NOT NULL CHECK (version >= 0))"
)


@dataclass(frozen=True)
class Area:
    """An area's schema: its name and numbered steps (step N brings version N-1 to N)."""

    name: str
    steps: tuple[str, ...]
    # The version a database made before schema_versions existed is at (0: none).
    adopt: Callable[[sqlite3.Connection], int] | None = field(default=None, compare=False)

    @property
    def version(self) -> int:
        return len(self.steps)


def schema_versions(conn: sqlite3.Connection) -> dict[str, int]:
    """Each area's recorded version ({} for a file that has none yet)."""
    if not _has_table(conn, "schema_versions"):
        return {}
    return {a: v for a, v in conn.execute("SELECT area, version FROM schema_versions")}


def migrate(conn: sqlite3.Connection, areas: Iterable[Area]) -> dict[str, int]:
    """Run the missing steps of ``areas`` in one transaction; returns each area's version.

    ``conn`` must be in autocommit mode (``isolation_level=None``). A database newer than
    this code (a downgrade) is left alone: code only reads and writes columns it knows,
    and steps only ever add."""
    wanted = list(areas)
    names = [a.name for a in wanted]
    if len(set(names)) != len(names):
        raise ValueError(f"an area is given twice: {names}")
    current = schema_versions(conn)
    if all(current.get(a.name, -1) >= a.version for a in wanted):
        return {a.name: current[a.name] for a in wanted}
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(_CREATE)
        current = schema_versions(conn)  # another process may have migrated meanwhile
        result: dict[str, int] = {}
        for area in wanted:
            known = current.get(area.name)
            if known is None:
                known = area.adopt(conn) if area.adopt is not None else 0
            for number, script in enumerate(area.steps[known:], start=known + 1):
                for statement in split_statements(script):
                    conn.execute(statement)
                known = number
            conn.execute(
                "INSERT INTO schema_versions (area, version) VALUES (?, ?)"
                " ON CONFLICT(area) DO UPDATE SET version = excluded.version",
                (area.name, known),
            )
            result[area.name] = known
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return result


def split_statements(script: str) -> list[str]:
    """Split a script into statements (executescript would COMMIT our transaction)."""
    statements, buf = [], ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):  # not a ';' inside a string or trigger
            if buf.strip(" \n\t;"):
                statements.append(buf.strip())
            buf = ""
    return statements


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None
