"""The counter console without Qt: what the clerk sees and what each button does.

``ConsoleFlow`` holds one counter's view of the center. Its methods block on the
Center (possibly over the network), so the Qt layer calls them off the UI thread
and shows the ``ConsoleView`` they return; tests call them directly. A lost
connection is a state of the view (``connected=False`` and the message "Mất kết nối
tới máy chủ — đang thử lại…"), not an exception: the next ``refresh`` heals it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from motcua.clock import Clock, SystemClock
from motcua.counter.actions import OFFLINE_EN, OFFLINE_VI, CounterAction, Outcome, perform
from motcua.errors import MotcuaError
from motcua.queue.api import Center, Unsubscribe
from motcua.queue.errors import CenterUnavailable, UnknownCounter
from motcua.queue.models import CenterInfo, Event, EventKind, Ticket, TicketStatus

log = logging.getLogger(__name__)

# Which buttons make sense for the counter's current ticket.
_WITH_CALLED = {
    CounterAction.CALL_NEXT,
    CounterAction.RECALL,
    CounterAction.START,
    CounterAction.FINISH,
    CounterAction.NO_SHOW,
    CounterAction.TRANSFER,
    CounterAction.PAUSE,
}
_WITH_SERVING = {
    CounterAction.CALL_NEXT,
    CounterAction.FINISH,
    CounterAction.TRANSFER,
    CounterAction.PAUSE,
}
_IDLE = {CounterAction.CALL_NEXT, CounterAction.PAUSE}


@dataclass(frozen=True)
class WaitingCount:
    service_code: str
    service_name: str
    waiting: int
    estimated_wait_minutes: int


@dataclass(frozen=True)
class Absent:
    """A no-show of this counter that "Gọi lại số vắng" can bring back."""

    ticket_id: int
    display_number: str
    service_name: str


@dataclass(frozen=True)
class Moved:
    """The ticket this counter just transferred: still shown, with where it went."""

    display_number: str
    to_vi: str  # "dịch vụ Chứng thực" / "quầy 5"
    to_en: str


@dataclass(frozen=True)
class ConsoleView:
    counter: int
    label: str
    connected: bool = False
    paused: bool = False
    current: Ticket | None = None
    current_service_name: str = ""
    current_priority: str = ""  # the priority group's label ("Người cao tuổi (từ 60 tuổi)")
    waited_minutes: int | None = None  # how long the current citizen waited to be called
    waiting: tuple[WaitingCount, ...] = ()
    served_today: int = 0
    no_shows: tuple[Absent, ...] = ()  # most recent first
    moved: Moved | None = None
    message_vi: str = ""
    message_en: str = ""
    message_level: str = "info"  # "info" | "warning" | "error"
    updated_at: datetime | None = None
    # The center's devices that need a person: "Kiosk sảnh A: Máy in đã hết giấy".
    device_alerts: tuple[str, ...] = ()

    @property
    def status_vi(self) -> str:
        if not self.connected:
            return "Mất kết nối"
        if self.paused:
            return "Quầy đang tạm dừng"
        if self.current is None and self.moved is not None:
            return f"Đã chuyển số {self.moved.display_number} sang {self.moved.to_vi}"
        if self.current is None:
            return "Chưa gọi số nào"
        if self.current.status is TicketStatus.SERVING:
            return "Đang phục vụ"
        if self.current.recalls:
            return f"Đang gọi (đã gọi lại {self.current.recalls} lần)"
        return "Đang gọi, chờ công dân đến quầy"

    @property
    def total_waiting(self) -> int:
        return sum(w.waiting for w in self.waiting)

    def enabled(self) -> frozenset[CounterAction]:
        """The actions whose buttons are active now."""
        if not self.connected:
            return frozenset()
        if self.no_shows and not self.paused:
            return self._enabled() | {CounterAction.RESTORE}
        return self._enabled()

    def _enabled(self) -> frozenset[CounterAction]:
        if self.paused:
            extra = {CounterAction.FINISH} if self.current is not None else set()
            return frozenset({CounterAction.RESUME, *extra})
        if self.current is None:
            return frozenset(_IDLE)
        if self.current.status is TicketStatus.SERVING:
            return frozenset(_WITH_SERVING)
        return frozenset(_WITH_CALLED)


class ConsoleFlow:
    """One counter's console. Thread-safe: calls are serialised by a lock."""

    def __init__(
        self,
        center: Center,
        counter: int,
        clock: Clock | None = None,
        alerts: Callable[[], list[dict[str, Any]]] | None = None,
    ) -> None:
        """``alerts``: the center's device alerts (``HttpCenter.device_alerts``), if any."""
        self.center = center
        self.counter = counter
        self.clock = clock or SystemClock()
        self._alerts = alerts
        self.info: CenterInfo | None = None
        self._lock = threading.RLock()
        self.last_outcome: Outcome | None = None
        self.view = ConsoleView(counter=counter, label=f"Quầy {counter}")
        self._absent: dict[int, Absent] = {}  # insertion order: oldest first
        self._moved: Moved | None = None

    NO_SHOWS_KEPT = 10

    # ------------------------------------------------------------------ reading
    def refresh(self, *, keep_message: bool = True) -> ConsoleView:
        """Read the center again; a lost connection becomes ``connected=False``."""
        with self._lock:
            try:
                if self.info is None:
                    self.info = self.center.info()
                    if self.info.counter(self.counter) is None:
                        raise UnknownCounter(
                            f"Không có quầy số {self.counter} trong cấu hình của trung tâm",
                            f"No counter {self.counter} in the center's configuration",
                        )
                snap = self.center.snapshot()
            except CenterUnavailable:
                self.view = replace(
                    self.view,
                    connected=False,
                    message_vi=OFFLINE_VI,
                    message_en=OFFLINE_EN,
                    message_level="error",
                )
                return self.view
            except MotcuaError as exc:
                self.view = replace(
                    self.view,
                    connected=False,
                    message_vi=exc.message_vi,
                    message_en=exc.message_en,
                    message_level="error",
                )
                return self.view
            state = snap.counter(self.counter)
            cfg = self.info.counter(self.counter)
            services = state.services if state else (cfg.services if cfg else ())
            waiting = []
            for code in services:
                q = snap.service(code)
                if q is not None:
                    waiting.append(WaitingCount(code, q.name, q.waiting, q.estimated_wait_minutes))
            current = state.current if state else None
            was_offline = not self.view.connected and self.view.message_vi == OFFLINE_VI
            message = (self.view.message_vi, self.view.message_en, self.view.message_level)
            if was_offline:
                message = ("Đã kết nối lại máy chủ", "Reconnected to the server", "info")
            elif not keep_message:
                message = ("", "", "info")
            self.view = ConsoleView(
                counter=self.counter,
                label=cfg.label if cfg else f"Quầy {self.counter}",
                connected=True,
                paused=bool(state and state.paused),
                current=current,
                current_service_name=self._service_name(current.service_code) if current else "",
                current_priority=self._priority(current),
                waited_minutes=self._waited(current),
                waiting=tuple(waiting),
                served_today=state.served_today if state else 0,
                no_shows=tuple(reversed(self._absent.values())),
                moved=self._moved if current is None else None,
                message_vi=message[0],
                message_en=message[1],
                message_level=message[2],
                updated_at=snap.at,
                device_alerts=self._device_alerts(),
            )
            return self.view

    def _device_alerts(self) -> tuple[str, ...]:
        if self._alerts is None:
            return ()
        try:
            return tuple(f"{a['location']}: {a['message']}" for a in self._alerts())
        except Exception:  # an older center without the device list: no line, no error
            return ()

    def concerns(self, event: Event) -> bool:
        """Whether an event changes what this console shows (worth a refresh). Notes this
        counter's no-shows (from a keypad too) and forgets those restored elsewhere."""
        with self._lock:
            self._observe(event)
        if event.counter == self.counter:
            return True
        if event.kind in (EventKind.COUNTER_PAUSED, EventKind.COUNTER_RESUMED):
            return False
        return event.service_code in {w.service_code for w in self.view.waiting}

    def subscribe(self, on_event: Callable[[Event], None]) -> Unsubscribe:
        return self.center.subscribe(on_event)

    # ------------------------------------------------------------------ acting
    def act(
        self,
        action: CounterAction | str,
        *,
        to_service: str | None = None,
        to_counter: int | None = None,
        ticket_id: int | None = None,
    ) -> ConsoleView:
        """Perform a button's action and return the fresh view with its message."""
        with self._lock:
            outcome = perform(
                self.center,
                self.counter,
                action,
                to_service=to_service,
                to_counter=to_counter,
                ticket_id=ticket_id,
                service_name=self._service_name,
            )
            self.last_outcome = outcome
            self._note(outcome, to_service, to_counter)
            if outcome.offline:
                self.view = replace(
                    self.view,
                    connected=False,
                    message_vi=outcome.message_vi,
                    message_en=outcome.message_en,
                    message_level="error",
                )
                return self.view
            level = "info" if outcome.ok and not outcome.nobody_waiting else "warning"
            self.view = replace(
                self.view,
                message_vi=outcome.message_vi,
                message_en=outcome.message_en,
                message_level=level,
            )
            return self.refresh()

    def transfer_targets(self) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
        """(services, counters) a ticket can be moved to: other than this counter, and
        other than the ticket's own service (moving it there would change nothing)."""
        if self.info is None:
            return [], []
        own = self.view.current.service_code if self.view.current else None
        services = [(s.code, s.name) for s in self.info.services if s.code != own]
        counters = [(c.number, c.label) for c in self.info.counters if c.number != self.counter]
        return services, counters

    # ------------------------------------------------------------------ memory
    def _note(self, outcome: Outcome, to_service: str | None, to_counter: int | None) -> None:
        t = outcome.ticket
        if not outcome.ok or t is None:
            return
        if outcome.action is CounterAction.CALL_NEXT:
            self._moved = None
        if t.status is TicketStatus.NO_SHOW:
            self._remember_absent(t.id, t.display_number, t.service_code)
        elif outcome.action is CounterAction.RESTORE:
            self._absent.pop(t.id, None)
        if outcome.action is CounterAction.TRANSFER:
            if to_counter is not None:
                self._moved = Moved(t.display_number, f"quầy {to_counter}", f"counter {to_counter}")
            else:
                name = self._service_name(to_service or t.service_code)
                self._moved = Moved(t.display_number, f"dịch vụ {name}", f"service {name}")

    def _remember_absent(self, ticket_id: int, number: str, service_code: str) -> None:
        self._absent.pop(ticket_id, None)
        self._absent[ticket_id] = Absent(ticket_id, number, self._service_name(service_code))
        while len(self._absent) > self.NO_SHOWS_KEPT:
            self._absent.pop(next(iter(self._absent)))

    def _observe(self, event: Event) -> None:
        if event.ticket_id is None:
            return
        if event.kind is EventKind.NO_SHOW and event.counter == self.counter:
            self._remember_absent(
                event.ticket_id, event.display_number or "", event.service_code or ""
            )
        elif event.kind in (EventKind.RESTORED, EventKind.CANCELLED, EventKind.EXPIRED):
            self._absent.pop(event.ticket_id, None)

    # ------------------------------------------------------------------ helpers
    def _service_name(self, code: str) -> str:
        svc = self.info.service(code) if self.info else None
        return svc.name if svc else code

    def _priority(self, ticket: Ticket | None) -> str:
        if ticket is None or not ticket.priority_group or self.info is None:
            return ""
        group = self.info.priority_group(ticket.priority_group)
        return group.label if group else ticket.priority_group

    def _waited(self, ticket: Ticket | None) -> int | None:
        if ticket is None:
            return None
        until = ticket.called_at or self.clock.now()
        return max(0, int((until - ticket.issued_at).total_seconds() // 60))
