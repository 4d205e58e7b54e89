"""A small in-memory Center used only until the real QueueService lands on this branch."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from motcua.clock import Clock
from motcua.config import Config
from motcua.queue import errors
from motcua.queue.models import (
    CenterInfo,
    CounterState,
    Event,
    EventKind,
    QueueSnapshot,
    ServiceQueue,
    Ticket,
    TicketInfo,
    TicketStatus,
)


class MemoryCenter:
    def __init__(self, config: Config, clock: Clock) -> None:
        self.config, self.clock = config, clock
        self._lock = threading.RLock()
        self._tickets: dict[int, Ticket] = {}
        self._next_number = {s.code: s.numbering.first() for s in config.services}
        self._events: list[Event] = []
        self._subs: list[Callable[[Event], None]] = []
        self._paused: set[int] = set()
        self._current: dict[int, int] = {}
        self._served: dict[int, int] = {}
        self._ids = itertools.count(1)

    def info(self) -> CenterInfo:
        c = self.config
        return CenterInfo(c.center, c.services, c.counters, c.priority_groups)

    def _day(self):
        return self.clock.now().astimezone(self.config.center.tz).date()

    def _emit(self, kind: EventKind, t: Ticket | None, counter: int | None = None, **data) -> None:
        ev = Event(
            id=len(self._events) + 1,
            at=self.clock.now(),
            kind=kind,
            day=self._day(),
            ticket_id=t.id if t else None,
            service_code=t.service_code if t else None,
            counter=counter,
            display_number=t.display_number if t else None,
            data=data,
        )
        self._events.append(ev)
        for cb in list(self._subs):
            cb(ev)

    def issue_ticket(
        self, service_code, *, priority_group=None, citizen=None, appointment_code=None
    ) -> TicketInfo:
        with self._lock:
            svc = self.config.service(service_code)
            if svc is None:
                raise errors.UnknownService("Không có dịch vụ", "Unknown service")
            n = self._next_number[service_code]
            self._next_number[service_code] += 1
            now = self.clock.now()
            t = Ticket(
                next(self._ids),
                f"p{n}",
                self._day(),
                service_code,
                n,
                svc.numbering.display(n),
                TicketStatus.WAITING,
                now,
                now,
            )
            self._tickets[t.id] = t
            self._emit(EventKind.ISSUED, t)
            return TicketInfo(t, 0, 0)

    def ticket(self, ticket_id: int) -> TicketInfo:
        return TicketInfo(self._tickets[ticket_id], 0, 0)

    def _cur(self, counter: int) -> Ticket:
        tid = self._current.get(counter)
        if tid is None:
            raise errors.NoCurrentTicket("Quầy chưa có số nào", "No current ticket")
        return self._tickets[tid]

    def _check(self, counter: int):
        cfg = self.config.counter(counter)
        if cfg is None:
            raise errors.UnknownCounter("Không có quầy", "Unknown counter")
        return cfg

    def call_next(self, counter: int) -> Ticket | None:
        with self._lock:
            cfg = self._check(counter)
            if counter in self._paused:
                raise errors.CounterPaused("Quầy đang tạm dừng", "Counter paused")
            if counter in self._current:
                self.finish(counter)
            waiting = [
                t
                for t in self._tickets.values()
                if t.status is TicketStatus.WAITING
                and t.service_code in cfg.services
                and t.target_counter in (None, counter)
            ]
            if not waiting:
                return None
            t = min(waiting, key=lambda t: (t.order_at, t.id))
            t = replace(t, status=TicketStatus.CALLED, counter=counter, called_at=self.clock.now())
            self._tickets[t.id] = t
            self._current[counter] = t.id
            self._emit(EventKind.CALLED, t, counter)
            return t

    def recall(self, counter: int) -> Ticket:
        with self._lock:
            t = self._cur(counter)
            t = replace(t, recalls=t.recalls + 1)
            if t.recalls >= self.config.policy.recalls_before_no_show:
                t = replace(t, status=TicketStatus.NO_SHOW)
                self._tickets[t.id] = t
                del self._current[counter]
                self._emit(EventKind.NO_SHOW, t, counter)
                return t
            self._tickets[t.id] = t
            self._emit(EventKind.RECALLED, t, counter)
            return t

    def start(self, counter: int) -> Ticket:
        with self._lock:
            t = replace(
                self._cur(counter), status=TicketStatus.SERVING, started_at=self.clock.now()
            )
            self._tickets[t.id] = t
            self._emit(EventKind.STARTED, t, counter)
            return t

    def finish(self, counter: int) -> Ticket:
        with self._lock:
            t = replace(self._cur(counter), status=TicketStatus.DONE, finished_at=self.clock.now())
            self._tickets[t.id] = t
            del self._current[counter]
            self._served[counter] = self._served.get(counter, 0) + 1
            self._emit(EventKind.FINISHED, t, counter)
            return t

    def no_show(self, counter: int) -> Ticket:
        with self._lock:
            t = replace(self._cur(counter), status=TicketStatus.NO_SHOW)
            self._tickets[t.id] = t
            del self._current[counter]
            self._emit(EventKind.NO_SHOW, t, counter)
            return t

    def transfer(self, counter, *, to_service=None, to_counter=None) -> Ticket:
        with self._lock:
            t = self._cur(counter)
            t = replace(
                t,
                status=TicketStatus.WAITING,
                counter=None,
                service_code=to_service or t.service_code,
                target_counter=to_counter,
            )
            self._tickets[t.id] = t
            del self._current[counter]
            self._emit(EventKind.TRANSFERRED, t, counter)
            return t

    def pause(self, counter: int) -> CounterState:
        with self._lock:
            self._check(counter)
            self._paused.add(counter)
            self._emit(EventKind.COUNTER_PAUSED, None, counter)
            return self._state(counter)

    def resume(self, counter: int) -> CounterState:
        with self._lock:
            self._check(counter)
            self._paused.discard(counter)
            self._emit(EventKind.COUNTER_RESUMED, None, counter)
            return self._state(counter)

    def _state(self, counter: int) -> CounterState:
        cfg = self._check(counter)
        cur = self._current.get(counter)
        return CounterState(
            counter,
            cfg.label,
            cfg.services,
            counter in self._paused,
            self._tickets[cur] if cur else None,
            self._served.get(counter, 0),
        )

    def snapshot(self) -> QueueSnapshot:
        with self._lock:
            services = tuple(
                ServiceQueue(
                    s.code,
                    s.name,
                    s.name_en,
                    sum(
                        1
                        for t in self._tickets.values()
                        if t.service_code == s.code and t.status is TicketStatus.WAITING
                    ),
                    5,
                    1,
                )
                for s in self.config.services
            )
            return QueueSnapshot(
                self.clock.now(),
                self._day(),
                services,
                tuple(self._state(c.number) for c in self.config.counters),
            )

    def events_since(self, after_id: int, limit: int = 500) -> list[Event]:
        with self._lock:
            return self._events[after_id : after_id + limit]

    def subscribe(self, callback):
        self._subs.append(callback)
        return lambda: self._subs.remove(callback) if callback in self._subs else None

    def close(self) -> None:
        pass

    def advance(self, minutes: float) -> None:
        self.clock.advance(timedelta(minutes=minutes))  # type: ignore[attr-defined]
