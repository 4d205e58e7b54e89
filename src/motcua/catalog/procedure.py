"""One administrative procedure (thủ tục hành chính) as the kiosk shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from motcua.catalog.papers import Paper, parse_paper, parse_working_days

ONLINE_FULL = "Toàn trình"  # fully online (old level 4)
ONLINE_PARTIAL = "Một phần"  # partly online (old level 3)
ONLINE_INFO = "Cung cấp thông tin"  # information only (old level 2)
ONLINE_LEVELS = (ONLINE_FULL, ONLINE_PARTIAL, ONLINE_INFO)

PORTAL_URL = (
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
)


@dataclass(frozen=True)
class Procedure:
    code: str  # national code, e.g. "1.000894"
    name: str
    field: str  # lĩnh vực, e.g. "Hộ tịch"
    agency_level: str  # "Cấp tỉnh" | "Cấp xã" | "Cấp Trung ương"
    processing_time: str  # as published: "01 ngày làm việc"
    fee: str  # as published: "Miễn lệ phí", "8.000 đồng/bản sao"
    online_level: str  # one of ONLINE_LEVELS
    papers: tuple[str, ...]  # thành phần hồ sơ
    online_url: str
    legal_basis: str = ""

    @property
    def online(self) -> bool:
        """Can the citizen submit it online at all (fully or partly)?"""
        return self.online_level in (ONLINE_FULL, ONLINE_PARTIAL)

    @property
    def working_days(self) -> int | None:
        """Legal processing time in working days (0: "Trong ngày"; None: not stated)."""
        return parse_working_days(self.processing_time)

    @property
    def checklist(self) -> tuple[Paper, ...]:
        """The papers as records (name, form, copies, required or "nếu có")."""
        return tuple(parse_paper(p) for p in self.papers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "field": self.field,
            "agency_level": self.agency_level,
            "processing_time": self.processing_time,
            "fee": self.fee,
            "online_level": self.online_level,
            "papers": list(self.papers),
            "online_url": self.online_url,
            "legal_basis": self.legal_basis,
        }
