"""The dossier area's tables, as numbered migration steps (append, never edit a released one)."""

from __future__ import annotations

from motcua.storage import Area

_V1 = """
    CREATE TABLE dossier_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);

    -- The last sequence handed out per unit per day: only ever incremented, so a
    -- code is never handed out twice, even when its dossier is withdrawn.
    CREATE TABLE dossier_sequences (
        unit_code TEXT NOT NULL,
        day TEXT NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (unit_code, day)
    );

    CREATE TABLE dossier_records (
        code TEXT PRIMARY KEY,
        unit_code TEXT NOT NULL,
        day TEXT NOT NULL,             -- center-local day of creation (the code's yyMMdd)
        sequence INTEGER NOT NULL,
        procedure_code TEXT NOT NULL,
        procedure_name TEXT NOT NULL,
        field TEXT NOT NULL DEFAULT '',
        working_days INTEGER NOT NULL,
        channel TEXT NOT NULL,
        status INTEGER NOT NULL,
        applicant_name TEXT NOT NULL,  -- masked
        applicant_id TEXT NOT NULL,    -- masked (last four digits)
        id_hash TEXT NOT NULL,         -- HMAC of the ID number with the area's secret
        phone TEXT NOT NULL DEFAULT '',
        consent_version TEXT NOT NULL,
        consent_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        received_at TEXT,
        accepted_at TEXT,
        due_at TEXT,
        finished_at TEXT,
        returned_at TEXT,
        ticket_number TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (unit_code, day, sequence)
    );
    CREATE INDEX dossier_records_by_day ON dossier_records (day, status);

    CREATE TABLE dossier_papers (
        code TEXT NOT NULL REFERENCES dossier_records(code),
        n INTEGER NOT NULL,
        name TEXT NOT NULL,
        form TEXT NOT NULL,
        copies INTEGER NOT NULL,
        required INTEGER NOT NULL,
        file TEXT NOT NULL DEFAULT '',
        bytes INTEGER NOT NULL DEFAULT 0,
        sha256 TEXT NOT NULL DEFAULT '',
        uploaded_at TEXT,
        PRIMARY KEY (code, n)
    );

    -- Append-only: no UPDATE or DELETE ever touches a step.
    CREATE TABLE dossier_steps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL REFERENCES dossier_records(code),
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        status INTEGER NOT NULL,
        actor TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX dossier_steps_by_code ON dossier_steps (code, id);
    CREATE TRIGGER dossier_steps_no_update BEFORE UPDATE ON dossier_steps
        BEGIN SELECT RAISE(ABORT, 'dossier history is append-only'); END;
    CREATE TRIGGER dossier_steps_no_delete BEFORE DELETE ON dossier_steps
        BEGIN SELECT RAISE(ABORT, 'dossier history is append-only'); END;
"""

# 2: steps pulled from the national portal (recorded elsewhere) keep the step as the
# portal holds it (JSON), so the next pull recognises them; "" = a step of ours.
_V2 = """
    ALTER TABLE dossier_steps ADD COLUMN portal_step TEXT NOT NULL DEFAULT '';
    CREATE INDEX dossier_records_by_status ON dossier_records (status);
"""

AREA = Area("dossier", (_V1, _V2))
"""The dossier area (the legacy demo lookup store, ``motcua.sync.dossier_status``, is
the area "dossiers" with its own ``dossiers`` table; nothing here shares its names)."""
