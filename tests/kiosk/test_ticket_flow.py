"""TicketFlow against a real QueueService and the sim printer (no Qt)."""

from __future__ import annotations

import pytest

from motcua.kiosk.alerts import AlertKind
from motcua.kiosk.ticket_flow import FlowError, Outcome, Step, TicketFlow
from motcua.printer.decoder import QrCode, texts
from motcua.queue.errors import CenterUnavailable
from motcua.queue.models import TicketStatus
from motcua.scanner.cccd_qr import IdCardError

from .conftest import CARD


def take(flow: TicketFlow, service: str = "HT", priority: str | None = None) -> None:
    s = flow.info.service(service)
    assert s is not None
    step = flow.choose_field(s.field)
    if step == Step.SERVICE:
        step = flow.choose_service(service)
    assert step == Step.PRIORITY
    assert flow.choose_priority(priority) == Step.ID_SCAN


def test_fields_group_services_and_keep_config_order(flow: TicketFlow) -> None:
    fields = flow.fields()
    assert fields[0] == "Tư pháp"
    assert [s.code for s in flow.services("Tư pháp")] == ["HT", "CT"]
    assert [s.code for s in flow.services("Công an")] == ["CTR", "XNC"]
    assert len(fields) == len(set(fields)) == 6


def test_field_with_one_service_skips_the_service_step(flow: TicketFlow) -> None:
    assert flow.choose_field("Tài nguyên và Môi trường") == Step.PRIORITY
    assert flow.service is not None and flow.service.code == "DD"
    assert flow.choose_field("Tư pháp") == Step.SERVICE


def test_printed_ticket_goes_to_the_sim_printer(flow: TicketFlow, printer, service) -> None:
    take(flow, "HT", priority="elderly")
    assert flow.skip_id() == Step.CONFIRM
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
        flow.skip_id()
        result = flow.submit()
        assert result.info is not None and result.info.people_ahead == expected_ahead
        flow.reset()


def test_id_scan_personalises_and_second_ticket_is_the_existing_one(
    flow: TicketFlow, printer
) -> None:
    take(flow, "CTR")
    card = flow.scan_id(CARD)
    assert card.masked_id.endswith("3456")
    first = flow.submit()
    assert first.outcome == Outcome.PRINTED
    assert first.info is not None and first.info.ticket.citizen_name.startswith("Nguyễn")
    flow.reset()
    take(flow, "CTR")
    flow.scan_id(CARD)
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
    flow.skip_id()
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
    flow.skip_id()
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
    assert flow.choose_field("Cũ") == Step.PRIORITY
    flow.choose_priority(None)
    flow.skip_id()
    result = flow.submit()
    assert result.outcome == Outcome.UNKNOWN_SERVICE
    assert "quầy hướng dẫn" in result.message_vi


def test_reset_forgets_everything_but_the_last_slip(flow: TicketFlow) -> None:
    take(flow, "HT", "pregnant")
    flow.scan_id(CARD)
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
    flow.skip_id()
    assert flow.back() == Step.ID_SCAN
    assert flow.back() == Step.PRIORITY
    assert flow.back() == Step.SERVICE
    assert flow.back() == Step.FIELD


def test_steps_out_of_order_are_refused(flow: TicketFlow) -> None:
    with pytest.raises(FlowError):
        flow.submit()
    with pytest.raises(FlowError):
        flow.skip_id()
