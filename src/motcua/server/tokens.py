"""Device enrollment tokens: who may do what on the center server.

A token is shown once when created and stored only as its SHA-256, in the center's
SQLite database: the ``tokens`` area of ``motcua.storage`` (table ``device_tokens``, its
own numbered migrations; the queue's tables are never touched). Each token has a role:

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
from motcua.storage import Area, ReadTx, Row, Store, Tx

TOKEN_PREFIX = "mc_"


class Role(StrEnum):
    KIOSK = "kiosk"
    COUNTER = "counter"
    DISPLAY = "display"
    MANAGER = "manager"  # reads everything a manager needs (pages, figures), changes nothing
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


_STEPS: tuple[str, ...] = (
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
    # v2: the manager role (reads the manager's pages and figures, changes nothing).
    # SQLite cannot change a CHECK in place: the table is rebuilt, rows and ids kept.
    """
    CREATE TABLE device_tokens_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('kiosk', 'counter', 'display', 'manager', 'admin')),
        counter INTEGER,
        name TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );
    INSERT INTO device_tokens_v2 (id, token_hash, prefix, role, counter, name, created_at,
                                  revoked_at)
        SELECT id, token_hash, prefix, role, counter, name, created_at, revoked_at
        FROM device_tokens;
    DROP TABLE device_tokens;
    ALTER TABLE device_tokens_v2 RENAME TO device_tokens;
    """,
)


def _legacy_version(conn: sqlite3.Connection) -> int:
    """Releases before ``schema_versions`` counted token steps in ``server_schema``."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'server_schema'"
    ).fetchone()
    if found is None:
        return 0
    row = conn.execute("SELECT version FROM server_schema WHERE name = 'tokens'").fetchone()
    return int(row[0]) if row else 0


AREA = Area("tokens", _STEPS, adopt=_legacy_version)

_COLUMNS = "id, role, counter, name, created_at, revoked_at, prefix"


# ---------------------------------------------------------------- repository (any Tx)


def insert(tx: Tx, token: str, role: Role, counter: int | None, name: str, at: datetime) -> int:
    """Record a token's hash; returns its id."""
    cur = tx.run(
        "INSERT INTO device_tokens (token_hash, prefix, role, counter, name, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            hash_token(token),
            token[: len(TOKEN_PREFIX) + 4],
            role.value,
            counter,
            name,
            at.isoformat(),
        ),
    )
    return int(cur.lastrowid or 0)


def revoke(tx: Tx, token_id: int, at: datetime) -> bool:
    cur = tx.run(
        "UPDATE device_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        (at.isoformat(), token_id),
    )
    return cur.rowcount > 0


def find_active(tx: ReadTx, digest: str) -> Device | None:
    row = tx.one(
        f"SELECT {_COLUMNS} FROM device_tokens WHERE token_hash = ? AND revoked_at IS NULL",
        (digest,),
    )
    return _device(row) if row else None


def devices(tx: ReadTx, include_revoked: bool = False) -> list[Device]:
    if include_revoked:
        rows = tx.all(f"SELECT {_COLUMNS} FROM device_tokens ORDER BY id")
    else:
        rows = tx.all(f"SELECT {_COLUMNS} FROM device_tokens WHERE revoked_at IS NULL ORDER BY id")
    return [_device(r) for r in rows]


def role_enrolled(tx: ReadTx, role: Role) -> bool:
    row = tx.one(
        "SELECT 1 AS x FROM device_tokens WHERE role = ? AND revoked_at IS NULL LIMIT 1",
        (role.value,),
    )
    return row is not None


class TokenStore:
    """Tokens in the center's database. Thread-safe; shares the file with the queue.

    ``verify`` answers from a small in-memory cache for ``cache_seconds`` (the hot
    path of every request); a revoke in this process takes effect at once, in another
    process sharing the database within ``cache_seconds``.

    Pass ``store`` (opened with ``AREA``) to share one writer with other areas; otherwise
    the TokenStore opens its own on ``db_path`` and closes it with itself.
    """

    def __init__(
        self,
        db_path: str | Path,
        clock: Clock | None = None,
        cache_seconds: float = 2.0,
        *,
        store: Store | None = None,
    ) -> None:
        self._clock = clock or SystemClock()
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Device | None]] = {}
        self._lock = threading.Lock()
        if store is None:
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
            store = Store(db_path, [AREA])
            self._owned = True
        else:
            if AREA not in store.areas:
                raise ValueError("the store was not opened with the tokens area")
            self._owned = False
        self._store = store

    @property
    def path(self) -> str:
        """The database file (other areas of the center open their stores on it)."""
        return self._store.path

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
        at = self._now()
        checked = role
        self._store.write(lambda tx: insert(tx, token, checked, counter, name, at))
        return token

    def revoke(self, token_id: int) -> bool:
        """Revoke by id (see ``list``); False when no active token has that id."""
        at = self._now()
        done = self._store.write(lambda tx: revoke(tx, token_id, at))
        with self._lock:
            self._cache.clear()
        return done

    # ------------------------------------------------------------------ reading

    def verify(self, token: str) -> Device | None:
        """The active device holding ``token``, or None."""
        if not token or len(token) > 200:
            return None
        return self.by_digest(hash_token(token))

    def by_digest(self, digest: str) -> Device | None:
        """The active device whose token hashes to ``digest`` (a manager's session keeps
        only the digest, never the token)."""
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(digest)
            if hit is not None and now - hit[0] < self._cache_seconds:
                return hit[1]
        device = self._store.read(lambda tx: find_active(tx, digest))
        with self._lock:
            if len(self._cache) > 1000:
                self._cache.clear()
            self._cache[digest] = (now, device)
        return device

    def list(self, include_revoked: bool = False) -> list[Device]:
        return self._store.read(lambda tx: devices(tx, include_revoked))

    def has_role(self, role: Role) -> bool:
        return self._store.read(lambda tx: role_enrolled(tx, role))

    def close(self) -> None:
        if self._owned:
            self._store.close()

    def _now(self) -> datetime:
        return self._clock.now().astimezone(UTC)


def _device(row: Row) -> Device:
    return Device(
        id=int(row["id"]),
        role=Role(row["role"]),
        counter=row["counter"],
        name=row["name"],
        created_at=datetime.fromisoformat(row["created_at"]),
        revoked_at=datetime.fromisoformat(row["revoked_at"]) if row["revoked_at"] else None,
        prefix=row["prefix"],
    )
