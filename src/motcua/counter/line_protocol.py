"""The ASCII line protocol of call keypads and LED boards on a shared RS-485 line.

One frame per line, every device addressed, every frame checksummed::

    <kind><addr 2 digits>:<payload>*<checksum 2 hex>\\r\\n

- ``kind``: ``K`` keypad -> host (a key press), ``R`` host -> keypad (reply shown on the
  keypad's small display), ``L`` host -> LED board (text to show).
- ``addr``: ``01``..``99`` (the counter number by default); ``00`` is a broadcast to
  every board on the line (used to blank them all).
- ``checksum``: CRC-8 (polynomial 0x07, init 0, ``crc8`` below) of every byte from
  ``kind`` through the last payload byte, as two upper-case hex digits.

Examples (docs/integrators/keypad-led-protocol.md lists more): ``K05:NEXT*B6`` (a key
press), ``L05:1023*..`` (show 1023), ``L05:----*..`` (counter paused), ``L05:*..`` (blank).

Why this shape: RS-485 multi-drop lines pick up noise and half-sent frames when two
devices talk at once; the fixed start letter, the address, the checksum and the line
length limit let a receiver drop anything doubtful instead of acting on it. A key that
got lost is pressed again by the clerk (the keypad sees no ``R`` reply); a wrong action
cannot be undone, so doubtful frames are never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_FRAME = 64  # bytes per line, terminator excluded; longer lines are noise
BROADCAST = 0
BOARD_TEXT_MAX = 8
_BOARD_TEXT = re.compile(r"[0-9A-Z \-]*")
_FRAME = re.compile(r"([KRL])(\d{2}):([\x20-\x29\x2b-\x7e]*)\*([0-9A-F]{2})")
_FRAME_NO_SUM = re.compile(r"([KRL])(\d{2}):([\x20-\x29\x2b-\x7e]*)")


class FrameError(ValueError):
    """A line that is not a valid frame (bad shape, checksum, address or payload)."""


class FrameKind(StrEnum):
    KEY = "K"  # keypad -> host
    REPLY = "R"  # host -> keypad
    BOARD = "L"  # host -> LED board


class KeyAction(StrEnum):
    """What a keypad key asks for; the same actions as the console's buttons."""

    NEXT = "NEXT"
    RECALL = "RECALL"
    START = "START"
    FINISH = "FINISH"
    NO_SHOW = "NOSHOW"
    PAUSE = "PAUSE"
    RESUME = "RESUME"
    TOGGLE_PAUSE = "TOGGLE"  # one key for pause/resume on small keypads
    TRANSFER_SERVICE = "XFS"  # XFS:<service code>, typed as a code on the keypad
    TRANSFER_COUNTER = "XFC"  # XFC:<counter number>


_ARG_ACTIONS = {KeyAction.TRANSFER_SERVICE, KeyAction.TRANSFER_COUNTER}


@dataclass(frozen=True)
class Frame:
    kind: FrameKind
    address: int
    payload: str

    def encode(self) -> bytes:
        return encode_frame(self.kind, self.address, self.payload)


@dataclass(frozen=True)
class KeyPress:
    """One key press from the keypad at ``address``."""

    address: int
    action: KeyAction
    arg: str = ""  # service code or counter number for transfers

    @property
    def payload(self) -> str:
        return f"{self.action.value}:{self.arg}" if self.arg else self.action.value


def crc8(data: bytes) -> int:
    """CRC-8/SMBUS: polynomial 0x07, initial value 0, no reflection ("123456789" -> 0xF4).

    A plain XOR would give "1023" and "----" the same check (both XOR to 0): any two
    equal characters cancel. CRC-8 catches every single and double bit error and every
    swap of two characters, and fits an 8-bit keypad controller in a dozen lines.
    """
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def checksum(body: str) -> str:
    return f"{crc8(body.encode('ascii')):02X}"


