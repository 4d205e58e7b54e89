"""The applicant's full values: sealed at intake, in full on the portal, erased here."""

from __future__ import annotations

import logging
from pathlib import Path

from tests.dossier.conftest import PERSON
from tests.sync.helpers import Center, received, until

from motcua.clock import FakeClock
from motcua.sync import outbox, personal
from motcua.sync.personal import Sealer
from motcua.sync.sim import SimServer

CODE = "000.00.00.H56-261120-0001"


def test_sealed_values_open_only_with_the_key_and_their_dossier() -> None:
    sealer = Sealer.from_center_key(b"k" * 32)
    values = {"applicant_name": "Nguyễn Văn An", "applicant_id": "038090123456", "address": "X"}
    sealed = sealer.seal(CODE, values)
    assert b"038090123456" not in sealed and b"Nguy" not in sealed
    assert sealer.open(CODE, sealed) == values
    assert sealer.open(CODE.replace("0001", "0002"), sealed) is None  # another dossier
    assert Sealer.from_center_key(b"j" * 32).open(CODE, sealed) is None  # another key
    assert sealer.open(CODE, b"\x02" + sealed[1:]) is None
    assert "k" not in repr(sealer).replace("key", "")


def test_portal_from_its_own_copy_only_when_unmasked() -> None:
    assert personal.from_portal({"MaDoiTuong": "********3456", "ChuHoSo": "N. V. A."}) is None
    assert personal.from_portal({"MaDoiTuong": "038090123456", "ChuHoSo": "Nguyễn Văn An"}) == {
        "applicant_name": "Nguyễn Văn An",
        "applicant_id": "038090123456",
        "address": "",
    }


def test_portal_gets_full_values_and_the_center_forgets_them(
    center: Center, clock: FakeClock, sim: SimServer, tmp_path: Path, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    code = received(center.dossiers, clock)  # create, submit, accept: create + update rows
    store = center.queue.store
    # sealed until the portal has them; the outbox payloads stay masked
    assert store.read(lambda tx: personal.held(tx, center.sync.sealer, code)) == {
        "applicant_name": PERSON.full_name,
        "applicant_id": PERSON.id_number,
        "address": PERSON.address,
    }
    payloads = store.read(lambda tx: tx.all("SELECT payload FROM sync_outbox"))
    assert payloads and not any(PERSON.id_number in r["payload"] for r in payloads)
    center.sync.start()
    until(lambda: store.read(outbox.status).backlog == 0)
    held = sim.sim.snapshot()["dossiers"][code]
    # after the update (a replace) too: it took them from the portal's own copy
    assert held["TrangThaiHoSo"] == "2"
    assert held["MaDoiTuong"] == PERSON.id_number and held["ChuHoSo"] == PERSON.full_name
    assert held["DiaChi"] == PERSON.address
    assert store.read(lambda tx: tx.all("SELECT * FROM sync_personal")) == []
    # later updates keep them on the portal
    center.dossiers.progress(code, "Chuyển phòng Tư pháp", "counter:3")
    center.dossiers.finish(code, "counter:3")
    until(lambda: sim.sim.snapshot()["dossiers"][code]["TrangThaiHoSo"] == "9")
    until(lambda: store.read(outbox.status).backlog == 0)
    assert sim.sim.snapshot()["dossiers"][code]["MaDoiTuong"] == PERSON.id_number
    # never in the center's files in clear, never in a log line
    for f in tmp_path.glob("center.db*"):
        assert PERSON.id_number.encode() not in f.read_bytes(), f
    assert PERSON.id_number not in caplog.text and PERSON.full_name not in caplog.text


def test_a_discarded_draft_forgets_its_sealed_values(center: Center, clock: FakeClock) -> None:
    from datetime import timedelta

    from motcua.dossier.consent import CURRENT

    d = center.dossiers.create("1.000894", PERSON, CURRENT, clock.now() - timedelta(seconds=30))
    count = "SELECT COUNT(*) AS n FROM sync_personal"
    assert center.queue.store.read(lambda tx: tx.one(count))["n"] == 1
    center.dossiers.discard(d.code, "kiosk")
    assert center.queue.store.read(lambda tx: tx.one(count))["n"] == 0
