"""The hot queries use the partial indexes they were made for (a plan, not a timing).

SQLite matches a partial index only when the query repeats the index's condition
literally, so the status sets are written into SQL from the enum (``status_list``)."""

from __future__ import annotations

import sqlite3

from motcua.queue import issuing, transitions
from motcua.queue.models import AT_COUNTER_STATUSES, LIVE_STATUSES
from motcua.queue.records import status_list
from motcua.queue.service import QueueService


def plan(db_path, sql: str, params: tuple) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    finally:
        conn.close()


def test_status_lists_follow_the_enum_order_of_the_indexes() -> None:
    assert status_list(LIVE_STATUSES) == "'waiting', 'called', 'serving', 'no_show'"
    assert status_list(AT_COUNTER_STATUSES) == "'called', 'serving'"


def test_the_number_check_and_the_counter_lookup_use_their_partial_indexes(
    svc: QueueService, db_path
) -> None:
    svc.issue_ticket("HT")
    live = plan(
        db_path,
        "SELECT 1 AS x FROM tickets WHERE day = ? AND number_service = ? AND number = ?"
        f" AND status IN ({status_list(LIVE_STATUSES)})",
        ("2026-11-20", "HT", 1001),
    )
    assert "tickets_live_number" in live
    at_counter = plan(
        db_path,
        "SELECT * FROM tickets WHERE day = ? AND counter = ?"
        f" AND status IN ({status_list(AT_COUNTER_STATUSES)})",
        ("2026-11-20", 1),
    )
    assert "tickets_at_counter" in at_counter


def test_the_rollover_reads_only_what_it_changes(svc: QueueService, db_path) -> None:
    """Expiring earlier days' active tickets and purging old personal data use the
    partial indexes that hold only those rows, not a walk of every earlier day."""
    svc.issue_ticket("HT")
    expire = plan(db_path, transitions.ACTIVE_BEFORE_SQL, ("2026-11-20",))
    assert "tickets_active" in expire, expire
    purge = plan(db_path, issuing.PURGE_TICKETS_SQL, ("2026-10-21",))
    assert "tickets_personal" in purge, purge
