"""A printer: a profile, the fonts, and a transport. Jobs in, results out.

Every public method returns a value and never raises into the kiosk: the
result says whether the slip was printed and, when not, why, in words a kiosk
can show. A job is not sent when the printer said it cannot print (paper out,
cover open, offline) or did not answer on a line where it should; after
sending, the printer is asked again, and a job is reported printed only when
it still says it is fine.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from motcua.clock import Clock, SystemClock
from motcua.config import Config
from motcua.devices import DeviceHealth, DeviceUrl, DeviceUrlError, open_device
from motcua.printer.dossier_slips import DossierSlip, dossier_slip_job
from motcua.printer.fonts import FontMissingError, FontSet
from motcua.printer.layouts import check_page_job, ticket_job
from motcua.printer.papers_list import PapersList, papers_list_job
from motcua.printer.profiles import (
    PrinterProfile,
    ProfileError,
    configured_profiles,
    get_profile,
)
from motcua.printer.receipt import receipt_job
from motcua.printer.results import PrinterStatus, PrintResult
from motcua.printer.slips import DossierReceipt, TicketSlip
from motcua.printer.status import QUERY_TIMEOUT, read_status
from motcua.printer.transports import Transport, TransportError

log = logging.getLogger(__name__)


class PrinterConfigError(ValueError):
    """A printer that cannot be set up (bad URL, unknown profile, missing font):
    a start-up error for the technician, not something a citizen sees."""


class Printer:
    """An ESC/POS printer reached through ``transport``."""

    def __init__(
        self,
        transport: Transport,
        profile: PrinterProfile,
        fonts: FontSet,
        status_timeout: float = QUERY_TIMEOUT,
        clock: Clock | None = None,
        timezone: str = "Asia/Ho_Chi_Minh",
    ) -> None:
        self.transport = transport
        self.profile = profile
        self.fonts = fonts
        self.status_timeout = status_timeout
        self.clock = clock or SystemClock()
        self.timezone = timezone
        self._lock = threading.Lock()
        self._closed = False

    @property
    def url(self) -> str:
        return self.transport.url

    # ---------------------------------------------------------------- jobs
    def print_ticket(self, slip: TicketSlip) -> PrintResult:
        return self._print(lambda: ticket_job(slip, self.profile, self.fonts), "ticket")

    def print_receipt(self, receipt: DossierReceipt) -> PrintResult:
        return self._print(lambda: receipt_job(receipt, self.profile, self.fonts), "receipt")

    def print_dossier_slip(self, slip: DossierSlip) -> PrintResult:
        """ "Phiếu nộp hồ sơ", "Phiếu yêu cầu bổ sung", "Phiếu từ chối tiếp nhận"."""
        return self._print(lambda: dossier_slip_job(slip, self.profile, self.fonts), slip.kind)

    def print_papers(self, papers: PapersList) -> PrintResult:
        """ "Danh sách giấy tờ cần chuẩn bị" of a procedure (the kiosk's procedure page)."""
        return self._print(lambda: papers_list_job(papers, self.profile, self.fonts), "papers")

    def print_test_page(self) -> PrintResult:
        return self._print(
            lambda: check_page_job(
                self.profile, self.fonts, self.clock.now().astimezone(ZoneInfo(self.timezone))
            ),
            "test page",
        )

    def print_raw(self, data: bytes) -> PrintResult:
        """Send bytes already encoded (a technician's job), with the same checks."""
        return self._print(lambda: data, "raw job")

    # ---------------------------------------------------------------- status
    def status(self) -> PrinterStatus:
        """What the printer says now; unknown when it cannot or does not answer."""
        with self._lock:
            if self._closed:
                return PrinterStatus.unknown("máy in đã đóng / closed")
            try:
                if not self.transport.is_open:
                    self.transport.open()
            except TransportError as exc:
                log.warning("printer %s: cannot open: %s", self.url, exc)
                return PrinterStatus.unknown(f"không kết nối được / cannot connect: {exc}")
            if not self.transport.bidirectional:
                return PrinterStatus.unknown("đường truyền một chiều / one-way line")
            st = read_status(self.transport, self.status_timeout)
            if not st.known:
                self.transport.close()  # reconnect next time (a restarted printer)
            return st

    def health(self) -> DeviceHealth:
        """``status()`` as a DeviceHealth (asks the printer: blocking, bounded)."""
        return self.status().health()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self.transport.close()

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- internals
    def _print(self, build: Callable[[], bytes], what: str) -> PrintResult:
        try:
            data = build()
        except FontMissingError as exc:
            log.error("printer: %s", exc)
            return PrintResult.of("font_missing", detail=str(exc))
        except Exception as exc:  # a layout bug must not reach the citizen
            log.exception("printer: cannot lay out the %s", what)
            return PrintResult.of("layout_error", detail=f"{type(exc).__name__}: {exc}")
        with self._lock:
            try:
                return self._send(data, what)
            except Exception as exc:
                log.exception("printer %s: unexpected failure", self.url)
                self.transport.close()
                return PrintResult.of("io_error", detail=f"{type(exc).__name__}: {exc}")

    def _send(self, data: bytes, what: str) -> PrintResult:
        if self._closed:
            return PrintResult.of("closed")
        reused = self.transport.is_open
        try:
            if not reused:
                self.transport.open()
        except TransportError as exc:
            log.warning("printer %s: cannot open: %s", self.url, exc)
            return PrintResult.of("unreachable", detail=str(exc))
        two_way = self.transport.bidirectional
        if two_way:
            before = read_status(self.transport, self.status_timeout)
            if not before.known and reused:
                # A kept-open line may have gone stale (printer restarted, network
                # printer dropped an idle connection): reconnect once and ask again.
                self.transport.close()
                try:
                    self.transport.open()
                except TransportError as exc:
                    return PrintResult.of("unreachable", detail=str(exc))
                before = read_status(self.transport, self.status_timeout)
            problem = before.problem()
            if problem:
                log.warning("printer %s: %s not sent: %s", self.url, what, problem)
                if problem == "no_reply":
                    self.transport.close()
                return PrintResult.of(problem)
        try:
            self.transport.write(data)
        except TransportError as exc:
            log.warning("printer %s: %s write failed: %s", self.url, what, exc)
            self.transport.close()
            return PrintResult.of("io_error", detail=str(exc))
        if not two_way:
            log.info("printer %s: %s sent (%d bytes, no status line)", self.url, what, len(data))
            return PrintResult.of("sent", ok=True, bytes_sent=len(data))
        after = self._confirm(len(data))
        problem = after.problem()
        if problem:
            # Sent, but the printer now says it cannot print: the slip may be
            # missing or cut short, so it is not reported as printed.
            log.warning("printer %s: %s sent but printer reports %s", self.url, what, problem)
            if problem == "no_reply":
                self.transport.close()
            return PrintResult.of(problem, bytes_sent=len(data))
        log.info("printer %s: %s printed (%d bytes)", self.url, what, len(data))
        return PrintResult.of("printed", ok=True, bytes_sent=len(data))

    def _confirm(self, size: int) -> PrinterStatus:
        """Status after a job. Some printers answer real-time queries only once
        they have taken the job in, so silence is retried (each query still within
        its bound) for about as long as the bytes take on a 115,200-baud line."""
        patience = min(3.0, 0.5 + size / 11_500)
        deadline = time.monotonic() + patience
        while True:
            st = read_status(self.transport, self.status_timeout)
            if st.known or time.monotonic() >= deadline:
                return st


def open_printer(
    url: str | DeviceUrl,
    profile: str | PrinterProfile = "80mm",
    *,
    profiles: dict[str, dict[str, Any]] | None = None,
    font_dir: str | None = None,
    status_timeout: float = QUERY_TIMEOUT,
    clock: Clock | None = None,
    timezone: str = "Asia/Ho_Chi_Minh",
) -> Printer:
    """The printer at ``url`` (its driver: printer/drivers.py) with a profile by name
    (``profiles``: configured extra profile tables). The line is opened lazily, so an
    unplugged printer gives a failed result when printing, not an error here. Raises
    PrinterConfigError for a URL, profile or font that cannot work at all."""
    try:
        prof = get_profile(profile, profiles)
        fonts = FontSet(font_dir).check()
    except (ProfileError, FontMissingError) as exc:
        raise PrinterConfigError(str(exc)) from exc
    try:
        printer: Printer = open_device(
            "printer",
            url,
            profile=prof,
            fonts=fonts,
            status_timeout=status_timeout,
            clock=clock,
            timezone=timezone,
        )
    except DeviceUrlError as exc:
        raise PrinterConfigError(str(exc)) from exc
    return printer


def open_configured_printer(
    config: Config,
    url: str | None = None,
    profile: str | None = None,
    clock: Clock | None = None,
) -> Printer:
    """The center's printer: ``[devices] printer`` / ``printer_profile`` unless given,
    with the configuration's ``[printer_profiles]`` tables."""
    return open_printer(
        url or config.devices.printer,
        profile or config.devices.printer_profile,
        profiles=configured_profiles(config),
        clock=clock,
        timezone=config.center.timezone,
    )
