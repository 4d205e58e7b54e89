"""TicketFlow against a real QueueService and the sim printer (no Qt)."""

from __future__ import annotations

import pytest

from motcua.kiosk.alerts import AlertKind
from motcua.kiosk.ticket_flow import FlowError, Outcome, PriorityRefused, Step, TicketFlow
from motcua.printer.decoder import QrCode, texts
from motcua.queue.errors import CenterUnavailable
from motcua.queue.models import TicketStatus
from motcua.scanner.cccd_qr import IdCardError

from .conftest import CARD


def take(flow: TicketFlow, service: str = "HT") -> None:
    """Up to the card step (the card comes before the priority group)."""
    s = flow.info.service(service)
    assert s is not None
    step = flow.choose_field(s.field)
    if step == Step.SERVICE:
        step = flow.choose_service(service)
    assert step == Step.ID_SCAN


def skip(flow: TicketFlow, priority: str | None = None) -> None:
    """No card, then the priority group: ready to print."""
    assert flow.skip_id() == Step.PRIORITY
    assert flow.choose_priority(priority) == Step.CONFIRM


def test_fields_group_services_and_keep_config_order(flow: TicketFlow) -> None:
    fields = flow.fields()
    assert fields[0] == "Tư pháp"
    assert [s.code for s in flow.services("Tư pháp")] == ["HT", "CT"]
    assert [s.code for s in flow.services("Công an")] == ["CTR", "XNC"]
    assert len(fields) == len(set(fields)) == 6


def test_field_with_one_service_skips_the_service_step(flow: TicketFlow) -> None:
    assert flow.choose_field("Tài nguyên và Môi trường") == Step.ID_SCAN
    assert flow.service is not None and flow.service.code == "DD"
    assert flow.choose_field("Tư pháp") == Step.SERVICE


def test_a_procedure_preselects_its_service_or_field(flow: TicketFlow) -> None:
    # the service named like the procedure's field: straight to the priority step
    flow.choose_field("Công an")
    assert flow.start_for_procedure("Hộ tịch") == Step.ID_SCAN
    assert flow.service is not None and flow.service.code == "HT"
    assert flow.field == "Tư pháp"
    assert flow.start_for_procedure("  ĐẤT  đai ") == Step.ID_SCAN  # case, accents, spaces
    assert flow.service is not None and flow.service.code == "DD"
    # the center's field of that name: its one service, or its service list
    assert flow.start_for_procedure("Xây dựng") == Step.ID_SCAN
    assert flow.service is not None and flow.service.code == "XD"
    assert flow.start_for_procedure("Công an") == Step.SERVICE
    assert flow.field == "Công an" and flow.service is None
    # no obvious service: the field picker, with nothing left from before
    assert flow.start_for_procedure("Du lịch") == Step.FIELD
    assert flow.field is None and flow.service is None
    assert flow.start_for_procedure("") == Step.FIELD


def test_printed_ticket_goes_to_the_sim_printer(flow: TicketFlow, printer, service) -> None:
    take(flow, "HT")
    skip(flow, "elderly")  # no card: the citizen's word is taken
    result = flow.submit()
    assert result.outcome == Outcome.PRINTED
    assert result.info is not None
    ticket = result.info.ticket
    assert ticket.display_number == "1001"
    assert ticket.priority_group == "elderly"
    assert service.ticket(ticket.id).ticket.status == TicketStatus.WAITING
    assert len(printer.jobs) == 1
    job = printer.jobs[0]
    qrs = [op for op in job.ops if isinstance(op, QrCode)]
    assert qrs and qrs[0].text == result.qr_url
    assert result.qr_url.endswith(f"/t/{ticket.public_code}")
    lines = b"\n".join(t.data for t in texts(job.ops))
    assert b"1001" in lines
    assert flow.step == Step.RESULT


def test_people_ahead_counts_earlier_tickets(flow: TicketFlow) -> None:
    for expected_ahead in (0, 1, 2):
        take(flow, "CT")
        skip(flow)
        result = flow.submit()
        assert result.info is not None and result.info.people_ahead == expected_ahead
        flow.reset()


