"""Scanners by URL: sim, serial over a socat pty pair, socket:// with reconnect."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from motcua.scanner.barcode import (
    ScannerUrlError,
    SerialScanner,
    SimScanner,
    WedgeScanner,
    open_scanner,
)
from motcua.scanner.cccd_qr import parse_cccd_qr

WaitUntil = Callable[..., bool]

PAYLOAD = (
    "001090123456|012345678|Nguyễn Văn An|01011990|Nam|"
    "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"
)


class Collector:
    def __init__(self, wait_until: WaitUntil) -> None:
        self._wait_until = wait_until
        self.lines: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, line: str) -> None:
        with self._lock:
            self.lines.append(line)

    def wait_for(self, n: int) -> list[str]:
        assert self._wait_until(lambda: len(self.lines) >= n), f"got {self.lines!r}"
        return list(self.lines)


def test_open_scanner_by_url() -> None:
    assert isinstance(open_scanner("sim://"), SimScanner)
    assert isinstance(open_scanner("wedge"), WedgeScanner)
    serial_scanner = open_scanner("serial:///dev/ttyUSB0?baudrate=9600&parity=n")
    assert isinstance(serial_scanner, SerialScanner)
    assert serial_scanner.url == "serial:///dev/ttyUSB0?baudrate=9600&parity=n"
    assert isinstance(open_scanner("socket://127.0.0.1:9"), SerialScanner)
    assert isinstance(open_scanner("loop://"), SerialScanner)


@pytest.mark.parametrize("url", ["ftp://x", "serial://", "serial:///dev/x?speed=9", "bogus"])
def test_bad_urls_explained(url: str) -> None:
    with pytest.raises(ScannerUrlError) as err:
        open_scanner(url)
    assert "Địa chỉ máy quét không hợp lệ" in str(err.value)


def test_sim_scanner_delivers_through_framing_and_repair() -> None:
    sim = open_scanner("sim://")
    assert isinstance(sim, SimScanner)
    got = Collector(lambda p: p())
    sim.inject("held before start")  # kept like a port buffer
    sim.start(got)
    sim.inject(PAYLOAD)
    sim.inject(PAYLOAD.encode("utf-8").decode("latin-1"))  # mojibake from the scanner
    sim.inject(b"two\rlines\n")
    assert got.lines == ["held before start", PAYLOAD, PAYLOAD, "two", "lines"]
    assert sim.scans == got.lines
    sim.stop()
    sim.inject("after stop")
    assert len(got.lines) == 5


def test_sim_scanner_survives_a_failing_callback() -> None:
    sim = SimScanner()
    calls: list[str] = []

    def bad(line: str) -> None:
        calls.append(line)
        raise RuntimeError("ui bug")

    sim.start(bad)
    sim.inject("a1")
    sim.inject("b2")
    assert calls == ["a1", "b2"]


@pytest.fixture
def pty_scanner(
    pty_pair: Any, wait_until: WaitUntil
) -> Iterator[tuple[Any, SerialScanner, Collector]]:
    scanner = SerialScanner(f"serial://{pty_pair.port}?baudrate=9600", reconnect_interval=0.05)
    got = Collector(wait_until)
    scanner.start(got)
    assert wait_until(lambda: scanner.connected)
    yield pty_pair, scanner, got
    scanner.stop()


def test_serial_pty_utf8_payload_with_cr(pty_scanner: tuple[Any, SerialScanner, Collector]) -> None:
    pair, _, got = pty_scanner
    pair.send(PAYLOAD.encode("utf-8") + b"\r")
    [line] = got.wait_for(1)
    assert line == PAYLOAD
    assert parse_cccd_qr(line).full_name == "Nguyễn Văn An"


def test_serial_pty_latin1_mojibake_with_lf(
    pty_scanner: tuple[Any, SerialScanner, Collector],
) -> None:
    pair, _, got = pty_scanner
    garbled = PAYLOAD.encode("utf-8").decode("latin-1")
    # the scanner re-encodes what it thinks are Latin-1 characters as UTF-8
    pair.send(garbled.encode("utf-8") + b"\n")
    [line] = got.wait_for(1)
    assert line == PAYLOAD


def test_serial_pty_raw_latin1_bytes(pty_scanner: tuple[Any, SerialScanner, Collector]) -> None:
    pair, _, got = pty_scanner
    pair.send("Lê Hà\r\n".encode("latin-1"))  # not UTF-8: read as the single-byte code page
    assert got.wait_for(1) == ["Lê Hà"]


def test_serial_pty_split_chunks_and_several_lines(
    pty_scanner: tuple[Any, SerialScanner, Collector],
) -> None:
    pair, scanner, got = pty_scanner
    data = PAYLOAD.encode("utf-8") + b"\r\n" + b"000.00.06.H56-231027-0361\r\n"
    for i in range(0, len(data), 7):  # cuts inside UTF-8 characters and inside CRLF
        pair.send(data[i : i + 7])
    assert got.wait_for(2) == [PAYLOAD, "000.00.06.H56-231027-0361"]
    assert scanner.lines_received == 2


def test_serial_reconnects_after_unplug(
    pty_scanner: tuple[Any, SerialScanner, Collector], wait_until: WaitUntil
) -> None:
    pair, scanner, got = pty_scanner
    pair.send(b"first\r")
    got.wait_for(1)
    pair.stop()  # the USB scanner is pulled out: the pty vanishes
    assert wait_until(lambda: not scanner.connected)
    assert scanner.last_error
    pair.start()  # plugged back in at the same path
    assert wait_until(lambda: scanner.connected and scanner.connects >= 2)
    pair.send(b"second\r")
    assert got.wait_for(2) == ["first", "second"]


def test_serial_missing_device_keeps_retrying_without_crashing(
    tmp_path: Any, wait_until: WaitUntil
) -> None:
    scanner = SerialScanner(f"serial://{tmp_path}/nothing", reconnect_interval=0.01)
    scanner.start(Collector(wait_until))
    assert wait_until(lambda: bool(scanner.last_error))
    assert not scanner.connected
    scanner.stop()


def test_socket_url_reconnects_when_the_server_comes_back(wait_until: WaitUntil) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    scanner = SerialScanner(f"socket://127.0.0.1:{port}", reconnect_interval=0.05)
    got = Collector(wait_until)
    scanner.start(got)
    try:
        conn, _ = server.accept()
        # pyserial flushes input while opening: a scanner has nothing to say before that
        assert wait_until(lambda: scanner.connected)
        conn.sendall("Trần Thị Mai\r".encode())
        got.wait_for(1)
        conn.close()  # the network scanner drops off
        conn2, _ = server.accept()  # and the scanner comes back on its own
        assert wait_until(lambda: scanner.connected and scanner.connects == 2)
        conn2.sendall(b"again\n")
        assert got.wait_for(2) == ["Trần Thị Mai", "again"]
        assert scanner.connects == 2
        conn2.close()
    finally:
        scanner.stop()
        server.close()


def test_stx_etx_framing_stripped() -> None:
    sim = SimScanner()
    got: list[str] = []
    sim.start(got.append)
    sim.inject(b"\x02" + PAYLOAD.encode("utf-8") + b"\x03\r")
    assert got == [PAYLOAD]
