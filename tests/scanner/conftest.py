"""Scanner test fixtures: virtual serial pairs (socat) and a polling helper."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def _wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll until ``predicate`` holds; generous timeout, never a timing assertion."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


@dataclass
class PtyPair:
    """Two linked ptys: the test writes to ``device`` as the scanner, the app reads ``port``."""

    device: Path
    port: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "socat",
                f"pty,raw,echo=0,link={self.device}",
                f"pty,raw,echo=0,link={self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not _wait_until(lambda: self.device.exists() and self.port.exists()):
            raise RuntimeError("socat did not create the pty links")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=5)
            self.process = None

    def send(self, data: bytes) -> None:
        fd = os.open(self.device, os.O_RDWR | os.O_NOCTTY)
        try:
            os.write(fd, data)
            # keep the fd open until socat has copied the bytes across
            time.sleep(0.02)
        finally:
            os.close(fd)


@pytest.fixture
def pty_pair(tmp_path: Path) -> Iterator[PtyPair]:
    if shutil.which("socat") is None:
        pytest.skip("needs socat (Debian package socat) for virtual serial ports")
    pair = PtyPair(tmp_path / "ttyScanner", tmp_path / "ttyApp")
    pair.start()
    yield pair
    pair.stop()


@pytest.fixture
def wait_until() -> Callable[..., bool]:
    """``wait_until(predicate, timeout=10.0)``: poll for a condition from another thread."""
    return _wait_until
