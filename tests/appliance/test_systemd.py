"""sd_notify against a real datagram socket, and `motcua serve` under a fake systemd."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motcua.appliance.systemd import Notifier

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def notify_socket(tmp_path: Path):
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(5)
    yield path, sock
    sock.close()


def test_outside_systemd_every_call_is_a_no_op() -> None:
    n = Notifier({})
    assert not n.enabled
    assert n.ready() is False and n.ping() is False and n.stopping() is False


def test_ready_and_status_reach_the_socket(notify_socket) -> None:
    path, sock = notify_socket
    n = Notifier({"NOTIFY_SOCKET": str(path)})
    assert n.ready("serving")
    assert sock.recv(256) == b"READY=1\nSTATUS=serving"


def test_abstract_socket_names_are_supported() -> None:
    name = f"motcua-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(5)
    try:
        assert Notifier({"NOTIFY_SOCKET": "@" + name}).stopping()
        assert sock.recv(64) == b"STOPPING=1"
    finally:
        sock.close()


def test_watchdog_pings_at_half_the_interval(notify_socket) -> None:
    path, sock = notify_socket
    n = Notifier({"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "10000000"})
    assert n.watchdog_seconds == 10
    assert n.ping(now=100.0)
    assert not n.ping(now=104.9)  # too soon: nothing sent
    assert n.ping(now=105.0)
    assert [sock.recv(64), sock.recv(64)] == [b"WATCHDOG=1", b"WATCHDOG=1"]


def test_watchdog_meant_for_another_process_is_ignored(notify_socket) -> None:
    path, _ = notify_socket
    n = Notifier({"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"})
    assert n.watchdog_seconds is None


def test_a_vanished_socket_is_one_warning_not_an_exception(tmp_path, caplog) -> None:
    n = Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone"), "WATCHDOG_USEC": "2"})
    for i in range(5):
        assert n.ping(now=float(i)) is False
    assert len([r for r in caplog.records if "sd_notify" in r.getMessage()]) == 1


@pytest.mark.slow
def test_serve_says_ready_then_pings_the_watchdog(notify_socket, tmp_path) -> None:
    path, sock = notify_socket
    env = dict(
        os.environ,
        PYTHONPATH=str(SRC),
        NOTIFY_SOCKET=str(path),
        WATCHDOG_USEC="1000000",  # ping at least every 0.5 s
    )
    env.pop("WATCHDOG_PID", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "motcua",
            "serve",
            "--db",
            str(tmp_path / "c.db"),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        sock.settimeout(60)
        got = [sock.recv(256)]
        assert got[0].startswith(b"READY=1")
        sock.settimeout(5)
        start = time.monotonic()
        pings = 0
        while pings < 3:
            if sock.recv(64) == b"WATCHDOG=1":
                pings += 1
        # three pings at a 0.5 s cadence cannot come in under a second
        assert time.monotonic() - start >= 0.9
        proc.terminate()
        assert sock.recv(64) == b"STOPPING=1"
        # uvicorn re-raises SIGTERM after its clean shutdown; systemd counts that as clean
        assert proc.wait(20) in (0, -15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
