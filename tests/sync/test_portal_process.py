"""The adapter in a process of its own: the same answers and failures as in the center's
process, a child that dies or hangs costs one call, and a center that dies takes it along."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest
from tests.sync.test_dvcqg import CODE, dossier, step

from motcua.config import ConfigError, PortalConfig
from motcua.sync.portal import PortalError
from motcua.sync.portal_process import PortalProcess, _Start
from motcua.sync.runtime import build_portal
from motcua.sync.sim import PortalSim, SimServer, SimSettings

pytestmark = pytest.mark.slow  # child processes

PASSWORD = "mật-khẩu-bí-mật"


@pytest.fixture
def sim():
    settings = SimSettings(username="u", password=PASSWORD, unit_code="H56")
    server = SimServer(PortalSim(settings)).start()
    yield server
    server.stop()


@pytest.fixture
def config(sim, tmp_path: Path) -> PortalConfig:
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    return PortalConfig(
        url=sim.url, username="u", password_file=str(pw), unit_code="H56", timeout_s=1.0
    )


@pytest.fixture
def portal(config):
    p = PortalProcess(config)
    yield p
    p.close()


def gone(pid: int, within_s: float = 5.0) -> bool:
    """The process has ended (a zombie nobody reaped has ended too)."""
    deadline = time.monotonic() + within_s
    while True:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def test_calls_go_through_a_child_and_come_back_as_our_types(portal, sim):
    assert portal.pid is None  # started by the first call, not before
    assert portal.get_dossier(CODE) is None
    child = portal.pid
    assert child is not None and child != os.getpid()
    portal.create_dossier(dossier())
    portal.add_steps([step(1), step(2)])
    held = portal.get_dossier(CODE)
    assert held is not None and held.code == CODE
    assert [s.content for s in held.steps] == ["Bước 1", "Bước 2"]
    assert portal.list_procedures()  # the sim's catalog
    assert portal.pid == child and portal.starts == 1
    assert CODE in sim.sim.snapshot()["dossiers"]


def test_failures_keep_their_kind_and_flags(portal, sim):
    with pytest.raises(PortalError) as err:
        portal.create_dossier(dossier(status=42))
    assert err.value.kind == "refused" and err.value.permanent and err.value.code == "422"
    portal.get_dossier(CODE)  # logged in
    sim.sim.control({"fail_rate": 1.0, "faults": ["lost"]})
    with pytest.raises(PortalError) as err:
        portal.create_dossier(dossier())
    assert err.value.kind == "reset" and err.value.maybe_applied
    sim.sim.control({"fail_rate": 0.0})
    sim.set_down(True)
    with pytest.raises(PortalError) as err:
        portal.get_dossier(CODE)
    assert err.value.kind in ("unreachable", "reset")
    sim.set_down(False)
    assert portal.get_dossier(CODE) is not None
    assert portal.starts == 1  # failures of the portal are not failures of the child


def test_concurrent_calls_get_their_own_answers(portal):
    codes = [f"000.00.06.H56-261201-{n:04d}" for n in range(1, 25)]
    for code in codes:
        portal.create_dossier(dossier(code=code))

    def read(code: str) -> str:
        held = portal.get_dossier(code)
        assert held is not None
        return held.code

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(read, codes * 4)) == codes * 4


def test_a_child_killed_mid_call_fails_that_call_as_maybe_applied_and_is_replaced(portal, sim):
    portal.get_dossier(CODE)
    first = portal.pid
    assert first is not None
    sim.sim.control({"fail_rate": 1.0, "faults": ["timeout"], "hang_s": 5.0})
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            portal.create_dossier(dossier())
        except BaseException as exc:
            outcome.append(exc)

    t = threading.Thread(target=call)
    t.start()
    time.sleep(0.3)  # the call is at the portal
    os.kill(first, signal.SIGKILL)
    t.join(3)
    assert not t.is_alive()
    assert isinstance(outcome[0], PortalError)
    assert outcome[0].kind == "reset" and outcome[0].maybe_applied
    sim.sim.control({"fail_rate": 0.0})
    assert portal.get_dossier("000.00.06.H56-261201-9999") is None  # a new child answers
    assert portal.starts == 2 and portal.pid not in (None, first)


def test_a_wedged_child_costs_one_call_then_is_ended(portal):
    portal.get_dossier(CODE)
    wedged = portal.pid
    assert wedged is not None
    portal.answer_timeout_s = 0.5
    os.kill(wedged, signal.SIGSTOP)
    try:
        with pytest.raises(PortalError) as err:
            portal.get_dossier(CODE)
        assert err.value.kind == "reset" and err.value.maybe_applied
        assert portal.get_dossier(CODE) is None  # answered by a new child
        assert portal.starts == 2
        assert gone(wedged)  # the stopped one was killed, not left behind
    finally:
        if not gone(wedged, 0):
            os.kill(wedged, signal.SIGKILL)


def test_close_ends_the_child(portal):
    portal.get_dossier(CODE)
    child = portal.pid
    assert child is not None
    portal.close()
    assert gone(child, 0.1)
    with pytest.raises(PortalError) as err:
        portal.get_dossier(CODE)
    assert err.value.kind == "unreachable"


def test_a_center_killed_with_sigkill_takes_its_portal_process_along(config, tmp_path):
    script = tmp_path / "center.py"
    script.write_text(
        "import pickle, sys, time\n"
        "from motcua.sync.portal_process import PortalProcess\n"
        "p = PortalProcess(pickle.loads(bytes.fromhex(sys.argv[1])))\n"
        "p.get_dossier('x')\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(60)\n",
        encoding="utf-8",
    )
    src = str(Path(__file__).parents[2] / "src")
    center = subprocess.Popen(
        [sys.executable, str(script), pickle.dumps(config).hex()],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": src},
    )
    try:
        assert center.stdout is not None
        child = int(center.stdout.readline())
        assert psutil.Process(child).ppid() == center.pid
        center.send_signal(signal.SIGKILL)
        center.wait(5)
        assert gone(child)
    finally:
        center.kill()
        center.wait(5)


def test_the_password_never_crosses_the_pipe(config):
    frame = pickle.dumps(_Start(config, "H56", 4, 20))
    assert PASSWORD.encode() not in frame and PASSWORD.encode("utf-8").hex().encode() not in frame


def test_an_unreadable_password_file_is_a_config_error_at_build_time(config, tmp_path):
    import dataclasses

    missing = dataclasses.replace(config, password_file=str(tmp_path / "none"))
    with pytest.raises(ConfigError):
        build_portal(missing)
    assert isinstance(build_portal(config), PortalProcess)
    in_process = build_portal(dataclasses.replace(config, separate_process=False))
    assert not isinstance(in_process, PortalProcess)
