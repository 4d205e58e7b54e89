"""What every printer transport is: a byte pipe that opens, writes, reads with a
deadline and closes. It knows nothing of ESC/POS."""

from __future__ import annotations

from typing import Protocol


class TransportError(OSError):
    """The line to the printer failed (cannot open, write or read)."""


class Transport(Protocol):
    url: str
    #: True when the printer can answer (DLE EOT status) over this line.
    bidirectional: bool

    def open(self) -> None: ...
    def write(self, data: bytes) -> None: ...
    def read(self, size: int, timeout: float) -> bytes: ...
    def discard_input(self) -> None: ...
    def close(self) -> None: ...

    @property
    def is_open(self) -> bool: ...
