"""`motcua devices test`: each kind against a real line (socat ptys) or the sim devices."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.counter.conftest import start_pty_pair

from motcua.appliance import device_tests as trying
from motcua.appliance.voice_test import try_voice
from motcua.config import load_config
from motcua.counter.line_protocol import FrameKind, encode_frame

REPO = Path(__file__).resolve().parents[2]
CARD = "001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021"


@pytest.fixture
def config():
    return load_config(None)


def test_printer_ok_prints_a_test_page(config) -> None:
    report = trying.try_printer("sim://", config)
    assert report.ok
    assert any("Test page" in en and "bytes" in en for _, en in report.lines)


def test_printer_out_of_paper_says_what_to_do(config) -> None:
    report = trying.try_printer("sim://?state=paper_out", config)
    assert not report.ok
    assert "paper" in " ".join(en for _, en in report.lines).lower()


def test_a_tcp_printer_nobody_listens_on_fails_plainly(config) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    report = trying.try_printer(f"tcp://127.0.0.1:{port}", config)
    assert not report.ok and any("cable" in en for _, en in report.lines)


def test_led_boards_get_8888_then_blank_over_a_serial_line(tmp_path) -> None:
    pair = start_pty_pair(tmp_path)
    try:
        got = bytearray()
        fd = os.open(pair.device, os.O_RDONLY | os.O_NONBLOCK)
        report = trying.try_line(
            f"serial://{pair.host}?baudrate=9600", "led", range(1, 2), pause=0.1
        )
        deadline = time.monotonic() + 5
        while got.count(b"\n") < 2 and time.monotonic() < deadline:
            try:
                got += os.read(fd, 256)
            except BlockingIOError:
                time.sleep(0.02)
        os.close(fd)
    finally:
        pair.kill()
    assert report.ok
    assert bytes(got).splitlines() == [
        encode_frame(FrameKind.BOARD, 0, "8888").strip(),
        b"L00:*CD",  # blank every board (docs/integrators/keypad-led-protocol.md)
    ]


def test_keypads_each_get_test(tmp_path) -> None:
    pair = start_pty_pair(tmp_path)
    try:
        fd = os.open(pair.device, os.O_RDONLY | os.O_NONBLOCK)
        report = trying.try_line(f"serial://{pair.host}", "keypads", range(1, 4))
        got = bytearray()
        deadline = time.monotonic() + 5
        while got.count(b"\n") < 3 and time.monotonic() < deadline:
            try:
                got += os.read(fd, 256)
            except BlockingIOError:
                time.sleep(0.02)
        os.close(fd)
    finally:
        pair.kill()
    assert report.ok
    assert [line[:8] for line in bytes(got).splitlines()] == [b"R01:TEST", b"R02:TEST", b"R03:TEST"]


def test_id_scanner_reads_one_card_and_masks_it(tmp_path) -> None:
    pair = start_pty_pair(tmp_path)
    try:

        def scan_soon() -> None:
            time.sleep(0.5)
            with open(pair.device, "wb") as dev:
                dev.write(CARD.encode() + b"\r")

        threading.Thread(target=scan_soon, daemon=True).start()
        report = trying.try_id_scanner(f"serial://{pair.host}?baudrate=9600", timeout=10)
    finally:
        pair.kill()
    assert report.ok
    text = " ".join(vi + en for vi, en in report.lines)
    assert "********3456" in text and "001090123456" not in text and "Nguyễn V. A." in text


def test_id_scanner_silence_is_a_failure_with_advice(tmp_path) -> None:
    pair = start_pty_pair(tmp_path)
    try:
        report = trying.try_id_scanner(f"serial://{pair.host}", timeout=0.5)
    finally:
        pair.kill()
    assert not report.ok and "scan a QR" in report.lines[0][1]


def test_voice_to_files_says_the_sentence(config, tmp_path) -> None:
    report = try_voice(f"file://{tmp_path}", config.voice)
    assert report.ok and "một nghìn không trăm hai mươi ba" in report.lines[0][0]
    assert list(tmp_path.glob("*.wav"))


def test_cli_exit_codes(tmp_path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    ok = subprocess.run(
        [sys.executable, "-m", "motcua", "devices", "test", "printer", "--url", "sim://"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert ok.returncode == 0 and ok.stdout.startswith("ĐẠT / OK"), ok.stderr
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "motcua",
            "devices",
            "test",
            "printer",
            "--url",
            "sim://?state=offline",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 1 and "CHƯA ĐẠT" in bad.stdout


def test_document_scanner_from_the_sane_test_backend_saves_one_png(tmp_path) -> None:
    from PIL import Image

    report = trying.try_document_scanner(
        "sane://test:0?mode=Gray&resolution=50&source=Flatbed", tmp_path
    )
    assert report.ok, report.lines
    with Image.open(tmp_path / "scan-test.png") as page:
        assert page.size[0] > 100 and page.mode == "L"
    assert "50 dpi" in report.lines[0][1]


def test_document_scanner_faults_and_an_empty_feeder_fail_with_advice(tmp_path) -> None:
    jam = trying.try_document_scanner("sim://?empty=1", tmp_path)
    assert not jam.ok and "load a sheet" in jam.lines[0][1]
    bad = trying.try_document_scanner("sane://test:0?sorce=Flatbed", tmp_path)
    assert not bad.ok and "'source'" in bad.lines[0][0]
    assert not (tmp_path / "scan-test.png").exists()


def test_cli_tries_the_document_scanner(tmp_path, capsys) -> None:
    from motcua.cli import main

    url = "sane://test:0?mode=Gray&resolution=50&source=Flatbed"
    assert main(["devices", "test", "scanner", "--url", url, "--out", str(tmp_path)]) == 0
    assert "ĐẠT / OK" in capsys.readouterr().out
    assert main(["devices", "test", "scanner", "--url", "ftp://x", "--out", str(tmp_path)]) == 1


def test_bus_lines_report_their_health() -> None:
    from motcua.counter.bus import open_line

    line = open_line("sim://")
    assert line is not None
    assert line.health("keypads").is_ok
    line.set_online(False)  # type: ignore[attr-defined]
    down = line.health("keypads")
    assert down.reason == "disconnected" and down.device == "keypads"
