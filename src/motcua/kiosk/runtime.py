"""The kiosk's composition root (no Qt): center, devices, flows, and who owns what.

Two shapes (SPEC 2): *embedded* — the kiosk hosts the center itself, a
QueueService on a local SQLite file plus the HTTP server on the LAN so counters
and displays can join; *joined* — the kiosk is a client of ``motcua serve``
through HttpCenter. Either way the flows get a ``Center`` and never know which.
How the center is reached or started is ``kiosk/center_setup.py``; the chip reader and
the watch over the devices, ``kiosk/device_setup.py``; here, what the kiosk is made of.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from motcua.catalog.store import Catalog
from motcua.clock import Clock
from motcua.config import Config
from motcua.devices import DeviceHealth
from motcua.devices.discovery import Discovery, discover
from motcua.dossier.intake_flow import IntakeFlow
from motcua.errors import MotcuaError
from motcua.kiosk.alerts import AlertKind, DeviceAlerts
from motcua.kiosk.center_setup import center_dossiers, center_to_join, host_center, join_center
from motcua.kiosk.device_setup import open_chip_reader, watch_and_report
from motcua.kiosk.devices import SwappablePrinter, TicketPrinter
from motcua.kiosk.dossier_flow import DossierFlow
from motcua.kiosk.lookup_flow import LookupFlow
from motcua.kiosk.pin_lockout import PinLockout
from motcua.kiosk.rating_flow import RatingFlow
from motcua.kiosk.technician_console import TechnicianConsole
from motcua.kiosk.technician_flow import TechnicianFlow
from motcua.kiosk.ticket_flow import TicketFlow, local_info
from motcua.printer import PrintResult
from motcua.printer.slips import ticket_footer
from motcua.public_url import PhoneReach, of_url
from motcua.queue.api import Center
from motcua.queue.models import CenterInfo
from motcua.sync.dossier_status import DossierLookup

if TYPE_CHECKING:
    from motcua.kiosk.chip_reader import KioskChipReader
    from motcua.kiosk.guidance import VoiceGuide
    from motcua.scanner.barcode import BarcodeScanner
    from motcua.server.embedded import EmbeddedServer
    from motcua.sync.runtime import SyncRuntime

__all__ = ["KioskRuntime", "build_runtime", "center_to_join", "local_info"]

log = logging.getLogger(__name__)


@dataclass
class KioskRuntime:
    """Everything the kiosk's screens work with, built once by ``build_runtime``."""

    config: Config
    clock: Clock
    center: Center
    printer: TicketPrinter
    catalog: Catalog
    dossiers: DossierLookup
    printer_url: str
    scanner_url: str
    rating_counter: int | None = None
    server: EmbeddedServer | None = None  # when the kiosk hosts the center
    sync: SyncRuntime | None = None  # when [portal] is configured
    center_url: str = ""  # joined: the server's URL
    admin_token: str | None = None  # shown once when the embedded center was created
    scanner: BarcodeScanner | None = None  # the ID scanner (the UI starts it)
    demo_dossier_codes: list[str] = field(default_factory=list)
    # the ticket QR's URL and whether phones open it (motcua.public_url), for the technician
    phone_reach: PhoneReach | None = None
    chip: KioskChipReader | None = None  # [devices] card_reader: the ID card's chip
    # a short sound for what must be noticed ("Xin nhận lại thẻ căn cước"); None: silent.
    # build_runtime gives the guidance's chime and spoken reminder on [devices] audio.
    chime: Callable[[], object] | None = None
    closers: list[Callable[[], object]] = field(default_factory=list)
    # "Nộp hồ sơ": the center's dossiers (a DossierService when embedded, HttpDossiers
    # when joined: the intake flow cannot tell) and the document scanner
    # (motcua.dossier.scanning.PaperScanner); the chip is ``chip`` above
    dossier_service: Any = None
    paper_scanner: Any = None
    pin_lockout: PinLockout | None = None  # wrong PINs on disk (None: in memory)
    config_path: str | None = None  # the file the technician console writes (None: demo)
    find_devices: Callable[[], Discovery] = discover  # what the console offers to choose
    refuse_demo_pin: bool = False  # a real configuration: the demo PIN opens nothing
    audio_url: str = ""  # the voice guidance's loudspeaker ("": [devices] audio)

    def __post_init__(self) -> None:
        self._console: TechnicianConsole | None = None
        self._guide: VoiceGuide | None = None
        self.alerts = DeviceAlerts(self.clock)
        info = local_info(self.config)
        self.tickets = TicketFlow(
            self.center,
            self.printer,
            info,
            self.alerts,
            self.clock,
            footer=ticket_footer(self.config.center),
        )
        self.lookup = LookupFlow(self.catalog, most_asked=self.config.kiosk.most_asked)
        self.dossier = DossierFlow(self.dossiers, self.clock)
        # joined over HTTP, a hall kiosk rates with the ticket's code only (issue 12)
        self.rating = RatingFlow(
            self.center, counter=self.rating_counter, by_counter=not self.center_url
        )
        self.intake: IntakeFlow | None = None
        if self.dossier_service is not None:
            self.intake = IntakeFlow(
                self.dossier_service, self.catalog.get, self.clock, self._print_intake_slip
            )
        self.technician = TechnicianFlow(
            self.config.kiosk.technician_pin_hash,
            self.clock,
            self.center,
            self.printer,
            self.tickets,
            self.alerts,
            portal_status=self._portal_status,
            lockout=self.pin_lockout,
            refuse_demo_pin=self.refuse_demo_pin,
            phone_reach=lambda: self.phone_reach,
        )
        if self.sync is not None:
            self.sync.sender.alert = self._portal_alert

    @property
    def guide(self) -> VoiceGuide:
        """The voice guidance (opened the first time a citizen turns it on)."""
        if self._guide is None:
            from motcua.kiosk.guidance import GuideUnavailable, open_guide

            url = self.audio_url or self.config.devices.audio
            dialect = self.config.voice.dialect
            try:
                self._guide = open_guide(url, dialect)
            except GuideUnavailable as exc:
                log.error("voice guidance: audio %s cannot be opened (%s); silent", url, exc)
                self._guide = open_guide("none", dialect)
            self.closers.append(self._guide.close)
        return self._guide

    @property
    def console(self) -> TechnicianConsole:
        """The technician console (built on first use: the menu is rarely opened)."""
        if self._console is None:
            import tempfile

            from motcua.kiosk.center_clock import center_clock_health
            from motcua.printer import open_configured_printer
            from motcua.scanner.barcode import scanner_health

            def scanner() -> DeviceHealth:
                if self.scanner is None:
                    return DeviceHealth.unknown("id_scanner", "not_configured")
                return scanner_health(self.scanner)

            self._console = TechnicianConsole(
                self.config,
                config_path=self.config_path,
                printer=self.printer,
                scanner_health=scanner,
                open_printer=lambda url: open_configured_printer(
                    self.config, url, clock=self.clock
                ),
                center_url=self.center_url or self.server_url,
                out_dir=Path(tempfile.gettempdir()) / "motcua-technician",
                on_pin_changed=self.technician.set_pin_hash,
                find=self.find_devices,
                center_clock=lambda: center_clock_health(self.center, self.clock.now),
                joined_url=self.center_url,
            )
        return self._console

    def _portal_alert(self, reason: str, message_vi: str, message_en: str) -> None:
        """The portal sender's trouble (its reason code: auth, a row given up)."""
        self.alerts.raise_(AlertKind.PORTAL, reason, message_vi, message_en)

    def _portal_status(self) -> tuple[int, str] | None:
        """The outbox backlog and last error for the technician screen (None: no [portal])."""
        if self.sync is None:
            return None
        f = self.sync.figures()
        return f.backlog, f"{f.last_error_kind}: {f.last_error}" if f.last_error else ""

    @property
    def server_url(self) -> str:
        return self.server.url if self.server is not None else ""

    def refresh_info(self) -> CenterInfo | None:
        """Ask the center for its services (a joined kiosk serves the center's list, not
        its own file). Blocking; on failure keep the local list and raise an alert."""
        try:
            info = self.center.info()
        except MotcuaError as exc:
            self.alerts.raise_(
                AlertKind.CENTER,
                "unreachable",
                f"Không kết nối được trung tâm: {exc.message_vi}",
                f"Center unreachable: {exc.message_en}",
            )
            return None
        self.alerts.clear(AlertKind.CENTER)
        self.tickets.set_info(info)
        if self.center_url and info.center.public_url:  # joined: the center's own URL
            self.phone_reach = of_url(info.center.public_url, "[center] public_url")
        return info

    def _print_intake_slip(self, d: Any) -> bool:
        """ "Phiếu nộp hồ sơ" at the kiosk's printer; True only when it printed."""
        from motcua.printer.dossier_slips import slip_for
        from motcua.server.dossier_setup import reception_service

        print_slip = getattr(self.printer, "print_dossier_slip", None)
        if print_slip is None:
            return False
        svc = reception_service(self.config, d.field)
        hint = next((s.name for s in self.config.services if s.code == svc), "")
        slip = slip_for(d, self.config, "intake", self.clock.now(), counter_hint=hint)
        result = print_slip(slip)
        if not result.ok:
            log.warning("intake slip for %s not printed: %s", d.code, result.code)
        return bool(result.ok)

    def print_papers(self) -> PrintResult:
        """ "In danh sách giấy tờ" of the open procedure. Blocking (the Qt layer: a worker)."""
        papers = self.lookup.papers_list(self.config.center, self.clock.now())
        return self.tickets.print_job(lambda: self.printer.print_papers(papers))

    def reset_flows(self) -> None:
        """Idle timeout / home: everything the citizen entered is forgotten (a dossier
        being assembled is discarded with its pages; a submitted one stays)."""
        if self.intake is not None:
            self.intake.abandon()
        if self.paper_scanner is not None:
            self.paper_scanner.forget()
        self.tickets.reset()
        self.lookup.reset()
        self.dossier.reset()
        self.rating.reset()
        self.technician.lock()
        if self.chip is not None:
            self.chip.forget()  # the photo and the chip's fields go

    def close(self) -> None:
        for closer in reversed(self.closers):
            try:
                closer()
            except Exception:
                log.exception("closing kiosk part failed")
        self.closers.clear()


