"""Device enrollment tokens: who may do what on the center server.

A token is shown once when created and stored only as its SHA-256, in the center's
SQLite database (own table ``device_tokens``, own migration counter in
``server_schema``; the queue's tables are never touched). Each token has a role:

- ``kiosk``   issues tickets and records ratings;
- ``counter`` acts for exactly one counter number;
- ``display`` reads the queue, events and statistics;
- ``admin``   may do everything (technicians, the managers' tools).
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from motcua.clock import Clock, SystemClock

TOKEN_PREFIX = "mc_"


class Role(StrEnum):
    KIOSK = "kiosk"
    COUNTER = "counter"
    DISPLAY = "display"
    ADMIN = "admin"


class TokenError(ValueError):
    """A token that cannot be created as asked (e.g. a counter role without a number)."""


@dataclass(frozen=True)
class Device:
    """An enrolled device as the server sees it once its token checked out."""

    id: int
    role: Role
    counter: int | None
    name: str
    created_at: datetime
    revoked_at: datetime | None = None
    prefix: str = ""  # the first characters of the token, to tell tokens apart in lists

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS device_tokens (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('kiosk', 'counter', 'display', 'admin')),
        counter INTEGER,
        name TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        revoked_at TEXT
    )
    """,
)


class TokenStore:
    """Tokens in SQLite. Thread-safe; safe to share one database with the queue.

    ``verify`` answers from a small in-memory cache for ``cache_seconds`` (the hot
    path of every request); a revoke in this process takes effect at once, in another
    process sharing the database within ``cache_seconds``.
    """

    def __init__(
        self, db_path: str | Path, clock: Clock | None = None, cache_seconds: float = 2.0
    ) -> None:
        self._path = str(db_path)
        if self._path != ":memory:":
            Path(self._path).parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock or SystemClock()
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Device | None]] = {}
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            self._path, check_same_thread=False, isolation_level=None, timeout=30.0
        )
        self._db.execute("PRAGMA busy_timeout = 30000")
        if self._path != ":memory:":
            self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._migrate()

    def _migrate(self) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS server_schema "
                    "(name TEXT PRIMARY KEY, version INTEGER NOT NULL)"
                )
                row = self._db.execute(
                    "SELECT version FROM server_schema WHERE name = 'tokens'"
                ).fetchone()
                version = row[0] if row else 0
                for number, sql in enumerate(_MIGRATIONS[version:], start=version + 1):
                    self._db.execute(sql)
                    self._db.execute(
                        "INSERT INTO server_schema (name, version) VALUES ('tokens', ?) "
                        "ON CONFLICT(name) DO UPDATE SET version = excluded.version",
                        (number,),
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------------ writing

    def create(self, role: str | Role, counter: int | None = None, name: str = "") -> str:
        """Enroll a device; returns the plain token (shown once, never stored)."""
        try:
            role = Role(role)
        except ValueError as exc:
            raise TokenError(
                f"vai trò không hợp lệ: {role!r} (kiosk, counter, display, admin) / unknown role"
            ) from exc
        if role is Role.COUNTER:
            if counter is None or counter < 1:
                raise TokenError("token quầy cần số quầy (--counter N) / counter role needs N")
        elif counter is not None:
            raise TokenError("chỉ token quầy mới có số quầy / only counter tokens take a counter")
        # A fixed prefix: a bare token_urlsafe() starts with '-' one time in 64, and then
        # `motcua counter ... --token -Xy...` is read by argparse as an option.
        token = TOKEN_PREFIX + secrets.token_urlsafe(24)
        with self._lock:
            self._db.execute(
                "INSERT INTO device_tokens (token_hash, prefix, role, counter, name, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    hash_token(token),
                    token[: len(TOKEN_PREFIX) + 4],
                    role.value,
                    counter,
                    name,
                    self._now().isoformat(),
                ),
            )
        return token

    def revoke(self, token_id: int) -> bool:
        """Revoke by id (see ``list``); False when no active token has that id."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE device_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (self._now().isoformat(), token_id),
            )
            self._cache.clear()
            return cur.rowcount > 0

    # ------------------------------------------------------------------ reading

    def verify(self, token: str) -> Device | None:
        """The active device holding ``token``, or None."""
        if not token or len(token) > 200:
            return None
        digest = hash_token(token)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(digest)
            if hit is not None and now - hit[0] < self._cache_seconds:
                return hit[1]
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM device_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                (digest,),
            ).fetchone()
            device = _device(row) if row else None
            if len(self._cache) > 1000:
                self._cache.clear()
            self._cache[digest] = (now, device)
            return device

    def list(self, include_revoked: bool = False) -> list[Device]:
        sql = f"SELECT {_COLUMNS} FROM device_tokens"
        if not include_revoked:
            sql += " WHERE revoked_at IS NULL"
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY id").fetchall()
        return [_device(r) for r in rows]

    def has_role(self, role: Role) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM device_tokens WHERE role = ? AND revoked_at IS NULL LIMIT 1",
                (role.value,),
            ).fetchone()
        return row is not None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _now(self) -> datetime:
        return self._clock.now().astimezone(UTC)


_COLUMNS = "id, role, counter, name, created_at, revoked_at, prefix"


def _device(row: tuple) -> Device:
    return Device(
        id=row[0],
        role=Role(row[1]),
        counter=row[2],
        name=row[3],
        created_at=datetime.fromisoformat(row[4]),
        revoked_at=datetime.fromisoformat(row[5]) if row[5] else None,
        prefix=row[6],
    )
