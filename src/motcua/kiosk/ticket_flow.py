"""Taking a number, as plain Python: field -> service -> priority -> ID card -> confirm.

The Qt screens are a thin adapter over this class (electrum's wizard: the flow
is written once, without Qt). ``submit()`` blocks on the center and the
printer, so the Qt layer runs it on a worker thread; everything else is quick.

At most two levels: a field with a single service skips the service step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from motcua.catalog.folding import fold
from motcua.clock import Clock
from motcua.config import Config, PriorityGroup, ServiceConfig
from motcua.kiosk.alerts import AlertKind, DeviceAlerts
from motcua.kiosk.devices import TicketPrinter
from motcua.printer import PrintResult, TicketSlip
from motcua.queue.api import Center
from motcua.queue.errors import (
    CenterUnavailable,
    QueueError,
    StorageError,
    UnknownPriorityGroup,
    UnknownService,
)
from motcua.queue.models import CenterInfo, TicketInfo
from motcua.scanner.cccd_qr import CccdCard, IdCardError, parse_cccd_qr

log = logging.getLogger(__name__)


class Step(StrEnum):
    FIELD = "field"
    SERVICE = "service"
    PRIORITY = "priority"
    ID_SCAN = "id_scan"
    CONFIRM = "confirm"
    RESULT = "result"


class Outcome(StrEnum):
    PRINTED = "printed"
    NOT_PRINTED = "not_printed"  # ticket issued, the printer failed: show it on screen
    EXISTING = "existing"  # this ID already holds an active ticket for the service
    UNAVAILABLE = "unavailable"  # the center cannot be reached: nothing issued
    UNKNOWN_SERVICE = "unknown_service"
    ERROR = "error"


@dataclass(frozen=True)
class TicketResult:
    outcome: Outcome
    message_vi: str
    message_en: str
    info: TicketInfo | None = None
    slip: TicketSlip | None = None
    print_result: PrintResult | None = None

    @property
    def qr_url(self) -> str:
        return self.slip.qr_url if self.slip else ""


class FlowError(ValueError):
    """A step taken out of order (a bug in the UI, never the citizen's fault)."""


def local_info(config: Config) -> CenterInfo:
    """The center as the kiosk's own configuration describes it (until the center says)."""
    return CenterInfo(config.center, config.services, config.counters, config.priority_groups)


def ticket_url(public_url: str, public_code: str) -> str:
    return f"{public_url.rstrip('/')}/t/{public_code}"


class TicketFlow:
    def __init__(
        self,
        center: Center,
        printer: TicketPrinter,
        info: CenterInfo,
        alerts: DeviceAlerts,
        clock: Clock,
        footer: str = "",
    ) -> None:
        self._center = center
        self._printer = printer
        self._alerts = alerts
        self._clock = clock
        self._footer = footer
        self.info = info
        self.last_slip: TicketSlip | None = None  # survives reset(): the technician reprints it
        self.reset()

    # ------------------------------------------------------------------ state
    def reset(self) -> None:
        """Forget everything the citizen chose or scanned (idle timeout, Home)."""
        self.step = Step.FIELD
        self.field: str | None = None
        self.service: ServiceConfig | None = None
        self.priority: PriorityGroup | None = None
        self.card: CccdCard | None = None
        self.result: TicketResult | None = None

    def set_info(self, info: CenterInfo) -> None:
        """The center told us its services (joined kiosks fetch them at start)."""
        self.info = info

    # ------------------------------------------------------------------ choices
    def fields(self) -> list[str]:
        """Fields in configuration order; a service without a field is its own field."""
        seen: dict[str, None] = {}
        for s in self.info.services:
            seen.setdefault(s.field or s.name, None)
        return list(seen)

    def services(self, field: str) -> list[ServiceConfig]:
        return [s for s in self.info.services if (s.field or s.name) == field]

    def choose_field(self, field: str) -> Step:
        services = self.services(field)
        if not services:
            raise FlowError(f"unknown field {field!r}")
        self.field = field
        if len(services) == 1:
            return self.choose_service(services[0].code)
        self.step = Step.SERVICE
        return self.step

    def choose_service(self, code: str) -> Step:
        service = self.info.service(code)
        if service is None:
            raise FlowError(f"unknown service {code!r}")
        self.service = service
        self.field = service.field or service.name
        self.step = Step.PRIORITY if self.info.priority_groups else Step.ID_SCAN
        return self.step

    def start_for_procedure(self, procedure_field: str) -> Step:
        """Start over for a procedure found in the catalog ("Lấy số" on its page): pick
        the service named like the procedure's field (Hộ tịch -> HT), else the center's
        field of that name (Xây dựng -> its services), else nothing (the field picker).
        Names compare without case or accents; no guessing beyond that."""
        self.reset()
        key = fold(procedure_field)
        if not key:
            return self.step
        for s in self.info.services:
            if fold(s.name) == key:
                return self.choose_service(s.code)
        for field in self.fields():
            if fold(field) == key:
                return self.choose_field(field)
        return self.step

    def priority_groups(self) -> tuple[PriorityGroup, ...]:
        return self.info.priority_groups

    def choose_priority(self, code: str | None) -> Step:
        self._need(self.service is not None, "choose a service first")
        if code is None:
            self.priority = None
        else:
            group = self.info.priority_group(code)
            if group is None:
                raise FlowError(f"unknown priority group {code!r}")
            self.priority = group
        self.step = Step.ID_SCAN
        return self.step

    def scan_id(self, payload: str | bytes) -> CccdCard:
        """A line from the ID scanner. Raises IdCardError (Vietnamese + English) on garbage;
        the citizen may scan again or skip."""
        self._need(self.service is not None, "choose a service first")
        card = parse_cccd_qr(payload)
        self.card = card
        self.step = Step.CONFIRM
        log.info("ID card scanned for ticket: %s", card.masked_id)
        return card

    def skip_id(self) -> Step:
        self._need(self.service is not None, "choose a service first")
        self.card = None
        self.step = Step.CONFIRM
        return self.step

    def back(self) -> Step:
        """One step back, forgetting what that step chose."""
        order = [Step.FIELD, Step.SERVICE, Step.PRIORITY, Step.ID_SCAN, Step.CONFIRM]
        if self.step == Step.CONFIRM:
            self.card = None
            self.step = Step.ID_SCAN
        elif self.step == Step.ID_SCAN:
            self.priority = None
            self.step = Step.PRIORITY if self.info.priority_groups else Step.SERVICE
        elif self.step in (Step.PRIORITY, Step.SERVICE):
            self.service = None
            single = self.field is not None and len(self.services(self.field)) == 1
            self.step = Step.SERVICE if self.step == Step.PRIORITY and not single else Step.FIELD
        elif self.step == Step.RESULT:
            self.reset()
        if self.step == Step.FIELD:
            self.field = None
        assert self.step in order
        return self.step

    def retry(self) -> Step:
        """After 'center unavailable': back to confirm with every choice kept."""
        if self.step == Step.RESULT and self.result is not None and self.result.info is None:
            self.step = Step.CONFIRM
        return self.step

    # ------------------------------------------------------------------ issue + print
    def submit(self) -> TicketResult:
        """Issue the ticket through the center, then print it. Blocking; never raises for
        anything the citizen or a device did: the result says what happened."""
        self._need(self.service is not None and self.step == Step.CONFIRM, "confirm first")
        assert self.service is not None
        self.result = self._issue_and_print(self.service)
        self.step = Step.RESULT
        return self.result

    def _issue_and_print(self, service: ServiceConfig) -> TicketResult:
        try:
            info = self._center.issue_ticket(
                service.code,
                priority_group=self.priority.code if self.priority else None,
                citizen=self.card.to_citizen() if self.card else None,
            )
        except (CenterUnavailable, StorageError) as exc:
            self._alerts.raise_(
                AlertKind.CENTER,
                "unreachable",
                f"Không kết nối được hệ thống xếp hàng: {exc.message_vi}",
                f"Queue center unreachable: {exc.message_en}",
            )
            return TicketResult(
                Outcome.UNAVAILABLE,
                "Hệ thống lấy số đang tạm gián đoạn, chưa cấp được số. "
                "Xin ông/bà thử lại sau ít phút hoặc hỏi cán bộ tại quầy hướng dẫn.",
                "The queue system is briefly unavailable; no number was issued. "
                "Please try again in a few minutes or ask staff at the help desk.",
            )
        except (UnknownService, UnknownPriorityGroup) as exc:
            return TicketResult(
                Outcome.UNKNOWN_SERVICE,
                "Dịch vụ này hiện không nhận số tại máy. "
                f"Xin ông/bà hỏi cán bộ tại quầy hướng dẫn. ({exc.message_vi})",
                "This service does not take numbers at the kiosk right now. "
                f"Please ask staff at the help desk. ({exc.message_en})",
            )
        except QueueError as exc:
            return TicketResult(
                Outcome.ERROR,
                f"Chưa cấp được số: {exc.message_vi}. Xin ông/bà hỏi cán bộ tại quầy hướng dẫn.",
                f"No number was issued: {exc.message_en}. Please ask staff at the help desk.",
            )
        self._alerts.clear(AlertKind.CENTER)
        slip = self.slip_for(info)
        self.last_slip = slip
        if info.existing:
            return TicketResult(
                Outcome.EXISTING,
                f"Ông/bà đã có số {info.ticket.display_number} cho dịch vụ này, vẫn còn hiệu "
                "lực. Xin ông/bà giữ số này, không cần lấy số mới.",
                f"You already hold number {info.ticket.display_number} for this service. "
                "Please keep it; there is no need for a new one.",
                info=info,
                slip=slip,
            )
        return self._print(info, slip)

    def _print(self, info: TicketInfo, slip: TicketSlip) -> TicketResult:
        result = self.print_slip(slip)
        if result.ok:
            return TicketResult(
                Outcome.PRINTED,
                "Phiếu đang ra ở khe phía dưới màn hình. Xin giữ phiếu và chờ gọi số.",
                "Your ticket is coming out of the slot below the screen. Please keep it "
                "and wait for your number to be called.",
                info=info,
                slip=slip,
                print_result=result,
            )
        return TicketResult(
            Outcome.NOT_PRINTED,
            "Xin lỗi ông/bà, máy chưa in được phiếu. Số của ông/bà vẫn được giữ: xin ghi nhớ "
            "số dưới đây hoặc chụp mã QR bằng điện thoại, rồi chờ gọi số.",
            "We are sorry, the ticket could not be printed. Your number is kept: please "
            "note the number below or photograph the QR code, then wait to be called.",
            info=info,
            slip=slip,
            print_result=result,
        )

    def print_slip(self, slip: TicketSlip) -> PrintResult:
        """Print and keep the device alert in step with the outcome. Blocking."""
        try:
            result = self._printer.print_ticket(slip)
        except Exception as exc:  # a driver broke its promise never to raise
            log.exception("printer raised")
            result = PrintResult(
                False, "exception", f"Lỗi máy in: {exc}", f"Printer error: {exc}", 0
            )
        if result.ok:
            self._alerts.clear(AlertKind.PRINTER)
        else:
            self._alerts.raise_(
                AlertKind.PRINTER,
                result.code,
                f"Máy in lỗi ({result.code}): {result.message_vi}",
                f"Printer failed ({result.code}): {result.message_en}",
            )
        return result

    def reprint(self) -> TicketResult:
        """Print the shown ticket again (existing-ticket page, failure page)."""
        if self.result is None or self.result.info is None or self.result.slip is None:
            raise FlowError("nothing to reprint")
        info, slip = self.result.info, self.result.slip
        self.result = self._print(info, slip)
        return self.result

    def slip_for(self, info: TicketInfo) -> TicketSlip:
        ticket = info.ticket
        service = self.info.service(ticket.service_code)
        group = self.info.priority_group(ticket.priority_group) if ticket.priority_group else None
        return TicketSlip(
            center_name=self.info.center.name,
            service_name=service.name if service else ticket.service_code,
            display_number=ticket.display_number,
            people_ahead=info.people_ahead,
            estimated_wait_minutes=info.estimated_wait_minutes,
            issued_at=ticket.issued_at,
            qr_url=ticket_url(self.info.center.public_url, ticket.public_code),
            timezone=self.info.center.timezone,
            priority_label=group.label if group else "",
            citizen_name=ticket.citizen_name,
            footer=self._footer,
        )

    @staticmethod
    def _need(ok: bool, why: str) -> None:
        if not ok:
            raise FlowError(why)


__all__ = ["FlowError", "IdCardError", "Outcome", "Step", "TicketFlow", "TicketResult"]
