"""Taking a number, as plain Python: service -> ID card -> priority -> confirm.

The Qt screens are a thin adapter over this class (electrum's wizard: the flow
is written once, without Qt). ``submit()`` blocks on the center and the
printer (``ticket_issuer``: what the center and the printer answered), so the Qt
layer runs it on a worker thread; everything else is quick.

At most two levels: a field with a single service skips the service step, and a
center with at most ``ONE_LEVEL_MAX`` services shows them all at once. The ID card
comes before the priority group because its birth date decides the age groups
(queue/priority.py); a card scanned on the home screen starts the flow with the
citizen known and skips the card step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum

from motcua.catalog.folding import fold
from motcua.clock import Clock
from motcua.config import Config, PriorityGroup, ServiceConfig
from motcua.devices.health import DeviceHealth
from motcua.kiosk.alerts import DeviceAlerts
from motcua.kiosk.devices import TicketPrinter
from motcua.kiosk.ticket_issuer import TicketIssuer
from motcua.kiosk.ticket_result import (
    FlowError,
    Outcome,
    PriorityRefused,
    TicketResult,
    appointment_code,
    wait_line,
)
from motcua.printer import PrintResult, TicketSlip
from motcua.queue import priority as age_rule
from motcua.queue.api import Center
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


ONE_LEVEL_MAX = 8  # at most this many services: one screen of services, no fields


def local_info(config: Config) -> CenterInfo:
    """The center as the kiosk's own configuration describes it (until the center says)."""
    return CenterInfo(config.center, config.services, config.counters, config.priority_groups)


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
        self._clock = clock
        self.info = info
        self.issuer = TicketIssuer(center, printer, alerts, footer)
        self.reset()

    # ------------------------------------------------------------------ state
    def reset(self) -> None:
        """Forget everything the citizen chose or scanned (idle timeout, Home)."""
        self.step = Step.FIELD
        self.field: str | None = None
        self.service: ServiceConfig | None = None
        self.priority: PriorityGroup | None = None
        self.card: CccdCard | None = None
        self.card_proof = ""  # "qr" | "chip" | "chip_as_issued" (the chip is the stronger proof)
        self.card_from_home = False  # scanned before "Lấy số": no card step at all
        self.result: TicketResult | None = None

    def set_info(self, info: CenterInfo) -> None:
        """The center told us its services (joined kiosks fetch them at start)."""
        self.info = info

    def today(self):
        return self._clock.now().astimezone(self.info.center.tz).date()

    def start_with_card(self, payload: str | bytes) -> Step:
        """A card scanned on the home screen: take a number with the citizen known.
        Raises IdCardError (Vietnamese + English) on garbage; nothing is kept then."""
        self.reset()
        card = parse_cccd_qr(payload, self.today())
        self.card, self.card_from_home, self.card_proof = card, True, "qr"
        log.info("ID card scanned on the home screen: %s", card.masked_id)
        return self.step

    # ------------------------------------------------------------------ choices
    @property
    def one_level(self) -> bool:
        """Few services: the first screen lists the services themselves."""
        return len(self.info.services) <= ONE_LEVEL_MAX

    def fields(self) -> list[str]:
        """Fields in configuration order; a service without a field is its own field."""
        seen: dict[str, None] = {}
        for s in self.info.services:
            seen.setdefault(s.field or s.name, None)
        return list(seen)

    def queue_waits(self) -> dict[str, tuple[int, int]]:
        """People waiting and the estimated wait (minutes) per service code. Blocking
        (a remote center is asked): the Qt layer runs it on a worker."""
        snap = self._center.snapshot()
        return {s.code: (s.waiting, s.estimated_wait_minutes) for s in snap.services}

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
        self.step = Step.ID_SCAN if self.card is None else self._after_card()
        return self.step

    def _after_card(self) -> Step:
        """The card step is over (scanned or skipped): the priority group, pre-selected
        from the card's birth date where an age group applies."""
        birth = self.card.birth_date if self.card else None
        self.priority = age_rule.preselected(self.info.priority_groups, birth, self.today())
        return Step.PRIORITY if self.info.priority_groups else Step.CONFIRM

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
        """Raises PriorityRefused when the scanned card says the group does not apply;
        the citizen stays on the priority step and may choose another."""
        self._need(self.service is not None, "choose a service first")
        if code is None:
            self.priority = None
        else:
            group = self.info.priority_group(code)
            if group is None:
                raise FlowError(f"unknown priority group {code!r}")
            birth = self.card.birth_date if self.card else None
            if birth is not None and not age_rule.card_fits(group, birth, self.today()):
                raise PriorityRefused(*age_rule.refusal(group, birth, self.today()))
            self.priority = group
        self.step = Step.CONFIRM
        return self.step

    def scan_id(self, payload: str | bytes) -> CccdCard:
        """A line from the ID scanner. Raises IdCardError (Vietnamese + English) on garbage;
        the citizen may scan again or skip."""
        self._need(self.service is not None, "choose a service first")
        card = parse_cccd_qr(payload, self.today())
        self.card, self.card_proof = card, "qr"
        self.step = self._after_card()
        log.info("ID card scanned for ticket: %s", card.masked_id)
        return card

    def scan_chip(self, card: CccdCard, proof: str) -> CccdCard:
        """The chip was read (kiosk/chip_reader.py): the same fields as the QR, stronger proof."""
        self._need(self.service is not None, "choose a service first")
        self.card, self.card_proof = card, proof
        self.step = self._after_card()
        log.info("ID chip read for ticket: %s (%s)", card.masked_id, proof)
        return card

    def skip_id(self) -> Step:
        self._need(self.service is not None, "choose a service first")
        self.card = None
        self.step = self._after_card()
        return self.step

    def back(self) -> Step:
        """One step back, forgetting what that step chose."""
        order = [Step.FIELD, Step.SERVICE, Step.ID_SCAN, Step.PRIORITY, Step.CONFIRM]
        if self.step == Step.CONFIRM and self.info.priority_groups:
            self.step = Step.PRIORITY  # the choice stays shown: touch it again or another
        elif self.step == Step.PRIORITY or self.step == Step.CONFIRM:
            self.priority = None
            if self.card_from_home:
                self._back_to_services()
            else:
                self.card = None
                self.step = Step.ID_SCAN
        elif self.step in (Step.ID_SCAN, Step.SERVICE):
            self._back_to_services()
        elif self.step == Step.RESULT:
            self.reset()
        if self.step == Step.FIELD:
            self.field = None
        assert self.step in order
        return self.step

    def _back_to_services(self) -> None:
        came_from_service = self.step != Step.SERVICE
        self.service = None
        single = self.field is not None and len(self.services(self.field)) == 1
        if came_from_service and not single and not self.one_level:
            self.step = Step.SERVICE
        else:
            self.step = Step.FIELD

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
        self.result = self.issuer.issue_and_print(
            self.info,
            self.service.code,
            priority_group=self.priority.code if self.priority else None,
            card=self.card,
        )
        self.step = Step.RESULT
        return self.result

    def submit_appointment(self, code: str) -> TicketResult:
        """ "Có lịch hẹn": the ticket of an appointment (the center knows its service and
        calls it first when due). Blocking; a wrong code is a result without a ticket."""
        self.reset()
        self.result = self.issuer.issue_and_print(self.info, "", appointment_code=code)
        self.step = Step.RESULT if self.result.info is not None else Step.FIELD
        return self.result

    def reprint(self) -> TicketResult:
        """Print the shown ticket again (existing-ticket page, failure page)."""
        if self.result is None or self.result.info is None or self.result.slip is None:
            raise FlowError("nothing to reprint")
        info, slip = self.result.info, self.result.slip
        self.result = self.issuer.print_ticket(info, slip)
        return self.result

    # what the technician, the home screen and the papers list ask of the printing
    @property
    def last_slip(self) -> TicketSlip | None:
        """The last ticket issued; survives reset(): the technician reprints it."""
        return self.issuer.last_slip

    def print_slip(self, slip: TicketSlip) -> PrintResult:
        return self.issuer.print_slip(slip)

    def print_job(self, send: Callable[[], PrintResult]) -> PrintResult:
        return self.issuer.print_job(send)

    @property
    def printer_problem(self) -> DeviceHealth | None:
        return self.issuer.printer_problem

    def slip_for(self, info: TicketInfo) -> TicketSlip:
        return self.issuer.slip_for(self.info, info)

    @staticmethod
    def _need(ok: bool, why: str) -> None:
        if not ok:
            raise FlowError(why)


__all__ = [
    "ONE_LEVEL_MAX",
    "FlowError",
    "IdCardError",
    "Outcome",
    "PriorityRefused",
    "Step",
    "TicketFlow",
    "TicketResult",
    "appointment_code",
    "wait_line",
]
