"""A center database made by the release before ``motcua.storage`` opens and keeps its data.

The fixtures were written by that release's own code (main at b48947c: QueueService,
TokenStore and LocalDossierStore as they were, version counters in ``user_version`` and
``server_schema``); see make_legacy.py beside them. Tests work on copies.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from motcua.clock import FakeClock
from motcua.config import Config
from motcua.queue.models import TicketStatus
from motcua.queue.schema import AREA as QUEUE
from motcua.queue.service import QueueService
from motcua.server.tokens import AREA as TOKENS
from motcua.server.tokens import Role, TokenStore
from motcua.storage import Store, schema_versions
from motcua.sync.dossier_status import AREA as DOSSIERS
from motcua.sync.dossier_status import DossierStatus, LocalDossierStore

FIXTURES = Path(__file__).parent / "fixtures"
# What make_legacy.py printed when it made the fixtures.
WAITING_CODE = "Hppkjv9_NqEB"  # HT 1002, still waiting
KIOSK_TOKEN = "mc_xu7RonlpeHhix4YMkNVfu-So7-VeBdb5"
COUNTER_TOKEN = "mc_NGCzgoTI0sXI7u5qEqMxZxFAtgjNS8JS"
DOSSIER = "000.00.06.H56-261130-0012"


@pytest.fixture
def legacy_clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 30, 3, 0, tzinfo=UTC))  # the fixtures' day, later


@pytest.fixture
def center_db(tmp_path: Path) -> Path:
    return Path(shutil.copy(FIXTURES / "legacy-center.db", tmp_path / "center.db"))


def test_the_fixture_is_really_from_before_schema_versions(center_db: Path) -> None:
    conn = sqlite3.connect(center_db)
    assert schema_versions(conn) == {}
    assert conn.execute("PRAGMA user_version").fetchone() == (2,)
    assert conn.execute("SELECT version FROM server_schema").fetchall() == [(1,)]
    conn.close()


def test_old_tickets_and_tokens_survive_the_upgrade(
    config: Config, legacy_clock: FakeClock, center_db: Path
) -> None:
    with QueueService.open(config, center_db, legacy_clock) as svc:
        waiting = svc.ticket_by_code(WAITING_CODE).ticket
        assert (waiting.display_number, waiting.status) == ("1002", TicketStatus.WAITING)
        assert svc.stats().totals.served == 1
        assert svc.issue_ticket("HT").ticket.display_number == "1003"  # numbering went on
    tokens = TokenStore(center_db, cache_seconds=0)
    kiosk = tokens.verify(KIOSK_TOKEN)
    counter = tokens.verify(COUNTER_TOKEN)
    assert kiosk is not None and kiosk.role is Role.KIOSK
    assert counter is not None and (counter.role, counter.counter) == (Role.COUNTER, 2)
    assert [d.name for d in tokens.list(include_revoked=True)] == ["kiosk 1", "quầy 2", "old tv"]
    assert len(tokens.list()) == 2  # the revoked one stays revoked
    tokens.create("display", name="new tv")
    tokens.close()
    conn = sqlite3.connect(center_db)
    assert schema_versions(conn) == {"queue": QUEUE.version, "tokens": TOKENS.version}
    conn.close()


def test_old_dossiers_get_their_check_constraint_and_keep_history(
    tmp_path: Path, legacy_clock: FakeClock
) -> None:
    path = Path(shutil.copy(FIXTURES / "legacy-dossiers.db", tmp_path / "dossiers.db"))
    store = LocalDossierStore(path, legacy_clock)
    record = store.lookup(DOSSIER)
    assert record is not None and record.status is DossierStatus.PROCESSING
    assert [s for s, _, _ in store.history(DOSSIER)] == [
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
    ]
    store.update_status(DOSSIER, DossierStatus.FINISHED, "mời nhận kết quả")
    store.close()
    conn = sqlite3.connect(path)
    assert schema_versions(conn) == {"dossiers": DOSSIERS.version}
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE dossiers SET status = 42")
    conn.close()


def test_one_store_upgrades_every_area_it_is_given(center_db: Path) -> None:
    store = Store(center_db, [QUEUE, TOKENS, DOSSIERS])
    assert store.versions == {
        "queue": QUEUE.version,
        "tokens": TOKENS.version,
        "dossiers": DOSSIERS.version,
    }
    tickets = store.read(lambda tx: tx.one("SELECT COUNT(*) AS n FROM tickets"))
    assert tickets == {"n": 3}
    store.close()


def test_statuses_in_sql_are_the_enums(tmp_path: Path, config: Config, clock: FakeClock) -> None:
    """The CHECK constraints list exactly the enums' values: a new value needs a step."""
    from motcua.queue.models import Satisfaction
    from motcua.queue.records import status_list

    db = tmp_path / "q.db"
    with QueueService.open(config, db, clock) as svc:
        svc.issue_ticket("HT")
    conn = sqlite3.connect(db)
    tickets = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'tickets'").fetchone()[0]
    ratings = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ratings'").fetchone()[0]
    assert f"({status_list(TicketStatus)})" in " ".join(tickets.split()).replace("( ", "(")
    levels = ", ".join(f"'{s.value}'" for s in Satisfaction)
    assert f"level IN ({levels})" in ratings
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE tickets SET status = 'lost'")
    conn.close()