def test_id_scan_personalises_and_second_ticket_is_the_existing_one(
    flow: TicketFlow, printer
) -> None:
    take(flow, "CTR")
    card = flow.scan_id(CARD)
    assert card.masked_id.endswith("3456")
    assert flow.choose_priority(None) == Step.CONFIRM
    first = flow.submit()
    assert first.outcome == Outcome.PRINTED
    assert first.info is not None and first.info.ticket.citizen_name.startswith("Nguyễn")
    flow.reset()
    take(flow, "CTR")
    flow.scan_id(CARD)
    flow.choose_priority(None)
    second = flow.submit()
    assert second.outcome == Outcome.EXISTING
    assert second.info is not None
    assert second.info.ticket.id == first.info.ticket.id
    assert "đã có số" in second.message_vi
    assert len(printer.jobs) == 1  # not printed again unless asked
    again = flow.reprint()
    assert again.outcome == Outcome.PRINTED
    assert len(printer.jobs) == 2


def test_garbage_scan_is_explained_and_the_flow_waits(flow: TicketFlow) -> None:
    take(flow)
    with pytest.raises(IdCardError) as err:
        flow.scan_id("https://example.com/not-a-card")
    assert err.value.message_vi
    assert flow.step == Step.ID_SCAN
    assert flow.card is None


def test_print_failure_keeps_the_number_and_raises_an_alert(
    flow: TicketFlow, printer, alerts, service
) -> None:
    printer.set_paper_out(True)
    take(flow)
    skip(flow)
    result = flow.submit()
    assert result.outcome == Outcome.NOT_PRINTED
    assert result.info is not None
    assert result.qr_url  # shown on screen instead
    assert "Xin lỗi" in result.message_vi
    assert result.print_result is not None and not result.print_result.ok
    alert = alerts.get(AlertKind.PRINTER)
    assert alert is not None
    assert service.ticket(result.info.ticket.id).ticket.status == TicketStatus.WAITING
    printer.set_paper_out(False)
    assert flow.reprint().outcome == Outcome.PRINTED
    assert alerts.get(AlertKind.PRINTER) is None


class DownCenter:
    """A center that cannot be reached (what HttpCenter raises on a network failure)."""

    def __init__(self, real) -> None:
        self._real = real

    def issue_ticket(self, *a, **k):
        raise CenterUnavailable("Mất kết nối máy chủ", "server unreachable")


def test_center_unavailable_issues_nothing_and_can_retry(
    config, printer, alerts, clock, service
) -> None:
    from motcua.kiosk.ticket_flow import local_info

    flow = TicketFlow(DownCenter(service), printer, local_info(config), alerts, clock)
    take(flow)
    skip(flow)
    result = flow.submit()
    assert result.outcome == Outcome.UNAVAILABLE
    assert result.info is None
    assert "thử lại" in result.message_vi
    assert alerts.get(AlertKind.CENTER) is not None
    assert printer.jobs == []
    assert flow.retry() == Step.CONFIRM
    assert flow.service is not None and flow.service.code == "HT"


def test_unknown_service_is_explained(config, printer, alerts, clock, service) -> None:
    from dataclasses import replace

    from motcua.config import Numbering, ServiceConfig
    from motcua.kiosk.ticket_flow import local_info

    ghost = ServiceConfig("GHOST", "Dịch vụ cũ", "Old service", Numbering("range", 1, 99), "Cũ")
    info = local_info(config)
    info = replace(info, services=(*info.services, ghost))
    flow = TicketFlow(service, printer, info, alerts, clock)
    assert flow.choose_field("Cũ") == Step.ID_SCAN
    skip(flow)
    result = flow.submit()
    assert result.outcome == Outcome.UNKNOWN_SERVICE
    assert "quầy hướng dẫn" in result.message_vi


