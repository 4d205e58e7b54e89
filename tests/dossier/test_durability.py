"""Several processes at once, and a kill -9 in the middle of an upload."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.clock import FakeClock
from motcua.dossier.errors import WrongState
from motcua.dossier.status import DossierStatus as S

from .conftest import UNIT, new_dossier, open_service

ROOT = Path(__file__).resolve().parents[2]


def _spawn(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.dossier.worker", *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_four_processes_create_300_dossiers(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / "d.db"
    open_service(db, clock).close()  # migrate once
    procs = [_spawn("create", str(db), "75") for _ in range(4)]
    codes: list[str] = []
    for p in procs:
        out, _ = p.communicate(timeout=240)
        assert p.returncode == 0
        codes += out.split()
    assert len(codes) == 300  # 4 processes x 3 threads x 25
    assert len(set(codes)) == len(codes)
    shape = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.H56-261120-\d{4}$")
    assert all(shape.match(c) for c in codes)
    seqs = sorted(int(c.rsplit("-", 1)[1]) for c in codes)
    assert seqs == list(range(1, len(codes) + 1))  # gapless
    s = open_service(db, clock)
    assert len(s.list(limit=1000)) == len(codes)
    s.close()


def test_kill_during_upload_leaves_no_submitted_dossier_missing_a_paper(
    tmp_path: Path, clock: FakeClock
) -> None:
    db = tmp_path / "d.db"
    s = open_service(db, clock)
    d = new_dossier(s, clock)
    proc = _spawn("upload", str(db), d.code)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "streaming"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    s.close()
    s = open_service(db, clock)
    d = s.get(d.code)
    assert d.status is S.DRAFT
    assert [p.present for p in d.papers] == [False, True, False]
    with pytest.raises(WrongState):
        s.submit(d.code, "kiosk")
    # every paper the database claims is on disk, whole
    for p in d.papers:
        if p.present:
            assert s.paper_path(d.code, p.n).stat().st_size == p.bytes
    assert UNIT in d.code
    s.close()
