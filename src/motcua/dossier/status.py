"""Dossier statuses: TrangThaiHoSo as exchanged with the national portal (DOMAIN.md).

Each status carries its label and a plain-language explanation of what it means for
the citizen and what to do next; the lifecycle (which step leads where) is in
``motcua.dossier.lifecycle``.
"""

from __future__ import annotations

from enum import IntEnum

_LABELS: dict[int, tuple[str, str, str, str]] = {
    # code: label vi, label en, explanation vi, explanation en
    0: (
        "Đang lập hồ sơ",
        "Being assembled",
        "Hồ sơ đang được lập (quét giấy tờ), chưa nộp.",
        "The dossier is being assembled (papers scanned) and not yet submitted.",
    ),
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

    DRAFT = 0  # ours, never sent to the portal: created, papers still being scanned
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
    def on_portal(self) -> bool:
        """One of TrangThaiHoSo 1–10 (a draft is never sent)."""
        return self is not DossierStatus.DRAFT

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
