"""A minimal SQLite handle for the outbox until ``motcua.storage`` is on main.

Same shape as the storage layer (``write(fn)``/``read(fn)`` with a ``Tx`` offering
``one``/``all``/``run``; the area's numbered steps recorded in ``schema_versions``), so
the outbox's functions run unchanged on either.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from motcua.sync import outbox

T = TypeVar("T")


class _Tx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        cur = self.conn.execute(sql, tuple(params))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cur.description], row, strict=True))

    def all(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, tuple(params))
        keys = [c[0] for c in cur.description]
        return [dict(zip(keys, r, strict=True)) for r in cur.fetchall()]

    def run(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(params))


class OutboxDb:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA busy_timeout=10000")
        self._lock = threading.Lock()
        self._migrate()

    def _migrate(self) -> None:
        with self._lock:
            c = self._conn
            c.execute("BEGIN IMMEDIATE")
            try:
                c.execute(
                    "CREATE TABLE IF NOT EXISTS schema_versions ("
                    " area TEXT PRIMARY KEY, version INTEGER NOT NULL)"
                )
                row = c.execute(
                    "SELECT version FROM schema_versions WHERE area = ?", (outbox.AREA,)
                ).fetchone()
                known = row[0] if row else 0
                for number, script in enumerate(outbox.STEPS[known:], start=known + 1):
                    for statement in script.split(";"):
                        if statement.strip():
                            c.execute(statement)
                    known = number
                c.execute(
                    "INSERT INTO schema_versions (area, version) VALUES (?, ?)"
                    " ON CONFLICT(area) DO UPDATE SET version = excluded.version",
                    (outbox.AREA, known),
                )
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

    def write(self, fn: Callable[[Any], T]) -> T:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(_Tx(self._conn))
                self._conn.execute("COMMIT")
                return result
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def read(self, fn: Callable[[Any], T]) -> T:
        with self._lock:
            return fn(_Tx(self._conn))

    def close(self) -> None:
        with self._lock:
            self._conn.close()
