"""KeypadBridge: key presses act on a real Center; calls light the right LED board."""

from __future__ import annotations

import threading
import time

import serial

from motcua.counter.bridge import KeypadBridge
from motcua.counter.bus import open_line
from motcua.counter.keypad import LineKeypads, SimKeypads
from motcua.counter.ledboard import LineLedBoards, SimLedBoards
from motcua.counter.line_protocol import KeyAction, KeyPress, LineFramer, decode_frame, key_frame
from motcua.queue.models import TicketStatus

from .conftest import PtyPair


def wait_for(predicate, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def test_keypad_next_calls_and_lights_the_board(center) -> None:
    keypads, boards = SimKeypads(), SimLedBoards()
    bridge = KeypadBridge(center, keypads, boards)
    bridge.start()
    try:
        t1 = center.issue_ticket("CTR").ticket  # counter 4 serves CTR
        t2 = center.issue_ticket("CTR").ticket
        keypads.press(4, KeyAction.NEXT)
        assert bridge.wait_idle()
        assert center.snapshot().counter(4).current.id == t1.id
        assert wait_for(lambda: boards.shown.get(4) == t1.display_number)
        assert keypads.replies[-1] == (4, t1.display_number)

        keypads.press(4, KeyAction.RECALL)
        keypads.press(4, KeyAction.START)
        keypads.press(4, KeyAction.NEXT)  # finishes t1, calls t2
        assert bridge.wait_idle()
        assert center.ticket(t1.id).ticket.status is TicketStatus.DONE
        assert center.snapshot().counter(4).current.id == t2.id
        assert wait_for(lambda: boards.shown.get(4) == t2.display_number)

        keypads.press(4, KeyAction.NEXT)  # nobody left
        assert bridge.wait_idle()
        assert keypads.replies[-1] == (4, "----")
    finally:
        bridge.stop()


def test_keypad_pause_toggle_and_errors(center) -> None:
    keypads, boards = SimKeypads(), SimLedBoards()
    bridge = KeypadBridge(center, keypads, boards)
    bridge.start()
    try:
        keypads.press(6, KeyAction.FINISH)  # nothing to finish
        keypads.press(6, KeyAction.TOGGLE_PAUSE)
        assert bridge.wait_idle()
        assert keypads.replies[0] == (6, "E-NO")
        assert center.snapshot().counter(6).paused
        assert wait_for(lambda: boards.shown.get(6) == "----")
        keypads.press(6, KeyAction.NEXT)  # paused counters do not call
        keypads.press(6, KeyAction.TOGGLE_PAUSE)
        assert bridge.wait_idle()
        assert keypads.replies == [(6, "E-NO"), (6, "----"), (6, "PAUSE"), (6, "OK")]
        assert not center.snapshot().counter(6).paused
        assert wait_for(lambda: boards.shown.get(6) == "")
    finally:
        bridge.stop()


def test_keypad_transfer_by_code(center) -> None:
    keypads = SimKeypads()
    bridge = KeypadBridge(center, keypads, None)
    bridge.start()
    try:
        t = center.issue_ticket("HT").ticket
        keypads.press(2, KeyAction.NEXT)
        keypads.press(2, KeyAction.TRANSFER_SERVICE, "ct")
        assert bridge.wait_idle()
        moved = center.ticket(t.id).ticket
        assert moved.service_code == "CT" and moved.status is TicketStatus.WAITING
        keypads.press(3, KeyAction.NEXT)  # counter 3 serves CT first
        assert bridge.wait_idle()
        assert center.snapshot().counter(3).current.id == t.id
    finally:
        bridge.stop()


def test_boards_follow_calls_made_elsewhere_and_start_from_the_snapshot(center) -> None:
    t = center.issue_ticket("DD").ticket
    center.call_next(6)
    center.pause(7)
    boards = SimLedBoards()
    bridge = KeypadBridge(center, None, boards, counters={1: 6, 2: 7})  # addresses != counters
    bridge.start()
    try:
        assert boards.shown[1] == t.display_number
        assert boards.shown[2] == "----"
        t2 = center.issue_ticket("DD").ticket
        center.resume(7)
        center.call_next(7)
        assert wait_for(lambda: boards.shown.get(2) == t2.display_number)
    finally:
        bridge.stop()


def test_keypad_bytes_to_actions_and_calls_to_led_bytes_over_a_pty(center, pty_pair: PtyPair):
    """One RS-485 line (a socat pty pair) shared by the keypads and the LED boards."""
    line = open_line(f"serial://{pty_pair.host}?baudrate=9600&retry=0.05")
    assert line.wait_connected(5)
    keypads, boards = LineKeypads(line), LineLedBoards(line, close_line=False)
    bridge = KeypadBridge(center, keypads, boards)
    dev = serial.Serial(str(pty_pair.device), baudrate=9600, timeout=0.05)
    heard: list[tuple[str, int, str]] = []
    stop = threading.Event()

    def listen() -> None:
        framer = LineFramer()
        while not stop.is_set():
            for raw in framer.feed(dev.read(64)):
                f = decode_frame(raw)
                heard.append((f.kind.value, f.address, f.payload))

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    try:
        tickets = [center.issue_ticket("CTR").ticket for _ in range(2)]
        bridge.start()
        dev.write(key_frame(KeyPress(5, KeyAction.NEXT)))
        dev.flush()
        assert wait_for(lambda: ("L", 5, tickets[0].display_number) in heard)
        assert wait_for(lambda: ("R", 5, tickets[0].display_number) in heard)
        assert center.snapshot().counter(5).current.id == tickets[0].id

        dev.write(key_frame(KeyPress(4, KeyAction.NEXT)) + key_frame(KeyPress(5, KeyAction.PAUSE)))
        dev.flush()
        assert wait_for(lambda: ("L", 4, tickets[1].display_number) in heard)
        assert wait_for(lambda: ("L", 5, "----") in heard)
        assert center.snapshot().counter(5).paused
    finally:
        stop.set()
        listener.join()
        bridge.stop()
        keypads.close()
        dev.close()


def test_resume_shows_the_number_still_served_and_transfer_blanks(center) -> None:
    boards = SimLedBoards()
    bridge = KeypadBridge(center, None, boards)
    bridge.start()
    try:
        t = center.issue_ticket("DD").ticket
        center.call_next(6)
        center.start(6)
        center.pause(6)
        assert wait_for(lambda: boards.shown.get(6) == "----")
        center.resume(6)
        assert wait_for(lambda: boards.shown.get(6) == t.display_number)
        center.transfer(6, to_counter=7)
        assert wait_for(lambda: boards.shown.get(6) == "")
    finally:
        bridge.stop()


def test_keypad_addresses_come_from_the_configuration(center) -> None:
    from motcua.config import ConfigError, parse_config

    data = {
        "center": {"name": "X"},
        "services": [{"code": "A", "name": "A", "name_en": "A", "numbering": {"kind": "range"}}],
        "counters": [
            {"number": 4, "services": ["A"], "keypad": 21},
            {"number": 5, "services": ["A"]},
        ],
    }
    mapping = parse_config(data).keypad_counters()
    assert mapping == {21: 4}
    clash = replace_counters(data, [{"number": 6, "services": ["A"], "keypad": 5}])
    try:
        parse_config(clash)
        raise AssertionError("a keypad address of two counters was accepted")
    except ConfigError as exc:
        assert "keypad address 5" in str(exc)
    keypads, boards = SimKeypads(), SimLedBoards()
    bridge = KeypadBridge(center, keypads, boards, counters=mapping)  # as `motcua keypads`
    bridge.start()
    try:
        t1 = center.issue_ticket("CTR").ticket  # counter 4 serves CTR
        keypads.press(21, KeyAction.NEXT)
        assert bridge.wait_idle()
        assert center.snapshot().counter(4).current.id == t1.id
        assert wait_for(lambda: boards.shown.get(21) == t1.display_number)
    finally:
        bridge.stop()


def replace_counters(data: dict, extra: list[dict]) -> dict:
    return data | {"counters": [*data["counters"], *extra]}
