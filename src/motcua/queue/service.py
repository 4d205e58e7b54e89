"""QueueService: the center's queue in-process, implementing ``motcua.queue.api.Center``.

Used directly by the commune kiosk (which hosts the center) and by the center
server behind its HTTP API. Every change runs as one operation in the store's
group-committing writer thread (see store.py); a method returns only once its
change is durable, and subscribers hear of it after the commit.

Open with ``QueueService.open(config, db_path, clock)``; ``close()`` stops the writer.

The service is the queue's public face and its composition: each operation's context and
the day's rollover before it are ``day_gate.DayGate``; the day statistics and the roll-up
of finished days are ``stats_keeper.StatsKeeper``; what an operation does is ``ops``.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from motcua.clock import Clock, SystemClock
from motcua.config import Config
from motcua.queue import counters, issuing, ops, records, stats
from motcua.queue.clock_guard import ClockGuard, ClockStatus
from motcua.queue.context import OpContext, ticket_row
from motcua.queue.day_gate import DayGate
from motcua.queue.errors import UnknownTicket
from motcua.queue.high_water import NumberMarks
from motcua.queue.models import (
    Appointment,
    CenterInfo,
    CitizenInfo,
    CounterState,
    Event,
    QueueSnapshot,
    Rating,
    Satisfaction,
    Ticket,
    TicketInfo,
)
from motcua.queue.ops import Op
from motcua.queue.records import event_from_row
from motcua.queue.schema import AREA
from motcua.queue.snapshot import snapshot as build_snapshot
from motcua.queue.stats import DayStats
from motcua.queue.stats_keeper import StatsKeeper
from motcua.storage import Area, Store, StoreOptions, Tx

log = logging.getLogger(__name__)
T = TypeVar("T")


class QueueService:
    """The queue domain over a durable SQLite store. Thread-safe; one per database per process."""

    def __init__(
        self,
        config: Config,
        store: Store,
        clock: Clock,
        random_bytes: Callable[[int], bytes] = secrets.token_bytes,
        id_key: bytes | None = None,
        marks: NumberMarks | None = None,
    ) -> None:
        self.config = config
        self.clock = clock
        self._store = store
        self._random_bytes = random_bytes
        self._subscribers: list[Callable[[Event], None]] = []
        self._sub_lock = threading.Lock()
        if id_key is not None:  # the key lives outside the database (a key file)
            self._secret = id_key
            self._store.write(self._drop_secret)
        else:
            existing = self._store.read(self._read_secret)
            if existing is None:
                existing = self._store.write(self._load_secret)
            self._secret = existing
        # The day's numbers already handed out, kept beside the database: every
        # service's next number starts above them (a restore, a lost WAL tail).
        self._marks = marks
        if marks is not None and marks.path is not None:
            numberings = {s.code: s.numbering for s in config.services}
            self._store.write(lambda tx: marks.raise_floors(tx, numberings))
        # The business day, held against wall-clock jumps (a rollover is deferred).
        self._guard = ClockGuard(clock, store, config.center.tz)
        self._stats = StatsKeeper(config, store, clock, self.today)
        # Each rollover committed rolls the finished days' figures up (in the background).
        self._gate = DayGate(
            config,
            store,
            clock,
            self._guard,
            self._secret,
            random_bytes,
            marks,
            rolled=self._stats.roll_up_soon,
        )

    @classmethod
    def open(
        cls,
        config: Config,
        db_path: str | Path,
        clock: Clock | None = None,
        *,
        options: StoreOptions | None = None,
        random_bytes: Callable[[int], bytes] = secrets.token_bytes,
        id_key: bytes | None = None,
        areas: Iterable[Area] = (),
    ) -> QueueService:
        """Open (creating or migrating) the database at ``db_path`` and start the writer.

        ``db_path`` may be a SQLite URI (``file:/path/q.db?mode=ro``). Raises
        StorageError when the file cannot be opened or migrated.

        ``id_key``: the key of the ID-number hash, kept outside the database (the
        server's key file); a key left in the database by an older release is removed
        (read it first: ``motcua.server.database.id_key``). Without it the key is kept
        in the database (in-process tests, the commune kiosk).

        ``areas``: other areas of the center's file (dossiers, the portal outbox) that
        share this store, so the whole center has ONE writer: their writes join the
        queue's group commits instead of fighting them for SQLite's write lock
        (``store`` is what the composition root hands them)."""
        holder: list[QueueService] = []
        store = Store(
            db_path, [AREA, *areas], options, on_commit=lambda evs: holder[0]._deliver(evs)
        )
        try:
            marks = NumberMarks.beside(db_path)
            svc = cls(config, store, clock or SystemClock(), random_bytes, id_key, marks)
        except BaseException:
            store.close()
            raise
        holder.append(svc)
        svc._stats.roll_up_soon()  # a database from an older release gets its past days kept
        return svc

    @property
    def numbers_problem(self) -> tuple[str, str] | None:
        """(vi, en) when the file of numbers handed out is or was unusable (``/health``)."""
        return self._marks.problem if self._marks is not None else None

    def warnings(self) -> list[tuple[str, str]]:
        """(vi, en) of what a technician should know but does not stop the queue."""
        out = []
        if self.numbers_problem is not None:
            out.append(self.numbers_problem)
        clock = self._guard.status()
        if clock.jumped:
            out.append(clock.message())
        return out

    @property
    def marks(self) -> NumberMarks | None:
        return self._marks

    @property
    def store(self) -> Store:
        """The center's store (its one writer), for the areas that share the file."""
        return self._store

    # ------------------------------------------------------------------ plumbing
    @staticmethod
    def _read_secret(tx: Tx) -> bytes | None:
        row = tx.one("SELECT value FROM meta WHERE key = 'id_secret'")
        return bytes.fromhex(row["value"]) if row is not None else None

    @staticmethod
    def _drop_secret(tx: Tx) -> None:
        tx.run("DELETE FROM meta WHERE key = 'id_secret'")

    def _load_secret(self, tx: Tx) -> bytes:
        row = tx.one("SELECT value FROM meta WHERE key = 'id_secret'")
        if row is not None:
            return bytes.fromhex(row["value"])
        secret = self._random_bytes(32)
        tx.run("INSERT INTO meta (key, value) VALUES ('id_secret', ?)", (secret.hex(),))
        return secret

    def _write(self, fn: Callable[[Tx, OpContext], T]) -> T:
        return self._gate.write(fn)

    def _read(self, fn: Callable[[Tx, OpContext], T]) -> T:
        return self._gate.read(fn)

    def submit(self, op: Op[T]) -> Future[T]:
        """Start the write ``op`` (see ``motcua.queue.ops``) and return its future.

        For servers on an event loop (``asyncio.wrap_future``): the same operation, errors,
        events and durability as the blocking method, but no thread waits for the commit.
        The day's rollover runs first, then ``op``, in that order; a burst on a new day
        queues behind one rollover (``DayGate.submit``)."""
        return self._gate.submit(op)

    def _deliver(self, events: list[Event]) -> None:
        with self._sub_lock:
            subscribers = list(self._subscribers)
        for event in events:
            for callback in subscribers:
                try:
                    callback(event)
                except Exception:
                    log.exception("event subscriber failed on event %d", event.id)

    # ------------------------------------------------------------------ Center: info
    def info(self) -> CenterInfo:
        c = self.config
        return CenterInfo(c.center, c.services, c.counters, c.priority_groups)

    # ------------------------------------------------------------------ citizens
    def issue_ticket(
        self,
        service_code: str,
        *,
        priority_group: str | None = None,
        citizen: CitizenInfo | None = None,
        appointment_code: str | None = None,
    ) -> TicketInfo:
        return self._write(
            ops.issue_ticket(
                service_code,
                priority_group=priority_group,
                citizen=citizen,
                appointment_code=appointment_code,
            )
        )

    def ticket(self, ticket_id: int) -> TicketInfo:
        def read(tx: Tx, ctx: OpContext) -> TicketInfo:
            return issuing.ticket_info(tx, ctx, ticket_row(tx, ticket_id))

        return self._read(read)

    def ticket_by_code(self, public_code: str) -> TicketInfo:
        def read(tx: Tx, ctx: OpContext) -> TicketInfo:
            row = tx.one("SELECT * FROM tickets WHERE public_code = ?", (public_code,))
            if row is None:
                raise UnknownTicket("Không tìm thấy phiếu", "no such ticket")
            return issuing.ticket_info(tx, ctx, row)

        return self._read(read)

    def rate(
        self,
        ticket_id: int,
        level: Satisfaction,
        reason: str = "",
        *,
        public_code: str | None = None,  # the server's check; in-process callers are trusted
    ) -> Rating:
        return self._write(ops.rate(ticket_id, level, reason))

    def ratings_between(
        self, first: date, last: date, level: Satisfaction | None = None
    ) -> list[Rating]:
        return self._store.read(lambda tx: records.ratings_between(tx, first, last, level))

    # ------------------------------------------------------------------ counters
    def call_next(self, counter: int) -> Ticket | None:
        return self._write(ops.call_next(counter))

    def recall(self, counter: int) -> Ticket:
        return self._write(ops.recall(counter))

    def start(self, counter: int) -> Ticket:
        return self._write(ops.start(counter))

    def finish(self, counter: int) -> Ticket:
        return self._write(ops.finish(counter))

    def no_show(self, counter: int) -> Ticket:
        return self._write(ops.no_show(counter))

    def transfer(
        self, counter: int, *, to_service: str | None = None, to_counter: int | None = None
    ) -> Ticket:
        return self._write(ops.transfer(counter, to_service=to_service, to_counter=to_counter))

    def pause(self, counter: int) -> CounterState:
        return self._write(ops.pause(counter))

    def resume(self, counter: int) -> CounterState:
        return self._write(ops.resume(counter))

    def counter_state(self, counter: int) -> CounterState:
        return self._read(lambda tx, ctx: counters.counter_state(tx, ctx, counter))

    def restore(self, ticket_id: int) -> Ticket:
        return self._write(ops.restore(ticket_id))

    def cancel(self, ticket_id: int) -> Ticket:
        return self._write(ops.cancel(ticket_id))

    # ------------------------------------------------------------------ everyone
    def snapshot(self) -> QueueSnapshot:
        return self._read(build_snapshot)

    def events_since(self, after_id: int, limit: int = 500) -> list[Event]:
        limit = max(1, min(int(limit), 5000))
        return self._store.read(
            lambda tx: [
                event_from_row(r)
                for r in tx.all(
                    "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?", (after_id, limit)
                )
            ]
        )

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        with self._sub_lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._sub_lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    # ------------------------------------------------------------------ managers
    def add_appointment(
        self, code: str, service_code: str, slot_at: datetime, citizen_name: str = ""
    ) -> Appointment:
        return self._write(ops.add_appointment(code, service_code, slot_at, citizen_name))

    def close_day(self) -> int:
        return self._write(ops.close_day())

    def purge_personal_data(self) -> int:
        """Drop ID hashes and masked names older than ``policy.id_retention_days``.

        Also runs by itself at each day rollover; count of tickets cleared."""
        return self._write(ops.purge_personal_data())

    def today(self) -> date:
        """The business day the queue works in (held while a clock jump stands)."""
        return self._guard.day_of(self.clock.now())

    def clock_status(self) -> ClockStatus:
        """The wall clock against the monotonic clock (``motcua.queue.clock_guard``)."""
        return self._guard.status()

    def confirm_clock(self) -> ClockStatus:
        """A person says the wall clock is right: a held rollover runs at the next
        operation (waiting tickets of the held day then expire)."""
        return self._guard.confirm()

    def stats(self, day: date | None = None) -> DayStats:
        """The day's statistics (today's when ``day`` is None), from its running tally."""
        return self._stats.stats(day)

    def stats_csv(self, day: date | None = None) -> str:
        return stats.to_csv(self.stats(day))

    def stats_between(self, first: date, last: date) -> list[DayStats]:
        """Each day's statistics, ``first``..``last`` (finished days from their kept row)."""
        return self._stats.stats_between(first, last)

    def roll_up(self) -> int:
        """Keep the figures of every finished day that has none (or stale ones); how many.

        Runs by itself after each rollover and at opening, in the background; this
        call runs it now (after a running one)."""
        return self._stats.roll_up()

    def wait_roll_up(self, timeout: float | None = None) -> None:
        """Wait until the background roll-up has ended (a benchmark times it apart)."""
        self._stats.wait_roll_up(timeout)

    def close(self) -> None:
        self._stats.close()
        self._store.close()

    def __enter__(self) -> QueueService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
