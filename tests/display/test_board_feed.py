"""BoardFeed keeps a model in step and heals lost subscriptions and lost connections."""

from __future__ import annotations

import random

import pytest

from motcua.display.board_feed import BoardFeed, ModelSink
from motcua.display.board_model import BoardModel


def expected_numbers(center) -> dict[int, str]:
    """What every tile must show: the counter's current ticket (blank if none)."""
    return {
        c.number: c.current.display_number if c.current else "" for c in center.snapshot().counters
    }


def shown_current(sink: ModelSink, center) -> bool:
    want = expected_numbers(center)
    have = sink.model.numbers()
    return all(have[n] == v for n, v in want.items() if v)


@pytest.fixture
def feed_for(clock):
    feeds = []

    def make(center, **kw):
        sink = ModelSink(BoardModel(center.info()), clock)
        opts = {"poll_seconds": 0.1, "retry_seconds": 0.05, "counts_seconds": 0.05, **kw}
        feed = BoardFeed(center, sink, **opts)
        feeds.append(feed)
        feed.start()
        assert sink.wait_for(lambda s: s.online)
        return feed, sink

    yield make
    for f in feeds:
        f.stop()


def test_follows_calls_and_counts(center, feed_for) -> None:
    _feed, sink = feed_for(center)
    t = center.issue_ticket("CT").ticket
    center.issue_ticket("CT")
    center.call_next(3)
    assert sink.wait_for(lambda s: s.model.numbers()[3] == t.display_number)
    assert sink.wait_for(lambda s: {w.code: w.waiting for w in s.model.waiting}["CT"] == 1)
    assert [a.number for a in sink.announced] == [t.display_number]


def test_a_silently_dropped_subscription_heals(dropping, center, feed_for) -> None:
    feed, sink = feed_for(dropping)
    dropping.drop_subscriptions()  # events stop arriving, nothing raises
    tickets = [center.issue_ticket("DD").ticket for _ in range(3)]
    center.call_next(6)
    center.call_next(7)
    center.call_next(11)
    assert sink.wait_for(lambda s: shown_current(s, center))
    assert feed.renewed >= 1
    # the renewed subscription delivers again
    center.recall(6)
    assert sink.wait_for(lambda s: s.model.latest().number == tickets[0].display_number)


def test_a_lost_connection_is_reported_and_heals_without_restart(dropping, center, feed_for):
    feed, sink = feed_for(dropping)
    dropping.down = True
    assert sink.wait_for(lambda s: not s.online)
    for _ in range(5):  # the hall goes on while the display is cut off
        center.issue_ticket("HT")
    center.call_next(1)
    center.call_next(2)
    center.pause(9)
    dropping.down = False
    assert sink.wait_for(lambda s: s.online)
    assert sink.wait_for(lambda s: shown_current(s, center))
    assert sink.model.tiles[9].paused
    assert feed.resyncs >= 2


def test_event_ids_are_delivered_in_order_without_gaps(dropping, center, feed_for) -> None:
    _feed, sink = feed_for(dropping)
    rng = random.Random(7)
    for i in range(60):
        center.issue_ticket(rng.choice(["HT", "CT", "CTR"]))
        if i % 10 == 5:
            dropping.drop_subscriptions()
        center.call_next(rng.choice([1, 2, 3, 4, 12]))
    last = center.events_since(0, limit=1000)[-1].id
    assert sink.wait_for(lambda s: s.model.last_event_id == last, timeout=10)
    ids = sorted(sink.applied_at)
    assert ids == list(range(ids[0], last + 1))
    assert sink.wait_for(lambda s: shown_current(s, center))
