"""Dossier status lookup: "where is my application?" at the kiosk.

The citizen scans the QR on the receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả)
or types the dossier code. ``parse_dossier_code`` finds the code in whatever the
QR holds (a bare code, a portal URL, a sentence); a ``DossierLookup`` answers with
a ``DossierRecord``. The first lookup is the center's own store
(``LocalDossierStore``); the national-portal adapter will implement the same
Protocol later, so the kiosk does not change.

Statuses are the TrangThaiHoSo codes used when syncing with the national portal
(DOMAIN.md), each with a plain-language explanation of what it means for the
citizen and what to do next.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import IntEnum
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote_plus
from zoneinfo import ZoneInfo

from motcua.clock import Clock, SystemClock
from motcua.logs import mask_name

_LABELS: dict[int, tuple[str, str, str, str]] = {
    # code: label vi, label en, explanation vi, explanation en
    1: (
        "Mới đăng ký",
        "Newly registered",
        "Hồ sơ đã được đăng ký và đang chờ cán bộ tiếp nhận kiểm tra.",
        "The dossier is registered and waiting to be checked by an officer.",
    ),
    2: (
        "Được tiếp nhận",
        "Received",
        "Hồ sơ đã được tiếp nhận và đang được chuyển đến cơ quan giải quyết. "
        "Ông/bà chưa cần làm gì thêm.",
        "The dossier was received and is on its way to the deciding office. Nothing to do yet.",
    ),
    3: (
        "Không được tiếp nhận",
        "Not accepted",
        "Hồ sơ không được tiếp nhận. Xin ông/bà xem ghi chú bên dưới hoặc hỏi tại quầy "
        "tiếp nhận để biết lý do và cách nộp lại.",
        "The dossier was not accepted. See the note or ask at the reception desk.",
    ),
    4: (
        "Đang xử lý",
        "In progress",
        "Hồ sơ đang được xử lý. Ông/bà chưa cần làm gì thêm; xin quay lại vào ngày hẹn "
        "trả kết quả ghi trên giấy tiếp nhận.",
        "The dossier is being processed. Come back on the appointment date on your receipt.",
    ),
    5: (
        "Yêu cầu bổ sung giấy tờ",
        "More papers needed",
        "Cơ quan giải quyết cần thêm giấy tờ. Xin ông/bà mang giấy tờ bổ sung (xem ghi chú) "
        "và giấy tiếp nhận đến quầy tiếp nhận.",
        "The office needs more papers. Bring them (see the note) and your receipt to the desk.",
    ),
    6: (
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        "Payment needed",
        "Ông/bà cần nộp phí, lệ phí hoặc thuế trước khi hồ sơ được giải quyết tiếp. "
        "Xin đến quầy thu hoặc nộp trực tuyến.",
        "Fees or taxes must be paid before the dossier can continue.",
    ),
    7: (
        "Công dân yêu cầu rút hồ sơ",
        "Withdrawn by the citizen",
        "Hồ sơ đã được rút theo yêu cầu của ông/bà. Giấy tờ gốc được trả lại tại quầy.",
        "The dossier was withdrawn at your request. Original papers are returned at the desk.",
    ),
    8: (
        "Dừng xử lý",
        "Stopped",
        "Hồ sơ đã dừng xử lý. Xin ông/bà hỏi tại quầy tiếp nhận để biết lý do.",
        "Processing has stopped. Please ask at the reception desk why.",
    ),
    9: (
        "Đã xử lý xong",
        "Ready",
        "Hồ sơ đã giải quyết xong. Mời ông/bà mang giấy tiếp nhận đến quầy trả kết quả để nhận.",
        "The result is ready. Bring your receipt to the results counter to collect it.",
    ),
    10: (
        "Đã trả kết quả",
        "Result returned",
        "Kết quả đã được trả cho ông/bà. Hồ sơ đã hoàn tất.",
        "The result has been handed over. The dossier is complete.",
    ),
}


class DossierStatus(IntEnum):
    """TrangThaiHoSo as exchanged with the national portal."""

    NEW = 1
    RECEIVED = 2
    NOT_ACCEPTED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUIRED = 5
    PAYMENT_REQUIRED = 6
    WITHDRAWN = 7
    STOPPED = 8
    FINISHED = 9
    RETURNED = 10

    @property
    def label_vi(self) -> str:
        return _LABELS[self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self.value][1]

    @property
    def explanation_vi(self) -> str:
        return _LABELS[self.value][2]

    @property
    def explanation_en(self) -> str:
        return _LABELS[self.value][3]

    @property
    def needs_citizen(self) -> bool:
        """The citizen has to do something (bring papers, pay, collect the result)."""
        return self in (
            DossierStatus.SUPPLEMENT_REQUIRED,
            DossierStatus.PAYMENT_REQUIRED,
            DossierStatus.FINISHED,
        )

    @property
    def closed(self) -> bool:
        return self in (
            DossierStatus.NOT_ACCEPTED,
            DossierStatus.WITHDRAWN,
            DossierStatus.STOPPED,
            DossierStatus.RETURNED,
        )


class DossierCodeError(ValueError):
    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


class DossierNotFound(LookupError):
    def __init__(self, code: str) -> None:
        super().__init__(f"unknown dossier {code}")
        self.code = code
        self.message_vi = f"Không tìm thấy hồ sơ {code}."


_CODE = re.compile(
    r"(?<![0-9A-Za-z.])(\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2})\s*-\s*(\d{6})\s*-\s*(\d{4})(?!\d)",
    re.ASCII,
)

_CODE_HELP_VI = (
    "Mã hồ sơ không đúng. Mã hồ sơ in trên giấy tiếp nhận, có dạng "
    "000.00.06.H56-231027-0361. Xin ông/bà quét mã QR trên giấy hoặc gõ lại."
)
_CODE_HELP_EN = (
    "Not a dossier code. It is printed on the receipt and looks like "
    "000.00.06.H56-231027-0361. Scan the receipt QR or type it again."
)


@dataclass(frozen=True)
class DossierCode:
    unit_code: str  # "000.00.06.H56"
    received_on: date
    sequence: int

    def __str__(self) -> str:
        return f"{self.unit_code}-{self.received_on:%y%m%d}-{self.sequence:04d}"


def split_dossier_code(text: str) -> DossierCode:
    """Find and validate a dossier code in ``text`` (a code, a URL, any QR text)."""
    if not isinstance(text, str) or not text.strip() or len(text) > 2000:
        raise DossierCodeError(_CODE_HELP_VI, _CODE_HELP_EN)
    match = _CODE.search(unquote_plus(text.strip()))
    if match is None:
        raise DossierCodeError(_CODE_HELP_VI, _CODE_HELP_EN)
    unit, ymd, seq = match.groups()
    try:
        day = date(2000 + int(ymd[:2]), int(ymd[2:4]), int(ymd[4:]))
    except ValueError:
        raise DossierCodeError(
            f"Mã hồ sơ có ngày tiếp nhận không hợp lệ ({ymd}). {_CODE_HELP_VI}",
            f"The dossier code holds an invalid date ({ymd}). {_CODE_HELP_EN}",
        ) from None
    if int(seq) == 0:
        raise DossierCodeError(_CODE_HELP_VI, _CODE_HELP_EN)
    return DossierCode(unit.upper(), day, int(seq))


def parse_dossier_code(text: str) -> str:
    """The normalised dossier code found in ``text``; DossierCodeError when there is none."""
    return str(split_dossier_code(text))


@dataclass(frozen=True)
class DossierRecord:
    code: str
    procedure_name: str
    applicant_name: str  # masked: "Nguyễn V. A."
    received_at: datetime
    due_at: datetime
    status: DossierStatus
    status_label_vi: str
    note: str = ""

    @property
    def explanation_vi(self) -> str:
        return self.status.explanation_vi

    def overdue(self, now: datetime) -> bool:
        """Past its appointment and not yet finished (a late dossier: say sorry, say why)."""
        return (
            now > self.due_at
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


def _masked(name: str) -> str:
    """Mask a full name; keep a name that is already masked ("Nguyễn V. A.") as it is."""
    parts = name.split()
    if len(parts) > 1 and all(p.endswith(".") and len(p) <= 3 for p in parts[1:]):
        return " ".join(parts)
    return mask_name(name)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("dossier times must be timezone-aware")
    return value.astimezone(UTC)


class LocalDossierStore:
    """Dossiers kept by the center itself, in SQLite (its own file or a shared DB)."""

    def __init__(self, db_path: str | Path, clock: Clock | None = None) -> None:
        self.db_path = Path(db_path)
        self._clock = clock or SystemClock()
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.executescript(
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
                """
            )

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # One short-lived connection per call: safe from any thread (kiosk workers).
        with closing(sqlite3.connect(self.db_path, timeout=5)) as con, con:
            yield con

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
        normal = parse_dossier_code(code)
        now = self._clock.now().astimezone(UTC).isoformat()
        with self._connect() as con:
            con.execute(
                "INSERT OR REPLACE INTO dossiers (code, procedure_name, applicant_name,"
                " received_at, due_at, status, note, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                (
                    normal,
                    procedure_name,
                    _masked(applicant_name),
                    _aware(received_at).isoformat(),
                    _aware(due_at).isoformat(),
                    int(status),
                    note,
                    now,
                ),
            )
            con.execute(
                "INSERT INTO dossier_status_history (code, status, note, at) VALUES (?,?,?,?)",
                (normal, int(status), note, now),
            )
        found = self.get(normal)
        assert found is not None
        return found

    def update_status(
        self, code: str, status: DossierStatus, note: str | None = None
    ) -> DossierRecord:
        normal = parse_dossier_code(code)
        now = self._clock.now().astimezone(UTC).isoformat()
        with self._connect() as con:
            cur = con.execute(
                "UPDATE dossiers SET status = ?, note = COALESCE(?, note), updated_at = ?"
                " WHERE code = ?",
                (int(status), note, now, normal),
            )
            if cur.rowcount == 0:
                raise DossierNotFound(normal)
            con.execute(
                "INSERT INTO dossier_status_history (code, status, note, at) VALUES (?,?,?,?)",
                (normal, int(status), note or "", now),
            )
        found = self.get(normal)
        assert found is not None
        return found

    def history(self, code: str) -> list[tuple[DossierStatus, datetime, str]]:
        normal = parse_dossier_code(code)
        with self._connect() as con:
            rows = con.execute(
                "SELECT status, at, note FROM dossier_status_history WHERE code = ? ORDER BY id",
                (normal,),
            ).fetchall()
        return [(DossierStatus(s), datetime.fromisoformat(at), n) for s, at, n in rows]

    def get(self, code: str) -> DossierRecord | None:
        with self._connect() as con:
            row = con.execute(
                "SELECT code, procedure_name, applicant_name, received_at, due_at, status, note"
                " FROM dossiers WHERE code = ?",
                (code,),
            ).fetchone()
        if row is None:
            return None
        status = DossierStatus(row[5])
        return DossierRecord(
            code=row[0],
            procedure_name=row[1],
            applicant_name=row[2],
            received_at=datetime.fromisoformat(row[3]),
            due_at=datetime.fromisoformat(row[4]),
            status=status,
            status_label_vi=status.label_vi,
            note=row[6],
        )

    def lookup(self, code_or_qr_payload: str) -> DossierRecord | None:
        return self.get(parse_dossier_code(code_or_qr_payload))

    def __len__(self) -> int:
        with self._connect() as con:
            return int(con.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0])

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
