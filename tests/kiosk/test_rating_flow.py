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


def test_hall_kiosk_rates_the_ticket_whose_qr_is_scanned(service) -> None:
    first = serve_one(service, 1)
    serve_one(service, 1)  # the counter's last ticket is someone else's
    flow = RatingFlow(service, by_counter=False)
    assert flow.choose_ticket_code(f"http://192.168.1.10:8080/t/{first.public_code}\r") is None
    assert (flow.ticket_id, flow.display_number, flow.counter) == (
        first.id,
        first.display_number,
        1,
    )
    assert flow.public_code == first.public_code  # what the center checks over HTTP
    flow.choose_level(Satisfaction.SATISFIED)
    assert flow.submit().outcome == RatingOutcome.THANKS
    rated = [e for e in service.events_since(0) if e.kind == EventKind.RATED]
    assert [e.ticket_id for e in rated] == [first.id]


def test_a_code_that_is_not_a_ticket_or_not_served_yet_is_explained(service) -> None:
    done = serve_one(service, 1)
    waiting = service.issue_ticket("HT").ticket
    flow = RatingFlow(service, by_counter=False)
    assert flow.choose_ticket_code(done.public_code) is None
    unknown = flow.choose_ticket_code("zzzzzzzzzzzz")
    assert unknown is not None and unknown.outcome == RatingOutcome.UNKNOWN_CODE
    assert flow.ticket_id is None  # the earlier ticket is not rated by mistake
    bad = flow.choose_ticket_code("001090123456|012345678|Nguyễn Văn An|01011990|Nam||")
    assert bad is not None and bad.outcome == RatingOutcome.BAD_CODE
    assert "thẻ căn cước" in bad.message_vi
    early = flow.choose_ticket_code(waiting.public_code)
    assert early is not None and early.outcome == RatingOutcome.NOT_FINISHED
    assert waiting.display_number in early.message_vi
    flow.level = Satisfaction.SATISFIED
    assert flow.submit().outcome == RatingOutcome.NO_TICKET
