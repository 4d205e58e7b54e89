"""The business day's gate: every read and write of the queue passes through it.

It builds each operation's ``OpContext`` (config, now, the business day held by the
``ClockGuard``, the ID-hash key, the numbers file) and turns the day over before the
first operation of a new day: earlier days' active tickets expire, priority streaks
reset, personal data past its retention is purged. A blocking write waits for that
rollover; a submitted one (``submit``, for servers on an event loop) queues behind the
one rollover of the day, in order. What an operation does is ``motcua.queue.ops``;
the queue's public face is ``QueueService``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from typing import TypeVar

from motcua.clock import Clock
from motcua.config import Config
from motcua.queue import issuing, transitions
from motcua.queue.clock_guard import ClockGuard
from motcua.queue.context import OpContext
from motcua.queue.errors import StorageError
from motcua.queue.high_water import NumberMarks
from motcua.queue.ops import Op
from motcua.storage import Store, Tx

log = logging.getLogger("motcua.queue.service")  # one logger name for the queue's lines
T = TypeVar("T")


class DayGate:
    """Runs the queue's operations on ``store`` in the right business day.

    ``rolled`` is called after each rollover committed (the statistics roll up the
    finished days then). Thread-safe."""

    def __init__(
        self,
        config: Config,
        store: Store,
        clock: Clock,
        guard: ClockGuard,
        secret: bytes,
        random_bytes: Callable[[int], bytes],
        marks: NumberMarks | None,
        rolled: Callable[[], None],
    ) -> None:
        self._config = config
        self._store = store
        self._clock = clock
        self._guard = guard
        self._secret = secret
        self._random_bytes = random_bytes
        self._marks = marks
        self._on_rolled = rolled
        self._rolled_day: date | None = None
        self._rolling: _Rollover | None = None  # a submitted rollover not yet committed
        self._rolling_lock = threading.RLock()  # a done-callback may run in submit

    def _ctx(self) -> OpContext:
        now = self._clock.now()
        return OpContext(
            config=self._config,
            now=now,
            day=self._guard.day_of(now),
            secret=self._secret,
            random_bytes=self._random_bytes,
            marks=self._marks,
        )

    def _rollover(self, tx: Tx) -> date:
        """Expire tickets of earlier days still active (idempotent; any process may do it)."""
        ctx = self._ctx()
        n = transitions.expire_active(tx, ctx, earlier_days=True)
        # A new day starts with no priority streak (pauses stay as the clerk left them).
        tx.run("UPDATE counters SET priority_streak = 0 WHERE priority_streak != 0")
        # Personal data past its retention is dropped daily without anyone remembering to.
        purged = issuing.purge_personal_data(tx, ctx)
        if purged:
            log.info("personal data of %d old tickets purged", purged)
        if n:
            log.info("day rollover to %s: %d unfinished tickets expired", ctx.day, n)
        return ctx.day

    def _ensure_day(self) -> None:
        now = self._clock.now()
        self._guard.refresh(now)
        today = self._guard.day_of(now)
        if self._rolled_day != today:
            self._rolled_day = self._store.write(self._rollover)
            self._on_rolled()

    def write(self, fn: Callable[[Tx, OpContext], T]) -> T:
        """Run ``fn`` in a write transaction (after the day's rollover); wait for its commit."""
        self._ensure_day()
        return self._store.write(lambda tx: fn(tx, self._ctx()))

    def submit(self, op: Op[T]) -> Future[T]:
        """Start the write ``op`` (see ``motcua.queue.ops``) and return its future.

        For servers on an event loop (``asyncio.wrap_future``): the same operation, errors,
        events and durability as the blocking method, but no thread waits for the commit.
        The day's rollover runs first, then ``op``, in that order.

        One store submission. On a new day the first caller also queues the rollover (as
        an operation of its own, so it commits even if ``op`` fails); every write submitted
        before it has committed queues behind that same rollover instead of another one (a
        burst at the day's first minute runs it once, not once per request: each run reads
        the earlier days), and the writes keep the order they were submitted in. A failed
        rollover fails the writes queued behind it unrun; the next write tries again."""
        now = self._clock.now()
        self._guard.refresh(now)
        today = self._guard.day_of(now)
        if self._rolled_day == today:
            return self._store.submit(lambda tx: op(tx, self._ctx()))
        with self._rolling_lock:
            pending = self._rolling
            if pending is None or pending.day != today or pending.error is not None:
                rolling = self._rolling = _Rollover(today)
                done = self._store.submit(rolling.run(self._rollover))
                done.add_done_callback(lambda f: self._rolled(rolling, f))
            else:
                rolling = pending
            after = rolling.then(op)
            return self._store.submit(lambda tx: after(tx, self._ctx()))

    def _rolled(self, rolling: _Rollover, done: Future[date]) -> None:
        """The rollover's commit (a done-callback): later writes go straight to the store."""
        error = done.exception()
        if error is None:
            self._rolled_day = done.result()
            self._on_rolled()
        elif rolling.error is None:  # its batch was lost at COMMIT: later writes wait too
            rolling.error = error
        with self._rolling_lock:
            if self._rolling is rolling and done.exception() is None:
                self._rolling = None

    def read(self, fn: Callable[[Tx, OpContext], T]) -> T:
        """Run ``fn`` in a read transaction, after the day's rollover where it can be written."""
        try:
            self._ensure_day()
        except StorageError as exc:  # a read-only database can still be read
            log.warning("day rollover not recorded: %s", exc.message_en)
        return self._store.read(lambda tx: fn(tx, self._ctx()))


class _Rollover:
    """A day's rollover queued by ``DayGate.submit`` and the writes queued behind it.

    Runs in the writer thread before them (the store's queue is first in, first out); a
    write behind a rollover that raised raises the same error without running."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.error: BaseException | None = None

    def run(self, rollover: Callable[[Tx], date]) -> Callable[[Tx], date]:
        def op(tx: Tx) -> date:
            try:
                return rollover(tx)
            except BaseException as exc:
                self.error = exc
                raise

        return op

    def then(self, op: Op[T]) -> Op[T]:
        def after(tx: Tx, ctx: OpContext) -> T:
            if self.error is not None:
                raise self.error
            return op(tx, ctx)

        return after
