"""Call keypads: the small boxes with buttons on a clerk's desk (no Qt).

A keypad sends ``K<addr>:<KEY>`` frames (line_protocol.py); the host answers with
``R<addr>:<text>`` shown on the keypad's little display (the number just called,
``----`` when nobody waits, ``E-NET`` when the server is unreachable). A keypad that
sees no reply within a second lets the clerk press again.

``Keypads`` is the driver interface; ``LineKeypads`` is the one implementation, over
any ``BusLine`` (a serial RS-485 line or ``SimBus``). ``SimKeypads`` adds ``press()``
so tests and the demo can press keys: the press goes through the same bytes, framing
and checksum as a real keypad.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from motcua.counter.bus import BusLine, SimBus, open_line
from motcua.counter.line_protocol import (
    Frame,
    FrameError,
    FrameKind,
    KeyAction,
    KeyPress,
    decode_frame,
    encode_frame,
    key_frame,
    parse_key,
)

log = logging.getLogger(__name__)

KeyHandler = Callable[[KeyPress], None]


class Keypads(Protocol):
    """All keypads on one line."""

    def start(self, on_key: KeyHandler) -> None:
        """Deliver every valid key press to ``on_key`` (from the line's reader thread)."""
        ...

    def reply(self, address: int, text: str) -> bool:
        """Show ``text`` on the keypad's display; False when the line is down."""
        ...

    def close(self) -> None: ...


class LineKeypads:
    def __init__(self, line: BusLine, *, close_line: bool = True) -> None:
        self.line = line
        self._handler: KeyHandler | None = None
        self._close_line = close_line
        self.bad_keys = 0  # valid frames with unknown keys (a keypad set up wrongly)
        line.add_listener(self._on_frame)

    def start(self, on_key: KeyHandler) -> None:
        self._handler = on_key

    def reply(self, address: int, text: str) -> bool:
        return self.line.send(encode_frame(FrameKind.REPLY, address, text[:16]))

    def close(self) -> None:
        self._handler = None
        if self._close_line:
            self.line.close()

    def _on_frame(self, frame: Frame) -> None:
        if frame.kind is not FrameKind.KEY:
            return  # our own R/L frames echoed back on a half-duplex line
        try:
            press = parse_key(frame)
        except FrameError as exc:
            self.bad_keys += 1
            log.warning("keypad %02d: %s", frame.address, exc)
            return
        if self._handler is not None:
            self._handler(press)


class SimKeypads(LineKeypads):
    """Simulated keypads: ``press(5, KeyAction.NEXT)``; ``replies`` records the answers."""

    def __init__(self, line: SimBus | None = None) -> None:
        super().__init__(line or SimBus())
        self.sim: SimBus = self.line  # type: ignore[assignment]

    def press(self, address: int, action: KeyAction | str, arg: str = "") -> None:
        self.sim.inject(key_frame(KeyPress(address, KeyAction(action), arg)))

    @property
    def replies(self) -> list[tuple[int, str]]:
        """(address, text) of every reply sent, in order."""
        out = []
        for raw in self.sim.sent:
            frame = decode_frame(raw)
            if frame.kind is FrameKind.REPLY:
                out.append((frame.address, frame.payload))
        return out


def open_keypads(url: str, line: BusLine | None = None) -> Keypads | None:
    """Keypads for a URL (bus.py); pass ``line`` to share a line with LED boards."""
    line = line if line is not None else open_line(url)
    if line is None:
        return None
    if isinstance(line, SimBus):
        return SimKeypads(line)
    return LineKeypads(line)
