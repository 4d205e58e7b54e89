"""Rating the service: three levels, reasons required for KHÔNG HÀI LÒNG.

Which ticket is rated: the rating tablet of a counter learns it from FINISHED
events. The hall kiosk asks for the ticket: the citizen scans the QR printed on it or
types the code under the QR (``choose_ticket_code``). Over HTTP that code is the only
proof the center accepts from a hall kiosk (issue 12 item 2); a kiosk hosting the
center may also ask for the counter and take its last FINISHED ticket
(``by_counter``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from motcua.errors import MotcuaError
from motcua.kiosk.ticket_result import TicketCodeError, ticket_code
from motcua.queue.api import Center
from motcua.queue.errors import AlreadyRated, CenterUnavailable, NotFound, StorageError
from motcua.queue.models import Event, EventKind, Satisfaction, TicketStatus


@dataclass(frozen=True)
class Reason:
    code: str
    label_vi: str
    label_en: str


REASONS: tuple[Reason, ...] = (
    Reason("wait", "Phải chờ quá lâu", "Waited too long"),
    Reason("attitude", "Thái độ phục vụ chưa tốt", "Staff were not courteous"),
    Reason("guidance", "Hướng dẫn chưa rõ ràng", "Guidance was unclear"),
    Reason("papers", "Phải bổ sung giấy tờ nhiều lần", "Asked for more papers many times"),
    Reason("facilities", "Cơ sở vật chất chưa tốt", "Poor facilities"),
    Reason("other", "Lý do khác", "Another reason"),
)

LEVELS: tuple[Satisfaction, ...] = (
    Satisfaction.VERY_SATISFIED,
    Satisfaction.SATISFIED,
    Satisfaction.UNSATISFIED,
)


class RatingOutcome(StrEnum):
    THANKS = "thanks"
    NEED_REASON = "need_reason"
    NO_TICKET = "no_ticket"
    BAD_CODE = "bad_code"  # what was scanned or typed is not a ticket's code
    UNKNOWN_CODE = "unknown_code"  # a code, but no ticket has it
    NOT_FINISHED = "not_finished"  # the ticket is still waiting or at the counter
    ALREADY = "already"
    UNAVAILABLE = "unavailable"
    ERROR = "error"


@dataclass(frozen=True)
class RatingResult:
    outcome: RatingOutcome
    message_vi: str
    message_en: str


_UNAVAILABLE = (
    "Hệ thống đang tạm gián đoạn, chưa ghi được đánh giá. Xin ông/bà thử lại sau ít phút.",
    "The system is briefly unavailable; the rating was not saved. Please try again in a "
    "few minutes.",
)


class RatingFlow:
    def __init__(self, center: Center, counter: int | None = None, by_counter: bool = True) -> None:
        self._center = center
        self.counter = counter  # fixed for a counter's tablet
        self._fixed_counter = counter is not None
        # a hall kiosk may offer "which counter?" only where the center trusts it (embedded)
        self.by_counter = by_counter
        self.reset()

    def reset(self) -> None:
        if not self._fixed_counter:
            self.counter = None
        self.ticket_id: int | None = None
        self.display_number: str | None = None
        self.public_code: str | None = None
        self.level: Satisfaction | None = None
        self.reasons: list[str] = []

    # -------------------------------------------------------------- which ticket
    def on_event(self, event: Event) -> bool:
        """Tablet mode: True when this event means 'ask the citizen now'."""
        if event.kind != EventKind.FINISHED or event.counter != self.counter:
            return False
        self.ticket_id = event.ticket_id
        self.public_code = None
        self.display_number = event.display_number
        self.level, self.reasons = None, []
        return True

    def choose_counter(self, counter: int) -> bool:
        """Hall kiosk: the citizen says where they were served. Blocking (reads events).
        False when that counter finished nobody today."""
        self.counter = counter
        found = self._last_finished(counter)
        if found is None:
            self.ticket_id = self.display_number = None
            return False
        self.ticket_id, self.display_number = found
        self.public_code = None
        return True

    def choose_ticket_code(self, scanned: str) -> RatingResult | None:
        """Hall kiosk: the citizen scans the QR on their ticket or types the code under
        it (``ticket_code`` reads either). Blocking. None when that ticket can be rated
        now; otherwise why not, and nothing is chosen."""
        self.ticket_id = self.display_number = self.public_code = None
        try:
            code = ticket_code(scanned)
            info = self._center.ticket_by_code(code)
        except TicketCodeError as exc:
            return RatingResult(RatingOutcome.BAD_CODE, exc.message_vi, exc.message_en)
        except NotFound:
            return RatingResult(
                RatingOutcome.UNKNOWN_CODE,
                "Không tìm thấy phiếu có mã này. Xin ông/bà quét lại mã QR trên phiếu, hoặc "
                "kiểm tra từng ký tự (chữ hoa và chữ thường là khác nhau).",
                "No ticket has this code. Please scan the QR code on the ticket again, or "
                "check each character (capital and small letters differ).",
            )
        except (CenterUnavailable, StorageError):
            return RatingResult(RatingOutcome.UNAVAILABLE, *_UNAVAILABLE)
        except MotcuaError as exc:
            return RatingResult(
                RatingOutcome.ERROR,
                f"Chưa tìm được phiếu: {exc.message_vi}",
                f"The ticket was not found: {exc.message_en}",
            )
        t = info.ticket
        if t.status != TicketStatus.DONE:
            return RatingResult(
                RatingOutcome.NOT_FINISHED,
                f"Số {t.display_number} chưa được phục vụ xong. Xin ông/bà đánh giá sau khi "
                "làm xong thủ tục tại quầy.",
                f"Ticket {t.display_number} has not been served yet. Please rate once you "
                "are done at the counter.",
            )
        self.ticket_id, self.display_number, self.public_code = t.id, t.display_number, code
        self.counter = t.counter
        self.level, self.reasons = None, []
        return None

    def _last_finished(self, counter: int) -> tuple[int, str | None] | None:
        last: tuple[int, str | None] | None = None
        after = 0
        while True:
            events = self._center.events_since(after, limit=500)
            for e in events:
                if e.kind == EventKind.FINISHED and e.counter == counter and e.ticket_id:
                    last = (e.ticket_id, e.display_number)
            if len(events) < 500:
                return last
            after = events[-1].id

    # -------------------------------------------------------------- the rating
    def choose_level(self, level: Satisfaction) -> bool:
        """True when the level needs reasons before it can be sent."""
        self.level = level
        if not level.needs_reason:
            self.reasons = []
        return level.needs_reason

    def toggle_reason(self, code: str) -> list[str]:
        if code not in {r.code for r in REASONS}:
            raise ValueError(f"unknown reason {code!r}")
        if code in self.reasons:
            self.reasons.remove(code)
        else:
            self.reasons.append(code)
        return list(self.reasons)

    def reason_missing(self) -> RatingResult | None:
        """NEED_REASON when the chosen level needs a reason and none is chosen, else None."""
        if self.level is None or not self.level.needs_reason or self.reasons:
            return None
        return RatingResult(
            RatingOutcome.NEED_REASON,
            "Xin ông/bà chọn ít nhất một lý do chưa hài lòng để chúng tôi cải thiện.",
            "Please choose at least one reason so that we can improve.",
        )

    def reason_text(self) -> str:
        labels = {r.code: r.label_vi for r in REASONS}
        return "; ".join(labels[c] for c in self.reasons)

    def submit(self) -> RatingResult:
        """Send the rating. Blocking (network)."""
        if self.ticket_id is None:
            return RatingResult(
                RatingOutcome.NO_TICKET,
                "Chưa tìm thấy lượt phục vụ nào vừa xong tại quầy này. Xin ông/bà kiểm tra "
                "lại số quầy hoặc nhờ cán bộ hướng dẫn.",
                "No service just finished at this counter. Please check the counter number "
                "or ask staff for help.",
            )
        if self.level is None:
            raise ValueError("choose a level first")
        missing = self.reason_missing()
        if missing is not None:
            return missing
        try:
            self._center.rate(
                self.ticket_id, self.level, self.reason_text(), public_code=self.public_code
            )
        except AlreadyRated:
            return RatingResult(
                RatingOutcome.ALREADY,
                "Lượt phục vụ này đã được đánh giá. Cảm ơn ông/bà.",
                "This visit has already been rated. Thank you.",
            )
        except (CenterUnavailable, StorageError):
            return RatingResult(RatingOutcome.UNAVAILABLE, *_UNAVAILABLE)
        except MotcuaError as exc:
            return RatingResult(
                RatingOutcome.ERROR,
                f"Chưa ghi được đánh giá: {exc.message_vi}",
                f"The rating was not saved: {exc.message_en}",
            )
        return RatingResult(
            RatingOutcome.THANKS,
            "Cảm ơn ông/bà đã đánh giá. Ý kiến của ông/bà giúp chúng tôi phục vụ tốt hơn.",
            "Thank you for your rating. It helps us serve you better.",
        )
