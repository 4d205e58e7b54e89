"""Issuing a ticket through the center and printing it, as plain Python.

``TicketFlow`` decides *what* the citizen asked for; this decides what becomes of it:
the center's answer (a number, the number already held, unreachable) and the
printer's (out, or not), each as a ``TicketResult`` in both languages, with the
kiosk's device alerts kept in step. Every kiosk print goes through ``print_job``
(a papers list too), so the printer's alert has one keeper. Blocking: the Qt layer
runs it on a worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from motcua.devices.health import DeviceHealth, HealthState
from motcua.errors import MotcuaError
from motcua.kiosk.alerts import AlertKind, DeviceAlerts
from motcua.kiosk.devices import TicketPrinter
from motcua.kiosk.ticket_result import Outcome, TicketResult, not_issued, ticket_url
from motcua.printer import PrintResult, TicketSlip
from motcua.queue.api import Center
from motcua.queue.errors import CenterUnavailable, StorageError
from motcua.queue.models import CenterInfo, TicketInfo
from motcua.scanner.cccd_qr import CccdCard

log = logging.getLogger(__name__)


class TicketIssuer:
    def __init__(
        self, center: Center, printer: TicketPrinter, alerts: DeviceAlerts, footer: str = ""
    ) -> None:
        self._center = center
        self._printer = printer
        self._alerts = alerts
        self._footer = footer
        self.last_slip: TicketSlip | None = None  # the technician reprints it

    def issue_and_print(
        self,
        center_info: CenterInfo,
        service_code: str,
        priority_group: str | None = None,
        card: CccdCard | None = None,
        appointment_code: str | None = None,
    ) -> TicketResult:
        """Never raises for anything the citizen or a device did: the result says."""
        try:
            info = self._center.issue_ticket(
                service_code,
                priority_group=priority_group,
                citizen=card.to_citizen() if card else None,
                appointment_code=appointment_code,
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
        except MotcuaError as exc:
            return not_issued(exc)
        self._alerts.clear(AlertKind.CENTER)
        slip = self.slip_for(center_info, info)
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
        return self.print_ticket(info, slip)

    def print_ticket(self, info: TicketInfo, slip: TicketSlip) -> TicketResult:
        """Print an issued ticket: printed, or the number kept and shown on screen."""
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
        return self.print_job(lambda: self._printer.print_ticket(slip))

    def print_job(self, send: Callable[[], PrintResult]) -> PrintResult:
        """Any kiosk print (a ticket, a papers list): the device alert follows the outcome."""
        try:
            result = send()
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

    @property
    def printer_problem(self) -> DeviceHealth | None:
        """The printer's fault as last seen (by a job or the device watch), or None."""
        health = self._alerts.get(AlertKind.PRINTER)
        return health if health is not None and health.state is HealthState.ERROR else None

    def slip_for(self, center_info: CenterInfo, info: TicketInfo) -> TicketSlip:
        ticket = info.ticket
        service = center_info.service(ticket.service_code)
        group = center_info.priority_group(ticket.priority_group) if ticket.priority_group else None
        center = center_info.center
        return TicketSlip(
            center_name=center.name,
            service_name=service.name if service else ticket.service_code,
            display_number=ticket.display_number,
            people_ahead=info.people_ahead,
            estimated_wait_minutes=info.estimated_wait_minutes,
            issued_at=ticket.issued_at,
            qr_url=ticket_url(center.public_url, ticket.public_code),
            timezone=center.timezone,
            priority_label=group.label if group else "",
            citizen_name=ticket.citizen_name,
            footer=self._footer,
        )
