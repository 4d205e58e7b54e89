"""RatingFlow: three levels, reasons required for KHÔNG HÀI LÒNG, the last finished ticket."""

from __future__ import annotations

from motcua.kiosk.rating_flow import RatingFlow, RatingOutcome
from motcua.queue.models import EventKind, Satisfaction


def serve_one(service, counter: int = 1, code: str = "HT"):
    info = service.issue_ticket(code)
    service.call_next(counter)
    service.start(counter)
    service.finish(counter)
    return info.ticket


def test_hall_kiosk_rates_the_last_ticket_finished_at_a_counter(service) -> None:
    serve_one(service, 1)
    second = serve_one(service, 1)
    serve_one(service, 2)
    flow = RatingFlow(service)
    assert flow.choose_counter(1)
    assert flow.ticket_id == second.id
    assert flow.display_number == second.display_number
    assert not flow.choose_level(Satisfaction.VERY_SATISFIED)
    result = flow.submit()
    assert result.outcome == RatingOutcome.THANKS
    rated = [e for e in service.events_since(0) if e.kind == EventKind.RATED]
    assert len(rated) == 1 and rated[0].ticket_id == second.id


def test_unsatisfied_needs_a_reason(service) -> None:
    ticket = serve_one(service, 3, "CT")
    flow = RatingFlow(service)
    assert flow.choose_counter(3)
    assert flow.choose_level(Satisfaction.UNSATISFIED)
    assert flow.submit().outcome == RatingOutcome.NEED_REASON
    flow.toggle_reason("wait")
    flow.toggle_reason("guidance")
    flow.toggle_reason("guidance")
    assert flow.reason_text() == "Phải chờ quá lâu"
    assert flow.submit().outcome == RatingOutcome.THANKS
    stats = service.stats()
    assert stats.totals.ratings.khong_hai_long == 1  # the rating is counted by the center
    assert flow.ticket_id == ticket.id


def test_counter_without_finished_ticket(service) -> None:
    flow = RatingFlow(service)
    assert not flow.choose_counter(7)
    flow.level = Satisfaction.SATISFIED
    assert flow.submit().outcome == RatingOutcome.NO_TICKET


def test_rating_twice_is_explained(service) -> None:
    serve_one(service, 1)
    flow = RatingFlow(service)
    flow.choose_counter(1)
    flow.choose_level(Satisfaction.SATISFIED)
    assert flow.submit().outcome == RatingOutcome.THANKS
    assert flow.submit().outcome == RatingOutcome.ALREADY


def test_tablet_follows_finished_events_of_its_counter_only(service) -> None:
    flow = RatingFlow(service, counter=5)
    seen = []
    unsubscribe = service.subscribe(lambda e: seen.append(e))
    try:
        serve_one(service, 4, "CTR")
        mine = serve_one(service, 5, "CTR")
    finally:
        unsubscribe()
    events = service.events_since(0)
    opened = [e for e in events if flow.on_event(e)]
    assert len(opened) == 1
    assert flow.ticket_id == mine.id and flow.counter == 5
    flow.reset()
    assert flow.counter == 5 and flow.ticket_id is None
