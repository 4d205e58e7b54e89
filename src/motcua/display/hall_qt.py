"""The hall display window: a thin Qt layer over BoardModel and BoardFeed.

The feed's callbacks arrive on background threads; each goes through a ``motcua.ui.Relay``
(a Qt signal) so the model is only ever touched on the UI thread. Each fresh CALLED /
RECALLED goes to the Announcer (voice), which queues and plays them in order.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from motcua.clock import WEEKDAYS_VI, Clock, SystemClock
from motcua.display.board_feed import BoardFeed
from motcua.display.board_model import BoardModel, Update
from motcua.display.board_qt import BoardWidget
from motcua.display.runtime import DisplayRuntime
from motcua.display.widgets_qt import PAGE, RecentWidget, TickerWidget, TileWidget
from motcua.queue.api import Center
from motcua.queue.models import CenterInfo, Event, QueueSnapshot
from motcua.ui import Relay
from motcua.ui.theme import HALL as C
from motcua.ui.theme import HALL_SIZES as S

log = logging.getLogger(__name__)


TILES_MAX = 20  # more counters than this: the board of recent calls (numbers stay 120 px)


def choose_layout(configured: str, counters: int) -> str:
    """ "tiles" (one tile per counter) or "board" (the recent calls); "auto" decides by
    the number of counters."""
    if configured in ("tiles", "board"):
        return configured
    return "board" if counters > TILES_MAX else "tiles"


class AnnouncerLike(Protocol):
    def announce(self, display_number: str, counter: int) -> None: ...


class _FeedSink:
    """The feed's callbacks (any thread), each through a relay to the UI thread."""

    def __init__(self, parent: QObject) -> None:
        self.snapshot, self.event, self.connection = Relay(parent), Relay(parent), Relay(parent)
        self.on_snapshot = self.snapshot.packing()  # (snapshot, full)
        self.on_event = self.event.push
        self.on_connection = self.connection.push


