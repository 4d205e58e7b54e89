"""LED boards above the counters: show the number the counter calls (no Qt).

The host sends ``L<addr>:<text>`` (line_protocol.py): the number, ``----`` while the
counter is paused, an empty text to blank it; ``L00:`` blanks every board. Boards
have no memory worth trusting after a power cut, so the driver keeps the last text
of every address and sends them all again whenever the line (re)connects.

``LedBoards`` is the interface; ``LineLedBoards`` works over any ``BusLine``;
``SimLedBoards`` (over ``SimBus``) exposes what each board shows.
"""

from __future__ import annotations

import threading
from typing import Protocol

from motcua.counter.bus import BusLine, SimBus, open_line
from motcua.counter.line_protocol import (
    BROADCAST,
    FrameKind,
    board_text,
    decode_frame,
    encode_frame,
)

PAUSED_TEXT = "----"


class LedBoards(Protocol):
    """All LED boards on one line."""

    def show(self, address: int, text: str) -> bool:
        """Show ``text`` (digits, A-Z, '-', space; up to 8) on the board at ``address``."""
        ...

    def blank(self, address: int) -> bool: ...

    def blank_all(self) -> bool: ...

    def close(self) -> None: ...


class LineLedBoards:
    def __init__(self, line: BusLine, *, close_line: bool = True) -> None:
        self.line = line
        self._close_line = close_line
        self._lock = threading.Lock()
        self._state: dict[int, str] = {}  # what each board should show
        line.add_connect_listener(self._resend)

    def show(self, address: int, text: str) -> bool:
        text = board_text(text)
        with self._lock:
            if address == BROADCAST:
                self._state = {a: text for a in self._state}
            else:
                self._state[address] = text
            return self.line.send(encode_frame(FrameKind.BOARD, address, text))

    def blank(self, address: int) -> bool:
        return self.show(address, "")

    def blank_all(self) -> bool:
        return self.show(BROADCAST, "")

    def state(self) -> dict[int, str]:
        """What each addressed board should be showing now."""
        with self._lock:
            return dict(self._state)

    def close(self) -> None:
        if self._close_line:
            self.line.close()

    def _resend(self) -> None:
        with self._lock:
            for address, text in sorted(self._state.items()):
                self.line.send(encode_frame(FrameKind.BOARD, address, text))


class SimLedBoards(LineLedBoards):
    """Simulated boards: ``shown`` is what each board displays, decoded from the bytes."""

    def __init__(self, line: SimBus | None = None) -> None:
        super().__init__(line or SimBus())
        self.sim: SimBus = self.line  # type: ignore[assignment]

    @property
    def shown(self) -> dict[int, str]:
        boards: dict[int, str] = {}
        for raw in self.sim.sent:
            frame = decode_frame(raw)
            if frame.kind is not FrameKind.BOARD:
                continue
            if frame.address == BROADCAST:
                boards = {a: frame.payload for a in boards}
            else:
                boards[frame.address] = frame.payload
        return boards


def open_led_boards(url: str, line: BusLine | None = None) -> LedBoards | None:
    """LED boards for a URL (bus.py); pass ``line`` to share a line with keypads."""
    line = line if line is not None else open_line(url)
    if line is None:
        return None
    if isinstance(line, SimBus):
        return SimLedBoards(line)
    return LineLedBoards(line)
