"""The outbox and its sender against the reference portal (in-process)."""

from __future__ import annotations

import random
import time
from datetime import timedelta

import pytest
from tests.sync.helpers import T0, check_portal, queue_dossier

from motcua.clock import FakeClock
from motcua.sync import outbox
from motcua.sync.db import open_outbox_store
from motcua.sync.dvcqg import DvcqgPortal
from motcua.sync.sender import Sender, SenderSettings, backoff
from motcua.sync.sim import PortalSim, SimServer, SimSettings


@pytest.fixture
def sim():
    server = SimServer(PortalSim(SimSettings(seed=7))).start()
    yield server
    server.stop()


@pytest.fixture
def db(tmp_path):
    d = open_outbox_store(tmp_path / "center.db")
    yield d
    d.close()


def wait_until(cond, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.02)
    return False


def backlog(db) -> int:
    return db.read(outbox.status).backlog


def fast(**kw) -> SenderSettings:
    base = dict(
        max_in_flight=4, backoff_base_s=0.01, backoff_cap_s=0.05, probe_cap_s=0.05, poll_s=0.02
    )
    base.update(kw)
    return SenderSettings(**base)


def test_backoff_is_exponential_capped_and_jittered():
    rng = random.Random(1)
    delays = [backoff(a, 2.0, 60.0, rng) for a in range(1, 10)]
    assert all(1.0 <= d <= 2.0 for d in delays[:1])
    assert 8.0 <= delays[3] <= 16.0  # attempt 4: 2 * 2**3 scaled by [0.5, 1]
    assert all(d <= 60.0 for d in delays) and delays[-1] >= 30.0
    assert len({round(d, 6) for d in delays}) == len(delays)


def test_rows_go_in_order_per_dossier(sim, db):
    for n in range(1, 11):
        queue_dossier(db, n, steps=5)
    sender = Sender(db, DvcqgPortal(sim.url, "u", "p", "H56", timeout_s=2), fast())
    sender.start()
    try:
        assert wait_until(lambda: backlog(db) == 0)
    finally:
        sender.stop()
    check_portal(sim.sim.snapshot(), range(1, 11), steps=5)
    assert sender.delivered == 70


def test_thirty_percent_faults_of_every_kind_still_exactly_once(sim, db):
    sim.sim.control({"fail_rate": 0.3, "hang_s": 0.5, "session_calls": 7})
    for n in range(1, 31):
        queue_dossier(db, n, steps=5)
    sender = Sender(
        db,
        DvcqgPortal(sim.url, "u", "p", "H56", timeout_s=0.3),
        fast(max_in_flight=8, max_attempts=1000),
        rng=random.Random(3),
    )
    sender.start()
    try:
        assert wait_until(lambda: backlog(db) == 0, timeout=120)
    finally:
        sender.stop()
    state = sim.sim.snapshot()
    check_portal(state, range(1, 31), steps=5)
    for fault in ("refuse", "502", "reset", "lost", "timeout", "timeout-applied"):
        assert state["faults"].get(fault, 0) > 0, state["faults"]
    assert sender.already_there > 0  # some lost answers were found applied on read-back


def test_in_flight_rows_are_uncertain_after_a_crash(db):
    queue_dossier(db, 1, steps=1)
    claimed = db.write(lambda tx: outbox.claim(tx, 0.0, 5))
    assert [r.kind for r in claimed] == ["create"]  # one per dossier: the oldest
    assert db.write(lambda tx: outbox.claim(tx, 0.0, 5)) == []  # its dossier is in flight
    assert db.write(outbox.recover) == 1
    again = db.write(lambda tx: outbox.claim(tx, 0.0, 5))
    assert again[0].id == claimed[0].id and again[0].uncertain


def test_applied_but_lost_step_is_not_sent_twice(sim, db):
    queue_dossier(db, 1, steps=3)
    portal = DvcqgPortal(sim.url, "u", "p", "H56", timeout_s=1)
    sender = Sender(db, portal, fast(max_in_flight=1))
    # The first step is applied and its answer lost; so is the first create.
    sim.sim.control(
        {"fail_next": 2, "faults": ["lost"], "fail_only": ["CapNhatTienDoHoSoMC", "DongBoHoSoMC"]}
    )
    sender.start()
    try:
        assert wait_until(lambda: backlog(db) == 0)
    finally:
        sender.stop()
    check_portal(sim.sim.snapshot(), range(1, 2), steps=3)


