"""``WAITING_CHANGES``: the events after which a board must re-read waiting counts, defined once."""

from __future__ import annotations

from collections.abc import Callable

from motcua.queue.models import WAITING_CHANGES, Event, EventKind
from motcua.queue.service import QueueService


def counts(svc: QueueService) -> dict[str, tuple[int, int]]:
    return {s.code: (s.waiting, s.open_counters) for s in svc.snapshot().services}


def test_counts_change_only_after_an_event_of_the_set(svc: QueueService) -> None:
    seen: list[Event] = []
    svc.subscribe(seen.append)
    t1 = svc.issue_ticket("HT").ticket
    steps: list[Callable[[], object]] = [
        lambda: svc.issue_ticket("HT"),
        lambda: svc.issue_ticket("HT"),
        lambda: svc.call_next(1),  # t1
        lambda: svc.no_show(1),  # t1: not waiting before, not waiting after
        lambda: svc.restore(t1.id),  # t1 waits again
        lambda: svc.call_next(1),
        lambda: svc.start(1),
        lambda: svc.finish(1),
        lambda: svc.call_next(1),
        lambda: svc.recall(1),
        lambda: svc.transfer(1, to_service="CT"),
        lambda: svc.pause(2),
        lambda: svc.resume(2),
        lambda: svc.cancel(svc.issue_ticket("CT").ticket.id),
        lambda: svc.close_day(),
    ]
    kinds_seen: set[EventKind] = set()
    for step in steps:
        before, mark = counts(svc), len(seen)
        step()
        kinds = {e.kind for e in seen[mark:]}
        kinds_seen |= kinds
        if counts(svc) != before:
            assert kinds & WAITING_CHANGES, f"counts changed after {kinds} only"
    assert EventKind.NO_SHOW in kinds_seen and EventKind.FINISHED in kinds_seen


def test_a_no_show_is_not_a_waiting_change() -> None:
    # A no-show ends a *called* ticket; the board re-reads counts when it is restored.
    assert EventKind.NO_SHOW not in WAITING_CHANGES
    assert EventKind.RESTORED in WAITING_CHANGES
