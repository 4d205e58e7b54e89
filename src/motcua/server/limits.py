"""Limits that keep one hostile client on the LAN from taking the center down.

Two layers, both below the routes:

- ``GuardedHttpToolsProtocol`` (the HTTP protocol uvicorn runs): a request head (the
  request line and headers) larger than ``MAX_HEAD_BYTES`` or with more than
  ``MAX_HEADERS`` headers is answered 431 and the connection closed; a head that is not
  complete ``head_timeout`` seconds after the connection opened (or after the previous
  response) is answered 408 and closed, so slowloris clients cannot hold descriptors.
- ``BodyGuard`` (ASGI middleware): a request to an authenticated route whose token is
  missing or wrong is answered 401 *before one byte of its body is read*; a body larger
  than its route's limit (``JSON_BODY_LIMIT`` unless the route is registered in
  ``BodyLimits``) is answered 413 from its Content-Length, or as soon as the running
  count passes the limit. Both answers close the connection.

The close after any of these early answers (431, 408, 401, 413; and uvicorn's 400 for a
request its parser gives up on) is a *lingering close*, as nginx's ``lingering_close
on``: a connection whose request the server has not read to its end is not closed at
once, because the client may still be sending. A socket closed with input unread, or
with input arriving after the close, makes the kernel send a reset, and the reset can
destroy the answer before the client reads it (on loopback the tests saw 401s arrive
without their body, and ``ConnectionResetError`` instead of the end of the answer). So
``GuardedHttpToolsProtocol`` half-closes instead (``write_eof``: the answer goes out,
then a FIN), reads and drops whatever still comes (never parsed, never buffered, never
handed to the app), and closes when the client closes, after ``LINGER_SILENCE_SECONDS``
without a byte, after ``LINGER_SECONDS`` in all, or past ``LINGER_MAX_BYTES``,
whichever comes first. A client that sends a 1 GB body with no token costs the server
at most those 2 s and 4 MB of reading. A connection whose request was read to its end
(or that sent nothing) is closed at once, as before.

For routes that take a large upload (a scanned paper as PDF, up to
``UPLOAD_BODY_LIMIT``), register the route's path pattern with a larger limit and read
the body with ``stream_body_to_file``: it writes the chunks to disk as they arrive and
raises 413 past the limit, so the upload never sits in memory.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import resource
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from motcua.server.auth import UNAUTHORIZED_INVALID, UNAUTHORIZED_MISSING, parse_bearer
from motcua.server.http_errors import error_body, json_bytes

if TYPE_CHECKING:
    from starlette.requests import Request

    from motcua.server.tokens import TokenStore

log = logging.getLogger(__name__)

JSON_BODY_LIMIT = 64 * 1024
UPLOAD_BODY_LIMIT = 20 * 1024 * 1024
MAX_HEAD_BYTES = 64 * 1024
MAX_HEADERS = 100
HEAD_TIMEOUT_SECONDS = 10.0
LINGER_SECONDS = 2.0
LINGER_SILENCE_SECONDS = 1.0
LINGER_MAX_BYTES = 4 * 1024 * 1024
WANTED_OPEN_FILES = 65536

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PUBLIC_PREFIXES = ("/api/v1/public/",)

TOO_LARGE = (
    "payload_too_large",
    "Nội dung yêu cầu quá lớn (tối đa {limit}).",
    "The request body is too large (at most {limit}).",
)


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def too_large_body(limit: int) -> dict[str, Any]:
    code, vi, en = TOO_LARGE
    return error_body(code, vi.format(limit=_size(limit)), en.format(limit=_size(limit)))


def too_large_error(limit: int) -> HTTPException:
    """The 413 a route raises (the app's handler renders the JSON body)."""
    return HTTPException(413, detail=_size(limit), headers={"Connection": "close"})


class BodyLimits:
    """Per-route body limits: ``JSON_BODY_LIMIT`` unless a path pattern says otherwise.

    ``allow(r"/api/v1/dossiers/[^/]+/papers", UPLOAD_BODY_LIMIT)`` lets that route take
    uploads up to 20 MB (it must read them with ``stream_body_to_file``)."""

    def __init__(self, default: int = JSON_BODY_LIMIT) -> None:
        self.default = default
        self._rules: list[tuple[re.Pattern[str], int]] = []

    def allow(self, path_pattern: str, max_bytes: int) -> None:
        self._rules.append((re.compile(path_pattern), max_bytes))

    def limit_for(self, path: str) -> int:
        for pattern, limit in self._rules:
            if pattern.fullmatch(path):
                return limit
        return self.default


async def stream_body_to_file(request: Request, dest: Path, max_bytes: int) -> int:
    """Write the request body to ``dest`` chunk by chunk; 413 past ``max_bytes``.

    Returns the number of bytes written. The file is created owner-only (0600); a
    partial file is removed when the body is too large or the client goes away."""
    written = 0
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.stream():
                written += len(chunk)
                if written > max_bytes:
                    raise too_large_error(max_bytes)
                out.write(chunk)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return written


async def _send_error(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json_bytes(body)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode("ascii")),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


class BodyGuard:
    """Token first, then a bounded body (see the module text)."""

    def __init__(self, app: ASGIApp, tokens: TokenStore, limits: BodyLimits) -> None:
        self.app = app
        self._tokens = tokens
        self._limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        length: int | None = None
        token: str | None = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = None
            elif name == b"authorization":
                token = parse_bearer(value.decode("latin-1"))
        if path.startswith("/api/") and not path.startswith(_PUBLIC_PREFIXES):
            if token is None:
                await _send_error(send, 401, error_body("unauthorized", *UNAUTHORIZED_MISSING))
                return
            if self._tokens.verify(token) is None:
                await _send_error(send, 401, error_body("unauthorized", *UNAUTHORIZED_INVALID))
                return
        limit = self._limits.limit_for(path)
        if length is not None and length > limit:
            await _send_error(send, 413, too_large_body(limit))
            return
        seen = 0
        started = False

        async def bounded_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise too_large_error(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, bounded_receive, watched_send)
        except HTTPException as exc:  # raised outside FastAPI's handlers (e.g. middleware)
            if exc.status_code != 413 or started:
                raise
            await _send_error(send, 413, too_large_body(limit))


class _ClosingTransport(asyncio.Transport):
    """The transport uvicorn's code is given: the socket's, except that ``close()`` is
    the protocol's lingering close, and a lingering connection says it is closing (so
    uvicorn arms no keep-alive timer, starts no pipelined request, writes nothing)."""

    def __init__(self, sock: asyncio.Transport, protocol: GuardedHttpToolsProtocol) -> None:
        super().__init__()
        self.sock = sock
        self._protocol = protocol

    def close(self) -> None:
        self._protocol.close_connection()

    def is_closing(self) -> bool:
        return self._protocol.lingering or self.sock.is_closing()

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._protocol.lingering:
            self.sock.write(data)

    def writelines(self, list_of_data: Iterable[bytes | bytearray | memoryview]) -> None:
        if not self._protocol.lingering:
            self.sock.writelines(list_of_data)

    def pause_reading(self) -> None:
        if not self._protocol.lingering:  # a lingering connection reads until it closes
            self.sock.pause_reading()

    def resume_reading(self) -> None:
        self.sock.resume_reading()

    def is_reading(self) -> bool:
        return self.sock.is_reading()

    def write_eof(self) -> None:
        self.sock.write_eof()

    def can_write_eof(self) -> bool:
        return self.sock.can_write_eof()

    def abort(self) -> None:
        self.sock.abort()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self.sock.get_extra_info(name, default)

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self.sock.set_write_buffer_limits(high, low)

    def get_write_buffer_size(self) -> int:
        return self.sock.get_write_buffer_size()

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self.sock.get_write_buffer_limits()

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self.sock.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self.sock.get_protocol()


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with bounded request heads (431), a head timeout,
    and a lingering close when it closes a connection whose request it has not read
    to the end (see the module text).

    The class attributes are the limits; ``guarded_protocol()`` makes a subclass with
    other values (the configuration's head timeout)."""

    max_head_bytes = MAX_HEAD_BYTES
    max_headers = MAX_HEADERS
    head_timeout = HEAD_TIMEOUT_SECONDS
    linger_seconds = LINGER_SECONDS
    linger_silence_seconds = LINGER_SILENCE_SECONDS
    linger_max_bytes = LINGER_MAX_BYTES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True
        self._head_bytes = 0
        self._header_count = 0
        self._rejected = False
        self._head_timer: asyncio.TimerHandle | None = None
        self._socket: asyncio.Transport | None = None  # the transport under _ClosingTransport
        self._unfinished = False  # a request begun and not read to its end
        self.lingering = False
        self._linger_started = 0.0
        self._linger_last = 0.0
        self._linger_bytes = 0
        self._linger_timer: asyncio.TimerHandle | None = None

    # -- the lingering close
    def close_connection(self) -> None:
        """Every close of uvicorn's and ours: at once if the request was read to its end
        (or none was begun); else half-close and drop what still comes, within bounds."""
        sock = self._socket
        if sock is None or self.lingering or sock.is_closing():
            return
        if not self._unfinished or not sock.can_write_eof():
            sock.close()
            return
        self.lingering = True
        self._cancel_head_timer()
        self._unset_keepalive_if_required()
        try:
            sock.write_eof()  # the answer still buffered goes first, then the FIN
        except OSError:  # the client is gone already
            sock.close()
            return
        sock.resume_reading()  # uvicorn may have paused it (a body the app never read)
        self._linger_started = self._linger_last = self.loop.time()
        self._linger_timer = self.loop.call_later(self.linger_silence_seconds, self._linger_due)

    def _linger_due(self) -> None:
        self._linger_timer = None
        end = min(
            self._linger_started + self.linger_seconds,
            self._linger_last + self.linger_silence_seconds,
        )
        if self.loop.time() >= end - 0.005:  # the loop may run a timer a tick early
            self._end_linger()
        else:  # bytes came meanwhile: look again when the silence or the time is up
            self._linger_timer = self.loop.call_at(end, self._linger_due)

    def _end_linger(self) -> None:
        if self._linger_timer is not None:
            self._linger_timer.cancel()
            self._linger_timer = None
        if self._socket is not None:
            self._socket.close()

    # -- the head timer
    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._in_head and not self.transport.is_closing():
            if self._head_bytes:
                self._reject(408, "request_timeout", *_TIMEOUT_TEXTS)
            else:  # nothing sent at all (an idle keep-alive or a silent connect)
                self.transport.close()

    def _reject(self, status: int, code: str, vi: str, en: str) -> None:
        self._rejected = True
        self._unfinished = True  # the rest of the head (and any body) is unread
        self._cancel_head_timer()
        data = json_bytes(error_body(code, vi, en))
        reason = {408: b"Request Timeout", 431: b"Request Header Fields Too Large"}[status]
        head = (
            b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\n"
            b"content-length: %d\r\nconnection: close\r\n\r\n" % (status, reason, len(data))
        )
        self.transport.write(head + data)
        self.transport.close()

    # -- protocol callbacks
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._socket = transport
        super().connection_made(_ClosingTransport(transport, self))
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        if self._linger_timer is not None:
            self._linger_timer.cancel()
            self._linger_timer = None
        self._unfinished = False  # nothing left to linger for: uvicorn's close is final
        super().connection_lost(exc)

    def eof_received(self) -> None:
        if self.lingering:  # the client is done sending: close now
            self._end_linger()
        super().eof_received()

    def shutdown(self) -> None:
        if self.lingering:  # the server stops: do not wait out the linger
            self._end_linger()
            return
        super().shutdown()

    def handle_websocket_upgrade(self) -> None:
        if self._socket is not None:  # the WebSocket protocol gets the socket's transport
            self.transport = self._socket
        super().handle_websocket_upgrade()

    def data_received(self, data: bytes) -> None:
        if self.lingering:  # read and dropped: never parsed, never buffered
            self._linger_bytes += len(data)
            self._linger_last = self.loop.time()
            if self._linger_bytes > self.linger_max_bytes:
                self._end_linger()
            return
        if self._rejected:
            return
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)
        # Still inside the head after this chunk (at most one read buffer) and past the
        # limit: refuse before the parser gathers more of it.
        if self._in_head and self._head_bytes > self.max_head_bytes and not self._rejected:
            self._reject(431, "headers_too_large", *_TOO_LARGE_TEXTS)

    def send_400_response(self, msg: str) -> None:
        if not self._rejected:  # a rejection already answered; the parser error is ours
            self._unfinished = True  # the parser gave up: the rest of the input is unread
            super().send_400_response(msg)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._header_count = 0
        self._unfinished = True

    def on_message_complete(self) -> None:
        self._unfinished = False
        super().on_message_complete()

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        if self._header_count > self.max_headers:
            self._reject(431, "headers_too_large", *_TOO_LARGE_TEXTS)
            raise _HeadRejected()
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_bytes = 0
        self._cancel_head_timer()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        waiting = not self.pipeline  # else the next (already parsed) request starts now
        super().on_response_complete()
        if waiting and not self.transport.is_closing():
            self._in_head = True
            self._head_bytes = 0
            self._arm_head_timer()


class _HeadRejected(Exception):
    """Stops the parser after a rejection (httptools turns it into a parser error)."""


_TOO_LARGE_TEXTS = (
    f"Phần đầu yêu cầu quá lớn (tối đa {MAX_HEADERS} trường, {MAX_HEAD_BYTES // 1024} KB).",
    f"Request headers too large (at most {MAX_HEADERS} fields, {MAX_HEAD_BYTES // 1024} KB).",
)
_TIMEOUT_TEXTS = (
    "Yêu cầu gửi quá chậm; kết nối bị đóng.",
    "The request head took too long; the connection is closed.",
)


def guarded_protocol(head_timeout: float = HEAD_TIMEOUT_SECONDS) -> type[HttpToolsProtocol]:
    return type(
        "GuardedHttpToolsProtocol", (GuardedHttpToolsProtocol,), {"head_timeout": head_timeout}
    )


def raise_open_files_limit(wanted: int = WANTED_OPEN_FILES) -> tuple[int, int]:
    """Raise the soft RLIMIT_NOFILE toward ``wanted`` (never above the hard limit).

    The default soft limit of 1,024 lets a thousand half-open connections starve the
    server of sockets. Returns (before, after)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError) as exc:
            log.warning("could not raise the open-files limit to %d: %s", target, exc)
            return soft, soft
        return soft, target
    return soft, soft


def body_limits(rules: Iterable[tuple[str, int]] = ()) -> BodyLimits:
    limits = BodyLimits()
    for pattern, limit in rules:
        limits.allow(pattern, limit)
    return limits