def build_runtime(
    config: Config,
    clock: Clock,
    *,
    db_path: str | Path = "var/motcua.db",
    server_url: str | None = None,
    token: str | None = None,
    printer_url: str | None = None,
    scanner_url: str | None = None,
    serve: bool = True,
    host: str | None = None,
    port: int | None = None,
    rating_counter: int | None = None,
    seed_demo_dossiers: bool = True,
    catalog_path: str | Path | None = None,
    watch_seconds: float | None = 10.0,
    paper_scanner_url: str | None = None,
    refuse_demo_pin: bool = False,
    config_path: str | None = None,
) -> KioskRuntime:
    """Open everything the kiosk needs, from the configuration (``printer_url`` and
    ``scanner_url``: command-line overrides). The caller closes the runtime.

    ``watch_seconds``: how often the printer is asked how it is (None: only when printing);
    its health and the scanner's go to the center (``HealthReporter``) either way.
    ``refuse_demo_pin``: the configuration is a real file, where the demo PIN is no secret."""
    from motcua.catalog import open_catalog
    from motcua.printer import open_configured_printer
    from motcua.scanner.barcode import open_scanner
    from motcua.sync.dossier_status import LocalDossierStore

    closers: list[Callable[[], object]] = []
    db = Path(db_path)
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        if server_url:
            kc = join_center(config, server_url, token, closers)
        else:
            kc = host_center(config, db, clock, serve=serve, host=host, port=port, closers=closers)
        config = kc.config
        p_url = printer_url or config.devices.printer
        # the configured printer: its profile may be a [printer_profiles] table
        printer = SwappablePrinter(open_configured_printer(config, p_url, clock=clock))
        closers.append(printer.close)
        s_url = scanner_url or config.devices.id_scanner
        scanner = open_scanner(s_url) if s_url else None
        if scanner is not None:
            closers.append(scanner.stop)
        chip = open_chip_reader(config.devices.card_reader, closers)
        demo = LocalDossierStore(db.with_name(db.stem + "-dossiers.db"), clock)
        demo_codes = demo.seed_demo(clock) if seed_demo_dossiers else []
        pin_lockout = PinLockout(clock, db.with_name(db.stem + "-kiosk.db"))
        closers.append(pin_lockout.close)
        catalog = open_catalog(catalog_path)
        dossiers: Any = demo
        # the center's dossiers: in this process, or over HTTP when joined
        real, server, admin_token = center_dossiers(kc, db, clock, catalog, host, closers)
        if real is not None:
            from motcua.kiosk.dossier_lookup import ServiceLookup

            dossiers = ServiceLookup(real, fallback=demo)
        papers = None
        if real is not None:  # "Nộp hồ sơ" needs the center's dossiers
            from motcua.dossier.scanning import open_paper_scanner

            url = paper_scanner_url or config.devices.document_scanner
            papers = open_paper_scanner(url, workdir=db.parent)
            if papers is not None:
                closers.append(papers.close)
    except BaseException:
        for c in reversed(closers):
            c()
        raise
    rt = KioskRuntime(
        config=config,
        clock=clock,
        center=kc.center,
        printer=printer,
        catalog=catalog,
        dossiers=dossiers,
        printer_url=p_url,
        scanner_url=s_url,
        scanner=scanner,
        rating_counter=rating_counter,
        server=server,
        sync=kc.sync,
        center_url=server_url or "",
        admin_token=admin_token,
        demo_dossier_codes=demo_codes,
        closers=closers,
        dossier_service=real,
        paper_scanner=papers,
        pin_lockout=pin_lockout,
        refuse_demo_pin=refuse_demo_pin,
        config_path=config_path,
        phone_reach=kc.reach,
        chip=chip,
    )
    if chip is not None:  # the card-left reminder's sound and words, on the guidance's loudspeaker
        rt.chime = lambda: rt.guide.remind_card_left()
    watch_and_report(
        rt.alerts, rt.printer.health, rt.closers, kc.center, kc.registry, watch_seconds
    )
    return rt
