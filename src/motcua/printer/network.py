"""Network printers: raw TCP, usually port 9100."""

from __future__ import annotations

import contextlib
import socket

from motcua.printer.transport_base import TransportError


class TcpTransport:
    bidirectional = True

    def __init__(self, url: str, host: str, port: int, connect_timeout: float = 2.0) -> None:
        self.url = url
        self.host, self.port = host, port
        self.connect_timeout = connect_timeout
        self._sock: socket.socket | None = None

    @property
    def is_open(self) -> bool:
        return self._sock is not None

    def open(self) -> None:
        try:
            self._sock = socket.create_connection((self.host, self.port), self.connect_timeout)
        except OSError as exc:
            raise TransportError(f"tcp {self.host}:{self.port}: {exc}") from exc

    def write(self, data: bytes) -> None:
        sock = self._require()
        sock.settimeout(5 + 2 * len(data) / 11_500)
        try:
            sock.sendall(data)
        except OSError as exc:
            raise TransportError(f"tcp write: {exc}") from exc

    def read(self, size: int, timeout: float) -> bytes:
        sock = self._require()
        sock.settimeout(max(timeout, 0.001))
        try:
            data = sock.recv(size)
        except TimeoutError:
            return b""
        except OSError as exc:
            raise TransportError(f"tcp read: {exc}") from exc
        if not data:
            raise TransportError("tcp: the printer closed the connection")
        return data

    def discard_input(self) -> None:
        sock = self._sock
        if sock is None:
            return
        sock.setblocking(False)
        try:
            while sock.recv(4096):
                pass
        except (BlockingIOError, OSError):
            pass
        finally:
            sock.setblocking(True)

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()

    def _require(self) -> socket.socket:
        if self._sock is None:
            raise TransportError("tcp connection not open")
        return self._sock
