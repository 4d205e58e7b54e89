"""Fixtures of the counter area: socat pty pairs standing in for an RS-485 line."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from motcua.queue.service import QueueService


@dataclass
class PtyPair:
    host: Path  # the end motcua opens (serial://<host>)
    device: Path  # the end the test plays the keypads / boards on
    process: subprocess.Popen[bytes]

    def kill(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=5)


def start_pty_pair(tmp_path: Path, name: str = "bus") -> PtyPair:
    host, device = tmp_path / f"{name}-host", tmp_path / f"{name}-dev"
    proc = subprocess.Popen(
        [
            "socat",
            f"pty,raw,echo=0,link={host}",
            f"pty,raw,echo=0,link={device}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not (host.exists() and device.exists()):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("socat did not create the pty pair")
        time.sleep(0.01)
    return PtyPair(host, device, proc)


@pytest.fixture
def pty_pair(tmp_path: Path) -> Iterator[PtyPair]:
    if shutil.which("socat") is None:
        pytest.skip("needs socat (Debian package socat) for virtual serial pairs")
    pair = start_pty_pair(tmp_path)
    yield pair
    if pair.process.poll() is None:
        pair.kill()


@pytest.fixture
def center(config, clock, tmp_path: Path):
    """The real QueueService (in-process, on a temporary database) with the FakeClock."""
    svc = QueueService.open(config, tmp_path / "queue.db", clock=clock)
    yield svc
    svc.close()
