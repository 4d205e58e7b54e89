"""Dossier status lookup: "where is my application?" at the kiosk.

The citizen scans the QR on the receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả)
or types the dossier code; a ``DossierLookup`` answers with a ``DossierRecord``.
The first lookup is the center's own store (``LocalDossierStore``); the
national-portal adapter will implement the same Protocol later, so the kiosk does
not change. Codes and statuses live in ``motcua.dossier`` and are re-exported here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from motcua.clock import Clock, SystemClock
from motcua.dossier.codes import (
    DossierCode,
    DossierCodeError,
    DossierNotFound,
    parse_dossier_code,
    split_dossier_code,
)
from motcua.dossier.status import DossierStatus
from motcua.logs import mask_name
from motcua.storage import Area, ReadTx, Store, Tx

__all__ = [
    "DossierCode",
    "DossierCodeError",
    "DossierLookup",
    "DossierNotFound",
    "DossierRecord",
    "DossierStatus",
    "LocalDossierStore",
    "parse_dossier_code",
    "split_dossier_code",
]


@dataclass(frozen=True)
class DossierRecord:
    code: str
    procedure_name: str
    applicant_name: str  # masked: "Nguyễn V. A."
    received_at: datetime
    due_at: datetime | None  # None: not accepted yet, no date promised
    status: DossierStatus
    status_label_vi: str
    note: str = ""

    @property
    def explanation_vi(self) -> str:
        return self.status.explanation_vi

    def overdue(self, now: datetime) -> bool:
        """Past its appointment and not yet finished (a late dossier: say sorry, say why)."""
        return (
            self.due_at is not None
            and now > self.due_at
            and self.status
            not in (
                DossierStatus.FINISHED,
                DossierStatus.RETURNED,
            )
            and not self.status.closed
        )


class DossierLookup(Protocol):
    def lookup(self, code_or_qr_payload: str) -> DossierRecord | None:
        """The dossier, or None when unknown; DossierCodeError when the code is malformed."""
        ...


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("dossier times must be timezone-aware")
    return value.astimezone(UTC)


_STEPS: tuple[str, ...] = (
    # v1: the tables as releases before motcua.storage made them.
    """
    CREATE TABLE IF NOT EXISTS dossiers (
        code TEXT PRIMARY KEY,
        procedure_name TEXT NOT NULL,
        applicant_name TEXT NOT NULL,
        received_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        status INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS dossier_status_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL REFERENCES dossiers(code),
        status INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    """,
    # v2: statuses are the portal's TrangThaiHoSo (1..10) in SQL too.
    """
    CREATE TABLE dossiers_v2 (
        code TEXT PRIMARY KEY,
        procedure_name TEXT NOT NULL,
        applicant_name TEXT NOT NULL,
        received_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
        note TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    INSERT INTO dossiers_v2 SELECT code, procedure_name, applicant_name, received_at, due_at,
        status, note, updated_at FROM dossiers;
    CREATE TABLE dossier_status_history_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL REFERENCES dossiers_v2(code),
        status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    INSERT INTO dossier_status_history_v2 SELECT id, code, status, note, at
        FROM dossier_status_history;
    DROP TABLE dossier_status_history;
    DROP TABLE dossiers;
    ALTER TABLE dossiers_v2 RENAME TO dossiers;
    ALTER TABLE dossier_status_history_v2 RENAME TO dossier_status_history;
    CREATE INDEX dossier_status_history_code ON dossier_status_history (code, id);
    """,
)


def _legacy_version(conn: sqlite3.Connection) -> int:
    """A file from before ``schema_versions`` that already has the v1 tables."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dossiers'"
    ).fetchone()
    return 1 if found else 0


AREA = Area("dossiers", _STEPS, adopt=_legacy_version)
"""The dossier status area of ``motcua.storage`` (open a store with it to use the functions
below in a transaction of your own, e.g. together with an outbox row)."""


# ---------------------------------------------------------------- repository (any Tx)


def put(
    tx: Tx,
    code: str,
    procedure_name: str,
    applicant_name: str,
    received_at: datetime,
    due_at: datetime,
    status: DossierStatus,
    note: str,
    at: datetime,
) -> None:
    """Store a dossier (replacing one with the same code) and its history row."""
    normal = parse_dossier_code(code)
    now = _aware(at).isoformat()
    tx.run(
        "INSERT INTO dossiers (code, procedure_name, applicant_name, received_at, due_at,"
        " status, note, updated_at) VALUES (?,?,?,?,?,?,?,?)"
        " ON CONFLICT (code) DO UPDATE SET procedure_name = excluded.procedure_name,"
        " applicant_name = excluded.applicant_name, received_at = excluded.received_at,"
        " due_at = excluded.due_at, status = excluded.status, note = excluded.note,"
        " updated_at = excluded.updated_at",
        (
            normal,
            procedure_name,
            mask_name(applicant_name),
            _aware(received_at).isoformat(),
            _aware(due_at).isoformat(),
            int(status),
            note,
            now,
        ),
    )
    tx.run(
        "INSERT INTO dossier_status_history (code, status, note, at) VALUES (?,?,?,?)",
        (normal, int(status), note, now),
    )


def set_status(tx: Tx, code: str, status: DossierStatus, note: str | None, at: datetime) -> None:
    """Move a dossier to ``status`` (DossierNotFound when unknown) and record it."""
    normal = parse_dossier_code(code)
    now = _aware(at).isoformat()
    cur = tx.run(
        "UPDATE dossiers SET status = ?, note = COALESCE(?, note), updated_at = ? WHERE code = ?",
        (int(status), note, now, normal),
    )
    if cur.rowcount == 0:
        raise DossierNotFound(normal)
    tx.run(
        "INSERT INTO dossier_status_history (code, status, note, at) VALUES (?,?,?,?)",
        (normal, int(status), note or "", now),
    )


def find(tx: ReadTx, code: str) -> DossierRecord | None:
    row = tx.one(
        "SELECT code, procedure_name, applicant_name, received_at, due_at, status, note"
        " FROM dossiers WHERE code = ?",
        (code,),
    )
    if row is None:
        return None
    status = DossierStatus(row["status"])
    return DossierRecord(
        code=row["code"],
        procedure_name=row["procedure_name"],
        applicant_name=row["applicant_name"],
        received_at=datetime.fromisoformat(row["received_at"]),
        due_at=datetime.fromisoformat(row["due_at"]),
        status=status,
        status_label_vi=status.label_vi,
        note=row["note"],
    )


class LocalDossierStore:
    """Dossiers kept by the center itself, in SQLite (its own file or a shared store)."""

    def __init__(
        self, db_path: str | Path, clock: Clock | None = None, *, store: Store | None = None
    ) -> None:
        self.db_path = Path(db_path)
        self._clock = clock or SystemClock()
        if store is None:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            store = Store(self.db_path, [AREA])
        elif AREA not in store.areas:
            raise ValueError("the store was not opened with the dossiers area")
        self._store = store

    def add(
        self,
        code: str,
        procedure_name: str,
        applicant_name: str,
        received_at: datetime,
        due_at: datetime,
        status: DossierStatus = DossierStatus.RECEIVED,
        note: str = "",
    ) -> DossierRecord:
        """Store a dossier (replacing one with the same code). The name is stored masked."""
        at = self._clock.now()
        self._store.write(
            lambda tx: put(
                tx, code, procedure_name, applicant_name, received_at, due_at, status, note, at
            )
        )
        found = self.get(parse_dossier_code(code))
        assert found is not None
        return found

    def update_status(
        self, code: str, status: DossierStatus, note: str | None = None
    ) -> DossierRecord:
        at = self._clock.now()
        self._store.write(lambda tx: set_status(tx, code, status, note, at))
        found = self.get(parse_dossier_code(code))
        assert found is not None
        return found

    def history(self, code: str) -> list[tuple[DossierStatus, datetime, str]]:
        normal = parse_dossier_code(code)
        rows = self._store.read(
            lambda tx: tx.all(
                "SELECT status, at, note FROM dossier_status_history WHERE code = ? ORDER BY id",
                (normal,),
            )
        )
        return [
            (DossierStatus(r["status"]), datetime.fromisoformat(r["at"]), r["note"]) for r in rows
        ]

    def get(self, code: str) -> DossierRecord | None:
        return self._store.read(lambda tx: find(tx, code))

    def lookup(self, code_or_qr_payload: str) -> DossierRecord | None:
        return self.get(parse_dossier_code(code_or_qr_payload))

    def __len__(self) -> int:
        row = self._store.read(lambda tx: tx.one("SELECT COUNT(*) AS n FROM dossiers"))
        return int(row["n"]) if row else 0

    def close(self) -> None:
        self._store.close()

    def seed_demo(
        self,
        clock: Clock | None = None,
        unit_code: str = "000.00.06.H56",
        timezone: str = "Asia/Ho_Chi_Minh",
    ) -> list[str]:
        """Add a handful of sample dossiers in different statuses (for the demo kiosk).

        Codes are dated relative to ``clock`` so the demo always looks current;
        running it twice on the same day changes nothing.
        """
        clock = clock or self._clock
        tz = ZoneInfo(timezone)
        now = clock.now().astimezone(tz)
        samples = [
            # days ago, seq, procedure, applicant, working days, status, note
            (0, 12, "Đăng ký khai sinh", "Nguyễn Thị Hoa", 0, DossierStatus.RECEIVED, ""),
            (
                2,
                361,
                "Cấp bản sao trích lục hộ tịch",
                "Trần Văn Bình",
                1,
                DossierStatus.FINISHED,
                "Mời nhận kết quả tại quầy số 3.",
            ),
            (3, 47, "Đăng ký thường trú", "Lê Minh Tuấn", 7, DossierStatus.PROCESSING, ""),
            (
                5,
                88,
                "Cấp GCN quyền sử dụng đất lần đầu (hộ gia đình, cá nhân)",
                "Phạm Văn Long",
                20,
                DossierStatus.SUPPLEMENT_REQUIRED,
                "Bổ sung mảnh trích đo bản đồ địa chính.",
            ),
            (
                6,
                5,
                "Cấp hộ chiếu phổ thông trong nước",
                "Hoàng Thị Lan",
                8,
                DossierStatus.PAYMENT_REQUIRED,
                "Nộp lệ phí 200.000 đồng.",
            ),
            (9, 230, "Đăng ký kết hôn", "Vũ Đức Anh", 1, DossierStatus.RETURNED, ""),
            (
                4,
                19,
                "Chứng thực chữ ký",
                "Đỗ Thị Mai",
                0,
                DossierStatus.NOT_ACCEPTED,
                "Thiếu giấy tờ tùy thân bản chính.",
            ),
        ]
        codes = []
        for days_ago, seq, procedure, name, days, status, note in samples:
            received = (now - timedelta(days=days_ago)).replace(
                hour=8 + seq % 3, minute=seq % 60, second=0, microsecond=0
            )
            received = min(received, now)  # early in the morning: not in the future
            code = f"{unit_code}-{received:%y%m%d}-{seq:04d}"
            codes.append(code)
            if self.get(code) is not None:
                continue
            # N working days, roughly N * 7/5 calendar days; the appointment is at 17:00
            due = received.replace(hour=17, minute=0) + timedelta(days=days * 7 // 5)
            self.add(code, procedure, name, received, due, status, note)
        return codes