class HallWindow(QWidget):
    updated = Signal()  # after each repaint-worthy change (tests, benchmarks)

    def __init__(
        self,
        center: Center,
        info: CenterInfo,
        *,
        ticker: tuple[str, ...] = (),
        announcer: AnnouncerLike | None = None,
        clock: Clock | None = None,
        highlight_seconds: float = 8.0,
        poll_seconds: float = 5.0,
        retry_seconds: float = 2.0,
        layout: str = "auto",
    ) -> None:
        super().__init__()
        self.setWindowTitle(f"motcua — {info.center.short_name or info.center.name}")
        self.clock = clock or SystemClock()
        self.info = info
        self.announcer = announcer
        self.layout_kind = choose_layout(layout, len(info.counters))
        recent = BoardWidget.COLUMNS * BoardWidget.ROWS if self.layout_kind == "board" else 6
        self.model = BoardModel(info, highlight_seconds=highlight_seconds, recent_size=recent)
        self.online = False
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, PAGE)
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        self._build(ticker)

        self.relay = _FeedSink(self)
        self.relay.snapshot.received.connect(lambda args: self._on_snapshot(*args))
        self.relay.event.received.connect(self._on_event)
        self.relay.connection.received.connect(self._on_connection)
        self.feed = BoardFeed(
            center, self.relay, poll_seconds=poll_seconds, retry_seconds=retry_seconds
        )
        self._blink = QTimer(self, interval=450)
        self._blink.timeout.connect(self._blink_step)
        self._blink.start()
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start()
        self._update_clock()
        self._repaint_all()
        self.feed.start()

    # ------------------------------------------------------------------ layout
    def _build(self, ticker: tuple[str, ...]) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(18, 12, 18, 0)
        root.setSpacing(8)

        top = QHBoxLayout()
        self.title = QLabel(self.info.center.name)
        self.title.setStyleSheet(f"color: {C.ink}; font-size: {S.title}px; font-weight: 700;")
        self.status = QLabel("")
        self.status.setStyleSheet(f"color: {C.alert}; font-size: {S.status}px; font-weight: 700;")
        self.clock_label = QLabel()
        self.clock_label.setStyleSheet(f"color: {C.ink}; font-size: {S.small}px;")
        self.clock_label.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        top.addSpacing(24)
        top.addWidget(self.clock_label)
        root.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(6)
        self.tile_widgets: dict[int, TileWidget] = {}
        self.board: BoardWidget | None = None
        if self.layout_kind == "board":
            self.board = BoardWidget()
            body.addWidget(self.board, 1)
        else:
            body.addLayout(self._tile_grid(), 1)
        self.recent = RecentWidget()
        self.recent.setFixedWidth(400 if self.board is None else 300)
        self.recent.show_calls = self.board is None
        body.addWidget(self.recent)
        root.addLayout(body, 1)

        self.ticker = TickerWidget(ticker)
        root.addWidget(self.ticker)

    def _tile_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(4)
        n = len(self.model.tiles)
        cols = 3 if n <= 12 else 4 if n <= 20 else 5
        rows = max(1, math.ceil(n / cols))
        for i, tile in enumerate(self.model.tiles.values()):
            w = TileWidget(tile)
            self.tile_widgets[tile.counter] = w
            grid.addWidget(w, i // cols, i % cols)
        for r in range(rows):
            grid.setRowStretch(r, 1)
        for c in range(cols):
            grid.setColumnStretch(c, 1)
        return grid

    # ------------------------------------------------------------------ feed
    def _on_snapshot(self, snap: QueueSnapshot, full: bool) -> None:
        self.model.load_snapshot(snap, tiles=full)
        self._repaint_all()

    def _on_event(self, event: Event) -> None:
        upd: Update = self.model.apply(event, self.clock.now())
        if upd.resync:
            self.feed.resync_now()
            return
        if upd.counter is not None:
            self._repaint_tile(upd.counter)
            self._repaint_side()
        if upd.announce is not None and self.announcer is not None:
            try:
                self.announcer.announce(upd.announce.number, upd.announce.counter)
            except Exception:  # the hall must keep showing numbers even if the voice fails
                log.exception("announcement failed")
        self.updated.emit()

    def _on_connection(self, online: bool) -> None:
        self.online = online
        self.status.setText("" if online else "⚠ Mất kết nối máy chủ — đang thử lại…")
        self.updated.emit()

    # ------------------------------------------------------------------ painting
    def _rank(self, counter: int) -> int:
        for i, call in enumerate(list(self.model.recent)[:3]):
            if call.counter == counter:
                return i + 1
        return 0

    def _repaint_tile(self, counter: int) -> None:
        if self.board is not None:
            return  # the board repaints with the side panel
        tile = self.model.tiles[counter]
        now = self.clock.now()
        self.tile_widgets[counter].set_tile(tile, tile.highlighted(now), self._rank(counter), now)

    def _repaint_side(self) -> None:
        now = self.clock.now()
        if self.board is not None:
            latest = self.model.latest()
            lit = latest is not None and self.model.tiles[latest.counter].highlighted(now)
            paused = [n for n, t in self.model.tiles.items() if t.paused]
            self.board.set_data(list(self.model.recent), lit, now, paused)
        self.recent.set_data(list(self.model.recent)[:6], list(self.model.waiting))

    def _repaint_all(self) -> None:
        for counter in self.model.tiles:
            self._repaint_tile(counter)
        self._repaint_side()
        self.updated.emit()

    def _blink_step(self) -> None:
        now = self.clock.now()
        if self.board is not None and self.board.lit:
            self._repaint_side()
        for counter, w in self.tile_widgets.items():
            lit = self.model.tiles[counter].highlighted(now)
            if lit:
                w.blink_on = not w.blink_on
                w.update()
            elif w.highlighted:
                w.set_tile(self.model.tiles[counter], False, self._rank(counter), now)

    def _update_clock(self) -> None:
        self._repaint_all_quietly()
        self._update_clock_label()

    def _repaint_all_quietly(self) -> None:
        """Each second: the ages ("3 phút trước") move on."""
        if self.board is not None:
            self._repaint_side()
        else:
            for counter in self.model.tiles:
                self._repaint_tile(counter)

    def _update_clock_label(self) -> None:
        local: datetime = self.clock.now().astimezone(self.info.center.tz)
        day = f"{WEEKDAYS_VI[local.weekday()]}, {local:%d/%m/%Y}"
        self.clock_label.setText(
            f"<span style='font-size:{S.clock}px; font-weight:700'>{local:%H:%M}</span>"
            f"&nbsp;&nbsp;<span style='color:{C.muted}'>{day}</span>"
        )

    def closeEvent(self, event) -> None:
        self.feed.stop()
        self._blink.stop()
        self._tick.stop()
        self.ticker.stop()
        super().closeEvent(event)


def hall_window(rt: DisplayRuntime, **options: float) -> HallWindow:
    """The hall window over a runtime: its center, what it shows and its voice
    (``options``: the feed's and the highlight's timings)."""
    return HallWindow(
        rt.center,
        rt.info,
        ticker=rt.ticker,
        announcer=rt.announcer,
        clock=rt.clock,
        layout=rt.layout,
        **options,
    )
