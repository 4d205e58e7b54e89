"""The database is never silently damaged or lost: checks, backups, restore, file modes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.server import database
from tests.server.processes import SRC, ServerProcess


def make_db(path: Path, rows: int = 2000) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    conn.executemany("INSERT INTO t (v) VALUES (?)", [("x" * 100,) for _ in range(rows)])
    conn.commit()
    conn.close()


def corrupt_a_page(path: Path, page: int = 3) -> None:
    size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as f:
        f.seek(size * (page - 1))
        f.write(os.urandom(size))


def test_check_finds_a_corrupt_page(tmp_path: Path):
    db = tmp_path / "c.db"
    make_db(db)
    assert database.check(db).ok
    corrupt_a_page(db)
    result = database.check(db)
    assert not result.ok and "motcua db restore" in result.message()


def test_an_empty_file_where_a_center_was_is_refused(tmp_path: Path):
    db = tmp_path / "c.db"
    assert database.check(db).ok  # a new center: nothing was there
    make_db(db)
    database.write_marker(db)
    db.write_bytes(b"")
    result = database.check(db)
    assert not result.ok and "0" in result.message() and "restore" in result.message()
    db.unlink()
    assert not database.check(db).ok


def test_backup_is_owner_only_rotated_and_restores(tmp_path: Path):
    db = tmp_path / "c.db"
    make_db(db, rows=10)
    out = tmp_path / "backups"
    made = [database.backup(db, out, keep=2) for _ in range(3)]
    kept = database.backups(out, "c")
    assert kept == made[1:]
    assert all(p.stat().st_mode & 0o077 == 0 for p in kept)
    corrupt_a_page(db, page=2)
    database.restore(kept[-1], db)
    assert database.check(db).ok
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM t").fetchone()[0] == 10


def test_health_watch_reports_damage(tmp_path: Path):
    db = tmp_path / "c.db"
    make_db(db)
    watch = database.HealthWatch(db, every=0)
    assert watch.problems() == []
    corrupt_a_page(db)
    assert watch.problems()


def serve(db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    cmd = [sys.executable, "-m", "motcua", "serve", "--db", str(db), "--port", "0", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=30)


@pytest.mark.slow
def test_serve_refuses_an_emptied_database_and_keeps_files_owner_only(tmp_path: Path):
    db = tmp_path / "center.db"
    server = ServerProcess(db, tmp_path / "log")
    try:
        token_file = server.admin_token_file
        assert token_file is not None and token_file.stat().st_mode & 0o077 == 0
        assert server.admin_token and server.admin_token not in "\n".join(server.output)
        for path in (db, Path(f"{db}-wal")):
            assert path.stat().st_mode & 0o077 == 0, path
    finally:
        server.stop()
    db.write_bytes(b"")  # the disk lost the file's content
    done = serve(db)
    assert done.returncode == 1
    assert "motcua db restore" in done.stderr
    assert db.stat().st_size == 0  # nothing was created over it


@pytest.mark.slow
def test_serve_refuses_a_damaged_database(tmp_path: Path):
    db = tmp_path / "center.db"
    ServerProcess(db, tmp_path / "log").stop()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
    conn.close()
    for page in (2, 3, 4):
        corrupt_a_page(db, page=page)
    done = serve(db)
    assert done.returncode == 1 and "motcua db restore" in done.stderr


def test_db_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from motcua.cli import main

    db = tmp_path / "c.db"
    make_db(db, rows=5)
    assert main(["db", "check", "--db", str(db)]) == 0
    assert main(["db", "backup", "--db", str(db), "--to", str(tmp_path / "b"), "--keep", "3"]) == 0
    backup = database.backups(tmp_path / "b", "c")[-1]
    assert str(backup) in capsys.readouterr().out
    corrupt_a_page(db, page=2)
    assert main(["db", "check", "--db", str(db)]) == 1
    assert main(["db", "restore", str(backup), "--db", str(db)]) == 0
    assert main(["db", "check", "--db", str(db)]) == 0


def test_health_says_503_with_the_storage_problem(service, token_store, config, clock, tmp_path):
    import requests

    from motcua.server.app import create_app
    from motcua.server.embedded import EmbeddedServer

    db = tmp_path / "watched.db"
    make_db(db)
    watch = database.HealthWatch(db, every=0)
    app = create_app(service, token_store, config, clock=clock, storage_problems=watch.problems)
    with EmbeddedServer(app) as srv:
        assert requests.get(srv.url + "/health", timeout=5).json()["storage"]["ok"] is True
        corrupt_a_page(db)
        resp = requests.get(srv.url + "/health", timeout=5)
        assert resp.status_code == 503
        assert resp.json()["status"] == "degraded" and resp.json()["storage"]["problems"]


def test_the_id_hash_key_moves_out_of_the_database(config, tmp_path: Path):
    from motcua.queue.service import QueueService

    db = tmp_path / "old.db"
    old = QueueService.open(config, db)  # an older release: the key in meta.id_secret
    old.close()
    in_db = sqlite3.connect(db).execute("SELECT value FROM meta WHERE key='id_secret'").fetchone()
    key_file = tmp_path / "id-hash.key"
    key = database.id_key(key_file, db)
    assert key.hex() == in_db[0]  # today's hashes still match
    assert key_file.stat().st_mode & 0o777 == 0o600
    svc = QueueService.open(config, db, id_key=key)
    svc.close()
    gone = sqlite3.connect(db).execute("SELECT value FROM meta WHERE key='id_secret'").fetchone()
    assert gone is None  # a copied database no longer carries its key
    assert database.id_key(key_file, db) == key


def test_init_config_creates_the_key_file(tmp_path: Path):
    from motcua.cli import main
    from motcua.config import load_config

    cfg = tmp_path / "center.toml"
    assert main(["init-config", str(cfg)]) == 0
    key_file = Path(load_config(cfg).server.id_key_file)
    assert key_file.exists() and key_file.stat().st_mode & 0o077 == 0
    assert len(bytes.fromhex(key_file.read_text().strip())) == 32


def test_health_warns_of_an_unreadable_numbers_file(config, clock, tmp_path: Path):
    """A damaged numbers file does not stop the hall (200) but a technician sees it."""
    import requests

    from motcua.queue.service import QueueService
    from motcua.server.app import create_app
    from motcua.server.embedded import EmbeddedServer
    from motcua.server.tokens import TokenStore

    db = tmp_path / "center.db"
    with QueueService.open(config, db, clock) as svc:
        svc.issue_ticket("HT")
    Path(f"{db}.numbers").write_text("{not json")
    with QueueService.open(config, db, clock) as svc:
        tokens = TokenStore(db)
        try:
            app = create_app(svc, tokens, config, clock=clock)
            with EmbeddedServer(app) as srv:
                resp = requests.get(srv.url + "/health", timeout=5)
        finally:
            tokens.close()
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "degraded" and body["storage"]["ok"] is True
    assert any("numbers file" in w for w in body["warnings"])


def test_clock_commands(config, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`motcua clock status|confirm` on the database a server uses: a jump stored as the
    reference of this boot is said (exit 3) and confirmed (exit 0)."""
    from motcua.cli import main
    from motcua.clock import SystemClock
    from motcua.queue import clock_guard
    from motcua.queue.service import QueueService

    db = tmp_path / "center.db"
    QueueService.open(config, db, SystemClock()).close()
    assert main(["clock", "status", "--db", str(db)]) == 0
    assert "agrees" in capsys.readouterr().out
    # as if the wall clock had been set an hour ahead since the reference was taken
    conn = sqlite3.connect(db)
    ref = clock_guard.Reference.from_text(
        conn.execute("SELECT value FROM meta WHERE key = 'clock_reference'").fetchone()[0]
    )
    assert ref is not None
    moved = clock_guard.Reference(ref.boot_id, ref.wall_minus_mono - 3600)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'clock_reference'", (moved.to_text(),))
    conn.commit()
    conn.close()
    assert main(["clock", "status", "--db", str(db)]) == 3
    assert "60 min ahead" in capsys.readouterr().out
    assert main(["clock", "confirm", "--db", str(db)]) == 0
    assert "confirmed" in capsys.readouterr().out
    assert main(["clock", "status", "--db", str(db)]) == 0
