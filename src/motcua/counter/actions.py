"""What a counter can do, performed on a Center, with a message a clerk understands.

The console's buttons, the keypads and the thin command-line client all go through
``perform``: one place that turns a ``Center`` call and its errors into an
``Outcome`` (Vietnamese first, English second). It never raises, so no caller can
show a traceback to a clerk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from motcua.errors import MotcuaError
from motcua.queue.api import Center
from motcua.queue.errors import CenterUnavailable
from motcua.queue.models import CounterState, Ticket, TicketStatus

log = logging.getLogger(__name__)

OFFLINE_VI = "Mất kết nối tới máy chủ — đang thử lại…"
OFFLINE_EN = "Lost connection to the server — retrying…"


class CounterAction(StrEnum):
    CALL_NEXT = "call-next"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no-show"
    TRANSFER = "transfer"
    PAUSE = "pause"
    RESUME = "resume"
    RESTORE = "restore"  # "Gọi lại số vắng": a no-show back into the queue


@dataclass(frozen=True)
class Outcome:
    action: CounterAction
    ok: bool
    message_vi: str
    message_en: str
    ticket: Ticket | None = None
    state: CounterState | None = None
    error_code: str = ""  # MotcuaError.code when not ok ("center_unavailable", ...)

    @property
    def offline(self) -> bool:
        return self.error_code == CenterUnavailable.code

    @property
    def nobody_waiting(self) -> bool:
        return self.ok and self.action is CounterAction.CALL_NEXT and self.ticket is None


def perform(
    center: Center,
    counter: int,
    action: CounterAction | str,
    *,
    to_service: str | None = None,
    to_counter: int | None = None,
    ticket_id: int | None = None,
    service_name: Callable[[str], str] = str,
) -> Outcome:
    """Do ``action`` for ``counter``; errors become a not-ok Outcome, never an exception.
    ``ticket_id`` names the no-show to restore; ``service_name`` turns a service code
    into the name the clerk knows (messages say "sang Chứng thực", not "sang CT")."""
    action = CounterAction(action)
    try:
        if action is CounterAction.RESTORE:
            return _restore(center, ticket_id)
        return _perform(center, counter, action, to_service, to_counter, service_name)
    except CenterUnavailable:
        return Outcome(action, False, OFFLINE_VI, OFFLINE_EN, error_code=CenterUnavailable.code)
    except MotcuaError as exc:
        return Outcome(action, False, exc.message_vi, exc.message_en, error_code=exc.code)
    except Exception as exc:  # a bug or an unexpected library error: say so plainly
        log.exception("counter %s: %s failed", counter, action)
        return Outcome(
            action,
            False,
            "Có lỗi không mong đợi, vui lòng thử lại hoặc báo kỹ thuật viên.",
            f"Unexpected error: {type(exc).__name__}",
            error_code="unexpected",
        )


def _perform(
    center: Center,
    counter: int,
    action: CounterAction,
    to_service: str | None,
    to_counter: int | None,
    service_name: Callable[[str], str],
) -> Outcome:
    if action is CounterAction.CALL_NEXT:
        t = center.call_next(counter)
        if t is None:
            return Outcome(action, True, "Không còn ai chờ", "Nobody is waiting")
        return Outcome(
            action, True, f"Đã gọi số {t.display_number}", f"Called {t.display_number}", t
        )
    if action is CounterAction.RECALL:
        t = center.recall(counter)
        n = t.display_number
        if t.status is TicketStatus.NO_SHOW:
            return Outcome(
                action,
                True,
                f"Số {n} vắng mặt sau {t.recalls} lần gọi lại",
                f"{n} marked no-show after {t.recalls} recalls",
                t,
            )
        return Outcome(
            action, True, f"Đã gọi lại số {n} (lần {t.recalls})", f"Recalled {n} ({t.recalls})", t
        )
    if action is CounterAction.START:
        t = center.start(counter)
        n = t.display_number
        return Outcome(action, True, f"Đang phục vụ số {n}", f"Serving {n}", t)
    if action is CounterAction.FINISH:
        t = center.finish(counter)
        n = t.display_number
        return Outcome(action, True, f"Đã hoàn thành số {n}", f"Finished {n}", t)
    if action is CounterAction.NO_SHOW:
        t = center.no_show(counter)
        n = t.display_number
        return Outcome(action, True, f"Số {n}: vắng mặt", f"{n}: no-show", t)
    if action is CounterAction.TRANSFER:
        if (to_service is None) == (to_counter is None):
            return Outcome(
                action,
                False,
                "Chọn chuyển sang một dịch vụ hoặc một quầy",
                "Choose a service or a counter to transfer to",
                error_code="invalid_request",
            )
        t = center.transfer(counter, to_service=to_service, to_counter=to_counter)
        n = t.display_number
        name = service_name(to_service) if to_service is not None else ""
        where_vi = f"quầy {to_counter}" if to_counter is not None else f"dịch vụ {name}"
        where_en = f"counter {to_counter}" if to_counter is not None else f"service {name}"
        return Outcome(
            action, True, f"Đã chuyển số {n} sang {where_vi}", f"Moved {n} to {where_en}", t
        )
    if action is CounterAction.PAUSE:
        s = center.pause(counter)
        return Outcome(action, True, "Quầy đang tạm dừng", "Counter paused", state=s)
    s = center.resume(counter)
    return Outcome(action, True, "Quầy đã mở lại", "Counter resumed", state=s)


def _restore(center: Center, ticket_id: int | None) -> Outcome:
    action = CounterAction.RESTORE
    if ticket_id is None:
        return Outcome(
            action,
            False,
            "Chọn số vắng mặt cần gọi lại",
            "Choose the no-show to bring back",
            error_code="invalid_request",
        )
    t = center.restore(ticket_id)
    n = t.display_number
    return Outcome(
        action,
        True,
        f"Số {n} đã được đưa lại vào hàng đợi (gọi ở lần tiếp theo theo thứ tự)",
        f"{n} is back in the queue (called next in its turn)",
        t,
    )
