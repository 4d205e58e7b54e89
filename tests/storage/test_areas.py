"""Areas: their own numbered migrations in one file, and writes across areas in one transaction."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from motcua.storage import Area, StorageError, Store, Tx, schema_versions
from motcua.sync import dossier_status as dossiers
from motcua.sync.dossier_status import DossierNotFound, DossierStatus

# A stand-in for the portal outbox: any area registers the same way.
OUTBOX = Area(
    "outbox",
    (
        "CREATE TABLE outbox (id INTEGER PRIMARY KEY, topic TEXT NOT NULL,"
        " state TEXT NOT NULL CHECK (state IN ('ready', 'in_flight', 'acked')));",
    ),
)
AT = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
CODE = "000.00.06.H56-261130-0012"


def enqueue(tx: Tx, topic: str) -> None:
    tx.run("INSERT INTO outbox (topic, state) VALUES (?, 'ready')", (topic,))


def receive(tx: Tx, code: str = CODE) -> None:
    dossiers.put(
        tx,
        code,
        "Đăng ký khai sinh",
        "Nguyễn Thị Hoa",
        AT,
        AT + timedelta(days=2),
        DossierStatus.RECEIVED,
        "",
        AT,
    )
    enqueue(tx, f"dossier:{code}")


def counts(store: Store) -> tuple[int, int]:
    def read(tx: Tx) -> tuple[int, int]:
        d = tx.one("SELECT COUNT(*) AS n FROM dossiers")
        o = tx.one("SELECT COUNT(*) AS n FROM outbox")
        assert d is not None and o is not None
        return int(d["n"]), int(o["n"])

    return store.read(read)


def test_a_dossier_change_and_its_outbox_row_commit_together(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.db", [dossiers.AREA, OUTBOX])
    store.write(receive)
    assert counts(store) == (1, 1)

    def receive_then_fail(tx: Tx) -> None:
        receive(tx, "000.00.06.H56-261130-0013")
        dossiers.set_status(tx, "000.00.06.H56-261130-0099", DossierStatus.FINISHED, None, AT)

    with pytest.raises(DossierNotFound):
        store.write(receive_then_fail)
    assert counts(store) == (1, 1)  # neither the dossier nor its outbox row
    assert store.read(lambda tx: dossiers.find(tx, CODE)) is not None
    store.close()


def test_a_check_constraint_refuses_a_state_no_enum_has(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.db", [OUTBOX])
    with pytest.raises(StorageError):
        store.write(lambda tx: tx.run("INSERT INTO outbox (topic, state) VALUES ('x', 'lost')"))
    store.close()


def test_areas_keep_their_own_counters_and_each_store_migrates_only_its_own(
    tmp_path: Path,
) -> None:
    db = tmp_path / "c.db"
    Store(db, [OUTBOX]).close()
    Store(db, [dossiers.AREA]).close()
    conn = sqlite3.connect(db)
    assert schema_versions(conn) == {"outbox": 1, "dossiers": dossiers.AREA.version}
    conn.close()
    grown = Area("outbox", (*OUTBOX.steps, "ALTER TABLE outbox ADD COLUMN tries INTEGER;"))
    store = Store(db, [grown, dossiers.AREA])
    assert store.versions == {"outbox": 2, "dossiers": dossiers.AREA.version}
    store.close()


def test_a_broken_step_of_one_area_undoes_the_steps_of_the_others(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    broken = Area("broken", ("CREATE TABLE b (x INTEGER); ALTER TABLE nowhere ADD COLUMN y;",))
    with pytest.raises(StorageError):
        Store(db, [OUTBOX, broken])
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "outbox" not in tables and "b" not in tables
    conn.close()
    assert Store(db, [OUTBOX]).versions == {"outbox": 1}


def test_an_area_given_twice_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        Store(tmp_path / "c.db", [OUTBOX, OUTBOX])
