"""The queue database schema as an ordered list of migration steps.

``PRAGMA user_version`` records how many steps a database has run; opening a
database runs the missing ones inside one write transaction, so a file created
by an older release is brought up to date and a half-migrated file cannot exist.
Never edit a released step: append a new one.
"""

from __future__ import annotations

import sqlite3

LIVE_STATUSES = ("waiting", "called", "serving", "no_show")
"""Statuses whose number is still 'in use' today: a no-show may come back, so its
number is not handed out again after a wrap."""

ACTIVE_STATUSES = ("waiting", "called", "serving")


_V1 = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE tickets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            public_code TEXT NOT NULL UNIQUE,
            day TEXT NOT NULL,
            service_code TEXT NOT NULL,      -- where it waits now (changes on transfer)
            number_service TEXT NOT NULL,    -- the service whose numbering issued it
            number INTEGER NOT NULL,
            display_number TEXT NOT NULL,
            status TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            order_at TEXT NOT NULL,
            priority_group TEXT,
            appointment_code TEXT,
            appointment_at TEXT,
            counter INTEGER,
            target_counter INTEGER,
            recalls INTEGER NOT NULL DEFAULT 0,
            called_at TEXT,
            first_called_at TEXT,
            started_at TEXT,
            finished_at TEXT,
            citizen_name TEXT NOT NULL DEFAULT '',
            id_hash TEXT
        );
        -- The last guard: one live ticket per number per numbering per day.
        CREATE UNIQUE INDEX tickets_live_number ON tickets (day, number_service, number)
            WHERE status IN ('waiting', 'called', 'serving', 'no_show');
        CREATE INDEX tickets_queue ON tickets (day, status, service_code, order_at);
        -- Partial indexes stay small and are only written when a ticket enters them,
        -- which keeps the pages each group commit must fsync few.
        CREATE INDEX tickets_at_counter ON tickets (day, counter)
            WHERE status IN ('called', 'serving');
        CREATE INDEX tickets_done ON tickets (day, service_code, finished_at)
            WHERE status = 'done';
        CREATE INDEX tickets_id_hash ON tickets (id_hash, service_code)
            WHERE id_hash IS NOT NULL;

        CREATE TABLE number_seq (
            day TEXT NOT NULL,
            service_code TEXT NOT NULL,
            last INTEGER NOT NULL,
            wraps INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, service_code)
        );

        CREATE TABLE counters (
            number INTEGER PRIMARY KEY,
            paused INTEGER NOT NULL DEFAULT 0,
            priority_streak INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE appointments (
            code TEXT PRIMARY KEY,
            service_code TEXT NOT NULL,
            slot_at TEXT NOT NULL,
            citizen_name TEXT NOT NULL DEFAULT '',
            ticket_id INTEGER,
            created_at TEXT NOT NULL
        );

        CREATE TABLE ratings (
            ticket_id INTEGER PRIMARY KEY,
            level TEXT NOT NULL,
            at TEXT NOT NULL,
            counter INTEGER,
            service_code TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            day TEXT NOT NULL,
            ticket_id INTEGER,
            service_code TEXT,
            counter INTEGER,
            display_number TEXT,
            data TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX events_day ON events (day, kind);
"""


MIGRATIONS: list[str] = [_V1]


def migrate(conn: sqlite3.Connection) -> int:
    """Run missing steps in one IMMEDIATE transaction; returns the resulting version."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current >= len(MIGRATIONS):
        return current
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0]  # another process?
        for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
            for statement in split_statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(MIGRATIONS)


def split_statements(script: str) -> list[str]:
    """Split a script into statements (executescript would COMMIT our transaction)."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    return statements
