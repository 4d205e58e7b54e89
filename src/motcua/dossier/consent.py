"""The consent a citizen gives before anything is scanned (Nghị định 13/2023/NĐ-CP).

Consent must be specific, informed and provable later: the kiosk shows one of these
texts, the citizen presses "Tôi đồng ý", and the dossier keeps the version shown and
the moment it was accepted. A text is never edited once released: add a version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from motcua.dossier.errors import InvalidDossier


@dataclass(frozen=True)
class ConsentText:
    version: str
    vi: str
    en: str


TEXTS: dict[str, ConsentText] = {
    "2026-11-v1": ConsentText(
        "2026-11-v1",
        "Để nộp hồ sơ, máy sẽ đọc thông tin trên thẻ căn cước của ông/bà (họ tên, số định "
        "danh, ngày sinh, địa chỉ) và chụp lại các giấy tờ ông/bà đưa vào máy.\n"
        "Các thông tin này chỉ dùng để giải quyết thủ tục ông/bà yêu cầu, được gửi đến cơ quan "
        "giải quyết và Cổng dịch vụ công quốc gia, và được lưu theo quy định về lưu trữ hồ sơ.\n"
        "Ông/bà có quyền xem, sửa, hoặc rút lại sự đồng ý bằng cách hỏi cán bộ tại quầy.\n"
        "Nếu không đồng ý, ông/bà vẫn có thể nộp hồ sơ trực tiếp tại quầy.",
        "To submit, this machine reads your ID card (name, ID number, date of birth, "
        "address) and scans the papers you put in.\n"
        "This information is used only to handle the procedure you ask for; it is sent to "
        "the deciding office and the national public-service portal, and kept as the "
        "archiving rules require.\n"
        "You may see, correct or withdraw this consent by asking at a counter.\n"
        "If you do not agree, you can still submit your papers at a counter.",
    ),
}
CURRENT = "2026-11-v1"


@dataclass(frozen=True)
class Consent:
    text_version: str
    accepted_at: datetime

    def to_dict(self) -> dict[str, str]:
        return {"text_version": self.text_version, "accepted_at": self.accepted_at.isoformat()}


def check_consent(text_version: str, accepted_at: datetime, now: datetime) -> Consent:
    if text_version not in TEXTS:
        raise InvalidDossier(
            f"Phiên bản lời đồng ý {text_version!r} không có; cần một trong: {', '.join(TEXTS)}",
            f"unknown consent text version {text_version!r}; known: {', '.join(TEXTS)}",
        )
    if accepted_at.tzinfo is None:
        raise InvalidDossier(
            "Thời điểm đồng ý phải có múi giờ", "consent accepted_at must carry a timezone"
        )
    if accepted_at > now:
        raise InvalidDossier("Thời điểm đồng ý ở tương lai", "consent accepted_at is in the future")
    return Consent(text_version, accepted_at)
