"""The real transports: serial over a socat pty pair, TCP to a local listener,
file. What the far end received is decoded: rasters read back with tesseract
(-l vie), the QR with zbar, the number as native text."""

from __future__ import annotations

import socket

import pytest
from printer_readback import decode_qr, ocr_rasters

from motcua.printer import PrinterConfigError, PrinterStatus, open_printer
from motcua.printer.decoder import parse, texts
from motcua.printer.samples import sample_receipt, sample_ticket
from motcua.printer.transports import CupsTransport, TransportError, transport_for_url


def _check_ticket_received(device, slip, service_words):
    (job,) = device.jobs
    assert slip.display_number in [t.data.decode() for t in texts(job.ops)]
    assert decode_qr(job.image()) == [slip.qr_url]
    assert service_words in ocr_rasters(job.ops)


@pytest.mark.parametrize("service", ["HT", "CT"])
def test_serial_ticket_over_socat(config, serial_printer, service):
    url, far = serial_printer
    slip = sample_ticket(config, config.service(service))
    printer = open_printer(url)
    result = printer.print_ticket(slip)
    printer.close()
    assert result.ok and result.code == "printed", result
    device = far.finish()
    assert len(device.jobs[0].data) == result.bytes_sent
    _check_ticket_received(device, slip, {"HT": "Hộ tịch", "CT": "Chứng thực"}[service])


def test_serial_status_and_paper_out(config, serial_printer):
    url, far = serial_printer
    printer = open_printer(url)
    assert printer.status() == PrinterStatus(True, "ok", False, False)
    far.device.paper = "out"
    assert printer.status().paper == "out"
    result = printer.print_ticket(sample_ticket(config))
    assert (result.ok, result.code, result.bytes_sent) == (False, "paper_out", 0)
    far.device.paper = "near_end"
    assert printer.print_ticket(sample_ticket(config)).ok
    printer.close()
    assert len(far.finish().jobs) == 1


def test_serial_nobody_answering_is_no_reply(config, pty_pair):
    """The far end of the line is open but no printer answers: unknown, not OK."""
    import serial

    host, far = pty_pair
    line = serial.Serial(far, 115200, timeout=0)  # keeps the pty alive, says nothing
    try:
        printer = open_printer(f"serial://{host}")
        st = printer.status()
        assert st == PrinterStatus.unknown() and not st.ok
        result = printer.print_ticket(sample_ticket(config))
        assert (result.ok, result.code, result.bytes_sent) == (False, "no_reply", 0)
        assert "không phản hồi" in result.message_vi
        printer.close()
    finally:
        line.close()


def test_serial_device_missing_is_unreachable(config, tmp_path):
    printer = open_printer(f"serial://{tmp_path}/ttyUSB9")
    result = printer.print_ticket(sample_ticket(config))
    assert (result.ok, result.code) == (False, "unreachable")
    assert printer.status() == PrinterStatus.unknown()


def test_tcp_ticket_and_receipt(config, tcp_printer):
    url, far = tcp_printer
    slip = sample_ticket(config, config.service("XD"))
    printer = open_printer(url)
    assert printer.status().ok
    assert printer.print_ticket(slip).ok
    receipt = sample_receipt(config)
    assert printer.print_receipt(receipt).ok
    printer.close()
    device = far.finish()
    assert len(device.jobs) == 2
    assert decode_qr(device.jobs[0].image()) == [slip.qr_url]
    assert "Cấp phép xây dựng" in ocr_rasters(device.jobs[0].ops)
    assert decode_qr(device.jobs[1].image()) == [receipt.qr_data]


def test_tcp_offline_and_cover_open_fail(config, tcp_printer):
    url, far = tcp_printer
    printer = open_printer(url)
    far.device.offline = True
    assert printer.print_ticket(sample_ticket(config)).code == "offline"
    far.device.offline = False
    far.device.cover_open = True
    result = printer.print_ticket(sample_ticket(config))
    assert (result.ok, result.code) == (False, "cover_open")
    printer.close()
    assert far.finish().jobs == []


def test_tcp_silent_printer_is_no_reply(config, silent_tcp):
    printer = open_printer(silent_tcp)
    assert printer.status() == PrinterStatus.unknown()
    result = printer.print_ticket(sample_ticket(config))
    assert (result.ok, result.code, result.bytes_sent) == (False, "no_reply", 0)
    printer.close()


def test_tcp_one_way_line_is_sent_not_printed(config, silent_tcp):
    printer = open_printer(silent_tcp + "?status=off")
    result = printer.print_ticket(sample_ticket(config))
    assert (result.ok, result.code) == (True, "sent")
    assert result.bytes_sent > 1000
    printer.close()


def test_tcp_refused_is_unreachable(config):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    printer = open_printer(f"tcp://127.0.0.1:{port}")
    result = printer.print_ticket(sample_ticket(config))
    assert (result.ok, result.code) == (False, "unreachable")
    assert "Không kết nối được" in result.message_vi


def test_printer_that_dies_after_the_job_is_not_reported_printed(config, tcp_printer):
    """Paper runs out while printing: the status after the job says so."""
    url, far = tcp_printer
    printer = open_printer(url)
    original = far.device.receive

    def receive_then_run_out(data: bytes) -> None:
        original(data)
        if len(data) > 100:  # the job itself, not a status query
            far.device.paper = "out"

    far.device.receive = receive_then_run_out
    result = printer.print_ticket(sample_ticket(config))
    assert (result.ok, result.code) == (False, "paper_out")
    assert result.bytes_sent > 0
    printer.close()
    far.finish()


