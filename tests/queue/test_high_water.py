"""No number handed out today is handed out again: not after a restore from an older
backup, not after a lost or truncated WAL, not with a damaged numbers file
(``motcua.queue.high_water``, issue 12 item 5)."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from motcua.queue import high_water
from motcua.queue.service import QueueService
from motcua.server import database


def issue(svc: QueueService, n: int, service: str = "HT") -> list[int]:
    return [svc.issue_ticket(service).ticket.number for _ in range(n)]


def checkpoint(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_numbers_are_reserved_in_blocks_one_write_per_fifty(config, clock, db_path) -> None:
    with QueueService.open(config, db_path, clock) as svc:
        assert issue(svc, 120) == list(range(1001, 1121))
        assert svc.marks is not None and svc.marks.writes == 3  # 1050, 1100, 1150
    marks = high_water.decode(Path(f"{db_path}.numbers").read_text())
    assert marks == {("2026-11-20", "HT"): (0, 1150)}
    assert Path(f"{db_path}.numbers").stat().st_mode & 0o077 == 0


def test_restore_of_an_older_backup_repeats_no_number(config, clock, tmp_path) -> None:
    db = tmp_path / "center.db"
    with QueueService.open(config, db, clock) as svc:
        issue(svc, 5)
        issue(svc, 3, "DKKD")
        backup = database.backup(db, tmp_path / "backups")
        handed = issue(svc, 70)  # up to 1075: two blocks past the backup
        handed_b = issue(svc, 2, "DKKD")
    sidecar = Path(f"{db}.numbers").read_text()
    database.restore(backup, db)
    assert Path(f"{db}.numbers").read_text() == sidecar  # restore keeps the file
    with QueueService.open(config, db, clock) as svc:
        assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM tickets").fetchone() == (8,)
        nxt = svc.issue_ticket("HT").ticket.number
        nxt_b = svc.issue_ticket("DKKD").ticket.number
    assert nxt > max(handed) and nxt_b > max(handed_b)


@pytest.mark.parametrize("damage", ["lost", "truncated"])
def test_a_lost_wal_tail_repeats_no_number(config, clock, tmp_path, damage) -> None:
    db = tmp_path / "center.db"
    with QueueService.open(config, db, clock) as svc:
        issue(svc, 3)
        checkpoint(db)
        handed = issue(svc, 40)
        # the machine dies: what is on disk now is all there is
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        for p in (db, Path(f"{db}-wal"), Path(f"{db}.numbers")):
            shutil.copy(p, crashed / p.name)
    copy = crashed / db.name
    wal = Path(f"{copy}-wal")
    if damage == "lost":
        wal.unlink()
    else:
        wal.write_bytes(wal.read_bytes()[: wal.stat().st_size // 3])
    with QueueService.open(config, copy, clock) as svc:
        kept = sqlite3.connect(copy).execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
        assert kept < 43  # the database really lost tickets
        assert svc.issue_ticket("HT").ticket.number > max(handed)


def test_without_the_file_numbers_would_repeat(config, clock, tmp_path) -> None:
    """The same loss, the numbers file deleted too: the database alone repeats numbers,
    so the start skips a block and says so (an upgrade from an older release too)."""
    db = tmp_path / "center.db"
    with QueueService.open(config, db, clock) as svc:
        issue(svc, 10)
    Path(f"{db}.numbers").unlink()
    with QueueService.open(config, db, clock) as svc:
        assert svc.issue_ticket("HT").ticket.number == 1010 + high_water.BLOCK + 1


def test_an_unreadable_file_is_said_kept_aside_and_never_lowers(
    config, clock, db_path, caplog
) -> None:
    with QueueService.open(config, db_path, clock) as svc:
        issue(svc, 60)  # ceiling 1100 in the file, 1060 in the database
    sidecar = Path(f"{db_path}.numbers")
    sidecar.write_text(sidecar.read_text().replace("1100", "1009"))  # a flipped digit
    caplog.set_level(logging.ERROR, "motcua.queue.high_water")
    with QueueService.open(config, db_path, clock) as svc:
        number = svc.issue_ticket("HT").ticket.number
        assert svc.numbers_problem is not None and "không đọc được" in svc.numbers_problem[0]
    assert number == 1060 + high_water.BLOCK + 1  # the database's numbers plus one block
    assert any("unreadable" in r.getMessage() for r in caplog.records)
    assert Path(f"{db_path}.numbers.unreadable").exists()
    assert high_water.decode(sidecar.read_text())[("2026-11-20", "HT")][1] >= number


def test_garbage_in_the_file_does_not_block_issuing(config, clock, db_path) -> None:
    with QueueService.open(config, db_path, clock) as svc:
        issue(svc, 2)
    Path(f"{db_path}.numbers").write_bytes(b"\x00\xff garbage")
    with QueueService.open(config, db_path, clock) as svc:
        assert svc.issue_ticket("HT").ticket.number == 1002 + high_water.BLOCK + 1


def test_a_file_that_cannot_be_written_does_not_block_issuing(
    config, clock, db_path, caplog
) -> None:
    caplog.set_level(logging.ERROR, "motcua.queue.high_water")
    with QueueService.open(config, db_path, clock) as svc:
        blocker = Path(f"{db_path}.numbers")
        blocker.mkdir()  # a folder where the file should be: every write fails
        assert issue(svc, 3) == [1001, 1002, 1003]
        assert svc.numbers_problem is not None
        failures = [r for r in caplog.records if "cannot be written" in r.getMessage()]
        assert len(failures) == 1  # said once, not once per ticket
        blocker.rmdir()
        assert issue(svc, 1) == [1004]
        assert svc.numbers_problem is None  # written again: the problem is gone
    assert high_water.decode(Path(f"{db_path}.numbers").read_text()) == {
        ("2026-11-20", "HT"): (0, 1053)
    }


def test_ceilings_follow_a_wrapped_range(config, clock, tmp_path) -> None:
    from tests.queue.test_numbering import small_range_config

    cfg = small_range_config(config, 1, 3)
    db = tmp_path / "q.db"
    with QueueService.open(cfg, db, clock) as svc:
        a, b, _c = (svc.issue_ticket("HT").ticket for _ in range(3))
        for t in (a, b):
            svc.cancel(t.id)
        assert svc.issue_ticket("HT").ticket.number == 1  # lap 1
    data = json.loads(Path(f"{db}.numbers").read_text())
    assert data["days"]["2026-11-20"]["HT"] == [1, 3]  # the ceiling went into lap 1
    with QueueService.open(cfg, db, clock) as svc:
        # above lap 1's ceiling: lap 2 starts, skipping the live numbers 1 and 3
        assert svc.issue_ticket("HT").ticket.number == 2


def test_memory_and_read_only_databases_have_no_file(tmp_path) -> None:
    assert high_water.sidecar_path(":memory:") is None
    assert high_water.sidecar_path(f"file:{tmp_path}/q.db?mode=ro") is None
    assert high_water.sidecar_path(f"file:{tmp_path}/q.db") == tmp_path / "q.db.numbers"
