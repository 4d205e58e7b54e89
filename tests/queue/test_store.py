"""The durable store: group commit isolation, migrations, subscribers, storage failures."""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import timedelta

import pytest

from motcua.queue.errors import InvalidRequest, StorageError, UnknownService
from motcua.queue.models import EventKind
from motcua.queue.schema import AREA, MIGRATIONS
from motcua.queue.service import QueueService
from motcua.storage import Area, Store, StoreOptions, migrate, schema_versions, split_statements


def test_database_is_wal_full_and_versioned(svc: QueueService, db_path) -> None:
    svc.issue_ticket("HT")
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_versions(conn)["queue"] == len(MIGRATIONS)
    conn.close()


def test_reopen_keeps_everything(config, clock, db_path) -> None:
    with QueueService.open(config, db_path, clock) as svc:
        t = svc.issue_ticket("HT").ticket
    with QueueService.open(config, db_path, clock) as svc:
        assert svc.ticket(t.id).ticket == t
        # numbers are reserved in blocks beside the database (queue.high_water): a
        # restart goes on after the reserved block, never below it
        assert svc.issue_ticket("HT").ticket.display_number == "1051"
        assert [e.kind for e in svc.events_since(0)] == [EventKind.ISSUED, EventKind.ISSUED]
        assert svc.events_since(1)[0].id == 2
        assert svc.events_since(0, limit=1)[0].id == 1


def test_failing_operation_rolls_back_alone(tmp_path) -> None:
    """Ops of one group commit: the failing one is undone, the others commit."""
    store = Store(tmp_path / "s.db", [AREA])
    gate = threading.Event()
    started = threading.Event()

    def blocker(tx):
        started.set()
        gate.wait(5)

    def put(key: str, fail: bool = False):
        def op(tx):
            tx.run("INSERT INTO meta (key, value) VALUES (?, 'x')", (key,))
            if fail:
                raise InvalidRequest("hỏng", "broken")
            return key

        return op

    results: dict[str, object] = {}

    def call(key: str, fail: bool = False) -> None:
        try:
            results[key] = store.write(put(key, fail))
        except Exception as exc:
            results[key] = exc

    first = threading.Thread(target=lambda: store.write(blocker))
    first.start()
    started.wait(5)
    threads = [threading.Thread(target=call, args=a) for a in (("a",), ("b", True), ("c",))]
    for t in threads:
        t.start()
    for _ in range(2000):  # all three queued behind the blocker: one batch
        if store.pending >= 3:
            break
        threading.Event().wait(0.005)
    assert store.pending == 3
    gate.set()
    for t in (first, *threads):
        t.join(5)
    assert results["a"] == "a" and results["c"] == "c"
    assert isinstance(results["b"], InvalidRequest)
    keys = store.read(lambda tx: [r["key"] for r in tx.all("SELECT key FROM meta ORDER BY key")])
    assert keys == ["a", "c"]
    store.close()


def test_concurrent_issuers_get_unique_numbers(svc: QueueService) -> None:
    out: list = []
    errors: list = []

    def worker(i: int) -> None:
        for j in range(25):
            try:
                out.append(svc.issue_ticket("HT" if j % 2 else "DKKD").ticket)
                if j == 7:
                    svc.issue_ticket("NOPE")
            except UnknownService as exc:
                errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(out) == 400 and len(errors) == 16
    keys = [(t.service_code, t.number) for t in out]
    assert len(set(keys)) == 400
    assert max(t.number for t in out if t.service_code == "HT") == 1192


def test_subscriber_errors_are_logged_not_raised(svc: QueueService, caplog) -> None:
    got = []

    def broken(event):
        raise RuntimeError("boom")

    svc.subscribe(broken)
    unsubscribe = svc.subscribe(got.append)
    with caplog.at_level(logging.ERROR):
        svc.issue_ticket("HT")
    assert [e.kind for e in got] == [EventKind.ISSUED]
    assert "subscriber failed" in caplog.text
    unsubscribe()
    svc.issue_ticket("HT")
    assert len(got) == 1


def test_subscriber_may_write_from_the_callback(svc: QueueService) -> None:
    """A callback that acts (e.g. an auto-call) runs inline; events stay in id order."""
    seen = []

    def auto_call(event) -> None:
        seen.append(event)
        if event.kind is EventKind.ISSUED and event.service_code == "DD":
            svc.call_next(6)

    svc.subscribe(auto_call)
    svc.issue_ticket("DD")
    assert [e.kind for e in seen] == [EventKind.ISSUED, EventKind.CALLED]
    assert [e.id for e in seen] == sorted(e.id for e in seen)
    assert svc.snapshot().counter(6).current is not None


def test_read_only_database_reads_but_refuses_writes(config, clock, db_path) -> None:
    with QueueService.open(config, db_path, clock) as svc:
        t = svc.issue_ticket("HT").ticket
    with QueueService.open(config, f"file:{db_path}?mode=ro", clock) as ro:
        assert ro.ticket(t.id).ticket.display_number == "1001"
        assert ro.snapshot().service("HT").waiting == 1
        with pytest.raises(StorageError) as err:
            ro.issue_ticket("HT")
        assert "chỉ cho phép đọc" in err.value.message_vi
        assert err.value.http_status == 503
    with QueueService.open(config, db_path, clock) as svc:
        # numbers are reserved in blocks beside the database (queue.high_water): a
        # restart goes on after the reserved block, never below it
        assert svc.issue_ticket("HT").ticket.display_number == "1051"


