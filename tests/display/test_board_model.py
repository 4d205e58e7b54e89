"""BoardModel: tiles, highlight, recent calls, from events and snapshots."""

from __future__ import annotations

from datetime import timedelta

from motcua.display.board_model import BoardModel, TileState
from motcua.queue.models import EventKind


def model_for(center, **kw) -> BoardModel:
    m = BoardModel(center.info(), **kw)
    m.load_snapshot(center.snapshot())
    return m


def apply_all(m: BoardModel, center, clock):
    ups = [m.apply(e, clock.now()) for e in center.events_since(m.last_event_id)]
    return ups


def test_calls_fill_tiles_highlight_and_announce(center, clock) -> None:
    m = model_for(center, highlight_seconds=8)
    assert set(m.tiles) == set(range(1, 13)) and m.tiles[12].label == "Quầy 12 · Ưu tiên"
    t = center.issue_ticket("HT").ticket
    center.call_next(2)
    ups = apply_all(m, center, clock)
    announced = [u.announce for u in ups if u.announce]
    assert [(a.number, a.counter) for a in announced] == [(t.display_number, 2)]
    tile = m.tiles[2]
    assert tile.number == t.display_number and tile.state is TileState.CALLED
    assert tile.service_name == "Hộ tịch"
    assert tile.highlighted(clock.now())
    assert not tile.highlighted(clock.now() + timedelta(seconds=9))
    assert m.latest().number == t.display_number


def test_recall_moves_to_front_start_finish_pause(center, clock) -> None:
    m = model_for(center)
    a = center.issue_ticket("DD").ticket
    b = center.issue_ticket("DD").ticket
    center.call_next(6)
    center.call_next(7)
    center.recall(6)
    ups = apply_all(m, center, clock)
    assert [u.announce.number for u in ups if u.announce] == [
        a.display_number,
        b.display_number,
        a.display_number,
    ]
    assert [r.number for r in m.recent] == [a.display_number, b.display_number]
    assert m.recent[0].recall
    center.start(6)
    center.finish(7)
    center.pause(7)
    apply_all(m, center, clock)
    assert m.tiles[6].state is TileState.SERVING
    assert m.tiles[7].state is TileState.DONE and m.tiles[7].number == b.display_number
    assert m.tiles[7].paused


def test_transfer_clears_the_tile(center, clock) -> None:
    m = model_for(center)
    center.issue_ticket("HT")
    center.call_next(1)
    center.transfer(1, to_service="CT")
    apply_all(m, center, clock)
    assert m.tiles[1].number == "" and m.tiles[1].state is TileState.IDLE


def test_old_and_duplicate_events_do_not_announce(center, clock) -> None:
    center.issue_ticket("HT")
    center.call_next(1)
    clock.advance(minutes=5)
    m = model_for(center)
    events = center.events_since(0)
    ups = [m.apply(e, clock.now()) for e in events]  # replayed from the log, 5 minutes late
    assert not any(u.announce for u in ups)
    assert [m.apply(e, clock.now()) for e in events] == [type(ups[0])()] * len(events)


def test_snapshot_restores_tiles_and_counts(center, clock) -> None:
    t = center.issue_ticket("XNC").ticket
    center.issue_ticket("XNC")
    center.call_next(10)
    center.pause(9)
    m = model_for(center)
    assert m.numbers()[10] == t.display_number
    assert m.tiles[9].paused
    assert {w.code: w.waiting for w in m.waiting}["XNC"] == 1
    assert m.recent and m.recent[0].number == t.display_number


def test_counts_events_ask_for_a_snapshot(center, clock) -> None:
    m = model_for(center)
    center.issue_ticket("HT")
    (up,) = apply_all(m, center, clock)
    assert up.counts_stale and up.counter is None
    kinds = [e.kind for e in center.events_since(0)]
    assert kinds == [EventKind.ISSUED]


def test_recent_strip_keeps_the_newest_calls_when_full(center, clock) -> None:
    m = model_for(center, recent_size=3)
    numbers = []
    for counter in (1, 2, 3, 4, 5):
        code = center.info().counter(counter).services[0]
        center.issue_ticket(code)
        numbers.append(center.call_next(counter).display_number)
        clock.advance(seconds=5)
    apply_all(m, center, clock)
    assert [r.number for r in m.recent] == numbers[::-1][:3]
    center.recall(2)  # an older number called again comes back on top
    apply_all(m, center, clock)
    assert [r.number for r in m.recent] == [numbers[1], numbers[4], numbers[3]]
