"""Server-sent events: every queue change pushed to displays, counters and kiosks.

One ``Broadcaster`` per app subscribes to the center once. The center calls back from
its writer thread; the callback only hops onto the event loop with
``call_soon_threadsafe``. The broadcaster keeps a cursor (the last event id it
forwarded) and forwards events strictly in id order: when an event arrives with a gap
before it (another server process on the same database wrote in between) or the
periodic poll finds new rows, the gap is filled from ``center.events_since``. So every
stream sees every event once, in order, whichever process committed it.

Each event is serialised once, into a shared log of the last ``keep`` events; every
stream keeps only its position in that log and, when woken (once per burst of events,
not once per event), writes everything after its position as one chunk. A stream whose
client reads so slowly that it falls ``keep`` events behind is cut off: its client
reconnects with ``Last-Event-ID`` and reads what it missed from the event log, and
nobody else waited for it. Streams are woken at most every ``FLUSH_SECONDS`` (50 ms), so
the fan-out costs (streams x 20) writes a second at most, whatever the issue rate.

A stream starts from ``Last-Event-ID`` (or ``?after=``): the backlog comes from
``events_since`` and live events follow without a hole or a duplicate, because the
stream takes its position in the live log *before* reading the backlog and skips ids it
already sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable

from starlette.concurrency import run_in_threadpool

from motcua.queue.api import Center
from motcua.queue.models import Event
from motcua.server.codec import dump

log = logging.getLogger(__name__)

BACKLOG_PAGE = 500
KEEP_EVENTS = 2000
# Streams are woken at most this often: with 300 screens, one wake-up and one write per
# stream per commit would cost more than the commit; 50 ms is not seen on a hall screen.
FLUSH_SECONDS = 0.05


def latest_event_id(center: Center) -> int:
    """The id of the newest event, found with O(log n) ``events_since`` probes.

    The ``Center`` protocol has no "last id" call; ``events_since(x, 1)`` being
    non-empty is monotonic in ``x``, so gallop then bisect.
    """
    if not center.events_since(0, 1):
        return 0
    low, high = 0, 1024  # invariant: an event exists after `low`
    while center.events_since(high, 1):
        low, high = high, high * 2
    while high - low > 1:  # none after `high`
        mid = (low + high) // 2
        if center.events_since(mid, 1):
            low = mid
        else:
            high = mid
    return center.events_since(low, 1)[0].id


def format_event(event: Event) -> bytes:
    data = json.dumps(dump(event), ensure_ascii=False, separators=(",", ":"))
    return f"id: {event.id}\nevent: {event.kind.value}\ndata: {data}\n\n".encode()


class _Stream:
    """One open event stream: where it is in the shared log, and whether it may go on."""

    __slots__ = ("allowed", "ended", "pos")

    def __init__(self, pos: int, allowed: Callable[[], bool] | None) -> None:
        self.pos = pos
        self.allowed = allowed
        self.ended = False


class Broadcaster:
    """Fans the center's events out to the open SSE streams, in id order."""

    def __init__(
        self,
        center: Center,
        poll_seconds: float = 1.0,
        *,
        heartbeat_seconds: float = 15.0,
        check_seconds: float = 1.0,
        keep: int = KEEP_EVENTS,
        flush_seconds: float = FLUSH_SECONDS,
    ) -> None:
        self._center = center
        self._poll_seconds = poll_seconds
        self._heartbeat_seconds = heartbeat_seconds
        self._check_seconds = check_seconds
        self._keep = keep
        self._flush_seconds = flush_seconds
        self._streams: set[_Stream] = set()
        self._log: list[tuple[int, bytes]] = []  # the last events, serialised once
        self._first = 0  # the position of _log[0]
        self._news = asyncio.Event()
        self._wake_pending = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._cursor = 0
        self._filling = False
        self._unsubscribe: Callable[[], None] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.closed = False
        self.cut_off = 0  # streams ended because their client fell too far behind

    @property
    def cursor(self) -> int:
        """The id of the last event forwarded (also the server's event count)."""
        return self._cursor

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._unsubscribe = self._center.subscribe(self._from_center)
        self._cursor = await run_in_threadpool(latest_event_id, self._center)
        if self._poll_seconds > 0:
            self._tasks.append(asyncio.create_task(self._poll()))
        self._tasks.append(asyncio.create_task(self._tick()))

    async def stop(self) -> None:
        self.close_streams()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    def close_streams(self) -> None:
        """Ask every open stream to end (server shutdown)."""
        self.closed = True
        self._wake_now()

    # ----------------------------------------------------------- from the center

    def _from_center(self, event: Event) -> None:
        """Runs on the center's writer thread: only hop to the loop."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # loop closing during shutdown
                loop.call_soon_threadsafe(self._arrived, event)

    def _arrived(self, event: Event) -> None:
        if event.id <= self._cursor:
            return
        if event.id == self._cursor + 1 and not self._filling:
            self._forward(event)
        else:  # a gap: someone else wrote in between; read the rows in order
            self._schedule_fill()

    def _schedule_fill(self) -> None:
        if not self._filling:
            self._filling = True
            asyncio.get_running_loop().create_task(self._fill())

    async def _fill(self) -> None:
        try:
            while True:
                events = await run_in_threadpool(
                    self._center.events_since, self._cursor, BACKLOG_PAGE
                )
                for event in events:
                    if event.id > self._cursor:
                        self._forward(event)
                if len(events) < BACKLOG_PAGE:
                    break
        except Exception:
            log.exception("reading events to fill a gap failed; the next poll retries")
        finally:
            self._filling = False

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self._poll_seconds)
            if self._streams:
                self._schedule_fill()

    async def _tick(self) -> None:
        """Every check period: end the streams whose token was revoked (here or by
        another process), and wake idle streams so they can send their heartbeat."""
        period = min(self._check_seconds, self._heartbeat_seconds / 2)
        while True:
            await asyncio.sleep(period)
            for stream in list(self._streams):
                if stream.allowed is None:
                    continue
                try:
                    ok = stream.allowed()
                except Exception:
                    log.exception("checking a stream's token failed; it stays open")
                    continue
                if not ok:
                    stream.ended = True
            if self._streams:
                self._wake_now()

    def _forward(self, event: Event) -> None:
        self._cursor = event.id
        self._log.append((event.id, format_event(event)))
        if len(self._log) >= 2 * self._keep:
            drop = len(self._log) - self._keep
            del self._log[:drop]
            self._first += drop
        if not self._wake_pending:  # one wake-up per FLUSH_SECONDS, not per event
            self._wake_pending = True
            asyncio.get_running_loop().call_later(self._flush_seconds, self._wake_now)

    def _wake_now(self) -> None:
        self._wake_pending = False
        news, self._news = self._news, asyncio.Event()
        news.set()

    # ------------------------------------------------------------------ streams

    async def stream(
        self, after: int | None, allowed: Callable[[], bool] | None = None
    ) -> AsyncIterator[bytes]:
        """SSE bytes from ``after`` (or from now) on, with heartbeat comments.

        ``allowed`` (is the opening token still valid?) is asked every second; the
        stream ends when it says no."""
        stream = _Stream(self._first + len(self._log), allowed)
        self._streams.add(stream)
        loop = asyncio.get_running_loop()
        try:
            yield b"retry: 1000\n\n"
            sent = self._cursor if after is None else after
            if after is None:
                # No data: tells the client where "now" is, so a reconnect resumes here.
                yield f"id: {sent}\n\n".encode()
            while after is not None:
                backlog = await run_in_threadpool(self._center.events_since, sent, BACKLOG_PAGE)
                for event in backlog:
                    if event.id > sent:
                        sent = event.id
                        yield format_event(event)
                if len(backlog) < BACKLOG_PAGE:
                    break
            written = loop.time()
            while not (self.closed or stream.ended):
                news = self._news
                if stream.pos < self._first:  # fell too far behind: cut off
                    self.cut_off += 1
                    log.info("an event stream fell %d events behind; cut off", self._keep)
                    break
                items = self._log[stream.pos - self._first :]
                stream.pos = self._first + len(self._log)
                chunk = b"".join(data for event_id, data in items if event_id > sent)
                if items:
                    sent = max(sent, items[-1][0])
                if chunk:
                    yield chunk
                    written = loop.time()
                    continue
                if loop.time() - written >= self._heartbeat_seconds:
                    yield b": heartbeat\n\n"
                    written = loop.time()
                await news.wait()
        finally:
            self._streams.discard(stream)

    @property
    def stream_count(self) -> int:
        return len(self._streams)
