"""QueueService: the center's queue in-process, implementing ``motcua.queue.api.Center``.

Used directly by the commune kiosk (which hosts the center) and by the center
server behind its HTTP API. Every change runs as one operation in the store's
group-committing writer thread (see store.py); a method returns only once its
change is durable, and subscribers hear of it after the commit.

Open with ``QueueService.open(config, db_path, clock)``; ``close()`` stops the writer.
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
from motcua.queue import counters, daily, issuing, ops, records, stats, transitions
from motcua.queue.clock_guard import ClockGuard, ClockStatus
from motcua.queue.context import OpContext, ticket_row
from motcua.queue.errors import StorageError, UnknownTicket
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
from motcua.storage import Area, Store, StoreOptions, Tx

log = logging.getLogger(__name__)
T = TypeVar("T")


_TALLY_DAYS = 8  # running tallies kept in memory (today and recently asked days)


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
        self._rolled_day: date | None = None
        self._rolling: _Rollover | None = None  # a submitted rollover not yet committed
        self._rolling_lock = threading.RLock()  # a done-callback may run in submit
        self._tallies: dict[date, stats.DayTally] = {}
        self._tally_lock = threading.Lock()
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
        self._roll_lock = threading.Lock()
        self._kept = daily.KeptDays()
        self._roller: threading.Thread | None = None
        self._closing = threading.Event()

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
        svc._roll_up_soon()  # a database from an older release gets its past days kept
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

    def _ctx(self) -> OpContext:
        now = self.clock.now()
        return OpContext(
            config=self.config,
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
        now = self.clock.now()
        self._guard.refresh(now)
        today = self._guard.day_of(now)
        if self._rolled_day != today:
            self._rolled_day = self._store.write(self._rollover)
            self._roll_up_soon()

    def _write(self, fn: Callable[[Tx, OpContext], T]) -> T:
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
        now = self.clock.now()
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
            self._roll_up_soon()
        elif rolling.error is None:  # its batch was lost at COMMIT: later writes wait too
            rolling.error = error
        with self._rolling_lock:
            if self._rolling is rolling and done.exception() is None:
                self._rolling = None

    def _read(self, fn: Callable[[Tx, OpContext], T]) -> T:
        try:
            self._ensure_day()
        except StorageError as exc:  # a read-only database can still be read
            log.warning("day rollover not recorded: %s", exc.message_en)
        return self._store.read(lambda tx: fn(tx, self._ctx()))

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
        """The day's statistics from its running tally: a call reads only the events
        committed since the previous one (by any process), never the whole day again."""
        the_day = day or self.today()
        with self._tally_lock:
            tally = self._tallies.pop(the_day, None) or stats.DayTally(self.config, the_day)
            self._tallies[the_day] = tally  # most recently used last
            while len(self._tallies) > _TALLY_DAYS:
                self._tallies.pop(next(iter(self._tallies)))
            self._store.read(tally.catch_up)
            return tally.answer()

    def stats_csv(self, day: date | None = None) -> str:
        return stats.to_csv(self.stats(day))

    def stats_between(self, first: date, last: date) -> list[DayStats]:
        """Each day's statistics, ``first``..``last``: finished days from their rolled-up
        row (``motcua.queue.daily``), today and days not yet rolled up counted live."""
        kept = self._store.read(lambda tx: self._kept.stored(tx, first, last))
        out: list[DayStats] = []
        day = first
        while day <= last:
            found = kept.get(day)
            out.append(found if found is not None else self.stats(day))
            day = date.fromordinal(day.toordinal() + 1)
        return out

    def roll_up(self) -> int:
        """Keep the figures of every finished day that has none (or stale ones); how many.

        One day per transaction: computed in a read, stored by a short write that checks
        no event of that day came in between. Runs by itself (``_roll_up_soon``)."""
        with self._roll_lock:
            today = self.today()
            days = self._store.read(lambda tx: daily.pending(tx, today))
            kept = 0
            for day in days:
                if self._closing.is_set():
                    break

                def compute(tx: Tx, day: date = day) -> tuple[DayStats, int]:
                    return stats.day_stats(tx, self.config, day), daily.last_event_id(tx)

                figures, through = self._store.read(compute)

                def keep(tx: Tx, figures: DayStats = figures, through: int = through) -> bool:
                    return daily.keep(tx, figures, through, self.clock.now())

                if self._store.write(keep):
                    kept += 1
            if kept:
                log.info("figures of %d finished days kept", kept)
            return kept

    def _roll_up_soon(self) -> None:
        """Start ``roll_up`` on a background thread unless one is running."""
        if self._closing.is_set() or (self._roller is not None and self._roller.is_alive()):
            return

        def run() -> None:
            try:
                self.roll_up()
            except StorageError as exc:  # a read-only database: reports count live
                log.warning("daily figures not kept: %s", exc.message_en)

        self._roller = threading.Thread(target=run, name="motcua-roll-up", daemon=True)
        self._roller.start()

    def close(self) -> None:
        self._closing.set()
        if self._roller is not None:
            self._roller.join()
        self._store.close()

    def __enter__(self) -> QueueService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Rollover:
    """A day's rollover queued by ``QueueService.submit`` and the writes queued behind it.

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
