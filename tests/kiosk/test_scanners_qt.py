"""ID cards reach the kiosk from a serial scanner (a socat pty) and a keyboard wedge."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.devices import DeviceUrlError
from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.runtime import build_runtime
from motcua.scanner.barcode import open_scanner

from .conftest import CARD


class Pty:
    """A socat pair: the test writes to ``device`` as the scanner; the kiosk reads ``port``."""

    def __init__(self, device: Path, port: Path, proc: subprocess.Popen[bytes]) -> None:
        self.device, self.port, self.proc = device, port, proc

    def __iter__(self):
        return iter((self.device, self.port))

    def unplug(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=5)


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[Pty]:
    if shutil.which("socat") is None:
        pytest.skip("needs socat (Debian package socat) for a virtual serial port")
    device, port = tmp_path / "ttyScanner", tmp_path / "ttyKiosk"
    proc = subprocess.Popen(
        ["socat", f"pty,raw,echo=0,link={device}", f"pty,raw,echo=0,link={port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not (device.exists() and port.exists()) and time.monotonic() < deadline:
        time.sleep(0.01)
    pair = Pty(device, port, proc)
    yield pair
    if proc.poll() is None:
        pair.unplug()


def attach_scanner(win: KioskWindow, url: str) -> None:
    """What build_runtime and main_qt do with the configured scanner."""
    win.runtime.scanner = open_scanner(url)
    win.attach_scanner(win.runtime.scanner)


def to_idscan(win: KioskWindow) -> None:
    win.go("ticket")
    win.screens["ticket"].follow(win.runtime.tickets.choose_field("Tư pháp"))
    win.current.follow(win.runtime.tickets.choose_service("CT"))
    assert win.current.name == "idscan"


def test_card_from_a_serial_scanner_on_a_pty(qtbot, runtime, pty) -> None:
    device, port = pty
    win = KioskWindow(runtime)
    qtbot.addWidget(win)
    try:
        attach_scanner(win, f"serial://{port}?baudrate=9600")
        qtbot.waitUntil(lambda: runtime.scanner.connected, timeout=10000)
        to_idscan(win)
        fd = os.open(device, os.O_RDWR | os.O_NOCTTY)
        try:
            # a scanner left on Latin-1: the kiosk still reads the name right
            os.write(fd, CARD.encode("utf-8").decode("latin-1").encode("utf-8") + b"\r\n")
            qtbot.waitUntil(lambda: win.current.name == "priority", timeout=10000)
        finally:
            os.close(fd)
        assert runtime.tickets.card.full_name == "Nguyễn Văn An"
        win.current.follow(runtime.tickets.choose_priority(None))
        assert "Nguyễn V. A." in win.screens["confirm"].citizen.text()
        assert win.check_scanner() is True and not runtime.alerts.active
        pty.unplug()
        qtbot.waitUntil(lambda: win.check_scanner() is False, timeout=10000)
        assert [a.device for a in runtime.alerts.active] == ["scanner"]
        assert "Mất kết nối máy quét" in runtime.alerts.active[0].message_vi
    finally:
        win.shutdown()


def test_a_bad_scanner_url_is_a_start_up_error(config, clock, tmp_path) -> None:
    with pytest.raises(DeviceUrlError, match="bogus://"):
        build_runtime(
            config, clock, db_path=tmp_path / "c.db", scanner_url="bogus://scanner", serve=False
        )


def test_keyboard_wedge_scan_reaches_the_id_screen(qtbot, runtime) -> None:
    win = KioskWindow(runtime)
    qtbot.addWidget(win)
    win.show()
    try:
        attach_scanner(win, "wedge")
        to_idscan(win)
        win.activateWindow()
        qtbot.keyClicks(win, "001090123456||Tran Van B|01011990|Nam|Ha Noi|15042021")
        from PySide6.QtCore import Qt

        qtbot.keyClick(win, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: win.current.name == "priority")
        assert runtime.tickets.card.id_number == "001090123456"
    finally:
        win.shutdown()