def test_permanent_refusal_makes_the_row_dead_and_holds_its_dossier(sim, db):
    alerts = []
    bad = outbox.DossierPayload.from_json(
        {**__import__("tests.sync.helpers", fromlist=["x"]).dossier(1).to_json(), "status": 99}
    )
    db.write(lambda tx: outbox.enqueue_dossier(tx, bad, created=True, now=0))
    queue_dossier(db, 2, steps=1)
    sender = Sender(
        db,
        DvcqgPortal(sim.url, "u", "p", "H56", timeout_s=1),
        fast(),
        alert=lambda key, vi, en: alerts.append(key),
    )
    sender.start()
    try:
        assert wait_until(lambda: db.read(outbox.status).by_state["dead"] == 1)
        assert wait_until(lambda: backlog(db) == 1)
    finally:
        sender.stop()
    st = db.read(outbox.status)
    assert st.dead[0]["last_kind"] == "refused" and "422" in st.dead[0]["last_error"]
    # the cheap count the bench watches agrees with the status (dead rows are undelivered)
    assert db.read(outbox.undelivered) == st.backlog == 1
    assert alerts == ["portal.dead"]
    assert db.write(lambda tx: outbox.retry_dead(tx, 0.0)) == 1
    assert db.read(outbox.status).by_state["ready"] == 1


def test_day_long_outage_with_injected_clock(sim, db):
    clock = FakeClock(T0)
    sim.set_down(True)
    sender = Sender(
        db,
        DvcqgPortal(sim.url, "u", "p", "H56", timeout_s=1),
        fast(backoff_base_s=60, backoff_cap_s=900, probe_cap_s=0.05),
        clock=clock,
    )
    sender.start()
    try:
        sizes = []
        for hour in range(24):
            queue_dossier(db, hour + 1, steps=2, now=clock.now().timestamp())
            clock.advance(hours=1)
            time.sleep(0.02)
            sizes.append(backlog(db))
        assert sizes == sorted(sizes) and sizes[-1] == 24 * 4  # grows, nothing lost
        st = db.read(outbox.status)
        assert st.by_state["dead"] == 0  # an outage never kills a row
        assert st.oldest_age_s(clock.now().timestamp()) >= 23 * 3600
        assert sender.failures["unreachable"] > 0
        sim.set_down(False)
        assert wait_until(lambda: backlog(db) == 0)
    finally:
        sender.stop()
    check_portal(sim.sim.snapshot(), range(1, 25), steps=2)


def test_delivered_rows_are_pruned_after_retention_undelivered_never(db):
    queue_dossier(db, 1, steps=1, now=0)
    queue_dossier(db, 2, steps=1, now=0)
    rows = db.write(lambda tx: outbox.claim(tx, 0.0, 1))
    db.write(lambda tx: outbox.mark_delivered(tx, rows[0].id, 100.0))
    assert db.write(lambda tx: outbox.prune(tx, 50.0)) == 0
    assert db.write(lambda tx: outbox.prune(tx, 10**12)) == 1
    assert backlog(db) == 5  # everything undelivered is still there


def test_clock_advance_moves_backoff(sim, db):
    clock = FakeClock(T0)
    sim.sim.control({"fail_rate": 1.0, "faults": ["refuse"], "fail_only": ["DongBoHoSoMC"]})
    queue_dossier(db, 1, steps=0)
    sender = Sender(
        db,
        DvcqgPortal(sim.url, "u", "p", "H56", timeout_s=1),
        fast(backoff_base_s=3600, backoff_cap_s=7200),
        clock=clock,
    )
    sender.start()
    try:
        assert wait_until(lambda: sender.failures["refused"] >= 1)
        sim.sim.control({"fail_rate": 0.0})
        time.sleep(0.2)
        assert backlog(db) == 2  # waiting for its next attempt, an hour away
        clock.advance(timedelta(hours=2))
        assert wait_until(lambda: backlog(db) == 0)
    finally:
        sender.stop()