def test_reset_forgets_everything_but_the_last_slip(flow: TicketFlow) -> None:
    take(flow, "HT")
    flow.scan_id(CARD)
    flow.choose_priority("pregnant")
    flow.submit()
    slip = flow.last_slip
    flow.reset()
    assert (flow.field, flow.service, flow.priority, flow.card, flow.result) == (
        None,
        None,
        None,
        None,
        None,
    )
    assert flow.step == Step.FIELD
    assert flow.last_slip is slip


def test_back_walks_the_steps(flow: TicketFlow) -> None:
    take(flow, "HT")
    skip(flow, "merit")
    assert flow.back() == Step.PRIORITY  # the choice stays shown
    assert flow.priority is not None and flow.priority.code == "merit"
    assert flow.back() == Step.ID_SCAN
    assert flow.priority is None
    assert flow.back() == Step.FIELD  # eight services: one level, no field step
    assert flow.service is None


def test_steps_out_of_order_are_refused(flow: TicketFlow) -> None:
    with pytest.raises(FlowError):
        flow.submit()
    with pytest.raises(FlowError):
        flow.skip_id()


ELDER = "038156001234||Lê Thị Cúc|12031956|Nữ|Xã Quảng Phú, Tỉnh Thanh Hóa|02052021"


def test_a_card_scanned_on_home_starts_with_the_citizen_known(flow: TicketFlow) -> None:
    """Scan on the home screen -> choose the service -> no card step: the priority step
    with the card's age group pre-selected, then print."""
    assert flow.start_with_card(ELDER) == Step.FIELD
    assert flow.card is not None and flow.card.masked_id.endswith("1234")
    assert flow.one_level  # the demo center has eight services
    assert flow.choose_service("HT") == Step.PRIORITY
    assert flow.priority is not None and flow.priority.code == "elderly"
    assert flow.choose_priority("elderly") == Step.CONFIRM
    result = flow.submit()
    assert result.outcome == Outcome.PRINTED
    assert result.info is not None
    assert result.info.ticket.priority_group == "elderly"
    assert result.info.ticket.citizen_name.startswith("Lê")
    # Back from the priority step of a home scan goes to the services, card kept
    flow.reset()
    flow.start_with_card(ELDER)
    flow.choose_service("CT")
    assert flow.back() == Step.FIELD
    assert flow.card is not None


def test_a_card_under_60_is_kindly_refused_the_elderly_group(flow: TicketFlow, service) -> None:
    take(flow, "HT")
    flow.scan_id(CARD)  # born 1990
    assert flow.step == Step.PRIORITY
    assert flow.priority is None  # nothing pre-selected
    with pytest.raises(PriorityRefused) as err:
        flow.choose_priority("elderly")
    assert "chưa đủ 60 tuổi" in err.value.message_vi
    assert "ông/bà" in err.value.message_vi and "not yet 60" in err.value.message_en
    assert flow.step == Step.PRIORITY and flow.priority is None
    assert flow.choose_priority("disability") == Step.CONFIRM  # other groups: their word
    # the center holds the same rule: a client cannot get past the kiosk's check
    from motcua.queue.errors import InvalidRequest

    with pytest.raises(InvalidRequest):
        service.issue_ticket("HT", priority_group="elderly", citizen=flow.card.to_citizen())


def test_home_scan_of_garbage_keeps_nothing(flow: TicketFlow) -> None:
    with pytest.raises(IdCardError):
        flow.start_with_card("hello")
    assert flow.card is None and flow.step == Step.FIELD


def test_wait_line_words() -> None:
    from motcua.kiosk.ticket_flow import wait_line

    assert wait_line(0, 0)[0] == "Không có ai đang chờ"
    assert wait_line(3, 0) == ("3 người đang chờ", "3 waiting")
    assert wait_line(4, 12) == ("4 người đang chờ · khoảng 12 phút", "4 waiting · about 12 min")


def test_queue_waits_come_from_the_center(flow: TicketFlow) -> None:
    take(flow, "DD")
    skip(flow)
    flow.submit()
    waits = flow.queue_waits()
    assert waits["DD"][0] == 1 and waits["HT"] == (0, 0)
