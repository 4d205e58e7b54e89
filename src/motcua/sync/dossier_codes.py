"""Dossier codes and statuses: what a receipt's code holds and what a status means.

``parse_dossier_code`` finds the code (``<unit code>-<yyMMdd>-<4-digit sequence>``,
e.g. ``000.00.06.H56-231027-0361``) in whatever the receipt QR holds: a bare code, a
portal URL, a sentence. ``DossierStatus`` is TrangThaiHoSo as exchanged with the
national portal (DOMAIN.md), each with a label and a plain-language explanation of
what it means for the citizen and what to do next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from urllib.parse import unquote_plus

from motcua.errors import MotcuaError

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


class DossierCodeError(MotcuaError, ValueError):
    """A dossier code (or receipt QR) that is not one."""

    code = "invalid_dossier_code"
    http_status = 422


class DossierNotFound(MotcuaError, LookupError):
    """No dossier has this code; ``dossier_code`` is the code asked for."""

    code = "dossier_not_found"
    http_status = 404

    def __init__(self, dossier_code: str) -> None:
        super().__init__(f"Không tìm thấy hồ sơ {dossier_code}.", f"unknown dossier {dossier_code}")
        self.dossier_code = dossier_code


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
