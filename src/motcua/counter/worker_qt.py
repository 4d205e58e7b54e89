"""Run blocking Center calls off the UI thread; get results back on it (anki's taskman).

``TaskRunner.run(fn, on_done)`` runs ``fn()`` on a private QThreadPool and calls
``on_done(result)`` on the UI thread through a queued signal. With one worker thread
(the default) calls stay in the order the clerk made them. ``EventRelay`` re-emits
Center events, which arrive on a background thread, as a Qt signal on the UI thread
(electrum's pattern).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Task(QRunnable):
    def __init__(self, runner: TaskRunner, fn: Callable[[], Any], on_done: Callable[[Any], None]):
        super().__init__()
        self._runner, self._fn, self._on_done = runner, fn, on_done

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # the flows do not raise; a bug still must not vanish
            log.exception("background task failed")
            result = exc
        self._runner._finished.emit(self._on_done, result)


class TaskRunner(QObject):
    _finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._finished.connect(self._deliver)
        self.pending = 0

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self.pending += 1
        self.pool.start(_Task(self, fn, on_done))

    @Slot(object, object)
    def _deliver(self, on_done: Callable[[Any], None], result: Any) -> None:
        self.pending -= 1
        on_done(result)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        self.pool.waitForDone(timeout_ms)


class EventRelay(QObject):
    """``relay.push`` may be called from any thread; ``received`` fires on the UI thread."""

    received = Signal(object)

    def push(self, event: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the window was deleted meanwhile
            self.received.emit(event)
