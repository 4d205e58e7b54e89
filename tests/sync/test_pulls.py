"""Pulls from the portal: the catalog, dossier statuses; the statistics push."""

from __future__ import annotations

import pytest
from tests.sync.helpers import code, dossier, step

from motcua.catalog.store import load_catalog
from motcua.cli import main
from motcua.sync.dvcqg import DvcqgPortal
from motcua.sync.pulls import StatusPuller, missing_steps, pull_catalog, push_statistics
from motcua.sync.sim import PortalSim, SimServer, SimSettings


@pytest.fixture
def sim():
    server = SimServer(PortalSim(SimSettings())).start()
    yield server
    server.stop()


def test_catalog_pull_writes_the_catalog_and_reports_changes(sim, tmp_path):
    portal = DvcqgPortal(sim.url, "u", "p", "H56")
    out = tmp_path / "catalog.db"
    first = pull_catalog(portal, out)
    assert first.total > 5 and len(first.added) == first.total and not first.changed
    catalog = load_catalog(out)
    some = sim.sim.procedures[0]
    assert catalog.get(some["MaTTHC"]).name == some["TenTTHC"]
    sim.sim.procedures[0] = {**some, "LePhi": "50.000 đồng"}
    gone = sim.sim.procedures.pop()
    again = pull_catalog(portal, out)
    assert again.changed == [some["MaTTHC"]] and again.removed == [gone["MaTTHC"]]
    assert not again.added
    assert load_catalog(out).get(some["MaTTHC"]).fee == "50.000 đồng"


def test_catalog_pull_command(sim, tmp_path, capsys):
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        f"""
[center]
name = "T"
[[services]]
code = "HT"
name = "Hộ tịch"
name_en = "Civil"
numbering = {{ kind = "range", start = 1, end = 9 }}
[portal]
url = "{sim.url}"
""",
        encoding="utf-8",
    )
    assert (
        main(["sync", "pull-catalog", "--config", str(cfg), "--out", str(tmp_path / "cat.db")]) == 0
    )
    assert "mới / added" in capsys.readouterr().out


def test_status_pull_applies_steps_recorded_elsewhere(sim):
    portal = DvcqgPortal(sim.url, "u", "p", "H56")
    portal.create_dossier(dossier(1))
    portal.add_steps([step(1, 1)])
    sim.sim.add_foreign_step(
        code(1),
        {
            "NguoiXuLy": "Sở Tư pháp",
            "NoiDungXuLy": "Đã ký",
            "ThoiDiemXuLy": "20261202100000",
            "TrangThai": "9",
        },
    )
    applied, waits = [], []
    puller = StatusPuller(
        portal,
        lambda: [(code(1), [step(1, 1)]), (code(2), [])],
        lambda c, s: applied.append((c, s)),
        per_minute=60,
        sleep=waits.append,
    )
    assert puller.run_once() == 1
    assert applied[0][0] == code(1) and applied[0][1].status == 9
    assert applied[0][1].content == "Đã ký"
    assert waits == [1.0]  # rate-limited: one call a second at 60 a minute


def test_missing_steps_is_a_multiset_difference():
    a, b = step(1, 1), step(1, 2)
    assert missing_steps([a], [a, a, b]) == [a, b]
    assert missing_steps([a, b], [a, b]) == []


def test_statistics_push(sim):
    push_statistics(DvcqgPortal(sim.url, "u", "p", "H56"), "2026-12-01", {"tickets": 3})
    assert sim.sim.snapshot()["statistics"][0]["data"] == {"tickets": 3}


def test_yesterday_statistics_are_pushed_once(sim, tmp_path):
    from datetime import date

    from motcua.config import load_config
    from motcua.queue.service import QueueService
    from motcua.sync.db import open_outbox_store
    from motcua.sync.pulls import push_yesterday

    service = QueueService.open(load_config(), tmp_path / "c.db")
    db = open_outbox_store(tmp_path / "c.db")
    portal = DvcqgPortal(sim.url, "u", "p", "H56")
    try:
        today = date(2026, 12, 2)
        assert push_yesterday(portal, db, service.stats, today)
        assert not push_yesterday(portal, db, service.stats, today)  # once a day
        pushed = sim.sim.snapshot()["statistics"]
        assert len(pushed) == 1 and pushed[0]["ngay"] == "20261201"
        assert pushed[0]["data"]["so_phieu_cap"] == 0
        assert pushed[0]["data"]["ngay"] == "2026-12-01"
    finally:
        db.close()
        service.close()
