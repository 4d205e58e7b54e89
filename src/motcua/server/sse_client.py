"""A server-sent-events reader thread that heals itself.

Uses ``http.client`` directly (not requests) because it owns the socket: ``stop()``
shuts the socket down, which wakes a blocked read at once instead of waiting for the
next heartbeat. Reconnects with exponential backoff and ``Last-Event-ID``.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from motcua.queue.models import Event
from motcua.server.codec import load_as

log = logging.getLogger(__name__)


class SseParser:
    """Feeds bytes, yields ``(id, event, data)`` per dispatched message (WHATWG rules).

    A message with an ``id`` but no data still moves the last id (the server sends one
    on connect so that a reconnect resumes from there).
    """

    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[str] = []
        self._event = ""
        self._id: str | None = None
        self.last_id: str | None = None

    def feed(self, chunk: bytes) -> Iterator[tuple[str | None, str, str]]:
        self._buffer += chunk
        while True:
            cut = self._buffer.find(b"\n")
            if cut < 0:
                return
            raw, self._buffer = self._buffer[:cut], self._buffer[cut + 1 :]
            line = raw.rstrip(b"\r").decode("utf-8", errors="replace")
            if not line:
                if self._id is not None:
                    self.last_id = self._id
                if self._data:
                    yield self.last_id, self._event or "message", "\n".join(self._data)
                self._data, self._event, self._id = [], "", None
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "data":
                self._data.append(value)
            elif name == "event":
                self._event = value
            elif name == "id" and "\0" not in value:
                self._id = value


class SseSubscription:
    """One reader thread delivering ``Event``s to ``callback`` until ``stop()``."""

    def __init__(
        self,
        url: str,
        token: str,
        callback: Callable[[Event], None],
        *,
        on_end: Callable[[SseSubscription], None] | None = None,
        connect_timeout: float = 3.0,
        idle_timeout: float = 45.0,  # three missed heartbeats: the link is dead
        max_backoff: float = 5.0,
    ) -> None:
        parts = urlsplit(url)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or (443 if self._https else 80)
        self._path = parts.path or "/"
        self._token = token
        self._callback = callback
        self._on_end = on_end
        self._connect_timeout = connect_timeout
        self._idle_timeout = idle_timeout
        self._max_backoff = max_backoff
        self._stop = threading.Event()
        self._conn: http.client.HTTPConnection | None = None
        self._conn_lock = threading.Lock()
        self.last_event_id: int | None = None
        self.connected = threading.Event()  # set while a stream is open and registered
        self.connects = 0
        self._thread = threading.Thread(target=self._run, name="motcua-sse", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        with self._conn_lock:
            conn = self._conn
        if conn is not None and conn.sock is not None:
            with contextlib.suppress(OSError):
                conn.sock.shutdown(socket.SHUT_RDWR)
        if threading.current_thread() is not self._thread:
            self._thread.join(5.0)

    # ------------------------------------------------------------------ thread

    def _run(self) -> None:
        backoff = 0.2
        try:
            while not self._stop.is_set():
                try:
                    self._stream()
                    backoff = 0.2  # the server ended a good stream: reconnect promptly
                except (OSError, http.client.HTTPException, _Refused) as exc:
                    if self._stop.is_set():
                        break
                    log.info("event stream lost (%s); retrying in %.1f s", exc, backoff)
                self.connected.clear()
                if self._stop.wait(backoff):
                    break
                backoff = min(backoff * 2, self._max_backoff)
        finally:
            self.connected.clear()
            if self._on_end is not None:
                self._on_end(self)

    def _stream(self) -> None:
        cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        conn = cls(self._host, self._port, timeout=self._connect_timeout)
        with self._conn_lock:
            self._conn = conn
        try:
            headers = {"Accept": "text/event-stream", "Authorization": f"Bearer {self._token}"}
            if self.last_event_id is not None:
                headers["Last-Event-ID"] = str(self.last_event_id)
            conn.request("GET", self._path, headers=headers)
            if self._stop.is_set():
                return
            resp = conn.getresponse()
            if resp.status != 200:
                body = resp.read(2000).decode("utf-8", "replace")
                raise _Refused(f"HTTP {resp.status}: {body}")
            if conn.sock is not None:
                conn.sock.settimeout(self._idle_timeout)
            self.connects += 1
            parser = SseParser()
            while not self._stop.is_set():
                chunk = resp.read1(65536)
                if not chunk:
                    return
                # The server registers the stream before its first bytes: from here on
                # nothing committed is missed.
                self.connected.set()
                for event_id, _kind, data in parser.feed(chunk):
                    self._deliver(event_id, data)
                if parser.last_id is not None and parser.last_id.isdigit():
                    self.last_event_id = max(self.last_event_id or 0, int(parser.last_id))
        finally:
            with self._conn_lock:
                self._conn = None
            conn.close()

    def _deliver(self, event_id: str | None, data: str) -> None:
        try:
            event = load_as(Event, json.loads(data))
        except ValueError:
            log.warning("ignored a malformed event (id %s)", event_id)
            return
        if self.last_event_id is not None and event.id <= self.last_event_id:
            return
        self.last_event_id = event.id
        if self._stop.is_set():
            return
        try:
            self._callback(event)
        except Exception:
            log.exception("an event callback failed; the stream goes on")


class _Refused(Exception):
    """The server answered the stream request with an error status."""
