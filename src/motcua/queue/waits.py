"""Estimated waits: people ahead x recent mean service time / counters open for the service.

People ahead follow the call policy's order within the ticket's service: due
appointments first, then priority tickets, then by ``order_at`` (the cap on
priority in a row and multi-service counters are ignored: this is an estimate).
The mean service time is that of the last ``wait_window_tickets`` tickets of the
service finished today (from start, or from the call when never started, to
finish), else ``default_service_minutes``. Counters open = counters listing the
service that are not paused (at least one, so a paused hall still gets a figure).
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from motcua.config import Config, PolicyConfig
from motcua.queue.records import Row
from motcua.queue.timeutil import from_db_req, to_db
from motcua.storage import Tx


def due_window(now: datetime, policy: PolicyConfig) -> tuple[str, str]:
    """Slot bounds (as stored text) for an appointment to be due at ``now``."""
    low = now - timedelta(minutes=policy.appointment_late_minutes)
    high = now + timedelta(minutes=policy.appointment_early_minutes)
    return to_db(low), to_db(high)


def people_ahead(tx: Tx, ticket: Row, now: datetime, policy: PolicyConfig) -> int:
    """Waiting tickets of the same service that the policy would call before ``ticket``."""
    if ticket["status"] != "waiting":
        return 0
    low, high = due_window(now, policy)
    base = (
        "SELECT COUNT(*) AS n FROM tickets WHERE day = ? AND status = 'waiting'"
        " AND service_code = ? AND id != ?"
    )
    params: list = [ticket["day"], ticket["service_code"], ticket["id"]]
    due_sql = "(appointment_at IS NOT NULL AND appointment_at BETWEEN ? AND ?)"
    mine_due = ticket["appointment_at"] is not None and low <= ticket["appointment_at"] <= high
    if mine_due:
        sql = f"{base} AND {due_sql} AND (appointment_at, order_at, id) < (?, ?, ?)"
        params += [low, high, ticket["appointment_at"], ticket["order_at"], ticket["id"]]
    elif ticket["priority_group"]:
        sql = f"{base} AND ({due_sql} OR (priority_group IS NOT NULL AND (order_at, id) < (?, ?)))"
        params += [low, high, ticket["order_at"], ticket["id"]]
    else:
        # Everyone before it in order (an index-only count), plus the few after it in
        # order that still go first (priority, due appointments): for a ticket just
        # issued that second part is empty, so issuing stays cheap however long the queue.
        # All counts in one statement (one round through the writer's sqlite3 calls).
        # "Before it in order", (order_at, id) < (mine), is split into a plain range
        # (order_at < mine: a pure index count, no per-row test) plus its ties.
        # (The ticket itself has order_at = mine: the first part cannot count it.)
        row = tx.one(
            "SELECT (SELECT COUNT(*) FROM tickets WHERE day = ? AND status = 'waiting'"
            " AND service_code = ? AND order_at < ?)"
            f" + ({base} AND order_at = ? AND id < ?)"
            f" + ({base} AND order_at >= ? AND (order_at > ? OR id > ?)"
            f" AND (priority_group IS NOT NULL OR {due_sql})) AS n",
            [
                ticket["day"],
                ticket["service_code"],
                ticket["order_at"],
                *params,
                ticket["order_at"],
                ticket["id"],
                *params,
                ticket["order_at"],
                ticket["order_at"],
                ticket["id"],
                low,
                high,
            ],
        )
        return int(row["n"]) if row else 0
    row = tx.one(sql, params)
    return int(row["n"]) if row else 0


def mean_service_seconds(tx: Tx, day: date, service_code: str, policy: PolicyConfig) -> float:
    rows = tx.all(
        "SELECT COALESCE(started_at, called_at) AS began, finished_at FROM tickets"
        " WHERE day = ? AND service_code = ? AND status = 'done' AND finished_at IS NOT NULL"
        " ORDER BY finished_at DESC LIMIT ?",
        (day.isoformat(), service_code, max(1, policy.wait_window_tickets)),
    )
    spans = [
        (from_db_req(r["finished_at"]) - from_db_req(r["began"])).total_seconds()
        for r in rows
        if r["began"]
    ]
    if not spans:
        return policy.default_service_minutes * 60.0
    return max(0.0, sum(spans) / len(spans))


def paused_counters(tx: Tx) -> set[int]:
    return {int(r["number"]) for r in tx.all("SELECT number FROM counters WHERE paused = 1")}


def open_counters(config: Config, paused: set[int], service_code: str) -> int:
    return sum(1 for c in config.counters if service_code in c.services and c.number not in paused)


def estimate_minutes(ahead: int, mean_seconds: float, counters_open: int) -> int:
    """Minutes until the ticket is called, rounded up; 0 with nobody ahead."""
    if ahead <= 0:
        return 0
    return math.ceil(ahead * mean_seconds / 60.0 / max(1, counters_open))


def estimate_for(tx: Tx, config: Config, day: date, service_code: str, ahead: int) -> int:
    mean = mean_service_seconds(tx, day, service_code, config.policy)
    return estimate_minutes(ahead, mean, open_counters(config, paused_counters(tx), service_code))
