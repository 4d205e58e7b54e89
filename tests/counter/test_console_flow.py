"""ConsoleFlow without a screen: views, messages, enabled buttons, lost connections."""

from __future__ import annotations

from motcua.counter.actions import OFFLINE_VI, CounterAction
from motcua.counter.console_flow import ConsoleFlow
from motcua.queue.errors import CenterUnavailable
from motcua.queue.models import EventKind, TicketStatus


class FlakyCenter:
    """Wraps a real Center; while ``down`` every call fails like an unreachable server."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.down = False

    def __getattr__(self, name):
        attr = getattr(self.inner, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            if self.down:
                raise CenterUnavailable("Không kết nối được máy chủ", "Server unreachable")
            return attr(*args, **kwargs)

        return call


def test_call_serve_finish_cycle(center, clock) -> None:
    flow = ConsoleFlow(center, 5, clock)
    view = flow.refresh()
    assert view.connected and view.current is None
    assert [w.service_code for w in view.waiting] == ["CTR", "XNC"]
    assert view.enabled() == {CounterAction.CALL_NEXT, CounterAction.PAUSE}

    t = center.issue_ticket("XNC").ticket
    clock.advance(minutes=12)
    view = flow.refresh()
    assert [w.waiting for w in view.waiting] == [0, 1]

    view = flow.act(CounterAction.CALL_NEXT)
    assert view.current.id == t.id
    assert view.message_vi == f"Đã gọi số {t.display_number}"
    assert view.current_service_name == "Xuất nhập cảnh"
    assert view.waited_minutes == 12
    assert CounterAction.RECALL in view.enabled()

    view = flow.act(CounterAction.RECALL)
    assert view.current.recalls == 1 and "lần 1" in view.message_vi
    view = flow.act(CounterAction.START)
    assert view.current.status is TicketStatus.SERVING
    assert CounterAction.RECALL not in view.enabled()
    view = flow.act(CounterAction.FINISH)
    assert view.current is None and view.served_today == 1
    assert view.message_vi == f"Đã hoàn thành số {t.display_number}"


def test_nobody_waiting_is_a_warning_not_an_error(center, clock) -> None:
    flow = ConsoleFlow(center, 9, clock)
    flow.refresh()
    view = flow.act(CounterAction.CALL_NEXT)
    assert view.message_vi == "Không còn ai chờ" and view.message_level == "warning"
    assert view.connected


def test_queue_errors_come_back_as_messages(center, clock) -> None:
    flow = ConsoleFlow(center, 5, clock)
    flow.refresh()
    view = flow.act(CounterAction.FINISH)
    assert view.connected and view.message_level == "warning"
    assert view.message_vi  # the center's own Vietnamese explanation
    assert flow.last_outcome.error_code == "no_current_ticket"


def test_pause_resume_and_transfer(center, clock) -> None:
    flow = ConsoleFlow(center, 1, clock)
    flow.refresh()
    view = flow.act(CounterAction.PAUSE)
    assert view.paused and view.enabled() == {CounterAction.RESUME}
    assert view.status_vi == "Quầy đang tạm dừng"
    view = flow.act(CounterAction.RESUME)
    assert not view.paused

    t = center.issue_ticket("HT").ticket
    flow.act(CounterAction.CALL_NEXT)
    services, counters = flow.transfer_targets()
    assert ("CT", "Chứng thực") in services and 1 not in [n for n, _ in counters]
    view = flow.act(CounterAction.TRANSFER, to_counter=12)
    assert view.current is None and "quầy 12" in view.message_vi
    assert view.moved is not None and view.moved.display_number == t.display_number
    assert view.status_vi == f"Đã chuyển số {t.display_number} sang quầy 12"
    moved = center.ticket(t.id).ticket
    assert moved.status is TicketStatus.WAITING and moved.target_counter == 12


def test_lost_connection_is_shown_and_heals(center, clock) -> None:
    flaky = FlakyCenter(center)
    flow = ConsoleFlow(flaky, 5, clock)
    flow.refresh()
    flaky.down = True
    view = flow.act(CounterAction.CALL_NEXT)
    assert not view.connected
    assert view.message_vi == OFFLINE_VI == "Mất kết nối tới máy chủ — đang thử lại…"
    assert view.enabled() == frozenset()
    assert not flow.refresh().connected
    flaky.down = False
    view = flow.refresh()
    assert view.connected and view.message_vi == "Đã kết nối lại máy chủ"


def test_unknown_counter_is_explained(center, clock) -> None:
    view = ConsoleFlow(center, 99, clock).refresh()
    assert not view.connected and "quầy số 99" in view.message_vi


def test_finish_emits_finished_with_the_counter_for_the_rating_screen(center, clock) -> None:
    """The kiosk's --rating-for-counter N waits for exactly this event."""
    seen = []
    unsubscribe = center.subscribe(seen.append)
    try:
        t = center.issue_ticket("DD").ticket
        flow = ConsoleFlow(center, 7, clock)
        flow.act(CounterAction.CALL_NEXT)
        flow.act(CounterAction.START)
        flow.act(CounterAction.FINISH)
        import time

        end = time.monotonic() + 5
        while time.monotonic() < end and not any(e.kind is EventKind.FINISHED for e in seen):
            time.sleep(0.01)
    finally:
        unsubscribe()
    finished = [e for e in seen if e.kind is EventKind.FINISHED]
    assert len(finished) == 1
    assert finished[0].counter == 7 and finished[0].ticket_id == t.id
    assert finished[0].display_number == t.display_number


def test_priority_ticket_shows_its_group(center, clock) -> None:
    t = center.issue_ticket("CTR", priority_group="elderly").ticket
    flow = ConsoleFlow(center, 4, clock)
    view = flow.act(CounterAction.CALL_NEXT)
    assert view.current.id == t.id
    assert view.current_priority == "Người cao tuổi (từ 60 tuổi)"


def test_no_shows_are_remembered_from_the_keypad_too_and_restored(center, clock) -> None:
    flow = ConsoleFlow(center, 4, clock)
    flow.refresh()
    t = center.issue_ticket("CTR").ticket
    flow.act(CounterAction.CALL_NEXT)
    seen = []
    unsubscribe = center.subscribe(seen.append)
    try:
        center.no_show(4)  # a keypad, not this console
    finally:
        unsubscribe()
    for event in seen:
        flow.concerns(event)
    view = flow.refresh()
    assert [a.display_number for a in view.no_shows] == [t.display_number]
    assert CounterAction.RESTORE in view.enabled()
    view = flow.act(CounterAction.RESTORE, ticket_id=t.id)
    assert "đưa lại vào hàng đợi" in view.message_vi
    assert view.no_shows == () and CounterAction.RESTORE not in view.enabled()
    assert center.ticket(t.id).ticket.status is TicketStatus.WAITING
