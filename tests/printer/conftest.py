"""Printer test fixtures: fonts, real lines (socat pty pairs, a TCP listener)
with a SimDevice at the far end, and readers (tesseract, zbar) that check the
bytes like a person would."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.printer.fonts import FontSet
from motcua.printer.sim import SimDevice, serve_stream


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    return FontSet().check()


# ------------------------------------------------------------------ socat pty pair


@pytest.fixture
def pty_pair(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two linked pseudo-terminals from socat: (printer side for us, device side)."""
    if not shutil.which("socat"):
        pytest.skip("socat not installed (Debian package socat)")
    a, b = tmp_path / "ttyHost", tmp_path / "ttyPrinter"
    proc = subprocess.Popen(
        ["socat", f"pty,raw,echo=0,link={a}", f"pty,raw,echo=0,link={b}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            if a.exists() and b.exists():
                break
            time.sleep(0.01)
        else:
            pytest.fail("socat did not create the pty pair")
        yield str(a), str(b)
    finally:
        proc.terminate()
        proc.wait(5)


class DeviceThread:
    """A SimDevice serving one real line in a background thread."""

    def __init__(self, device: SimDevice, recv, send, cleanup=None) -> None:
        self.device = device
        self.stop = threading.Event()
        self._cleanup = cleanup
        self.thread = threading.Thread(
            target=serve_stream, args=(device, recv, send, self.stop), daemon=True
        )
        self.thread.start()

    def finish(self) -> SimDevice:
        """Stop serving; whatever was received is now in device.jobs."""
        self.stop.set()
        self.thread.join(5)
        if self._cleanup:
            self._cleanup()
        return self.device


@pytest.fixture
def serial_printer(pty_pair, fonts) -> Iterator[tuple[str, DeviceThread]]:
    """A SimDevice on the far end of a socat pty; yields (its serial URL, thread)."""
    import serial

    host, far = pty_pair
    line = serial.Serial(far, 115200, timeout=0.02)
    device = SimDevice(576, fonts=fonts)

    def recv() -> bytes:
        return line.read(4096)

    thread = DeviceThread(device, recv, line.write, line.close)
    yield f"serial://{host}?baudrate=115200", thread
    thread.finish()


@pytest.fixture
def tcp_printer(fonts) -> Iterator[tuple[str, DeviceThread]]:
    """A SimDevice behind a TCP listener on 127.0.0.1 (a port-9100 network printer)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.05)
    device = SimDevice(576, fonts=fonts)
    conn: list[socket.socket] = []

    drop = threading.Event()

    def recv() -> bytes | None:
        if drop.is_set() and conn:  # the printer drops the connection (restart, idle)
            drop.clear()
            conn.pop().close()
            device.end_of_input()
        if not conn:
            try:
                c, _ = server.accept()
            except TimeoutError:
                return b""
            c.settimeout(0.02)
            conn.append(c)
        try:
            data = conn[0].recv(65536)
        except TimeoutError:
            return b""
        if not data:  # the host closed: keep accepting the next connection
            conn.pop().close()
            device.end_of_input()
            return b""
        return data

    def send(data: bytes) -> None:
        if conn:
            conn[0].sendall(data)

    def cleanup() -> None:
        for c in conn:
            c.close()
        server.close()

    thread = DeviceThread(device, recv, send, cleanup)
    thread.drop = drop  # type: ignore[attr-defined]
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}", thread
    thread.finish()


@pytest.fixture
def silent_tcp() -> Iterator[str]:
    """A listener that accepts and reads but never answers (a dead back-channel)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    stop = threading.Event()
    received = bytearray()

    def run() -> None:
        server.settimeout(0.05)
        conns = []
        while not stop.is_set():
            try:
                c, _ = server.accept()
                c.settimeout(0.02)
                conns.append(c)
            except TimeoutError:
                pass
            for c in conns:
                with contextlib.suppress(TimeoutError, OSError):
                    received.extend(c.recv(65536))
        for c in conns:
            c.close()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    t.join(5)
    server.close()
