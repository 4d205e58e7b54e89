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
    return TechnicianFlow(PIN_HASH, clock, service, printer, flow, alerts)


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
    assert status.center_ok and not status.alerts
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
    status = tech.device_status()  # it asks the printer: what it says now is the alert
    assert [a.device for a in status.alerts] == [AlertKind.PRINTER]
    assert not tech.test_print().ok
    printer.set_paper_out(False)
    assert tech.device_status().alerts == ()  # and the alert goes when the paper is back
    assert tech.close_day() == 1
    assert service.ticket(ticket.id).ticket.status == TicketStatus.EXPIRED


def test_no_pin_configured(flow, service, printer, alerts, clock) -> None:
    tech = TechnicianFlow("", clock, service, printer, flow, alerts)
    assert tech.enter_pin("1234").outcome == PinOutcome.NOT_SET


def test_wrong_pins_survive_a_restart_and_each_lockout_is_longer(
    flow, service, printer, alerts, clock, tmp_path
) -> None:
    from motcua.kiosk.pin_lockout import PinLockout

    def kiosk() -> TechnicianFlow:  # a kiosk (re)started on the same state file
        lockout = PinLockout(clock, tmp_path / "kiosk-state.db")
        return TechnicianFlow(PIN_HASH, clock, service, printer, flow, alerts, lockout=lockout)

    first = kiosk()
    assert [first.enter_pin("0000").attempts_left for _ in range(3)] == [4, 3, 2]
    first.lockout.close()
    again = kiosk()  # the restart does not give five more tries
    assert again.enter_pin("0000").attempts_left == 1
    locked = again.enter_pin("0000")
    assert locked.outcome == PinOutcome.LOCKED and locked.locked_seconds == 300
    again.lockout.close()
    third = kiosk()
    assert third.enter_pin("1234").outcome == PinOutcome.LOCKED  # still locked after restart
    clock.advance(timedelta(minutes=5, seconds=1))
    outcomes = [third.enter_pin("0000") for _ in range(5)]
    assert outcomes[-1].outcome == PinOutcome.LOCKED
    assert outcomes[-1].locked_seconds == 600  # the second lockout: twice as long
    clock.advance(timedelta(minutes=10, seconds=1))
    assert third.enter_pin("1234").outcome == PinOutcome.OK  # the right PIN resets it all
    assert third.lockout.state().lockouts == 0
    third.lockout.close()


def test_the_demo_pin_is_refused_in_a_real_configuration(
    flow, service, printer, alerts, clock, config
) -> None:
    demo = config.kiosk.technician_pin_hash
    tech = TechnicianFlow(demo, clock, service, printer, flow, alerts, refuse_demo_pin=True)
    assert tech.enter_pin("1234").outcome == PinOutcome.NOT_SET
    assert tech.demo_pin_refused and not tech.unlocked
    demo_kiosk = TechnicianFlow(demo, clock, service, printer, flow, alerts)
    assert demo_kiosk.enter_pin("1234").outcome == PinOutcome.OK  # the demo itself still opens


def test_only_an_unlocked_menu_may_quit(tech) -> None:
    with pytest.raises(PermissionError):
        tech.quit()
    assert not tech.quitting
    tech.enter_pin("1234")
    tech.quit()
    assert tech.quitting
