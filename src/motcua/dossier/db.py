"""The dossier area's SQLite file: numbered migrations, one IMMEDIATE transaction per write.

Stop-gap until ``motcua.storage`` (issue 8) lands: it will hold this area's
migrations next to the queue's in the one database, and ``DossierService`` will take
its transactions instead. The contract the service relies on is only this: ``write``
runs a function inside ONE ``BEGIN IMMEDIATE`` transaction (so two processes are
serialised and a sequence read is still true when it is written), with WAL and
synchronous=FULL, and commits or rolls back everything it did.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from motcua.dossier.errors import DossierError
from motcua.queue.schema import migrate

T = TypeVar("T")
Row = dict[str, Any]


class Tx:
    """What a write or read sees: three ways to run SQL (parameters only, never formatting)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def one(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        cur = self.conn.execute(sql, tuple(params))
        try:
            row = cur.fetchone()
            if row is None:
                return None
            return dict(zip([c[0] for c in cur.description], row, strict=True))
        finally:
            cur.close()

    def all(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        cur = self.conn.execute(sql, tuple(params))
        try:
            keys = [c[0] for c in cur.description]
            return [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]
        finally:
            cur.close()

    def run(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(params))


class StorageFailure(DossierError):
    status_code = 503
    code = "storage"


class DossierDB:
    def __init__(self, path: str | Path, migrations: list[str], busy_timeout_ms: int = 10000):
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._timeout = busy_timeout_ms
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        migrate(self._conn(), migrations)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path,
                isolation_level=None,
                check_same_thread=False,
                timeout=self._timeout / 1000,
            )
            conn.execute(f"PRAGMA busy_timeout = {int(self._timeout):d}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def write(self, fn: Callable[[Tx], T]) -> T:
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StorageFailure(
                "Cơ sở dữ liệu đang bận, vui lòng thử lại", f"database busy: {exc}"
            ) from exc
        try:
            result = fn(Tx(conn))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return result

    def read(self, fn: Callable[[Tx], T]) -> T:
        conn = self._conn()
        conn.execute("BEGIN")
        try:
            return fn(Tx(conn))
        finally:
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
