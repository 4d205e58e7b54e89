"""One-way outlets: a file or device node, and a raw CUPS queue."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import BinaryIO

from motcua.printer.transport_base import TransportError


class FileTransport:
    """Appends jobs to a file (or writes to a device node such as /dev/usb/lp0)."""

    bidirectional = False

    def __init__(self, url: str, path: Path) -> None:
        self.url = url
        self.path = path
        self._fh: BinaryIO | None = None

    @property
    def is_open(self) -> bool:
        return self._fh is not None

    def open(self) -> None:
        try:
            self._fh = open(self.path, "ab", buffering=0)  # noqa: SIM115 - kept open
        except OSError as exc:
            raise TransportError(f"file {self.path}: {exc}") from exc

    def write(self, data: bytes) -> None:
        if self._fh is None:
            raise TransportError("file not open")
        try:
            self._fh.write(data)
            os.fsync(self._fh.fileno()) if self.path.is_file() else None
        except OSError as exc:
            raise TransportError(f"file write: {exc}") from exc

    def read(self, size: int, timeout: float) -> bytes:
        return b""

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        fh, self._fh = self._fh, None
        if fh is not None:
            fh.close()


class CupsTransport:
    """A raw CUPS queue: each write is one `lp -o raw` job. CUPS reports nothing
    back about paper, so the line is write-only."""

    bidirectional = False

    def __init__(self, url: str, queue: str, lp: str | None = None) -> None:
        self.url = url
        self.queue = queue
        self.lp = lp
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def open(self) -> None:
        self.lp = self.lp or shutil.which("lp")
        if not self.lp:
            raise TransportError(
                "CUPS không có trên máy này (thiếu lệnh `lp`) / CUPS is not installed"
            )
        self._open = True

    def write(self, data: bytes) -> None:
        if not self._open or not self.lp:
            raise TransportError("cups queue not open")
        try:
            done = subprocess.run(
                [self.lp, "-d", self.queue, "-o", "raw"],
                input=data,
                capture_output=True,
                timeout=15,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise TransportError(f"cups lp: {exc}") from exc
        if done.returncode != 0:
            raise TransportError(f"cups lp: {done.stderr.decode(errors='replace').strip()}")

    def read(self, size: int, timeout: float) -> bytes:
        return b""

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        self._open = False
