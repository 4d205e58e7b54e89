"""Durability across processes: two processes on one file, and kill -9 while issuing."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

from motcua.queue.service import QueueService

from . import issuer

HERE = Path(__file__).parent
SRC = HERE.parents[1] / "src"


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(HERE.parents[1]), env.get("PYTHONPATH", "")])
    return env


@pytest.mark.slow
def test_two_processes_never_share_a_number(config, clock, tmp_path) -> None:
    db = str(tmp_path / "shared.db")
    QueueService.open(config, db, clock).close()  # create the schema once
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Manager().Barrier(2)
    with ctx.Pool(2) as pool:
        parts = pool.starmap(issuer.issue_many, [(db, 300, barrier), (db, 300, barrier)])
    issued = [t for part in parts for t in part]
    assert len(issued) == 600
    keys = Counter((service, number) for _, service, number in issued)
    assert max(keys.values()) == 1, "a number was handed out twice"
    assert sorted(n for _, s, n in issued if s == "HT") == list(range(1001, 1301))
    rows = sqlite3.connect(db).execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM tickets")
    assert rows.fetchone() == (600, 600)


def _issue_until_killed(db: str, count: int = 400) -> list[tuple[int, str, int]]:
    """Run the issuer child, SIGKILL it after ``count`` returned tickets; what it returned."""
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "issuer.py"), db, "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_child_env(),
        text=True,
    )
    returned: list[tuple[int, str, int]] = []
    watchdog = threading.Timer(60, proc.kill)  # a hung child fails the test, never hangs it
    watchdog.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            parts = line.split()
            if len(parts) == 4 and parts[0] == "ISSUED":
                returned.append((int(parts[1]), parts[2], int(parts[3])))
            if len(returned) >= count:
                os.kill(proc.pid, signal.SIGKILL)
                break
        else:
            pytest.fail(f"issuer ended early: {proc.stderr.read() if proc.stderr else ''}")
        # lines printed but not yet read are also promises kept before the kill
        rest, _ = proc.communicate(timeout=30)
        for line in rest.splitlines():
            parts = line.split()
            if len(parts) == 4 and parts[0] == "ISSUED":
                returned.append((int(parts[1]), parts[2], int(parts[3])))
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return returned


@pytest.mark.slow
def test_kill_9_loses_no_returned_ticket(config, clock, tmp_path) -> None:
    db = str(tmp_path / "killed.db")
    returned = _issue_until_killed(db)
    with QueueService.open(config, db, clock) as svc:
        for ticket_id, service, number in returned:
            t = svc.ticket(ticket_id).ticket
            assert (t.service_code, t.number) == (service, number)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    dupes = conn.execute(
        "SELECT COUNT(*) FROM (SELECT day, number_service, number FROM tickets"
        " WHERE status IN ('waiting','called','serving','no_show')"
        " GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"
    ).fetchone()[0]
    assert dupes == 0


@pytest.mark.slow
def test_kill_9_then_a_lost_wal_repeats_no_number(config, clock, tmp_path) -> None:
    """The machine dies while issuing and the WAL is gone with it: the next number of
    each service is still above every number a citizen was handed (issue 12 item 5)."""
    db = str(tmp_path / "killed.db")
    returned = _issue_until_killed(db, 300)
    for side in (f"{db}-wal", f"{db}-shm"):
        Path(side).unlink(missing_ok=True)
    with QueueService.open(config, db, clock) as svc:
        kept = svc.store.read(lambda tx: tx.one("SELECT COUNT(*) AS n FROM tickets"))
        assert kept is not None and kept["n"] < len(returned)  # tickets really were lost
        for service in ("HT", "CT"):
            handed = max(n for _, s, n in returned if s == service)
            assert svc.issue_ticket(service).ticket.number > handed
