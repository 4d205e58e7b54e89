"""The call policy as pure functions: appointment due, priority, longest wait, the cap."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.config import PolicyConfig
from motcua.queue.call_policy import Candidate, appointment_due, choose

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
POLICY = PolicyConfig(
    max_priority_in_row=2, appointment_early_minutes=15, appointment_late_minutes=30
)


def cand(i: int, svc: str = "HT", minute: int = 0, **kw) -> Candidate:
    return Candidate(id=i, service_code=svc, order_at=T0 + timedelta(minutes=minute), **kw)


def pick(
    cands, counter=1, services=("HT", "CT"), now=T0 + timedelta(hours=1), streak=0, policy=POLICY
):
    return choose(
        cands, counter=counter, services=services, now=now, policy=policy, priority_streak=streak
    )


def test_longest_wait_across_services() -> None:
    c = pick([cand(1, "HT", 5), cand(2, "CT", 3), cand(3, "HT", 4)])
    assert (c.ticket_id, c.reason, c.priority_streak) == (2, "wait", 0)


def test_nobody_eligible() -> None:
    assert pick([]) is None
    assert pick([cand(1, "DD")]) is None
    assert pick([cand(1, "HT", target_counter=6)]) is None


def test_ties_break_by_id() -> None:
    assert pick([cand(7, "HT", 1), cand(3, "CT", 1)]).ticket_id == 3


def test_priority_before_longer_wait_then_cap() -> None:
    normal = cand(1, "HT", 0)
    prios = [cand(i, "HT", i, priority=True) for i in (2, 3, 4)]
    first = pick([normal, *prios], streak=0)
    assert (first.ticket_id, first.reason, first.priority_streak) == (2, "priority", 1)
    second = pick([normal, *prios[1:]], streak=1)
    assert (second.ticket_id, second.priority_streak) == (3, 2)
    third = pick([normal, prios[2]], streak=2)  # cap reached: the normal one goes first
    assert (third.ticket_id, third.reason, third.priority_streak) == (1, "wait", 0)
    fourth = pick([prios[2]], streak=0)
    assert fourth.ticket_id == 4


def test_priority_that_passes_nobody_resets_streak() -> None:
    c = pick([cand(1, "HT", 0, priority=True), cand(2, "HT", 5)], streak=2)
    assert (c.ticket_id, c.reason, c.priority_streak) == (1, "priority", 0)


def test_cap_zero_means_priority_never_passes() -> None:
    policy = replace(POLICY, max_priority_in_row=0)
    c = pick([cand(1, "HT", 0), cand(2, "HT", 1, priority=True)], policy=policy)
    assert c.ticket_id == 1


def test_appointment_due_window() -> None:
    slot = T0 + timedelta(hours=1)
    a = cand(1, appointment_at=slot)
    assert not appointment_due(a, slot - timedelta(minutes=16), POLICY)
    assert appointment_due(a, slot - timedelta(minutes=15), POLICY)
    assert appointment_due(a, slot + timedelta(minutes=30), POLICY)
    assert not appointment_due(a, slot + timedelta(minutes=31), POLICY)


def test_due_appointment_first_even_over_priority_and_cap() -> None:
    slot = T0 + timedelta(hours=1)
    cands = [
        cand(1, "HT", 0),
        cand(2, "HT", 1, priority=True),
        cand(3, "CT", 50, appointment_at=slot),
        cand(4, "CT", 51, appointment_at=slot - timedelta(minutes=10)),
    ]
    c = pick(cands, now=slot, streak=1)
    assert (c.ticket_id, c.reason, c.priority_streak) == (4, "appointment", 1)
    not_due = pick(cands, now=slot - timedelta(minutes=40))
    assert not_due.ticket_id == 2  # appointments not yet due wait like everyone


def test_transferred_to_counter_is_eligible_there_only() -> None:
    t = cand(1, "DD", 0, target_counter=1)
    assert pick([t, cand(2, "HT", 3)]).ticket_id == 1
    assert pick([t], counter=2, services=("DD",)) is None


def test_listed_service_order() -> None:
    policy = replace(POLICY, counter_service_order="listed")
    cands = [cand(1, "CT", 0), cand(2, "HT", 9)]
    assert pick(cands, services=("HT", "CT"), policy=policy).ticket_id == 2
    assert pick(cands, services=("CT", "HT"), policy=policy).ticket_id == 1
    assert pick([cand(1, "CT", 0)], services=("HT", "CT"), policy=policy).ticket_id == 1
    targeted = cand(3, "DD", 20, target_counter=1)
    assert pick([*cands, targeted], services=("HT", "CT"), policy=policy).ticket_id == 3
    assert pick(cands, services=("HT", "CT")).ticket_id == 1  # default "wait"


candidates = st.lists(
    st.builds(
        Candidate,
        id=st.integers(1, 10_000),
        service_code=st.sampled_from(["HT", "CT", "DD"]),
        order_at=st.integers(0, 600).map(lambda m: T0 + timedelta(minutes=m)),
        priority=st.booleans(),
        target_counter=st.sampled_from([None, None, None, 1, 2]),
    ),
    max_size=30,
    unique_by=lambda c: c.id,
)


@settings(max_examples=200, deadline=None)
@given(candidates, st.integers(0, 4), st.integers(0, 3))
def test_policy_properties(cands, cap, streak) -> None:
    """Always an eligible ticket when one exists; never more than `cap` passes in a row."""
    policy = replace(POLICY, max_priority_in_row=cap)
    services = ("HT", "CT")
    pool = [
        c
        for c in cands
        if (c.target_counter or 0) == 1 or (c.target_counter is None and c.service_code in services)
    ]
    streak = min(streak, cap)
    c = pick(cands, services=services, streak=streak, policy=policy)
    if not pool:
        assert c is None
        return
    assert c is not None and c.ticket_id in {p.id for p in pool}
    chosen = next(p for p in pool if p.id == c.ticket_id)
    oldest = min(pool, key=lambda p: (p.order_at, p.id))
    if chosen.id != oldest.id:
        # only a priority ticket passes the oldest, and only a normal oldest counts a pass
        assert chosen.priority and c.priority_streak == streak + 1 <= cap
    assert c.priority_streak <= cap


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 8), st.integers(0, 3), st.integers(0, 20))
def test_no_starvation_sequence(n_normal, cap, n_prio) -> None:
    """Calling repeatedly, a normal ticket waits at most `cap` priority calls after it leads."""
    policy = replace(POLICY, max_priority_in_row=cap)
    waiting = [cand(i, "HT", i) for i in range(n_normal)]
    waiting += [cand(100 + i, "HT", 50 + i, priority=True) for i in range(n_prio)]
    streak, run = 0, 0
    while waiting:
        c = pick(waiting, streak=streak, policy=policy)
        chosen = next(w for w in waiting if w.id == c.ticket_id)
        normals_left = any(not w.priority for w in waiting)
        run = run + 1 if (chosen.priority and normals_left) else 0
        assert run <= cap
        streak = c.priority_streak
        waiting.remove(chosen)
