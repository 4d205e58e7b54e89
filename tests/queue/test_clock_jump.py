"""A wall-clock jump never costs a citizen their place (issue 12 item 7,
``motcua.queue.clock_guard``): the jump is an alert, a rollover it would cause is held
until the clock agrees again or a person confirms, and no number is handed out twice."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from motcua.clock import FakeClock
from motcua.queue.models import TicketStatus
from motcua.queue.service import QueueService

FRIDAY = date(2026, 11, 20)


def waiting(svc: QueueService, service: str = "HT") -> int:
    found = svc.snapshot().service(service)
    assert found is not None
    return found.waiting


def test_a_day_ahead_expires_nobody_and_numbers_go_on(svc: QueueService, clock: FakeClock):
    tickets = [svc.issue_ticket("HT").ticket for _ in range(3)]
    clock.jump(days=1)  # someone sets the clock a day ahead at 09:00
    fresh = svc.issue_ticket("HT").ticket
    assert (fresh.number, fresh.day) == (1004, FRIDAY)  # not 1001 of Saturday
    assert waiting(svc) == 4
    assert all(svc.ticket(t.id).ticket.status is TicketStatus.WAITING for t in tickets)
    called = svc.call_next(1)
    assert called is not None and called.id == tickets[0].id  # the first in line is first
    status = svc.clock_status()
    assert status.jumped and status.day_held and status.offset_seconds == 86400
    (vi, en), *_ = svc.warnings()
    assert "motcua clock confirm" in vi and "20/11/2026" in vi and "jumped" in en


def test_the_clock_set_right_again_ends_the_alert(svc: QueueService, clock: FakeClock):
    svc.issue_ticket("HT")
    clock.jump(days=1)
    assert svc.clock_status().day_held
    clock.jump(days=-1, minutes=1)  # corrected (a minute off is within the limit)
    assert not svc.clock_status().jumped and svc.warnings() == []
    assert svc.issue_ticket("HT").ticket.number == 1002 and waiting(svc) == 2


def test_confirming_the_new_time_runs_the_held_rollover(svc: QueueService, clock: FakeClock):
    old = svc.issue_ticket("HT").ticket
    clock.jump(days=1)
    assert svc.issue_ticket("HT").ticket.day == FRIDAY
    status = svc.confirm_clock()
    assert not status.jumped and status.day == FRIDAY + timedelta(days=1)
    fresh = svc.issue_ticket("HT").ticket
    assert (fresh.day, fresh.number) == (FRIDAY + timedelta(days=1), 1001)
    assert svc.ticket(old.id).ticket.status is TicketStatus.EXPIRED


def test_the_held_day_still_ends_at_the_real_midnight(svc: QueueService, clock: FakeClock):
    old = svc.issue_ticket("HT").ticket
    clock.jump(days=1)
    clock.advance(hours=15)  # 09:00 + 15 h: the real midnight has passed
    fresh = svc.issue_ticket("HT").ticket
    assert fresh.day == FRIDAY + timedelta(days=1)  # the monotonic clock's day
    assert svc.ticket(old.id).ticket.status is TicketStatus.EXPIRED
    assert svc.clock_status().jumped  # the clock is still a day off: still said


def test_back_across_midnight_no_number_twice_no_negative_duration(
    svc: QueueService, clock: FakeClock
):
    a = svc.issue_ticket("HT").ticket
    svc.call_next(1)
    svc.start(1)
    clock.jump(hours=-10)  # 09:00 Friday -> 23:00 Thursday
    svc.finish(1)
    b = svc.issue_ticket("HT").ticket
    assert (b.day, b.number) == (FRIDAY, 1002)  # Thursday's 1001 would be a second 1001
    assert svc.ticket(a.id).ticket.status is TicketStatus.DONE
    stats = svc.stats(FRIDAY)
    assert stats.totals.service_seconds.mean == 0.0 and stats.durations_clamped == 1
    assert svc.clock_status().offset_seconds == -36000


def test_a_small_step_is_no_jump(svc: QueueService, clock: FakeClock):
    svc.issue_ticket("HT")
    clock.jump(minutes=4, seconds=59)
    assert not svc.clock_status().jumped and svc.warnings() == []


def test_a_jump_is_logged_once(svc: QueueService, clock: FakeClock, caplog):
    caplog.set_level(logging.WARNING, "motcua.queue.clock_guard")
    clock.jump(minutes=30)
    for _ in range(20):
        svc.issue_ticket("HT")
        svc.snapshot()
    jumps = [r for r in caplog.records if "jumped" in r.getMessage()]
    assert len(jumps) == 1
    clock.jump(minutes=-30)
    svc.issue_ticket("HT")
    agrees = [r for r in caplog.records if "agrees" in r.getMessage()]
    assert len(agrees) == 1


def test_a_restart_keeps_the_held_day(config, clock: FakeClock, db_path):
    with QueueService.open(config, db_path, clock) as svc:
        old = svc.issue_ticket("HT").ticket
        clock.jump(days=1)
    with QueueService.open(config, db_path, clock) as svc:  # same boot: same reference
        assert svc.today() == FRIDAY
        assert svc.ticket(old.id).ticket.status is TicketStatus.WAITING
        assert svc.clock_status().day_held


def test_a_confirmation_reaches_another_process(config, clock: FakeClock, db_path):
    with (
        QueueService.open(config, db_path, clock) as one,
        QueueService.open(config, db_path, clock) as two,
    ):
        one.issue_ticket("HT")
        clock.jump(days=1)
        assert one.clock_status().day_held and two.clock_status().day_held
        one.confirm_clock()
        clock.advance(seconds=3)  # the other looks again within 2 s
        assert not two.clock_status().jumped
        assert two.issue_ticket("HT").ticket.day == FRIDAY + timedelta(days=1)


# --- across a reboot: a wall clock whose day is before the database's last day -----------


def test_a_reboot_with_a_flat_rtc_keeps_the_recorded_day(config, clock: FakeClock, db_path):
    with QueueService.open(config, db_path, clock) as svc:
        waiting_ones = [svc.issue_ticket("HT").ticket for _ in range(3)]
    clock.reboot()
    clock.jump(datetime(2000, 1, 1, 0, 5, tzinfo=UTC) - clock.now())  # the RTC's reset date
    with QueueService.open(config, db_path, clock) as svc:
        assert svc.today() == FRIDAY  # not 2000-01-01
        fresh = svc.issue_ticket("HT").ticket
        # numbering goes on (above the restart's reserved block), no rollover
        assert fresh.day == FRIDAY and fresh.number > waiting_ones[-1].number
        assert all(svc.ticket(t.id).ticket.status is TicketStatus.WAITING for t in waiting_ones)
        status = svc.clock_status()
        assert status.jumped and status.day_held and status.behind_records == FRIDAY
        (vi, en), *_ = svc.warnings()
        assert "01/01/2000" in vi and "20/11/2026" in vi and "RTC" in en
        assert "motcua clock confirm" in vi


def test_ntp_setting_the_clock_right_after_the_reboot_is_trusted(config, clock: FakeClock, db_path):
    with QueueService.open(config, db_path, clock) as svc:
        old = svc.issue_ticket("HT").ticket
    clock.reboot()
    real = clock.now() + timedelta(days=3)  # Monday: the office was shut for the weekend
    clock.jump(datetime(2000, 1, 1, tzinfo=UTC) - clock.now())
    with QueueService.open(config, db_path, clock) as svc:
        assert svc.clock_status().day_held
        clock.advance(seconds=40)
        clock.jump(real - clock.now())  # NTP answers
        status = svc.clock_status()
        assert not status.jumped and status.behind_records is None and svc.warnings() == []
        monday = svc.issue_ticket("HT").ticket
        assert (monday.day, monday.number) == (FRIDAY + timedelta(days=3), 1001)
        assert svc.ticket(old.id).ticket.status is TicketStatus.EXPIRED  # Friday's rollover ran


def test_a_reboot_on_a_later_day_or_an_empty_database_trusts_the_clock(
    config, clock: FakeClock, db_path
):
    with QueueService.open(config, db_path, clock) as svc:  # nothing recorded yet
        assert not svc.clock_status().jumped
        svc.issue_ticket("HT")
    clock.reboot()
    clock.jump(days=1)  # the machine was off overnight: a later day is no proof of anything
    with QueueService.open(config, db_path, clock) as svc:
        assert not svc.clock_status().jumped
        assert svc.today() == FRIDAY + timedelta(days=1)


def test_confirming_a_date_before_the_records_is_a_persons_call(config, clock: FakeClock, db_path):
    with QueueService.open(config, db_path, clock) as svc:
        svc.issue_ticket("HT")
    clock.reboot()
    clock.jump(days=-2)
    with QueueService.open(config, db_path, clock) as svc:
        assert svc.clock_status().behind_records == FRIDAY
        status = svc.confirm_clock()
        assert not status.jumped and status.behind_records is None
        assert status.day == FRIDAY - timedelta(days=2)
