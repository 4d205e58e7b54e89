"""The center's dossiers and the portal, end to end: one store for the whole center,
changes out through the outbox, steps recorded elsewhere pulled in (portal-sim).
Fixtures (``center``, ``sim``) in conftest.py."""

from __future__ import annotations

import dataclasses
import time

from tests.sync.helpers import Center, received, until

from motcua.clock import FakeClock
from motcua.dossier.lifecycle import Action
from motcua.dossier.status import DossierStatus as S
from motcua.sync import outbox
from motcua.sync.dossier_feed import our_steps, status_puller
from motcua.sync.dvcqg import DvcqgPortal
from motcua.sync.sim import SimServer


def test_one_store_serves_queue_dossiers_and_outbox(center: Center, clock: FakeClock) -> None:
    assert center.sync.db is center.queue.store
    assert center.dossiers.db is center.queue.store
    code = received(center.dossiers, clock)
    # the dossier change and its outbox rows went through the queue's writer
    rows = center.queue.store.read(
        lambda tx: tx.all("SELECT kind FROM sync_outbox WHERE dossier_code = ?", (code,))
    )
    assert [r["kind"] for r in rows] == ["create", "update", "step"]
    # neither the sync nor the dossier service closes the store they were lent
    center.sync.stop()
    center.dossiers.close()
    assert center.queue.issue_ticket("HT").ticket.display_number
    assert center.dossiers.get(code).status is S.RECEIVED


def test_status_pull_is_scheduled_and_records_steps_from_elsewhere(
    center: Center, clock: FakeClock, sim: SimServer
) -> None:
    code = received(center.dossiers, clock)
    center.sync.start()
    until(lambda: center.queue.store.read(outbox.status).backlog == 0)
    held = sim.sim.snapshot()["dossiers"][code]
    assert [s["NoiDungXuLy"] for s in held["QuaTrinhXuLy"]] == ["Tiếp nhận"]
    sim.sim.add_foreign_step(
        code,
        {
            "NguoiXuLy": "Sở Tư pháp",
            "PhongBanXuLy": "Phòng Hộ tịch",
            "NoiDungXuLy": "Đã ký giấy chứng nhận",
            "ThoiDiemXuLy": "20261120150000",
            "TrangThai": "9",
        },
    )
    # the periodic pull (every 0.5 s here) finds it and records it once
    until(lambda: center.dossiers.get(code).status is S.FINISHED)
    time.sleep(1.5)  # more passes: nothing more is recorded
    d = center.dossiers.get(code)
    pulled = [s for s in d.history if s.from_portal]
    assert len(pulled) == 1 and pulled[0].action is Action.FINISH
    assert pulled[0].note == "Đã ký giấy chứng nhận" and pulled[0].actor == "Sở Tư pháp"
    assert d.finished_at is not None and d.finished_at.hour == 8  # 15:00 in Hà Nội, UTC
    assert d.to_dict()["history"][-1]["from_portal"] is True
    # never sent back: the portal still holds it once, and no outbox row was made for it
    assert center.queue.store.read(outbox.status).backlog == 0
    held = sim.sim.snapshot()["dossiers"][code]
    assert [s["NoiDungXuLy"] for s in held["QuaTrinhXuLy"]].count("Đã ký giấy chứng nhận") == 1
    # our own steps and the pulled one are what the portal holds: nothing missing
    assert len(our_steps(d)) == len(held["QuaTrinhXuLy"])
    # the counter returns the result here: that goes out as usual
    center.dossiers.return_result(code, "counter:7")
    until(lambda: sim.sim.snapshot()["dossiers"][code]["TrangThaiHoSo"] == "10")
    assert center.dossiers.list_open() == []


def test_pull_pass_is_rate_limited_and_stops_when_asked(
    center: Center, clock: FakeClock, sim: SimServer
) -> None:
    codes = [received(center.dossiers, clock) for _ in range(3)]
    assert [d.code for d in center.dossiers.list_open()] == codes
    portal = DvcqgPortal(sim.url, "u", "p", "000.00.00.H56")
    waits: list[float] = []
    puller = status_puller(portal, center.dossiers, per_minute=30, sleep=waits.append)
    assert puller.run_once() == 0  # the portal does not know them yet: nothing to record
    assert waits == [2.0, 2.0]
    waits.clear()
    stop = status_puller(  # asked to stop after the first dossier's wait
        portal, center.dossiers, per_minute=30, sleep=waits.append, stopping=lambda: bool(waits)
    )
    calls = sim.sim.snapshot()["calls"].get("TraCuuHoSo", 0)
    assert stop.run_once() == 0 and waits == [2.0]
    assert sim.sim.snapshot()["calls"].get("TraCuuHoSo", 0) == calls + 1
    portal.close()


def test_a_day_long_outage_leaves_the_hall_served_and_drains_when_the_portal_returns(
    center: Center, clock: FakeClock, sim: SimServer
) -> None:
    """The portal is off for a whole working day (the injected clock moves 8 hours):
    tickets are issued and called with unbroken numbers, dossiers are received, the
    backlog only grows and no row dies; when the portal is back it all arrives once."""
    sender = center.sync.sender
    sender.settings = dataclasses.replace(sender.settings, probe_cap_s=0.05)  # real seconds
    sim.set_down(True)
    center.sync.start()
    numbers: list[int] = []
    codes: list[str] = []
    backlogs: list[int] = []
    for _hour in range(8):
        codes.append(received(center.dossiers, clock))  # 5 minutes of the hour (a ticket)
        hour = [int(center.queue.issue_ticket("HT").ticket.display_number) for _ in range(6)]
        assert hour == list(range(hour[0], hour[0] + 6))  # none skipped
        numbers += hour
        assert center.queue.call_next(1) is not None  # the counters go on calling
        clock.advance(minutes=55)
        backlogs.append(center.queue.store.read(outbox.status).backlog)
    until(lambda: sender.failures["unreachable"] > 0)  # it tried: the port was closed
    assert numbers == sorted(set(numbers))  # none given twice
    assert backlogs == sorted(backlogs) and backlogs[0] > 0  # it grows, nothing lost
    st = center.queue.store.read(outbox.status)
    assert st.by_state["dead"] == 0  # an outage never kills a row
    assert st.oldest_age_s(clock.now().timestamp()) >= 7 * 3600
    assert sim.sim.snapshot()["dossiers"] == {}
    sim.set_down(False)
    sender.wake()
    until(lambda: center.queue.store.read(outbox.status).backlog == 0)
    state = sim.sim.snapshot()
    assert sorted(state["dossiers"]) == sorted(codes)
    assert state["refused_creates"] == 0  # each dossier created once
    for c in codes:
        held = [s["NoiDungXuLy"] for s in state["dossiers"][c]["QuaTrinhXuLy"]]
        assert held == [s.content for s in our_steps(center.dossiers.get(c))]  # once, in order