def test_unopenable_database_is_a_storage_error(config, clock, tmp_path) -> None:
    with pytest.raises(StorageError) as err:
        QueueService.open(config, tmp_path / "missing-dir" / "q.db", clock)
    assert "Không mở được" in err.value.message_vi
    with pytest.raises(StorageError):
        QueueService.open(config, tmp_path, clock)  # a directory


def test_full_disk_loses_nothing_that_returned(config, clock, db_path) -> None:
    with QueueService.open(config, db_path, clock) as svc:
        pass
    pages = sqlite3.connect(db_path).execute("PRAGMA page_count").fetchone()[0]
    issued = []
    with QueueService.open(
        config, db_path, clock, options=StoreOptions(max_page_count=pages + 3)
    ) as svc:
        with pytest.raises(StorageError) as err:
            for _ in range(2000):
                issued.append(svc.issue_ticket("HT").ticket)
                clock.advance(timedelta(seconds=1))
        assert "đầy" in err.value.message_vi
        assert svc.snapshot().service("HT").waiting == len(issued)  # still readable
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT id, number FROM tickets ORDER BY id").fetchall()
    assert rows == [(t.id, t.number) for t in issued]
    n_events = conn.execute("SELECT COUNT(*) FROM events WHERE kind = 'issued'").fetchone()[0]
    assert n_events == len(issued)


def test_closed_service_refuses_calls(config, clock, db_path) -> None:
    svc = QueueService.open(config, db_path, clock)
    svc.close()
    svc.close()  # idempotent
    with pytest.raises(StorageError):
        svc.issue_ticket("HT")
    with pytest.raises(StorageError):
        svc.snapshot()


def test_migrations_run_missing_steps_atomically(tmp_path) -> None:
    def queue(*steps: str) -> list[Area]:
        return [Area("queue", steps)]

    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    assert migrate(conn, queue(MIGRATIONS[0])) == {"queue": 1}
    conn.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')")
    step2 = "ALTER TABLE tickets ADD COLUMN note TEXT NOT NULL DEFAULT '';"
    broken = "CREATE TABLE extra (x INTEGER); ALTER TABLE nowhere ADD COLUMN y TEXT;"
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, queue(MIGRATIONS[0], step2, broken))
    assert schema_versions(conn) == {"queue": 1}  # all or nothing
    assert "note" not in [r[1] for r in conn.execute("PRAGMA table_info(tickets)")]
    assert migrate(conn, queue(MIGRATIONS[0], step2)) == {"queue": 2}
    assert "note" in [r[1] for r in conn.execute("PRAGMA table_info(tickets)")]
    assert conn.execute("SELECT value FROM meta WHERE key = 'kept'").fetchone() == ("yes",)
    assert migrate(conn, queue(MIGRATIONS[0])) == {"queue": 2}  # a newer file is left alone


def test_lock_held_too_long_is_a_storage_error(config, clock, db_path) -> None:
    with QueueService.open(
        config, db_path, clock, options=StoreOptions(busy_timeout_ms=100)
    ) as svc:
        svc.issue_ticket("HT")
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            with pytest.raises(StorageError) as err:
                svc.issue_ticket("HT")
            assert "bận" in err.value.message_vi
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert svc.issue_ticket("HT").ticket.display_number == "1002"


def test_a_version_1_database_is_upgraded_in_place(config, clock, db_path) -> None:
    """A file written by the first release (schema v1, counted in user_version) opens."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    for statement in split_statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")  # how releases before schema_versions counted
    conn.execute(
        "INSERT INTO tickets (public_code, day, service_code, number_service, number,"
        " display_number, status, issued_at, order_at, counter, called_at, first_called_at)"
        " VALUES ('old1', '2026-11-20', 'HT', 'HT', 1001, '1001', 'called',"
        " '2026-11-20T01:00:00.000000+00:00', '2026-11-20T01:00:00.000000+00:00', 2,"
        " '2026-11-20T01:30:00.000000+00:00', '2026-11-20T01:30:00.000000+00:00')"
    )
    conn.close()
    with QueueService.open(config, db_path, clock) as svc:
        snap = svc.snapshot()
        assert snap.service("HT").last_called == "1001"
        assert snap.counter(2).current.public_code == "old1"
        svc.issue_ticket("HT", priority_group="elderly")
        assert svc.call_next(2).display_number == "1002"
    conn = sqlite3.connect(db_path)
    assert schema_versions(conn)["queue"] == len(MIGRATIONS)


def test_writer_survives_an_operation_that_breaks_the_transaction(tmp_path) -> None:
    """An op that ends the transaction behind the store's back fails alone; the writer lives on."""
    store = Store(tmp_path / "s.db", [AREA])

    def rogue(tx):
        tx.run("INSERT INTO meta (key, value) VALUES ('rogue', 'x')")
        tx.run("COMMIT")  # nobody may do this; the savepoint is gone

    with pytest.raises(StorageError):
        store.write(rogue)
    assert store.write(lambda tx: tx.run("INSERT INTO meta VALUES ('ok', 'y')").rowcount) == 1
    keys = store.read(lambda tx: [r["key"] for r in tx.all("SELECT key FROM meta ORDER BY key")])
    assert "ok" in keys
    store.close()
