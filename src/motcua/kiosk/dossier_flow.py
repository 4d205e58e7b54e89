"""Dossier status: scan the receipt QR or type the code, then say what it means.

The lookup goes through ``DossierLookup`` (the center's own store today, the
portal later). Each status comes with the plain explanation of what happens
next that ``DossierStatus`` carries, because "Yêu cầu bổ sung giấy tờ" alone
does not tell a citizen to come back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from motcua.clock import Clock
from motcua.sync.dossier_status import DossierCodeError, DossierLookup, DossierRecord

log = logging.getLogger(__name__)


class DossierOutcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    MALFORMED = "malformed"
    EMPTY = "empty"
    ERROR = "error"


@dataclass(frozen=True)
class DossierResult:
    outcome: DossierOutcome
    message_vi: str
    message_en: str
    record: DossierRecord | None = None


class DossierFlow:
    def __init__(self, lookup: DossierLookup, clock: Clock | None = None) -> None:
        self._lookup = lookup
        self._clock = clock
        self.reset()

    def reset(self) -> None:
        self.text = ""
        self.result: DossierResult | None = None

    def look_up(self, code_or_qr: str) -> DossierResult:
        """Blocking (a portal lookup may go over the network)."""
        self.text = code_or_qr.strip()
        self.result = self._look_up(self.text)
        return self.result

    def _look_up(self, text: str) -> DossierResult:
        if not text:
            return DossierResult(
                DossierOutcome.EMPTY,
                "Xin ông/bà quét mã QR trên giấy hẹn hoặc nhập mã hồ sơ.",
                "Please scan the QR code on your receipt or type the dossier code.",
            )
        try:
            record = self._lookup.lookup(text)
        except DossierCodeError as exc:
            # its message already says what a code looks like and to scan the QR instead
            return DossierResult(
                DossierOutcome.MALFORMED,
                getattr(exc, "message_vi", str(exc)),
                getattr(exc, "message_en", str(exc)),
            )
        except Exception:
            log.exception("dossier lookup failed")
            return DossierResult(
                DossierOutcome.ERROR,
                "Chưa tra cứu được lúc này. Xin ông/bà thử lại sau hoặc hỏi cán bộ tại quầy.",
                "The lookup failed just now. Please try again later or ask at a counter.",
            )
        if record is None:
            return DossierResult(
                DossierOutcome.NOT_FOUND,
                "Không tìm thấy hồ sơ có mã này. Xin kiểm tra lại mã trên giấy hẹn; hồ sơ nộp "
                "ở nơi khác có thể chưa có tại đây, xin hỏi cán bộ tại quầy.",
                "No dossier has this code. Please check the code on your receipt; a dossier "
                "filed elsewhere may not be here yet, please ask at a counter.",
            )
        status = record.status
        vi, en = status.explanation_vi, status.explanation_en
        if self._clock is not None and record.overdue(self._clock.now()):
            vi += (
                " Hồ sơ đã quá ngày hẹn trả. Chúng tôi thành thật xin lỗi ông/bà; xin hỏi cán bộ "
                "tại quầy để biết lý do và ngày trả mới."
            )
            en += (
                " The dossier is past its due date. We sincerely apologise; please ask at a "
                "counter for the reason and the new date."
            )
        return DossierResult(DossierOutcome.FOUND, vi, en, record)
