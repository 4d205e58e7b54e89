"""The hidden technician menu: five taps on the logo within 3 s, then a PIN.

The PIN is checked against the PBKDF2 hash in the configuration
(``motcua.pin``); after ``max_attempts`` wrong PINs the menu locks, each lockout twice
as long as the one before, counted on disk (``PinLockout``) so that a restart does not
give a curious visitor five more tries. The demo PIN's hash in a real configuration is
refused like no PIN at all. Only an unlocked menu may quit the kiosk (``quit``).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from motcua.clock import Clock
from motcua.errors import MotcuaError
from motcua.kiosk.alerts import AlertKind, DeviceAlert, DeviceAlerts
from motcua.kiosk.devices import TicketPrinter
from motcua.kiosk.pin_lockout import PinLockout
from motcua.kiosk.ticket_flow import TicketFlow
from motcua.pin import is_demo_hash, verify_pin
from motcua.printer import PrinterStatus, PrintResult
from motcua.public_url import PhoneReach
from motcua.queue.api import Center

log = logging.getLogger(__name__)


class PinOutcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class PinResult:
    outcome: PinOutcome
    attempts_left: int = 0
    locked_seconds: int = 0


@dataclass(frozen=True)
class DeviceStatus:
    """What the status text says; each device's own state is the console's (its rows)."""

    center_ok: bool
    center_message: str
    alerts: tuple[DeviceAlert, ...]
    portal_backlog: int | None = None  # None: no [portal], nothing to show
    portal_error: str = ""
    # "Mã QR trên phiếu: URL — whether phones open it" (motcua.public_url), and if they do
    phones_vi: str = ""
    phones_en: str = ""
    phones_ok: bool = True


def center_label(name: str, url: str) -> str:
    """Which center the technician's status line speaks of: its name (short or full) and
    the host:port this kiosk reaches it at, whichever are known; "" when neither is."""
    host = urlsplit(url).netloc if url else ""
    if name and host:
        return f"{name} ({host})"
    return name or host


class TechnicianFlow:
    TAPS = 5
    TAP_WINDOW = timedelta(seconds=3)

    def __init__(
        self,
        pin_hash: str,
        clock: Clock,
        center: Center,
        printer: TicketPrinter,
        tickets: TicketFlow,
        alerts: DeviceAlerts,
        portal_status: Callable[[], tuple[int, str] | None] | None = None,
        lockout: PinLockout | None = None,
        refuse_demo_pin: bool = False,
        phone_reach: Callable[[], PhoneReach | None] | None = None,
    ) -> None:
        self._pin_hash = "" if refuse_demo_pin and is_demo_hash(pin_hash) else pin_hash
        self.demo_pin_refused = refuse_demo_pin and is_demo_hash(pin_hash)
        self._clock = clock
        self._center = center
        self._printer = printer
        self._tickets = tickets
        self._alerts = alerts
        self._portal_status = portal_status or (lambda: None)
        self.lockout = lockout or PinLockout(clock)
        self._phone_reach = phone_reach or (lambda: None)
        self._taps: deque[datetime] = deque(maxlen=self.TAPS)
        self.unlocked = False
        self.quitting = False  # set by quit(): the kiosk window may close only then

    def tap_logo(self) -> bool:
        """True on the fifth tap within 3 seconds: show the PIN pad."""
        now = self._clock.now()
        self._taps.append(now)
        if len(self._taps) == self.TAPS and now - self._taps[0] <= self.TAP_WINDOW:
            self._taps.clear()
            return True
        return False

    def locked_seconds(self) -> int:
        return self.lockout.locked_seconds()

    @property
    def pin_set(self) -> bool:
        return bool(self._pin_hash)

    def enter_pin(self, pin: str) -> PinResult:
        """Slow on purpose (PBKDF2): the Qt layer calls it off the UI thread."""
        locked = self.locked_seconds()
        if locked:
            return PinResult(PinOutcome.LOCKED, 0, locked)
        if not self._pin_hash:
            log.warning(
                "technician PIN not set%s: motcua kiosk set-pin --config FILE",
                " (the demo PIN is refused in a real configuration)"
                if self.demo_pin_refused
                else "",
            )
            return PinResult(PinOutcome.NOT_SET)
        if verify_pin(pin, self._pin_hash):
            self.lockout.right()
            self.unlocked = True
            log.info("technician menu unlocked")
            return PinResult(PinOutcome.OK)
        left, locked = self.lockout.wrong()
        log.warning("wrong technician PIN (%d left)", left)
        if locked:
            return PinResult(PinOutcome.LOCKED, 0, locked)
        return PinResult(PinOutcome.WRONG, left)

    def lock(self) -> None:
        """Leaving the menu (or idle timeout) locks it again."""
        self.unlocked = False
        self._taps.clear()

    def _require(self) -> None:
        if not self.unlocked:
            raise PermissionError("technician menu is locked")

    # --------------------------------------------------------------- actions (blocking)
    def device_status(self) -> DeviceStatus:
        self._require()
        try:
            printer: PrinterStatus | None = self._printer.status()
        except Exception:
            log.exception("printer status failed")
            printer = None
        if printer is not None and printer.known:  # what it says now is the alert (or none)
            self._alerts.report(printer.health(AlertKind.PRINTER.value))
        try:
            self._center.snapshot()
            center_ok, center_msg = True, ""
            self._alerts.clear(AlertKind.CENTER)
        except MotcuaError as exc:
            center_ok, center_msg = False, exc.message_vi
            self._alerts.raise_(
                AlertKind.CENTER,
                "unreachable",
                f"Mất kết nối trung tâm: {exc.message_vi}",
                exc.message_en,
            )
        try:
            portal = self._portal_status()
        except Exception:
            log.exception("portal sync status failed")
            portal = None
        reach = self._phone_reach()
        phones_vi, phones_en = reach.line() if reach is not None else ("", "")
        return DeviceStatus(
            phones_vi=phones_vi,
            phones_en=phones_en,
            phones_ok=reach is None or reach.ok,
            portal_backlog=portal[0] if portal else None,
            portal_error=portal[1] if portal else "",
            center_ok=center_ok,
            center_message=center_msg,
            alerts=tuple(self._alerts.active),
        )

    def test_print(self) -> PrintResult:
        self._require()
        result = self._printer.print_test_page()
        if result.ok:
            self._alerts.clear(AlertKind.PRINTER)
        else:
            self._alerts.raise_(
                AlertKind.PRINTER, result.code, result.message_vi, result.message_en
            )
        return result

    def reprint_last(self) -> PrintResult | None:
        """None when no ticket has been issued since the kiosk started."""
        self._require()
        slip = self._tickets.last_slip
        return None if slip is None else self._tickets.print_slip(slip)

    def set_pin_hash(self, stored: str) -> None:
        """The console changed the PIN: the new hash opens the menu from now on."""
        self._pin_hash = stored
        self.demo_pin_refused = False

    def quit(self) -> None:
        """The technician ends the kiosk app (the window ignores every other way out)."""
        self._require()
        self.quitting = True
        log.info("technician quits the kiosk")

    def close_day(self) -> int:
        self._require()
        count = self._center.close_day()
        log.info("technician closed the day's queue: %d tickets expired", count)
        return count
