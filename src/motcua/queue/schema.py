"""The queue area's schema: its numbered migration steps, registered with ``motcua.storage``.

Opening a store with ``AREA`` runs the missing steps in one transaction (see
``motcua.storage.migrations``). Databases from before ``schema_versions`` counted the
queue's steps in ``PRAGMA user_version``; ``AREA.adopt`` reads that, so they keep their
tickets. Never edit a released step: append a new one.
"""

from __future__ import annotations

import sqlite3

from motcua.storage import Area

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


# v2: a long queue stays cheap to call from and to show.
_V2 = """
        -- issued_at is carried so that waiting counts and the oldest wait are index-only.
        DROP INDEX IF EXISTS tickets_queue;
        CREATE INDEX tickets_queue ON tickets (day, status, service_code, order_at, issued_at);
        DROP INDEX IF EXISTS tickets_done;
        CREATE INDEX tickets_done
            ON tickets (day, service_code, finished_at, counter, started_at, called_at)
            WHERE status = 'done';
        -- What the call policy looks at besides the head of each service's queue.
        CREATE INDEX tickets_waiting_priority ON tickets (day, service_code, order_at)
            WHERE status = 'waiting' AND priority_group IS NOT NULL AND target_counter IS NULL;
        CREATE INDEX tickets_waiting_targeted ON tickets (day, target_counter, order_at)
            WHERE status = 'waiting' AND target_counter IS NOT NULL;
        CREATE INDEX tickets_waiting_appointment ON tickets (day, appointment_at)
            WHERE status = 'waiting' AND appointment_at IS NOT NULL;
        -- What displays show per service without scanning the day's tickets.
        CREATE TABLE service_day (
            day TEXT NOT NULL,
            service_code TEXT NOT NULL,
            last_called TEXT NOT NULL,
            PRIMARY KEY (day, service_code)
        );
        INSERT INTO service_day (day, service_code, last_called)
            SELECT day, service_code, display_number FROM (
                SELECT day, service_code, display_number, MAX(called_at) FROM tickets
                WHERE called_at IS NOT NULL GROUP BY day, service_code);
"""


# v3: statuses and rating levels are the enums' values in SQL too (TicketStatus,
# Satisfaction); a new value needs a step like this one. SQLite cannot add a CHECK to a
# table, so both tables are rebuilt (same columns, same order) and their indexes remade.
_V3 = """
        CREATE TABLE tickets_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            public_code TEXT NOT NULL UNIQUE,
            day TEXT NOT NULL,
            service_code TEXT NOT NULL,
            number_service TEXT NOT NULL,
            number INTEGER NOT NULL,
            display_number TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN
                ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired')),
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
        INSERT INTO tickets_v3 SELECT id, public_code, day, service_code, number_service, number,
            display_number, status, issued_at, order_at, priority_group, appointment_code,
            appointment_at, counter, target_counter, recalls, called_at, first_called_at,
            started_at, finished_at, citizen_name, id_hash FROM tickets;
        DROP TABLE tickets;
        ALTER TABLE tickets_v3 RENAME TO tickets;
        CREATE UNIQUE INDEX tickets_live_number ON tickets (day, number_service, number)
            WHERE status IN ('waiting', 'called', 'serving', 'no_show');
        CREATE INDEX tickets_queue ON tickets (day, status, service_code, order_at, issued_at);
        CREATE INDEX tickets_at_counter ON tickets (day, counter)
            WHERE status IN ('called', 'serving');
        CREATE INDEX tickets_done
            ON tickets (day, service_code, finished_at, counter, started_at, called_at)
            WHERE status = 'done';
        CREATE INDEX tickets_id_hash ON tickets (id_hash, service_code)
            WHERE id_hash IS NOT NULL;
        CREATE INDEX tickets_waiting_priority ON tickets (day, service_code, order_at)
            WHERE status = 'waiting' AND priority_group IS NOT NULL AND target_counter IS NULL;
        CREATE INDEX tickets_waiting_targeted ON tickets (day, target_counter, order_at)
            WHERE status = 'waiting' AND target_counter IS NOT NULL;
        CREATE INDEX tickets_waiting_appointment ON tickets (day, appointment_at)
            WHERE status = 'waiting' AND appointment_at IS NOT NULL;

        CREATE TABLE ratings_v3 (
            ticket_id INTEGER PRIMARY KEY,
            level TEXT NOT NULL CHECK (level IN ('rat_hai_long', 'hai_long', 'khong_hai_long')),
            at TEXT NOT NULL,
            counter INTEGER,
            service_code TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO ratings_v3 SELECT ticket_id, level, at, counter, service_code, reason
            FROM ratings;
        DROP TABLE ratings;
        ALTER TABLE ratings_v3 RENAME TO ratings;
"""

# v4: finished days' figures, rolled up once (``motcua.queue.daily``); an event recorded
# for a day that has a row (a late rating, the rollover's expiries) removes the row in the
# same transaction, so a kept day is never stale.
_V4 = """
        CREATE TABLE day_figures (
            day TEXT PRIMARY KEY,
            rules INTEGER NOT NULL,
            data TEXT NOT NULL,
            through_event INTEGER NOT NULL,
            rolled_at TEXT NOT NULL
        );
        CREATE TRIGGER events_reopen_day AFTER INSERT ON events
            BEGIN DELETE FROM day_figures WHERE day = NEW.day; END;
"""

# v5: the day's rollover reads only what it changes, not every earlier day. Its two
# statements (``transitions.expire_active``, ``issuing.purge_personal_data``) walked the
# whole history's tickets at each rollover (a year of a busy center: 700,000 rows while
# the writer holds the lock, the first ticket of the day waiting). Both indexes hold only
# the rows those statements look for: the active tickets (today's, until they end) and
# the tickets still carrying personal data (the retention period's); the statements
# repeat the conditions literally (``records.status_list``), as SQLite needs.
_V5 = """
        CREATE INDEX tickets_active ON tickets (day)
            WHERE status IN ('waiting', 'called', 'serving');
        CREATE INDEX tickets_personal ON tickets (day)
            WHERE id_hash IS NOT NULL OR citizen_name != '';
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)


def _legacy_version(conn: sqlite3.Connection) -> int:
    """Steps run by a release that counted them in ``PRAGMA user_version``."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


AREA = Area("queue", MIGRATIONS, adopt=_legacy_version)
