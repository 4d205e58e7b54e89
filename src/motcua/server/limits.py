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


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with bounded request heads (431) and a head timeout.

    The class attributes are the limits; ``guarded_protocol()`` makes a subclass with
    other values (the configuration's head timeout)."""

    max_head_bytes = MAX_HEAD_BYTES
    max_headers = MAX_HEADERS
    head_timeout = HEAD_TIMEOUT_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True
        self._head_bytes = 0
        self._header_count = 0
        self._rejected = False
        self._head_timer: asyncio.TimerHandle | None = None

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
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
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
            super().send_400_response(msg)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._header_count = 0

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
