"""Server-sent events: every queue change pushed to displays, counters and kiosks.

One ``Broadcaster`` per app subscribes to the center once. The center calls back from
its writer thread; the callback only hops onto the event loop with
``call_soon_threadsafe``. The broadcaster keeps a cursor (the last event id it
forwarded) and forwards events strictly in id order: when an event arrives with a gap
before it (another server process on the same database wrote in between) or the
periodic poll finds new rows, the gap is filled from ``center.events_since``. So every
stream sees every event once, in order, whichever process committed it.

A stream starts from ``Last-Event-ID`` (or ``?after=``): the backlog comes from
``events_since`` and live events follow without a hole or a duplicate, because the
stream registers for live events *before* reading the backlog and skips ids it
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
_CLOSE = object()


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


class Broadcaster:
    """Fans the center's events out to the open SSE streams, in id order."""

    def __init__(
        self, center: Center, poll_seconds: float = 1.0, check_seconds: float = 1.0
    ) -> None:
        self._center = center
        self._poll_seconds = poll_seconds
        self._check_seconds = check_seconds
        self._streams: set[asyncio.Queue[object]] = set()
        # Per stream: is the token that opened it still valid? (checked every second)
        self._allowed: dict[asyncio.Queue[object], Callable[[], bool]] = {}
        self._watcher: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._cursor = 0
        self._pending: list[Event] = []
        self._filling = False
        self._unsubscribe: Callable[[], None] | None = None
        self._poller: asyncio.Task[None] | None = None
        self.closed = False

    @property
    def cursor(self) -> int:
        """The id of the last event forwarded (also the server's event count)."""
        return self._cursor

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._unsubscribe = self._center.subscribe(self._from_center)
        self._cursor = await run_in_threadpool(latest_event_id, self._center)
        if self._poll_seconds > 0:
            self._poller = asyncio.create_task(self._poll())
        self._watcher = asyncio.create_task(self._watch_tokens())

    async def stop(self) -> None:
        self.close_streams()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for task in (self._poller, self._watcher):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    def close_streams(self) -> None:
        """Ask every open stream to end (server shutdown)."""
        self.closed = True
        for queue in list(self._streams):
            queue.put_nowait(_CLOSE)

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

    async def _watch_tokens(self) -> None:
        """End the streams whose token was revoked (here or by another process)."""
        while True:
            await asyncio.sleep(self._check_seconds)
            for queue, allowed in list(self._allowed.items()):
                try:
                    ok = allowed()
                except Exception:
                    log.exception("checking a stream's token failed; it stays open")
                    continue
                if not ok:
                    self._allowed.pop(queue, None)
                    queue.put_nowait(_CLOSE)

    def _forward(self, event: Event) -> None:
        self._cursor = event.id
        for queue in self._streams:
            queue.put_nowait(event)

    # ------------------------------------------------------------------ streams

    async def stream(
        self,
        after: int | None,
        heartbeat_seconds: float,
        allowed: Callable[[], bool] | None = None,
    ) -> AsyncIterator[bytes]:
        """SSE bytes from ``after`` (or from now) on, with heartbeat comments.

        ``allowed`` (is the opening token still valid?) is asked every second; the
        stream ends when it says no."""
        queue: asyncio.Queue[object] = asyncio.Queue()
        self._streams.add(queue)
        if allowed is not None:
            self._allowed[queue] = allowed
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
            while not self.closed:
                try:
                    item = await asyncio.wait_for(queue.get(), heartbeat_seconds)
                except TimeoutError:
                    yield b": heartbeat\n\n"
                    continue
                # Events come in bursts (one group commit's worth): take every one
                # already queued and send them as one chunk, one write for the lot.
                chunks: list[bytes] = []
                closing = False
                while True:
                    if item is _CLOSE:
                        closing = True
                        break
                    assert isinstance(item, Event)
                    if item.id > sent:
                        sent = item.id
                        chunks.append(format_event(item))
                    try:
                        item = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        break
                if chunks:
                    yield b"".join(chunks)
                if closing:
                    break
        finally:
            self._streams.discard(queue)
            self._allowed.pop(queue, None)

    @property
    def stream_count(self) -> int:
        return len(self._streams)
