"""Sample slips for previews, test pages and benchmarks (synthetic people)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from motcua.config import Config, ServiceConfig
from motcua.printer.dossier_slips import DossierSlip, SlipKind
from motcua.printer.slips import DossierReceipt, ReceivedPaper, TicketSlip, ticket_footer
from motcua.public_url import base_url


def sample_ticket(
    config: Config,
    service: ServiceConfig | None = None,
    issued_at: datetime | None = None,
    **overrides: object,
) -> TicketSlip:
    """A ticket as the kiosk would print it for ``service`` (the first by default)."""
    service = service or config.services[0]
    number = service.numbering.display(service.numbering.first() + 22)
    values: dict[str, object] = dict(
        center_name=config.center.name,
        service_name=service.name,
        display_number=number,
        people_ahead=7,
        estimated_wait_minutes=25,
        issued_at=issued_at or datetime(2026, 11, 20, 2, 5, tzinfo=UTC),
        qr_url=f"{base_url(config)}/t/{service.code}-{number}-7f3a",
        timezone=config.center.timezone,
        footer=ticket_footer(config.center),
    )
    values.update(overrides)
    return TicketSlip(**values)  # type: ignore[arg-type]


def sample_receipt(config: Config, received_at: datetime | None = None) -> DossierReceipt:
    received = received_at or datetime(2026, 11, 20, 2, 15, tzinfo=UTC)
    code = f"{config.center.unit_code or '000.00.00.H56'}-261120-0361"
    return DossierReceipt(
        center_name=config.center.name,
        dossier_code=code,
        lookup_url=f"{base_url(config)}/hs/{code}",
        applicant_name="Nguyễn Văn An",
        address="Số 12 đường Trần Phú, Phường Hạc Thành, Tỉnh Thanh Hóa",
        phone="0912 345 678",
        email="nguyenvanan@example.vn",
        id_number="038090123456",
        request="Đăng ký khai sinh (1.001193)",
        papers=(
            ReceivedPaper("Tờ khai đăng ký khai sinh", "original"),
            ReceivedPaper("Giấy chứng sinh", "original"),
            ReceivedPaper("Căn cước của cha, mẹ", "photocopy", copies=2),
            ReceivedPaper("Giấy chứng nhận kết hôn của cha, mẹ", "certified_copy"),
        ),
        sets=1,
        processing_days=1,
        received_at=received,
        appointment_at=_next_working_day(received, config.center.timezone),
        collect_at="Quầy số 1, Trung tâm Phục vụ hành chính công tỉnh",
        receiver_name="Lê Thị Hoa",
        timezone=config.center.timezone,
    )


def _next_working_day(received: datetime, timezone: str) -> datetime:
    """The sample's return time: one working day later (Sat/Sun skipped), 14:00 local.

    Only for previews; the dossier intake counts working days with holidays.
    """
    from zoneinfo import ZoneInfo

    local = received.astimezone(ZoneInfo(timezone))
    day = local + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day.replace(hour=14, minute=0, second=0, microsecond=0)


_SLIP_NOTES: dict[str, str] = {
    "intake": "",
    "supplement": "Giấy xác nhận tình trạng hôn nhân (bản chính)",
    "reject": "Hồ sơ không thuộc thẩm quyền giải quyết của xã",
}


def sample_slip(config: Config, kind: SlipKind) -> DossierSlip:
    """A dossier slip of ``kind`` (intake / supplement / reject) for benches and tests."""
    intake = kind == "intake"
    return DossierSlip(
        kind=kind,
        center_name=config.center.name,
        dossier_code=f"{config.center.unit_code or '000.00.00.H56'}-261120-0001",
        procedure="Đăng ký kết hôn (1.000894)",
        applicant_name="Nguyễn V. A.",
        at=datetime(2026, 11, 20, 2, 10, tzinfo=UTC),
        papers=("Tờ khai đăng ký kết hôn theo mẫu", "Căn cước của hai bên nam, nữ"),
        note=_SLIP_NOTES[kind],
        ticket_number="1005" if intake else "",
        counter_hint="Quầy tiếp nhận Hộ tịch" if intake else "",
        timezone=config.center.timezone,
    )