def test_file_transport_appends_jobs(config, tmp_path):
    out = tmp_path / "printer.bin"
    printer = open_printer(f"file://{out}")
    slip = sample_ticket(config, config.service("CT"))
    r1 = printer.print_ticket(slip)
    r2 = printer.print_ticket(slip)
    printer.close()
    assert (r1.ok, r1.code) == (True, "sent")
    data = out.read_bytes()
    assert len(data) == r1.bytes_sent + r2.bytes_sent
    ops = parse(data)
    assert [t.data.decode() for t in texts(ops)].count(slip.display_number) == 2
    assert "Chứng thực" in ocr_rasters(ops)
    assert printer.status() == PrinterStatus.unknown()


def test_file_that_cannot_be_opened_is_a_failed_result(config, tmp_path):
    result = open_printer(f"file://{tmp_path}").print_ticket(sample_ticket(config))  # a dir
    assert (result.ok, result.code) == (False, "unreachable")


def test_cups_without_lp_is_a_clear_failure(config, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    printer = open_printer("cups://Kiosk80")
    result = printer.print_ticket(sample_ticket(config))
    assert (result.ok, result.code) == (False, "unreachable")
    assert "CUPS" in result.message_en


def test_cups_sends_a_raw_job_through_lp(tmp_path):
    """`lp` is CUPS's boundary: a stand-in script records its arguments and input."""
    script = tmp_path / "lp"
    script.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/args\ncat > {tmp_path}/job\n')
    script.chmod(0o755)
    t = CupsTransport("cups://Kiosk80", "Kiosk80", lp=str(script))
    t.open()
    t.write(b"\x1b@hello\n")
    assert (tmp_path / "args").read_text().split() == ["-d", "Kiosk80", "-o", "raw"]
    assert (tmp_path / "job").read_bytes() == b"\x1b@hello\n"
    failing = tmp_path / "lp-fail"
    failing.write_text("#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n")
    failing.chmod(0o755)
    bad = CupsTransport("cups://Nope", "Nope", lp=str(failing))
    bad.open()
    with pytest.raises(TransportError, match="does not exist"):
        bad.write(b"x")


def test_usb_without_the_device_is_unreachable(config):
    printer = open_printer("usb://04b8:0e15")
    result = printer.print_ticket(sample_ticket(config))
    assert (result.ok, result.code) == (False, "unreachable")


def test_pyserial_urls_pass_through():
    """loop:// echoes what is written: our options are stripped before pyserial sees
    the URL (it rejects unknown ones)."""
    t = transport_for_url("loop://?baudrate=9600&status=on")
    t.open()
    t.write(b"abc")
    assert t.read(3, 0.3) == b"abc"
    assert t.read(3, 0.05) == b""  # silence: empty, after the bound
    t.close()


@pytest.mark.parametrize(
    "url", ["ftp://x", "tcp://", "usb://zz:1", "file://", "serial://", "cups://"]
)
def test_bad_urls_are_startup_errors(url):
    with pytest.raises(PrinterConfigError):
        open_printer(url)


def test_unknown_profile_is_a_startup_error():
    with pytest.raises(PrinterConfigError, match="80mm"):
        open_printer("sim://", profile="90mm")


def test_tcp_reconnects_after_the_printer_dropped_the_connection(config, tcp_printer):
    url, far = tcp_printer
    printer = open_printer(url)
    assert printer.print_ticket(sample_ticket(config)).ok
    far.drop.set()
    for _ in range(500):  # the far end closes its side within a few polls
        if not far.drop.is_set():
            break
        far.stop.wait(0.01)
    assert not far.drop.is_set()
    result = printer.print_ticket(sample_ticket(config, config.service("CT")))
    assert result.ok, result
    printer.close()
    assert len(far.finish().jobs) == 2


def test_printer_slow_to_answer_after_a_job_is_waited_for(config, serial_printer):
    """The first query after the job meets silence; the printer answers the next."""
    url, far = serial_printer
    far.device.busy_after_job = 1
    printer = open_printer(url)
    result = printer.print_ticket(sample_ticket(config))
    printer.close()
    assert result.ok and result.code == "printed", result
    assert len(far.finish().jobs) == 1


def test_printer_that_resets_mid_job_fails_once_with_one_log_line(config, caplog):
    """The printer answers its status, takes the job's first bytes, then resets (RST)."""
    import logging
    import struct
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def printer_that_resets() -> None:
        conn, _ = server.accept()
        conn.settimeout(5)
        got = b""
        while len(got) < 2000:  # status queries are answered until the job starts
            chunk = conn.recv(4096)
            if not chunk:
                break
            got += chunk
            if len(chunk) == 3 and chunk[:2] == b"\x10\x04":
                conn.sendall(b"\x12")
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()  # a reset: every later read or write fails

    thread = threading.Thread(target=printer_that_resets, daemon=True)
    thread.start()
    printer = open_printer(f"tcp://127.0.0.1:{server.getsockname()[1]}")
    with caplog.at_level(logging.INFO, logger="motcua.printer"):
        result = printer.print_ticket(sample_ticket(config))
    printer.close()
    server.close()
    thread.join(5)
    assert not result.ok and result.code in ("io_error", "no_reply")
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
