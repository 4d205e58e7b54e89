"""A raw-socket client that keeps sending a body the server has already refused.

``refused_while_sending`` is the client the lingering close is for (see
``motcua.server.limits``): it sends the head of a POST that declares a large body, then
body bytes in a loop whatever the server answers meanwhile, and only then reads. Without
a lingering close the server closes with that body unread (or arriving after the
close), the kernel sends a reset, and the reset can take the answer with it.
"""

from __future__ import annotations

import contextlib
import socket
from collections import Counter
from dataclasses import dataclass

GIB = 1024 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    status: int  # 0: no status line came
    head: bytes
    body: bytes  # what came after the head, all of it
    end: str  # how the stream ended: "eof", or the error's name ("ConnectionResetError")

    @property
    def complete(self) -> bool:
        """The whole answer (its Content-Length exactly), then the server's FIN."""
        length = _content_length(self.head)
        return self.end == "eof" and length is not None and len(self.body) == length


def summary(answers: list[Answer]) -> dict[tuple[int, int, str], int]:
    """How many answers ended how: (status, bytes of body received, end)."""
    return dict(Counter((a.status, len(a.body), a.end) for a in answers))


def _content_length(head: bytes) -> int | None:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return None


def _has_whole_answer(data: bytes) -> bool:
    head, sep, body = data.partition(b"\r\n\r\n")
    length = _content_length(head)
    return bool(sep) and length is not None and len(body) >= length


def read_to_end(sock: socket.socket) -> Answer:
    data = b""
    end = "eof"
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except OSError as exc:  # a reset (or a timeout: the server neither answered nor closed)
        end = type(exc).__name__
    head, _, body = data.partition(b"\r\n\r\n")
    parts = head.split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    return Answer(status, head, body, end)


def refused_while_sending(
    address: tuple[str, int],
    headers: bytes = b"",
    *,
    length: int = GIB,
    chunks: int = 16,
    chunk: int = 4096,
) -> Answer:
    """One GET /health first (a kept-alive connection, as a requests Session has), then
    the head of ``POST /api/v1/tickets`` declaring ``length`` bytes, then ``chunks``
    pieces of its body (errors ignored: the server may be gone), then the answer."""
    with socket.create_connection(address, timeout=5) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        first = b""
        while not _has_whole_answer(first):
            piece = sock.recv(65536)
            if not piece:
                raise AssertionError(f"the server closed a kept-alive connection: {first!r}")
            first += piece
        sock.sendall(
            b"POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + headers
            + b"Content-Length: %d\r\n\r\n" % length
        )
        with contextlib.suppress(OSError):
            for _ in range(chunks):
                sock.sendall(b" " * chunk)
        return read_to_end(sock)
