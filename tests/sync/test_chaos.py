"""Chaos: the center (`motcua serve` with [portal]) killed with SIGKILL while the portal
fails 30% of calls in every way; at the end the portal holds every dossier exactly once,
every step exactly once and in order, and the center's final status.

The default run uses 60 dossiers x 5 steps (a 2-core CI); MOTCUA_CHAOS_FULL=1 runs the
issue's 500 x 5. Either way the center is killed three times."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from tests.sync.helpers import check_portal, queue_dossier

from motcua.storage import Store
from motcua.sync import outbox
from motcua.sync.db import open_outbox_store
from motcua.sync.sim import PortalSim, SimServer, SimSettings

pytestmark = pytest.mark.slow

FULL = os.environ.get("MOTCUA_CHAOS_FULL") == "1"
DOSSIERS = 500 if FULL else 60
STEPS = 5
ROWS = DOSSIERS * (STEPS + 2)


def config_text(url: str, pw: Path) -> str:
    return f"""
[center]
name = "Trung tâm thử nghiệm"
unit_code = "000.00.06.H56"

[[services]]
code = "HT"
name = "Hộ tịch"
name_en = "Civil status"
numbering = {{ kind = "range", start = 1, end = 999 }}

[[counters]]
number = 1
services = ["HT"]

[portal]
url = "{url}"
username = "motcua"
password_file = "{pw}"
unit_code = "000.00.06.H56"
timeout_s = 0.5
max_in_flight = 8
max_attempts = 100000
backoff_base_s = 0.05
backoff_cap_s = 0.5
"""


def start_center(cfg: Path, db: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "motcua",
            "serve",
            "--config",
            str(cfg),
            "--db",
            str(db),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ],
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")},
    )


def ended(proc: psutil.Process, within_s: float = 5.0) -> bool:
    """Ended (a zombie its new parent has not reaped yet has ended too)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


def delivered(db: Store) -> int:
    return db.read(outbox.status).by_state[outbox.DELIVERED]


def test_sigkill_and_thirty_percent_faults_deliver_exactly_once(tmp_path):
    sim = PortalSim(
        SimSettings(
            fail_rate=0.3, session_calls=10, hang_s=1.0, seed=11, username="motcua", password="pw"
        )
    )
    server = SimServer(sim).start()
    pw = tmp_path / "portal.pw"
    pw.write_text("pw\n")
    cfg = tmp_path / "center.toml"
    cfg.write_text(config_text(server.url, pw), encoding="utf-8")
    dbp = tmp_path / "center.db"
    log = tmp_path / "center.log"
    db = open_outbox_store(dbp)
    center = start_center(cfg, dbp, log)
    kills = 0
    try:
        queued = 0
        deadline = time.monotonic() + (900 if FULL else 240)
        while time.monotonic() < deadline:
            if queued < DOSSIERS:  # dossiers keep arriving while the center dies
                for n in range(queued + 1, min(DOSSIERS, queued + 10) + 1):
                    queue_dossier(db, n, STEPS, now=time.time())
                queued = min(DOSSIERS, queued + 10)
            done = delivered(db)
            if kills < 3 and done >= ROWS * (kills + 1) // 4:
                children = psutil.Process(center.pid).children()  # its portal process
                assert children, "the center talks to the portal from a process of its own"
                center.send_signal(signal.SIGKILL)
                center.wait(10)
                assert all(ended(c) for c in children), "the portal process outlived its center"
                kills += 1
                center = start_center(cfg, dbp, log)
            if queued == DOSSIERS and done == ROWS:
                break
            time.sleep(0.1)
        st = db.read(outbox.status)
        assert kills == 3, (kills, st.by_state, log.read_text()[-2000:])
        assert st.backlog == 0, (st.by_state, log.read_text()[-2000:])
        state = sim.snapshot()
        check_portal(state, range(1, DOSSIERS + 1), STEPS)
        assert len(state["dossiers"]) == DOSSIERS
        for kind in ("refuse", "502", "reset", "lost", "timeout", "timeout-applied"):
            assert state["faults"].get(kind, 0) > 0, state["faults"]
        # Personal data went to the portal, never into the center's log.
        text = log.read_text(errors="replace")
        assert "001090000001" not in text and "Nguyễn Văn 1" not in text
    finally:
        center.kill()
        center.wait(10)
        db.close()
        server.stop()
