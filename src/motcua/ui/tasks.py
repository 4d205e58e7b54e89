"""The one task runner: slow work off the UI thread (anki's taskman).

``TaskRunner.run(fn, on_done, on_error)`` runs ``fn`` on a private QThreadPool; the
outcome comes back through a queued signal to a slot of the runner, which lives on
the UI thread, so the callbacks always run there and may touch widgets. A failure
is logged and handed to ``on_error`` (never lost); without ``on_error`` it is handed
to ``on_done`` as the result, for callers whose flows return errors as values.
With ``threads=1`` calls run in the order they were made (the counter console).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Finished(QObject):
    finished = Signal(int, bool, object)


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], relay: _Finished) -> None:
        super().__init__()
        self._id, self._fn, self._relay = task_id, fn, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # reported on the UI thread, never lost
            log.exception("background task failed")
            self._relay.finished.emit(self._id, False, exc)
        else:
            self._relay.finished.emit(self._id, True, result)


class TaskRunner(QObject):
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._relay = _Finished(self)
        self._relay.finished.connect(self._finished)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Done, Failed | None]] = {}

    @property
    def pending(self) -> int:
        return len(self._pending)

    def run(self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None) -> int:
        task_id = next(self._ids)
        self._pending[task_id] = (on_done, on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self.pool.start(_Task(task_id, fn, self._relay))
        return task_id

    @Slot(int, bool, object)
    def _finished(self, task_id: int, ok: bool, payload: object) -> None:
        callbacks = self._pending.pop(task_id, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if callbacks is None:
            return
        on_done, on_error = callbacks
        if ok or on_error is None:
            on_done(payload)
        else:
            assert isinstance(payload, BaseException)
            on_error(payload)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until running tasks finished (shutdown, tests)."""
        return bool(self.pool.waitForDone(msecs))

    def shutdown(self, timeout_ms: int = 5000) -> None:
        self.wait(timeout_ms)
