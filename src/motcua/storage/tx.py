"""What one operation sees of its transaction: queries, and things to publish after COMMIT."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

import sqlite_utils

Row = dict[str, Any]


def _keys(description: Any) -> list[str]:
    """Column names of a result, duplicates renamed ``x_2``... as sqlite-utils does."""
    keys = [c[0] for c in description]
    if len(set(keys)) != len(keys):
        keys = sqlite_utils.utils.dedupe_keys(keys)
    return keys


class Tx:
    """One operation's view of the write transaction.

    Any area's repository functions take a ``Tx``, so one operation may change several
    areas (a dossier and its outbox row) and they commit or roll back together.
    ``publish`` collects values (the queue's events) that the store hands to its
    ``on_commit`` hook only if this operation's changes were committed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.published: list[Any] = []

    def one(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        cur = self.conn.execute(sql, tuple(params))
        try:
            row = cur.fetchone()
            if row is None:
                return None
            return dict(zip(_keys(cur.description), row, strict=True))
        finally:
            cur.close()  # finish the statement (an UPDATE ... RETURNING, a LIMIT 1 read)

    def all(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        # Straight on the connection: sqlite-utils' query() wraps every statement in
        # a SAVEPOINT/RELEASE pair, two more statements per read in the writer thread.
        cur = self.conn.execute(sql, tuple(params))
        try:
            if cur.description is None:
                raise ValueError("Tx.all() needs SQL that returns rows")
            keys = _keys(cur.description)
            return [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]
        finally:
            cur.close()

    def run(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(params))

    def publish(self, value: Any) -> None:
        """Hand ``value`` to the store's ``on_commit`` hook once this operation is durable."""
        self.published.append(value)


class ReadTx(Tx):
    """A read-only snapshot (nothing to publish)."""

    def publish(self, value: Any) -> None:  # pragma: no cover - misuse guard
        raise RuntimeError("cannot publish from a read")
