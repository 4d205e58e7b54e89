"""What reaches the kiosk besides its buttons, handled on the UI thread.

``InputFilter`` sees every touch and key of the application: each one resets the idle
timer and hides its countdown; touches are swallowed while a ticket is being issued
(no double tickets); keys feed a keyboard-wedge scanner. ``Inbound`` takes the ID
scanner's lines and the center's events from their own threads (through relays) and
hands them to the screen shown.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QWidget

from motcua.kiosk.alerts import AlertKind
from motcua.kiosk.idle import IdleTimer
from motcua.queue.models import Event
from motcua.scanner.barcode import BarcodeScanner, scanner_health
from motcua.ui import Relay

if TYPE_CHECKING:
    from motcua.kiosk.screens.base import KioskShell

log = logging.getLogger(__name__)

TOUCHES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress)
SWALLOWED = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchBegin)


class InputFilter(QObject):
    def __init__(self, window: QWidget, idle: IdleTimer, idle_warning: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._idle = idle
        self._idle_warning = idle_warning
        self.busy = False
        self.wedge: Any = None  # a keyboard-wedge scanner: fed the keys the window sees
        self._window_key: tuple[int, str] | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in TOUCHES:
            self._idle.touch()
            if self._idle_warning.isVisible():
                self._idle_warning.hide()
        if self.busy and kind in SWALLOWED:
            return True
        if (
            kind == QEvent.Type.KeyPress
            and self.wedge is not None
            and self._first_sight(obj, event)
        ):
            key = cast(QKeyEvent, event)
            text = key.text()
            if key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                text = "\n"
            if text:
                self.wedge.feed_key(text, time.monotonic())
        return False

    def _first_sight(self, obj: QObject, event: QEvent) -> bool:
        """A key reaches the filter once per receiver (the QWindow, then widgets); read it
        once: at the window, or at the kiosk window when it was sent straight there."""
        key = (event.key(), event.text())  # type: ignore[attr-defined]
        if isinstance(obj, QWindow):
            self._window_key = key
            return True
        if obj is self._window:
            seen, self._window_key = self._window_key, None
            return seen != key
        return False


class Inbound(QObject):
    """The ID scanner's lines and the center's events, re-emitted on the UI thread."""

    def __init__(self, win: KioskShell, filter_: InputFilter, idle: IdleTimer) -> None:
        super().__init__()
        self._win, self._filter, self._idle = win, filter_, idle
        self._runtime = win.runtime
        self.scans = Relay(self)
        self.scans.received.connect(self.on_scan)
        self.center_events = Relay(self)
        self.center_events.received.connect(self.on_event)
        self.scanner: BarcodeScanner | None = None
        self.unsubscribe: Any = None

    def attach_scanner(self, scanner) -> None:
        """Serial / sim scanners call back from their own thread: the line is re-emitted
        as a signal and handled on the UI thread. A keyboard-wedge scanner is fed the
        keys the window sees (fast bursts ending with Enter are scans)."""
        self.scanner = scanner
        if hasattr(scanner, "feed_key"):
            self._filter.wedge = scanner
        scanner.start(self.scans.push)

    def check_scanner(self) -> bool | None:
        """Every second: a serial scanner that went away is a device alert (and clears
        itself when the scanner is back). None when the scanner cannot tell."""
        if self.scanner is None:
            return None
        health = scanner_health(self.scanner, AlertKind.SCANNER.value)
        if health.is_problem:
            self._runtime.alerts.report(health)
        elif health.is_ok:
            self._runtime.alerts.clear(AlertKind.SCANNER, "disconnected")
        return self.scanner.connected

    def on_scan(self, line: str) -> None:
        self._idle.touch()
        current = self._win.current
        if not current.on_scan(line):
            log.info("scan ignored on screen %s", current.name)

    def subscribe_events(self) -> None:
        """Follow the center's events (the rating tablet). Subscribing to a remote center
        opens a stream, so it happens on a worker; events arrive through a relay."""
        center = self._runtime.center

        def subscribed(unsubscribe) -> None:
            self.unsubscribe = unsubscribe

        def failed(exc: BaseException) -> None:
            log.error("cannot follow the center's events: %r", exc)
            self._runtime.alerts.raise_(
                AlertKind.CENTER,
                "events_lost",
                "Không theo dõi được sự kiện của trung tâm",
                f"Cannot follow the center's events: {exc!r}",
            )

        self._win.runner.run(lambda: center.subscribe(self.center_events.push), subscribed, failed)

    def on_event(self, event: Event) -> None:
        if self._win.rating_counter is not None and self._runtime.rating.on_event(event):
            self._win.go("rate")

    def stop(self) -> None:
        if self.unsubscribe is not None:
            self.unsubscribe()
        if self.scanner is not None:
            self.scanner.stop()
