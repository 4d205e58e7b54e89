"""The one thread-to-UI relay (electrum's pattern): a callback from a device or network
thread becomes a Qt signal delivered on the UI thread.

    relay = Relay(window)
    relay.received.connect(window.on_scan)       # runs on the UI thread
    scanner.start(relay.push)                    # push may be called from any thread

One value per push; a callback with several arguments pushes a tuple
(``Relay.packing``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class Relay(QObject):
    """``push`` may be called from any thread; ``received`` fires on the UI thread."""

    received = Signal(object)

    def push(self, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the window was deleted meanwhile
            self.received.emit(value)

    def packing(self) -> Callable[..., None]:
        """A callback taking several arguments that pushes them as one tuple."""
        return lambda *args: self.push(args)
