"""Estimated waits: people ahead x recent mean service time / open counters."""

from __future__ import annotations

from motcua.queue.service import QueueService
from motcua.queue.waits import estimate_minutes


def test_estimate_minutes_formula() -> None:
    assert estimate_minutes(0, 600, 1) == 0
    assert estimate_minutes(3, 480, 4) == 6  # 3 x 8 min / 4 counters = 6
    assert estimate_minutes(1, 480, 4) == 2  # rounded up
    assert estimate_minutes(5, 60, 0) == 5  # a fully paused service still gets a figure


def test_default_service_time_before_anyone_is_served(svc: QueueService) -> None:
    # HT is served by counters 1, 2, 3, 12; default 8 minutes
    infos = [svc.issue_ticket("HT") for _ in range(5)]
    assert [i.people_ahead for i in infos] == [0, 1, 2, 3, 4]
    assert [i.estimated_wait_minutes for i in infos] == [0, 2, 4, 6, 8]
    assert svc.snapshot().service("HT").estimated_wait_minutes == 10  # 5 x 8 / 4


def test_recent_service_times_and_paused_counters(svc: QueueService, clock) -> None:
    for _ in range(2):
        svc.issue_ticket("DD")  # counters 6, 7, 11
    svc.call_next(6)
    svc.start(6)
    clock.advance(minutes=2)
    svc.finish(6)  # 120 s
    svc.call_next(6)  # never started: service time counts from the call
    clock.advance(minutes=4)
    svc.finish(6)  # 240 s -> mean 180 s = 3 min
    for _ in range(4):
        svc.issue_ticket("DD")
    svc.pause(7)
    svc.pause(11)
    info = svc.issue_ticket("DD")
    assert info.people_ahead == 4
    assert info.estimated_wait_minutes == 12  # 4 x 3 min / 1 open counter
    snap = svc.snapshot().service("DD")
    assert (snap.waiting, snap.open_counters, snap.estimated_wait_minutes) == (5, 1, 15)
    svc.resume(7)
    assert svc.ticket(info.ticket.id).estimated_wait_minutes == 6


def test_people_ahead_follow_policy_order(svc: QueueService, clock) -> None:
    a = svc.issue_ticket("HT").ticket
    clock.advance(minutes=1)
    p = svc.issue_ticket("HT", priority_group="merit")
    assert p.people_ahead == 0
    assert svc.ticket(a.id).people_ahead == 1  # the priority ticket goes before it
    svc.issue_ticket("CT")  # other services do not count
    assert svc.ticket(a.id).people_ahead == 1
    svc.call_next(2)
    assert svc.ticket(a.id).people_ahead == 0
    assert svc.ticket(p.ticket.id).people_ahead == 0  # called: nobody ahead


def test_snapshot_counters_and_oldest_wait(svc: QueueService, clock) -> None:
    svc.issue_ticket("HT")
    clock.advance(minutes=3)
    svc.issue_ticket("HT")
    clock.advance(minutes=2)
    snap = svc.snapshot()
    assert snap.service("HT").oldest_wait_seconds == 300
    called = svc.call_next(1)
    snap = svc.snapshot()
    assert snap.counter(1).current.id == called.id
    assert snap.service("HT").last_called == "1001"
    assert snap.service("HT").oldest_wait_seconds == 120
    svc.call_next(1)
    assert svc.snapshot().counter(1).served_today == 1


def test_people_ahead_count_earlier_and_same_instant_tickets(svc: QueueService, clock) -> None:
    early = [svc.issue_ticket("HT") for _ in range(2)]
    clock.advance(minutes=1)
    late = [svc.issue_ticket("HT") for _ in range(3)]
    assert [i.people_ahead for i in early + late] == [0, 1, 2, 3, 4]
    # asked again later: earlier issue times first, then the same instant by id
    assert [svc.ticket(i.ticket.id).people_ahead for i in early + late] == [0, 1, 2, 3, 4]
    svc.call_next(1)
    assert [svc.ticket(i.ticket.id).people_ahead for i in late] == [1, 2, 3]
