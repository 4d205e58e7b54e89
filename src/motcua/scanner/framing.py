"""Cutting a scanner's byte stream into lines.

Serial reads return whatever bytes have arrived: half a QR payload, or two scans
at once, or a CR in one read and its LF in the next. ``LineFramer`` is fed those
chunks and hands back complete lines (ended by CR, LF or CRLF), keeping partial
data for the next chunk. A line that grows past ``max_length`` without an end is
noise (a scanner stuck in a mode with no suffix, or line garbage): it is dropped
and counted, so memory stays bounded and the next good scan still works.
"""

from __future__ import annotations


class LineFramer:
    def __init__(self, max_length: int = 4096) -> None:
        self.max_length = max_length
        self.overflows = 0  # how many over-long lines were thrown away
        self._buffer = bytearray()
        self._after_cr = False  # the last byte seen ended a line with CR
        self._discarding = False  # inside an over-long line: drop until its end

    @property
    def pending(self) -> bytes:
        """Bytes received but not yet ended by a line terminator."""
        return bytes(self._buffer)

    def reset(self) -> None:
        self._buffer.clear()
        self._after_cr = False
        self._discarding = False

    def feed(self, data: bytes) -> list[bytes]:
        """Add bytes; return the lines they complete (without terminators, empty lines skipped)."""
        lines: list[bytes] = []
        for byte in data:
            if byte in (0x0D, 0x0A):
                if byte == 0x0A and self._after_cr:
                    self._after_cr = False  # the LF of a CRLF
                    continue
                self._after_cr = byte == 0x0D
                if self._discarding:
                    self._discarding = False
                elif self._buffer:
                    lines.append(bytes(self._buffer))
                self._buffer.clear()
                continue
            self._after_cr = False
            if self._discarding:
                continue
            if len(self._buffer) >= self.max_length:
                self._buffer.clear()
                self._discarding = True
                self.overflows += 1
                continue
            self._buffer.append(byte)
        return lines
