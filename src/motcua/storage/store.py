"""The durable store: SQLite (WAL, synchronous=FULL) with ONE writer thread doing group commit.

Why group commit: a kiosk or center PC may lose power at any moment, so every
change is fsynced before its caller hears "done" (synchronous=FULL). An fsync
costs about as much as the whole rest of an operation, so the writer thread
drains every operation that is waiting, runs each in its own SAVEPOINT inside
one ``BEGIN IMMEDIATE`` transaction and COMMITs (one fsync) for all of them.
An operation that fails is rolled back to its savepoint and gets its exception;
the others proceed. Only after the COMMIT is what the operations published
(``Tx.publish``: the queue's events) handed to the ``on_commit`` hook, in order, and
then callers released, so nothing anyone has seen can be lost, and a caller's own
events have been delivered when it returns.

``BEGIN IMMEDIATE`` takes SQLite's write lock, so two *processes* on one file
are serialised too: everything an operation reads (the last number handed out)
is still true when it writes.

Reads use one connection per reading thread (WAL lets them run beside the writer).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from motcua.errors import MotcuaError, StorageError
from motcua.storage.migrations import Area, migrate
from motcua.storage.tx import ReadTx, Tx

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class StoreOptions:
    """Tuning of the store. Defaults suit a kiosk PC and a center server alike."""

    busy_timeout_ms: int = 5000  # wait this long for another process's write lock
    max_batch: int = 512  # operations per group commit
    # Cap the file at this many pages (a small partition); also how tests make a "full disk".
    max_page_count: int | None = None


def storage_error(exc: BaseException) -> StorageError:
    """A database failure as the one error apps show (Vietnamese first)."""
    text = str(exc).lower()
    if "full" in text:
        vi, en = "Ổ đĩa đã đầy, không ghi được dữ liệu", "the disk is full"
    elif "readonly" in text or "read-only" in text:
        vi, en = "Cơ sở dữ liệu chỉ cho phép đọc, không ghi được", "the database is read-only"
    elif "locked" in text or "busy" in text:
        vi, en = "Cơ sở dữ liệu đang bận, vui lòng thử lại", "the database is locked, try again"
    elif "unable to open" in text:
        vi, en = "Không mở được cơ sở dữ liệu", "cannot open the database file"
    else:
        vi, en = "Lỗi lưu trữ dữ liệu", "storage failure"
    # The Vietnamese text may reach a citizen's screen: plain words; details in English.
    return StorageError(vi, f"{en} ({exc})")


@dataclass
class _Op:
    fn: Callable[[Tx], Any]
    future: Future


_STOP = object()


class Store:
    """A SQLite file with a group-committing writer thread and per-thread readers."""

    def __init__(
        self,
        path: str | Path,
        areas: Iterable[Area] = (),
        options: StoreOptions | None = None,
        on_commit: Callable[[list[Any]], None] | None = None,
    ) -> None:
        """Open (creating) the file and run every missing migration step of ``areas``.

        Only the areas given are migrated: a process that writes tokens and tickets in
        one transaction opens the store with both. Raises StorageError."""
        self.path = str(path)
        self.areas = tuple(areas)
        self.options = options or StoreOptions()
        self._on_commit = on_commit
        self._uri = self.path.startswith("file:")
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._closed = False
        self._close_lock = threading.Lock()
        self._publish_queue: deque[Any] = deque()
        self._publishing = False
        try:
            self._wconn = self._connect()
        except sqlite3.Error as exc:
            raise storage_error(exc) from exc
        try:
            self.versions: dict[str, int] = migrate(self._wconn, self.areas)
        except BaseException as exc:
            self._wconn.close()
            if isinstance(exc, sqlite3.Error):
                raise storage_error(exc) from exc
            raise
        self._thread = threading.Thread(target=self._run, name="motcua-store-writer", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ connections
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path,
            uri=self._uri,
            isolation_level=None,  # we issue BEGIN/SAVEPOINT/COMMIT ourselves
            check_same_thread=False,
            timeout=self.options.busy_timeout_ms / 1000,
        )
        conn.execute(f"PRAGMA busy_timeout = {int(self.options.busy_timeout_ms):d}")
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                log.warning("journal_mode is %s, not wal (read-only database?)", mode)
        except sqlite3.OperationalError as exc:  # read-only file not yet in WAL mode
            log.warning("cannot switch to WAL: %s", exc)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if self.options.max_page_count:
            conn.execute(f"PRAGMA max_page_count = {int(self.options.max_page_count):d}")
        return conn

    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = self._connect()
            except sqlite3.Error as exc:
                raise storage_error(exc) from exc
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    # ------------------------------------------------------------------ reads
    def read(self, fn: Callable[[ReadTx], T]) -> T:
        """Run ``fn`` in one read transaction (a consistent snapshot), this thread's connection."""
        if self._closed:
            raise StorageError("Cơ sở dữ liệu đã đóng", "the store is closed")
        conn = self._reader()
        try:
            conn.execute("BEGIN")
            try:
                return fn(ReadTx(conn))
            finally:
                conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise storage_error(exc) from exc

    # ------------------------------------------------------------------ writes
    @property
    def pending(self) -> int:
        """Operations queued for the writer's next group commit (a load figure for metrics)."""
        return self._queue.qsize()

    def write(self, fn: Callable[[Tx], T]) -> T:
        """Run ``fn`` in the writer's next group commit; return once it is durable."""
        if threading.current_thread() is self._thread:
            # A subscriber callback writing: run it as a batch of its own, right now.
            op = _Op(fn, Future())
            self._run_batch([op])
            return op.future.result()
        return self.submit(fn).result()

    def submit(self, fn: Callable[[Tx], T]) -> Future[T]:
        """Queue ``fn`` for the writer's next group commit without waiting for it.

        The future is resolved (result or exception) only after the COMMIT and after
        the batch's events were published, exactly when ``write`` would return; an
        event loop awaits it (``asyncio.wrap_future``) instead of parking a thread on
        it. Called from the writer thread itself (a subscriber callback or a future's
        done-callback) the operation simply joins the queue: it runs in the next batch.
        Raises StorageError at once when the store is closed."""
        future: Future[T] = Future()
        # Running from the start: a caller giving up (a cancelled request) cannot
        # cancel an operation that will still be committed, nor break the batch that
        # sets its outcome (set_result on a cancelled future raises).
        future.set_running_or_notify_cancel()
        with self._close_lock:
            if self._closed:
                raise StorageError("Cơ sở dữ liệu đã đóng", "the store is closed")
            self._queue.put(_Op(fn, future))
        return future

    def _run(self) -> None:
        stop = False
        while not stop:
            first = self._queue.get()
            if first is _STOP:
                break
            batch = [first]
            while len(batch) < self.options.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                batch.append(item)
            try:
                self._run_batch(batch)
            except BaseException as exc:  # the writer must survive anything: callers wait on it
                log.exception("group commit failed unexpectedly")
                self._abandon(batch, storage_error(exc))
        self._wconn.close()

    def _abandon(self, batch: list[_Op], error: StorageError) -> None:
        if self._wconn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._wconn.execute("ROLLBACK")
        for op in batch:
            if not op.future.done():
                op.future.set_exception(error)

    def _run_batch(self, batch: list[_Op]) -> None:
        conn = self._wconn
        results: list[tuple[_Op, Any, BaseException | None, list[Any]]] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            busy = storage_error(exc)
            for op in batch:
                op.future.set_exception(busy)
            return
        lost: StorageError | None = None  # set when the whole transaction is gone
        for op in batch:
            tx = Tx(conn)
            try:
                conn.execute("SAVEPOINT op")
                value = op.fn(tx)
                conn.execute("RELEASE op")
                results.append((op, value, None, tx.published))
            except BaseException as exc:  # handed to the caller
                err: BaseException = exc
                if isinstance(exc, sqlite3.Error):
                    err = storage_error(exc)
                elif not isinstance(exc, MotcuaError):
                    log.exception("store operation failed")
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK TO op")
                        conn.execute("RELEASE op")
                    except sqlite3.Error as rb_exc:
                        lost = storage_error(rb_exc)
                else:
                    # SQLite rolled the whole transaction back (disk full, I/O error).
                    lost = err if isinstance(err, StorageError) else storage_error(err)
                results.append((op, None, err, []))
                if lost is not None:
                    break
        if lost is None:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                lost = storage_error(exc)
        if lost is not None:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    log.exception("rollback failed")
            for op in batch:  # every op of the batch was undone with the transaction
                op.future.set_exception(lost)
            return
        # Subscribers hear of the changes before the callers return: when a call
        # returns, every in-process subscriber has seen its events.
        events = [ev for _, _, error, op_events in results if error is None for ev in op_events]
        if events:
            try:
                self._publish(events)
            except Exception:  # pragma: no cover - the hook guards each callback itself
                log.exception("publishing events failed")
        for op, value, error, _ in results:
            if error is not None:
                op.future.set_exception(error)
            else:
                op.future.set_result(value)

    def _publish(self, events: list[Any]) -> None:
        """Hand published values to the hook in commit order, even when a callback writes."""
        self._publish_queue.extend(events)
        if self._publishing or self._on_commit is None:
            if self._on_commit is None:
                self._publish_queue.clear()
            return
        self._publishing = True
        try:
            while self._publish_queue:
                chunk = list(self._publish_queue)
                self._publish_queue.clear()
                self._on_commit(chunk)
        finally:
            self._publishing = False

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        """Finish pending writes, stop the writer, close every connection."""
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(_STOP)
        if threading.current_thread() is not self._thread:
            self._thread.join()
        with self._readers_lock:
            for conn in self._readers:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._readers.clear()
