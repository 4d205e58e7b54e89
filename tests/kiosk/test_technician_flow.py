"""TechnicianFlow: the logo gesture, the PIN with lockout, device status and actions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.kiosk.alerts import AlertKind
from motcua.kiosk.technician_flow import PinOutcome, TechnicianFlow
from motcua.pin import hash_pin
from motcua.queue.models import TicketStatus

PIN_HASH = hash_pin("1234", iterations=1000)


@pytest.fixture
def tech(flow, service, printer, alerts, clock) -> TechnicianFlow:
    return TechnicianFlow(
        PIN_HASH, clock, service, printer, flow, alerts, printer_url="sim://", scanner_url="sim://"
    )


def test_five_taps_within_three_seconds(tech, clock) -> None:
    assert [tech.tap_logo() for _ in range(4)] == [False] * 4
    assert tech.tap_logo()
    for _ in range(4):
        tech.tap_logo()
        clock.advance(seconds=1)
    assert not tech.tap_logo()  # five taps over four seconds


def test_demo_config_pin_is_1234(config) -> None:
    from motcua.pin import verify_pin

    assert verify_pin("1234", config.kiosk.technician_pin_hash)


def test_wrong_pins_lock_the_menu(tech, clock) -> None:
    results = [tech.enter_pin("0000") for _ in range(5)]
    assert [r.outcome for r in results] == [PinOutcome.WRONG] * 4 + [PinOutcome.LOCKED]
    assert results[0].attempts_left == 4
    assert tech.enter_pin("1234").outcome == PinOutcome.LOCKED  # even the right one
    clock.advance(timedelta(minutes=5, seconds=1))
    assert tech.enter_pin("1234").outcome == PinOutcome.OK
    assert tech.unlocked


def test_actions_need_the_pin(tech) -> None:
    with pytest.raises(PermissionError):
        tech.close_day()


def test_status_test_print_reprint_and_close_day(tech, flow, printer, service) -> None:
    assert tech.enter_pin("1234").outcome == PinOutcome.OK
    status = tech.device_status()
    assert status.center_ok and status.printer is not None and status.printer.ok
    assert tech.reprint_last() is None
    assert tech.test_print().ok
    assert len(printer.jobs) == 1
    flow.choose_field("Tài nguyên và Môi trường")
    flow.skip_id()
    flow.choose_priority(None)
    ticket = flow.submit().info.ticket
    assert tech.reprint_last().ok
    assert len(printer.jobs) == 3
    printer.set_paper_out(True)
    status = tech.device_status()
    assert not status.printer.ok and status.printer.paper == "out"
    assert not tech.test_print().ok
    assert any(a.device == AlertKind.PRINTER for a in tech.device_status().alerts)
    assert tech.close_day() == 1
    assert service.ticket(ticket.id).ticket.status == TicketStatus.EXPIRED


def test_no_pin_configured(flow, service, printer, alerts, clock) -> None:
    tech = TechnicianFlow("", clock, service, printer, flow, alerts)
    assert tech.enter_pin("1234").outcome == PinOutcome.NOT_SET
