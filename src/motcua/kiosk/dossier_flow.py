"""Dossier status: scan the receipt QR or type the code, then say what it means.

The lookup goes through ``DossierLookup`` (the center's own store today, the
portal later). Each status gets a plain explanation of what happens next,
because "Yêu cầu bổ sung giấy tờ" alone does not tell a citizen to come back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from motcua.sync.dossier_status import DossierLookup, DossierRecord

log = logging.getLogger(__name__)

# TrangThaiHoSo codes (DOMAIN.md) -> (what it means and what to do, vi / en)
EXPLANATIONS: dict[int, tuple[str, str]] = {
    1: (
        "Hồ sơ đã được đăng ký, đang chờ cán bộ tiếp nhận. Ông/bà chưa cần làm gì thêm.",
        "The dossier is registered and waits to be received. Nothing to do yet.",
    ),
    2: (
        "Hồ sơ đã được tiếp nhận và sẽ được chuyển xử lý. Xin chờ đến ngày hẹn trả.",
        "The dossier was received and goes to processing. Please wait for the due date.",
    ),
    3: (
        "Hồ sơ không được tiếp nhận. Xin ông/bà xem ghi chú và hỏi cán bộ tại quầy.",
        "The dossier was not accepted. Please read the note and ask at a counter.",
    ),
    4: (
        "Hồ sơ đang được xử lý. Xin ông/bà chờ đến ngày hẹn trả kết quả.",
        "The dossier is being processed. Please wait until the due date.",
    ),
    5: (
        "Cần bổ sung giấy tờ. Xin ông/bà mang giấy tờ theo ghi chú đến quầy tiếp nhận.",
        "More papers are needed. Please bring the papers in the note to a counter.",
    ),
    6: (
        "Cần nộp phí, lệ phí hoặc nghĩa vụ tài chính. Xin ông/bà đến quầy để được hướng dẫn.",
        "A fee or financial obligation is due. Please go to a counter for guidance.",
    ),
    7: (
        "Ông/bà đã yêu cầu rút hồ sơ. Xin đến quầy để nhận lại giấy tờ.",
        "You asked to withdraw the dossier. Please collect your papers at a counter.",
    ),
    8: (
        "Hồ sơ đã dừng xử lý. Xin ông/bà xem ghi chú và hỏi cán bộ tại quầy.",
        "Processing has stopped. Please read the note and ask at a counter.",
    ),
    9: (
        "Hồ sơ đã xử lý xong. Mời ông/bà mang giấy hẹn đến quầy trả kết quả.",
        "The dossier is done. Please bring your receipt to the results counter.",
    ),
    10: (
        "Kết quả đã được trả. Hồ sơ đã hoàn tất.",
        "The result has been handed over. The dossier is complete.",
    ),
}


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


def status_number(status: object) -> int | None:
    value = getattr(status, "value", status)
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def explain(record: DossierRecord) -> tuple[str, str]:
    number = status_number(record.status)
    if number in EXPLANATIONS:
        return EXPLANATIONS[number]
    return (record.status_label_vi, record.status_label_vi)


class DossierFlow:
    def __init__(self, lookup: DossierLookup) -> None:
        self._lookup = lookup
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
        from motcua.sync.dossier_status import DossierCodeError

        if not text:
            return DossierResult(
                DossierOutcome.EMPTY,
                "Xin ông/bà quét mã QR trên giấy hẹn hoặc nhập mã hồ sơ.",
                "Please scan the QR code on your receipt or type the dossier code.",
            )
        try:
            record = self._lookup.lookup(text)
        except DossierCodeError as exc:
            vi = getattr(exc, "message_vi", str(exc))
            en = getattr(exc, "message_en", str(exc))
            return DossierResult(
                DossierOutcome.MALFORMED,
                f"Mã hồ sơ chưa đúng dạng ({vi}). Mã hồ sơ in trên giấy hẹn, có dạng "
                "000.00.06.H56-231027-0361. Xin kiểm tra lại hoặc quét mã QR.",
                f"This is not a dossier code ({en}). The code is printed on your receipt, "
                "like 000.00.06.H56-231027-0361. Please check it or scan the QR code.",
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
        vi, en = explain(record)
        return DossierResult(DossierOutcome.FOUND, vi, en, record)
