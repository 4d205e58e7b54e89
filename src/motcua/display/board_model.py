"""What the hall display shows, as plain data (no Qt): tiles, recent calls, waiting counts.

``BoardModel`` is fed a ``QueueSnapshot`` (start-up, after a reconnect) and then the
center's ``Event``s one by one. It is not thread-safe on purpose: the Qt layer
applies everything on the UI thread, a benchmark or a test from one thread.

Readability when many calls come a minute: every tile keeps its own number until
that counter calls again, so a fast counter never pushes another off the screen;
the strip of recent calls keeps the last few in order; a new call is highlighted for
``highlight_seconds`` on its tile (the strip keeps the order after that).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from motcua.queue.models import (
    WAITING_CHANGES,
    CenterInfo,
    Event,
    EventKind,
    QueueSnapshot,
    TicketStatus,
)


class TileState(StrEnum):
    IDLE = "idle"  # nothing called yet (or the ticket moved away)
    CALLED = "called"  # waiting for the citizen to come
    SERVING = "serving"
    DONE = "done"  # finished / no-show: the number stays, dimmed, until the next call
    PAUSED = "paused"


@dataclass(frozen=True)
class Tile:
    counter: int
    label: str
    services: str  # the counter's service names, shown small when idle
    number: str = ""
    service_name: str = ""
    state: TileState = TileState.IDLE
    called_at: datetime | None = None
    highlight_until: datetime | None = None
    paused: bool = False

    def highlighted(self, now: datetime) -> bool:
        return self.highlight_until is not None and now < self.highlight_until


@dataclass(frozen=True)
class RecentCall:
    number: str
    counter: int
    counter_label: str
    service_name: str
    at: datetime
    recall: bool = False


@dataclass(frozen=True)
class WaitingLine:
    code: str
    name: str
    waiting: int
    estimated_wait_minutes: int


@dataclass(frozen=True)
class Update:
    """What one event changed: the tile to repaint, and whether to announce it."""

    counter: int | None = None
    announce: RecentCall | None = None
    counts_stale: bool = False  # waiting counts changed: read a snapshot soon
    resync: bool = False  # the model cannot follow (a new day): read a snapshot now


@dataclass
class BoardModel:
    info: CenterInfo
    highlight_seconds: float = 8.0
    recent_size: int = 6
    announce_max_age_seconds: float = 60.0  # calls older than this (replayed) stay silent
    tiles: dict[int, Tile] = field(default_factory=dict)
    recent: deque[RecentCall] = field(default_factory=deque)
    waiting: tuple[WaitingLine, ...] = ()
    day: date | None = None
    last_event_id: int = 0

    def __post_init__(self) -> None:
        self.recent = deque(maxlen=self.recent_size)
        for c in sorted(self.info.counters, key=lambda c: c.number):
            names = ", ".join(self._service_name(s) for s in c.services)
            label = c.label
            self.tiles[c.number] = Tile(c.number, label, names)

    # ------------------------------------------------------------------ snapshot
    def load_snapshot(self, snap: QueueSnapshot, *, tiles: bool = True) -> None:
        """Waiting counts always; tiles too on a (re)sync (tiles=False for a count refresh)."""
        self.waiting = tuple(
            WaitingLine(s.code, s.name, s.waiting, s.estimated_wait_minutes) for s in snap.services
        )
        if not tiles:
            return
        if self.day != snap.day:
            self.recent.clear()
        self.day = snap.day
        for c in snap.counters:
            tile = self.tiles.get(c.number)
            if tile is None:
                continue
            t = c.current
            if t is None:
                keep = tile.number if tile.state is TileState.DONE else ""
                tile = replace(tile, number=keep, state=TileState.DONE if keep else TileState.IDLE)
            else:
                state = TileState.SERVING if t.status is TicketStatus.SERVING else TileState.CALLED
                tile = replace(
                    tile,
                    number=t.display_number,
                    service_name=self._service_name(t.service_code),
                    state=state,
                    called_at=t.called_at,
                )
            self.tiles[c.number] = replace(tile, paused=c.paused)
        if not self.recent:  # a fresh start: seed the strip with what the tiles show
            called = [x for x in self.tiles.values() if x.called_at and x.number]
            for x in sorted(called, key=lambda x: x.called_at or snap.at):
                self.recent.appendleft(
                    RecentCall(x.number, x.counter, x.label, x.service_name, x.called_at or snap.at)
                )

    # ------------------------------------------------------------------ events
    def apply(self, event: Event, now: datetime) -> Update:
        """Apply one event (duplicates and old ones are ignored by id)."""
        if event.id <= self.last_event_id:
            return Update()
        self.last_event_id = event.id
        if self.day is not None and event.day != self.day:
            return Update(resync=True)
        stale = event.kind in WAITING_CHANGES
        tile = self.tiles.get(event.counter) if event.counter is not None else None
        if tile is None:
            return Update(counts_stale=stale)
        kind = event.kind
        if kind in (EventKind.CALLED, EventKind.RECALLED) and event.display_number:
            service = self._service_name(event.service_code or "")
            fresh = (now - event.at).total_seconds() <= self.announce_max_age_seconds
            tile = replace(
                tile,
                number=event.display_number,
                service_name=service,
                state=TileState.CALLED,
                called_at=event.at,
                highlight_until=(
                    event.at + timedelta(seconds=self.highlight_seconds) if fresh else None
                ),
            )
            call = RecentCall(
                event.display_number,
                tile.counter,
                tile.label,
                service,
                event.at,
                recall=kind is EventKind.RECALLED,
            )
            # deque(iterable, maxlen) keeps the *last* items: cut the list ourselves.
            newest_first = [call, *(r for r in self.recent if r.number != call.number)]
            self.recent = deque(newest_first[: self.recent_size], maxlen=self.recent_size)
            self.tiles[tile.counter] = tile
            return Update(tile.counter, call if fresh else None, stale)
        if kind is EventKind.STARTED and event.display_number == tile.number:
            tile = replace(tile, state=TileState.SERVING)
        elif (
            kind in (EventKind.FINISHED, EventKind.NO_SHOW) and event.display_number == tile.number
        ):
            tile = replace(tile, state=TileState.DONE, highlight_until=None)
        elif kind is EventKind.TRANSFERRED and event.display_number == tile.number:
            tile = replace(tile, number="", service_name="", state=TileState.IDLE)
            tile = replace(tile, highlight_until=None)
        elif kind is EventKind.COUNTER_PAUSED:
            tile = replace(tile, paused=True)
        elif kind is EventKind.COUNTER_RESUMED:
            tile = replace(tile, paused=False)
        else:
            return Update(counts_stale=stale)
        self.tiles[tile.counter] = tile
        return Update(tile.counter, None, stale)

    # ------------------------------------------------------------------ reading
    def numbers(self) -> dict[int, str]:
        """Counter -> number on its tile ("" when blank)."""
        return {n: t.number for n, t in self.tiles.items()}

    def latest(self) -> RecentCall | None:
        return self.recent[0] if self.recent else None

    def _service_name(self, code: str) -> str:
        svc = self.info.service(code)
        return svc.name if svc else code
