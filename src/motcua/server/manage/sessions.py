"""A manager's session: the cookie a login sets, kept in the center's database.

``POST /manage/login`` checks a manager (or admin) token and sets an HttpOnly, SameSite
cookie holding a random session id. The database keeps only the session id's hash, the
token's hash and the expiry, so a copied database gives neither a session nor a token,
and every server process sharing the file knows the session. A session ends at its
expiry, at logout, or when its token is revoked (the token is checked on every request).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from pathlib import Path

from motcua.clock import Clock, SystemClock
from motcua.storage import Area, Store

COOKIE = "motcua_session"
LIFETIME = timedelta(hours=8)  # a working day

AREA = Area(
    "manager_sessions",
    (
        """
        CREATE TABLE manager_sessions (
            session_hash TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )
        """,
    ),
)


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class ManagerSessions:
    def __init__(
        self,
        db_path: str | Path,
        clock: Clock | None = None,
        lifetime: timedelta = LIFETIME,
        *,
        store: Store | None = None,
    ) -> None:
        self._clock = clock or SystemClock()
        self.lifetime = lifetime
        self._owned = store is None
        self._store = store or Store(db_path, [AREA])

    def create(self, token_hash: str) -> str:
        """A new session for the token with this hash; returns the cookie's value."""
        session = secrets.token_urlsafe(32)
        now = self._clock.now()
        expires = now + self.lifetime
        self._store.write(
            lambda tx: (
                tx.run("DELETE FROM manager_sessions WHERE expires_at <= ?", (now.isoformat(),)),
                tx.run(
                    "INSERT INTO manager_sessions VALUES (?, ?, ?, ?)",
                    (_hash(session), token_hash, now.isoformat(), expires.isoformat()),
                ),
            )
        )
        return session

    def token_hash(self, session: str) -> str | None:
        """The token hash of a live session, or None (unknown or expired)."""
        if not session or len(session) > 100:
            return None
        now = self._clock.now().isoformat()
        row = self._store.read(
            lambda tx: tx.one(
                "SELECT token_hash FROM manager_sessions WHERE session_hash = ? AND expires_at > ?",
                (_hash(session), now),
            )
        )
        return str(row["token_hash"]) if row else None

    def end(self, session: str) -> None:
        self._store.write(
            lambda tx: tx.run(
                "DELETE FROM manager_sessions WHERE session_hash = ?", (_hash(session),)
            )
        )

    def close(self) -> None:
        if self._owned:
            self._store.close()
