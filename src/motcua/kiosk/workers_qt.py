"""Slow work off the UI thread (anki's taskman): printing, network, PIN hashing.

``Runner.run(fn, on_done, on_error)`` runs ``fn`` on a QThreadPool; the result
comes back through a signal to a slot of the Runner, which lives on the UI
thread, so the callbacks always run there and may touch widgets.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(int, bool, object)


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
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


class Runner(QObject):
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]] = {}

    @property
    def pending(self) -> int:
        return len(self._pending)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        task_id = next(self._ids)
        self._pending[task_id] = (on_done, on_error or (lambda exc: None))
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Task(task_id, fn, self._relay))
        return task_id

    @Slot(int, bool, object)
    def _finished(self, task_id: int, ok: bool, payload: object) -> None:
        callbacks = self._pending.pop(task_id, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if callbacks is None:
            return
        on_done, on_error = callbacks
        if ok:
            on_done(payload)
        else:
            on_error(payload)  # type: ignore[arg-type]

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)
