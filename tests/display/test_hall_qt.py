"""The hall display with pytest-qt against a real QueueService."""

from __future__ import annotations

import random

import pytest

from motcua.display.hall_qt import HallWindow
from motcua.display.widgets_qt import digit_height
from motcua.queue.errors import QueueError
from motcua.queue.models import TicketStatus


class RecordingAnnouncer:
    """Fake of the voice helper's Announcer: records what it was asked to say."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def announce(self, display_number: str, counter: int) -> None:
        self.calls.append((display_number, counter))


@pytest.fixture
def make_hall(qtbot, clock, config):
    windows = []

    def make(center, **kw):
        opts = {"poll_seconds": 0.1, "retry_seconds": 0.05}
        opts.update(kw)
        win = HallWindow(center, center.info(), ticker=config.display.ticker, clock=clock, **opts)
        qtbot.addWidget(win)
        windows.append(win)
        win.resize(1920, 1080)
        win.show()
        qtbot.waitUntil(lambda: win.online)
        return win

    yield make
    for win in windows:  # before the center closes under them
        win.close()


def tiles_match(win, center) -> bool:
    snap = center.snapshot()
    for c in snap.counters:
        want = c.current.display_number if c.current else None
        shown = win.tile_widgets[c.number].number_text
        if want is not None and shown != want:
            return False
    return True


def test_after_200_random_calls_every_counter_shows_its_number(qtbot, center, clock, make_hall):
    announcer = RecordingAnnouncer()
    win = make_hall(center, announcer=announcer)
    rng = random.Random(2026)
    counters = [c.number for c in center.info().counters]
    codes = [s.code for s in center.info().services]
    calls: list[tuple[str, int]] = []
    while len(calls) < 200:
        for _ in range(rng.randint(0, 3)):
            center.issue_ticket(rng.choice(codes))
        counter = rng.choice(counters)
        action = rng.random()
        try:
            if action < 0.75:
                t = center.call_next(counter)
                if t is not None:
                    calls.append((t.display_number, counter))
            elif action < 0.85:
                t = center.recall(counter)
                if t.status is TicketStatus.CALLED:  # the last recall makes a no-show instead
                    calls.append((t.display_number, counter))
            elif action < 0.95:
                center.start(counter)
            else:
                center.finish(counter)
        except QueueError:
            pass  # nothing current at that counter: the clerk would see a message
        last = center.events_since(win.model.last_event_id, limit=1000)
        if last:  # let the display take it in as a hall would, then time moves on
            qtbot.waitUntil(lambda last_id=last[-1].id: win.model.last_event_id >= last_id)
        clock.advance(seconds=rng.randint(1, 20))
    qtbot.waitUntil(lambda: tiles_match(win, center), timeout=10000)
    for n, w in win.tile_widgets.items():  # what the tiles paint is what the model holds
        assert w.number_text == win.model.tiles[n].number
    # every call and recall announced once, in call order
    assert announcer.calls == calls
    # the strip lists the latest calls, newest first, each number once
    latest_first = list(dict.fromkeys(n for n, _c in reversed(calls)))
    assert [r.number for r in win.recent.calls] == latest_first[: len(win.recent.calls)]


def test_numbers_are_at_least_120_px_high_at_1080p(qtbot, center, make_hall) -> None:
    center.issue_ticket("HT")
    center.call_next(1)
    win = make_hall(center)
    qtbot.waitUntil(lambda: win.tile_widgets[1].number_text != "")
    for w in win.tile_widgets.values():
        assert digit_height(w.number_font()) >= 120, (w.size(), digit_height(w.number_font()))
    assert len(win.tile_widgets) == 12


def test_latest_call_is_highlighted_for_a_few_seconds(qtbot, center, clock, make_hall) -> None:
    win = make_hall(center, highlight_seconds=8)
    t = center.issue_ticket("CTR").ticket
    center.call_next(4)
    qtbot.waitUntil(lambda: win.tile_widgets[4].number_text == t.display_number)
    assert win.tile_widgets[4].highlighted
    assert not win.tile_widgets[5].highlighted
    clock.advance(seconds=9)
    qtbot.waitUntil(lambda: not win.tile_widgets[4].highlighted, timeout=3000)
    assert win.recent.calls[0].number == t.display_number


def test_display_recovers_from_a_lost_connection(qtbot, dropping, center, make_hall) -> None:
    win = make_hall(dropping)
    dropping.down = True
    qtbot.waitUntil(lambda: "Mất kết nối" in win.status.text())
    t = center.issue_ticket("XNC").ticket
    center.call_next(10)
    dropping.down = False
    qtbot.waitUntil(lambda: win.status.text() == "")
    qtbot.waitUntil(lambda: win.tile_widgets[10].number_text == t.display_number)


def test_screenshot_1920x1080(qtbot, center, clock, make_hall, tmp_path) -> None:
    for code in ("HT", "HT", "CT", "CTR", "DD", "XNC"):
        center.issue_ticket(code)
    for counter in (1, 2, 3, 4, 6, 10):
        center.call_next(counter)
    win = make_hall(center)
    qtbot.waitUntil(lambda: tiles_match(win, center))
    path = tmp_path / "hall.png"
    win.grab().save(str(path))
    from PySide6.QtGui import QImage

    img = QImage(str(path))
    assert (img.width(), img.height()) == (1920, 1080)


def test_calls_reach_the_real_announcer_in_order(qtbot, center, config, make_hall) -> None:
    from motcua.display.announcer import build_announcer

    announcer = build_announcer(config.voice, "none", sleep=lambda _s: None)
    try:
        win = make_hall(center, announcer=announcer)
        a = center.issue_ticket("CTR").ticket
        b = center.issue_ticket("XNC").ticket
        center.call_next(4)
        center.call_next(10)
        center.recall(4)
        qtbot.waitUntil(lambda: len(win.model.recent) == 2 and win.model.recent[0].recall)
        assert announcer.wait_idle(10)
        texts = [text for text, _wav in announcer.history]
        assert len(texts) == 3
        assert "quầy số bốn" in texts[0] and "quầy số mười" in texts[1]
        assert texts[2] == texts[0]  # a recall says the same sentence again
        assert a.display_number != b.display_number
    finally:
        announcer.close()


def test_labels_are_60_px_and_the_last_calls_keep_their_order(qtbot, center, clock, make_hall):
    from motcua.display.widgets_qt import LABEL_PX

    win = make_hall(center, highlight_seconds=8)
    assert win.layout_kind == "tiles"
    for code, counter in (("HT", 1), ("CTR", 4), ("DD", 6), ("XNC", 10)):
        center.issue_ticket(code)
        center.call_next(counter)
        clock.advance(seconds=30)
    qtbot.waitUntil(lambda: win.tile_widgets[10].number_text != "")
    clock.advance(seconds=10)  # every highlight is over
    win._repaint_all()
    ranks = {n: w.rank for n, w in win.tile_widgets.items()}
    assert (ranks[10], ranks[6], ranks[4], ranks[1]) == (1, 2, 3, 0)
    assert not any(w.highlighted for w in win.tile_widgets.values())
    for w in win.tile_widgets.values():
        assert w.label_font().pixelSize() >= LABEL_PX >= 60
        assert digit_height(w.number_font()) >= 120, (w.size(), digit_height(w.number_font()))


def test_40_counters_get_the_board_and_keep_digits_120_px(qtbot, clock, tmp_path, make_hall):
    from dataclasses import replace

    from motcua.config import CounterConfig, load_config
    from motcua.display.widgets_qt import LABEL_PX
    from motcua.queue.service import QueueService

    base = load_config(None, env={})
    codes = [s.code for s in base.services]
    counters = tuple(CounterConfig(n, (codes[n % len(codes)],)) for n in range(1, 41))
    big = replace(base, counters=counters)
    svc = QueueService.open(big, tmp_path / "big.db", clock)
    try:
        for n in range(1, 16):
            svc.issue_ticket(codes[n % len(codes)])
            svc.call_next(n)
            clock.advance(seconds=20)
        win = make_hall(svc)
        assert win.layout_kind == "board" and win.board is not None
        qtbot.waitUntil(lambda: len(win.board.calls) == win.board.capacity)
        assert win.board.calls[0].counter == 15  # newest first
        assert digit_height(win.board.number_font()) >= 120, win.board.size()
        assert win.board.label_font().pixelSize() >= LABEL_PX
        win.grab().save(str(tmp_path / "hall-40.png"))
        win.close()
    finally:
        svc.close()
