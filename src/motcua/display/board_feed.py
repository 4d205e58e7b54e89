"""Keeps a display in step with the center, and heals a lost connection (no Qt).

The feed subscribes to the center's events and hands them on; a background thread
watches the link:

- every ``poll_seconds`` it asks ``events_since(last id)``. Anything found there was
  missed by the subscription (a silent drop, a proxy that stopped forwarding): those
  events are delivered and the subscription is renewed;
- when the center cannot be reached it reports ``on_connection(False)``, retries every
  ``retry_seconds`` and, once back, resyncs from a fresh ``snapshot()`` and subscribes
  again: the display recovers without a restart;
- when events say waiting counts changed, it reads a snapshot (at most once per
  ``counts_seconds``) for the counts.

Events are delivered in id order without duplicates; a gap in the ids (an event the
subscription skipped) is filled from ``events_since`` before going on.
The sink's methods are called from background threads: the Qt layer re-emits them
as signals; a plain consumer takes its own lock.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from motcua.clock import Clock, SystemClock
from motcua.display.board_model import BoardModel, RecentCall
from motcua.queue.api import Center, Unsubscribe
from motcua.queue.models import WAITING_CHANGES, Event, QueueSnapshot

log = logging.getLogger(__name__)


class FeedSink(Protocol):
    def on_snapshot(self, snap: QueueSnapshot, full: bool) -> None:
        """full=True: a (re)sync, redraw tiles; False: waiting counts only."""
        ...

    def on_event(self, event: Event) -> None: ...

    def on_connection(self, online: bool) -> None: ...


class BoardFeed:
    def __init__(
        self,
        center: Center,
        sink: FeedSink,
        *,
        poll_seconds: float = 5.0,
        retry_seconds: float = 2.0,
        counts_seconds: float = 1.0,
    ) -> None:
        self.center = center
        self.sink = sink
        self.poll_seconds = poll_seconds
        self.retry_seconds = retry_seconds
        self.counts_seconds = counts_seconds
        self.online = False
        self.last_id: int | None = None  # None until the first event is seen
        self.resyncs = 0  # full resyncs done (start-up counts as one)
        self.renewed = 0  # subscriptions renewed after missed events
        self._lock = threading.RLock()  # orders deliveries from the SSE and watch threads
        self._unsubscribe: Unsubscribe | None = None
        self._counts_dirty = False
        self._mark: tuple | None = None  # snapshot fingerprint while no event id is known
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="board feed", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=5)
        self._drop_subscription()

    def resync_now(self) -> None:
        """Ask the watcher thread to resync at once (a day change, a model that lost track)."""
        with self._lock:
            self.online = False
        self._wake.set()

    # ------------------------------------------------------------------ delivery
    def _push(self, event: Event) -> None:
        """Subscription callback: deliver in order, filling gaps from the log."""
        with self._lock:
            if self.last_id is not None and event.id > self.last_id + 1:
                try:
                    for missed in self.center.events_since(self.last_id, limit=500):
                        if missed.id < event.id:
                            self._deliver(missed)
                except Exception as exc:
                    log.warning("display: cannot fill an event gap (%s)", exc)
            self._deliver(event)

    def _deliver(self, event: Event) -> None:
        if self.last_id is not None and event.id <= self.last_id:
            return
        self.last_id = event.id
        if event.kind in WAITING_CHANGES:
            self._counts_dirty = True
        self.sink.on_event(event)

    # ------------------------------------------------------------------ watching
    def _run(self) -> None:
        last_poll = last_counts = 0.0
        while not self._stop.is_set():
            now = time.monotonic()
            try:
                if not self.online:
                    self._resync()
                    last_poll = last_counts = time.monotonic()
                else:
                    if now - last_poll >= self.poll_seconds:
                        last_poll = now
                        self._check_missed()
                    if self._counts_dirty and now - last_counts >= self.counts_seconds:
                        last_counts = now
                        self._counts_dirty = False
                        self.sink.on_snapshot(self.center.snapshot(), False)
            except Exception as exc:  # CenterUnavailable or anything the link throws
                if self.online or self.resyncs == 0:
                    log.warning("display: lost the center (%s); retrying", exc)
                with self._lock:
                    self.online = False
                self._drop_subscription()
                self.sink.on_connection(False)
                self._wake.wait(self.retry_seconds)
                self._wake.clear()
                continue
            self._wake.wait(min(self.poll_seconds, self.counts_seconds, 0.5))
            self._wake.clear()

    def _resync(self) -> None:
        self._drop_subscription()
        self._unsubscribe = self.center.subscribe(self._push)
        snap = self.center.snapshot()
        self._mark = _fingerprint(snap)
        with self._lock:
            self.sink.on_snapshot(snap, True)
            if self.last_id is not None:  # catch up with what happened while away
                for ev in self.center.events_since(self.last_id, limit=500):
                    self._deliver(ev)
            self.online = True
            self.resyncs += 1
        self.sink.on_connection(True)

    def _check_missed(self) -> None:
        if self.last_id is None:
            # No event seen yet, so no id to ask the log from: compare snapshots instead.
            snap = self.center.snapshot()
            mark = _fingerprint(snap)
            if self._mark is not None and mark != self._mark and self.last_id is None:
                # Subscribe again first, then redraw from a snapshot taken after it:
                # nothing can fall between the two.
                self._renew("the center changed but no event arrived")
                snap = self.center.snapshot()
                mark = _fingerprint(snap)
                with self._lock:
                    self.sink.on_snapshot(snap, True)
            self._mark = mark
            return
        missed = self.center.events_since(self.last_id, limit=500)
        if not missed:
            return
        time.sleep(0.2)  # they may be in flight on the subscription right now
        with self._lock:
            missed = [e for e in missed if self.last_id is None or e.id > self.last_id]
        if not missed:
            return
        self._renew(f"{len(missed)} events missed")  # first, so nothing falls in between
        with self._lock:
            for ev in self.center.events_since(missed[0].id - 1, limit=500):
                self._deliver(ev)  # ids already seen are skipped

    def _renew(self, why: str) -> None:
        log.warning("display: %s; renewing the subscription", why)
        self.renewed += 1
        self._drop_subscription()
        self._unsubscribe = self.center.subscribe(self._push)

    def _drop_subscription(self) -> None:
        unsub, self._unsubscribe = self._unsubscribe, None
        if unsub is not None:
            with contextlib.suppress(Exception):
                unsub()


def _fingerprint(snap: QueueSnapshot) -> tuple:
    """What the tiles and counts depend on, to notice change without event ids."""
    counters = tuple(
        (
            c.number,
            c.paused,
            c.current.id if c.current else None,
            c.current.status if c.current else None,
            c.current.recalls if c.current else 0,
        )
        for c in snap.counters
    )
    return counters, tuple((s.code, s.waiting) for s in snap.services)


class ModelSink:
    """A FeedSink that applies everything to a BoardModel under a lock (no Qt).

    For headless consumers (benchmarks, tests, a future web display): ``wait_for``
    blocks until a predicate on the model holds.
    """

    def __init__(self, model: BoardModel, clock: Clock | None = None) -> None:
        self.model = model
        self.clock = clock or SystemClock()
        self.online = False
        self.announced: list[RecentCall] = []
        self.applied_at: dict[int, float] = {}  # event id -> time.monotonic() when applied
        self._cond = threading.Condition()

    def on_snapshot(self, snap: QueueSnapshot, full: bool) -> None:
        with self._cond:
            self.model.load_snapshot(snap, tiles=full)
            self._cond.notify_all()

    def on_event(self, event: Event) -> None:
        with self._cond:
            update = self.model.apply(event, self.clock.now())
            self.applied_at[event.id] = time.monotonic()
            if update.announce is not None:
                self.announced.append(update.announce)
            self._cond.notify_all()

    def on_connection(self, online: bool) -> None:
        with self._cond:
            self.online = online
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[ModelSink], bool], timeout: float = 5.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout)