def encode_frame(kind: FrameKind | str, address: int, payload: str) -> bytes:
    """The bytes of one frame, terminator included."""
    kind = FrameKind(kind)
    if not 0 <= address <= 99:
        raise FrameError(f"address {address} outside 00..99")
    body = f"{kind.value}{address:02d}:{payload}"
    if "*" in payload or not all(0x20 <= ord(c) < 0x7F for c in payload):
        raise FrameError(f"payload {payload!r} must be printable ASCII without '*'")
    if len(body) + 3 > MAX_FRAME:
        raise FrameError(f"frame too long: {body!r}")
    return f"{body}*{checksum(body)}\r\n".encode("ascii")


def decode_frame(line: str | bytes, *, require_checksum: bool = True) -> Frame:
    """Parse one line (terminator optional); raises FrameError on anything doubtful."""
    if isinstance(line, bytes):
        try:
            line = line.decode("ascii")
        except UnicodeDecodeError as exc:
            raise FrameError("non-ASCII bytes") from exc
    line = line.strip("\r\n")
    if len(line) > MAX_FRAME:
        raise FrameError("frame too long")
    m = _FRAME.fullmatch(line)
    if m:
        kind, addr, payload, got = m.groups()
        want = checksum(f"{kind}{addr}:{payload}")
        if got != want:
            raise FrameError(f"checksum {got} != {want}")
    elif not require_checksum and (m := _FRAME_NO_SUM.fullmatch(line)):
        kind, addr, payload = m.groups()
    else:
        raise FrameError(f"not a frame: {line!r}")
    return Frame(FrameKind(kind), int(addr), payload)


def key_frame(press: KeyPress) -> bytes:
    """What a keypad sends (used by sim devices and tests)."""
    return encode_frame(FrameKind.KEY, press.address, press.payload)


def parse_key(frame: Frame) -> KeyPress:
    """A key frame's action; raises FrameError for unknown keys or bad arguments."""
    if frame.kind is not FrameKind.KEY:
        raise FrameError(f"not a key frame: {frame.kind}")
    if frame.address == BROADCAST:
        raise FrameError("a keypad cannot use the broadcast address")
    name, _, arg = frame.payload.partition(":")
    try:
        action = KeyAction(name)
    except ValueError as exc:
        raise FrameError(f"unknown key {name!r}") from exc
    if action in _ARG_ACTIONS:
        if not arg or (action is KeyAction.TRANSFER_COUNTER and not arg.isdigit()):
            raise FrameError(f"{name} needs a {'counter number' if arg else 'code'}")
    elif arg:
        raise FrameError(f"{name} takes no argument")
    return KeyPress(frame.address, action, arg)


def board_text(text: str) -> str:
    """Text an LED board can show: digits, A-Z, '-', space, up to 8 characters."""
    text = text.upper()
    if len(text) > BOARD_TEXT_MAX or not _BOARD_TEXT.fullmatch(text):
        raise FrameError(f"LED boards show [0-9A-Z -]{{0,{BOARD_TEXT_MAX}}}, not {text!r}")
    return text


class LineFramer:
    """Cuts a byte stream into lines (CR, LF or CRLF); drops over-long garbage.

    Fed with whatever ``read()`` returned; returns the complete lines so far.
    """

    def __init__(self, max_len: int = MAX_FRAME) -> None:
        self._buf = bytearray()
        self._max = max_len
        self._overflow = False
        self.dropped = 0  # lines thrown away for being too long

    def feed(self, data: bytes) -> list[bytes]:
        lines: list[bytes] = []
        for b in data:
            if b in (0x0D, 0x0A):
                if self._overflow:
                    self.dropped += 1
                elif self._buf:
                    lines.append(bytes(self._buf))
                self._buf.clear()
                self._overflow = False
            elif not self._overflow:
                self._buf.append(b)
                if len(self._buf) > self._max:
                    self._buf.clear()
                    self._overflow = True
        return lines
