"""Keypad and LED board drivers over the simulated line and over socat pty pairs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import serial

from motcua.counter.bus import DeviceUrlError, SerialBusLine, SimBus, open_line, open_lines
from motcua.counter.keypad import LineKeypads, SimKeypads, open_keypads
from motcua.counter.ledboard import LineLedBoards, SimLedBoards, open_led_boards
from motcua.counter.line_protocol import KeyAction, KeyPress, LineFramer, checksum, decode_frame

from .conftest import PtyPair, start_pty_pair


def test_sim_keypads_deliver_presses_through_real_framing() -> None:
    keypads = SimKeypads()
    got: list[KeyPress] = []
    keypads.start(got.append)
    keypads.press(5, KeyAction.NEXT)
    keypads.press(7, KeyAction.TRANSFER_COUNTER, "3")
    keypads.sim.inject(b"K05:NEXT*00\r\n")  # bad checksum: dropped, not acted on
    keypads.sim.inject(_frame("K05:DANCE"))  # unknown key
    assert got == [KeyPress(5, KeyAction.NEXT), KeyPress(7, KeyAction.TRANSFER_COUNTER, "3")]
    assert keypads.sim.rejected == [b"K05:NEXT*00"]
    assert keypads.bad_keys == 1
    keypads.reply(5, "1023")
    assert keypads.replies == [(5, "1023")]


def test_sim_boards_show_blank_and_broadcast() -> None:
    boards = SimLedBoards()
    boards.show(5, "1023")
    boards.show(6, "b007")
    boards.show(5, "----")
    assert boards.shown == {5: "----", 6: "B007"}
    boards.blank_all()
    assert boards.shown == {5: "", 6: ""}
    assert boards.sim.sent[0] == b"L05:1023*CD\r\n"


def test_boards_send_their_state_again_after_the_line_returns() -> None:
    boards = SimLedBoards()
    boards.show(5, "1023")
    boards.show(6, "2001")
    boards.sim.set_online(False)
    assert boards.show(5, "1024") is False  # line down: remembered, not sent
    boards.sim.set_online(True)
    assert boards.shown == {5: "1024", 6: "2001"}


def test_keypads_ignore_frames_that_are_not_keys_on_a_shared_line() -> None:
    line = SimBus()
    keypads, boards = SimKeypads(line), SimLedBoards(line)
    got: list[KeyPress] = []
    keypads.start(got.append)
    boards.show(5, "1023")
    line.inject(line.sent[-1])  # our own frame echoed back by a half-duplex adapter
    assert got == []


def test_url_parsing() -> None:
    assert open_line("") is None and open_line("none://") is None
    assert isinstance(open_line("sim://"), SimBus)
    assert isinstance(open_keypads("sim://"), SimKeypads)
    assert isinstance(open_led_boards("sim://"), SimLedBoards)
    k, b = open_lines("sim://", "sim://")
    assert k is b
    for bad in (
        "ftp://x",
        "serial://",
        "tcp://host",
        "serial:///dev/x?baudrate=fast",
        "serial:///dev/x?parity=Q",
        "serial:///dev/x?colour=red",
    ):
        with pytest.raises(DeviceUrlError):
            open_line(bad)


def test_serial_url_options_reach_pyserial() -> None:
    calls: list[tuple[str, dict]] = []
    opened = threading.Event()

    def fake_open(url: str, **kw: object) -> serial.SerialBase:
        calls.append((url, kw))
        opened.set()
        return serial.serial_for_url("loop://", timeout=0.05)

    line = open_line("tcp://10.0.0.7:4001?baudrate=19200&parity=o", open_port=fake_open)
    assert opened.wait(5)
    line.close()
    assert calls[0] == (
        "socket://10.0.0.7:4001",
        {"timeout": 0.05, "baudrate": 19200, "parity": "O"},
    )


def _frame(body: str) -> bytes:
    """A well-formed line with any body, even one the encoder would refuse to build."""
    return f"{body}*{checksum(body)}\r\n".encode("ascii")


# ---------------------------------------------------------------- over socat ptys


def _device_port(pair: PtyPair) -> serial.Serial:
    return serial.Serial(str(pair.device), baudrate=9600, timeout=0.05)


def _read_frames(port: serial.Serial, count: int, timeout: float = 5.0) -> list[str]:
    framer, out = LineFramer(), []
    end = time.monotonic() + timeout
    while len(out) < count and time.monotonic() < end:
        for raw in framer.feed(port.read(64)):
            f = decode_frame(raw)
            out.append(f"{f.kind}{f.address:02d}:{f.payload}")
    return out


def test_keypad_bytes_over_a_pty_arrive_as_presses(pty_pair: PtyPair) -> None:
    line = open_line(f"serial://{pty_pair.host}?baudrate=9600&retry=0.05")
    assert isinstance(line, SerialBusLine) and line.wait_connected(5)
    keypads = LineKeypads(line)
    got: list[KeyPress] = []
    done = threading.Event()
    keypads.start(lambda p: (got.append(p), len(got) == 3 and done.set()))
    dev = _device_port(pty_pair)
    # three presses, one split across writes, noise and a bad frame in between
    first = _frame("K05:NEXT") + _frame("K06:RECALL")
    dev.write(first[:20])
    dev.flush()
    time.sleep(0.05)
    dev.write(first[20:] + b"\x00\xffgarbage\r\nK07:START*00\r\n")
    dev.write(_frame("K07:NOSHOW")[:-2] + b"\n")
    dev.flush()
    assert done.wait(5), got
    assert got == [
        KeyPress(5, KeyAction.NEXT),
        KeyPress(6, KeyAction.RECALL),
        KeyPress(7, KeyAction.NO_SHOW),
    ]
    assert line.rejected == 2
    keypads.reply(5, "1023")
    assert _read_frames(dev, 1) == ["R05:1023"]
    dev.close()
    keypads.close()


def test_board_frames_over_a_pty_and_resend_after_reconnect(
    tmp_path: Path, pty_pair: PtyPair
) -> None:
    line = open_line(f"serial://{pty_pair.host}?retry=0.05")
    assert isinstance(line, SerialBusLine) and line.wait_connected(5)
    boards = LineLedBoards(line)
    dev = _device_port(pty_pair)
    boards.show(5, "1023")
    boards.show(12, "----")
    frames = _read_frames(dev, 2)
    # in order; on a loaded machine the line may reconnect while the device port opens,
    # and the boards then send their state again (the resend this test is about)
    assert frames[:2] == ["L05:1023", "L12:----"]
    assert set(frames) == {"L05:1023", "L12:----"}
    dev.close()

    # the RS-485 adapter goes away (socat dies) and comes back on the same path
    pty_pair.kill()
    end = time.monotonic() + 5
    while line.connected and time.monotonic() < end:
        time.sleep(0.01)
    assert not line.connected
    assert boards.show(6, "2001") is False  # remembered while the line is down
    again = start_pty_pair(tmp_path)
    try:
        dev = _device_port(again)
        assert line.wait_connected(5)
        frames = _read_frames(dev, 3)
        assert sorted(frames) == ["L05:1023", "L06:2001", "L12:----"]
        dev.close()
    finally:
        boards.close()
        again.kill()
