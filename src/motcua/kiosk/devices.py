"""The small device interfaces the kiosk flows need (structural, so any driver fits)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from motcua.devices.health import DeviceHealth
    from motcua.printer import PrinterStatus, PrintResult, TicketSlip
    from motcua.printer.papers_list import PapersList


class TicketPrinter(Protocol):
    def print_ticket(self, slip: TicketSlip) -> PrintResult: ...

    def print_test_page(self) -> PrintResult: ...

    def print_papers(self, papers: PapersList) -> PrintResult: ...

    def status(self) -> PrinterStatus: ...

    def health(self) -> DeviceHealth: ...

    def close(self) -> None: ...


class SwappablePrinter:
    """The kiosk's printer, which the technician console may replace while the kiosk runs
    (a new URL chosen at the kiosk): every holder (ticket flow, technician flow, the device
    watch) keeps this one object. Anything a driver has beyond ``TicketPrinter`` (the sim's
    ``set_paper_out``) is reached through it."""

    def __init__(self, printer: TicketPrinter) -> None:
        self.current = printer

    def swap(self, printer: TicketPrinter) -> None:
        old, self.current = self.current, printer
        old.close()

    def print_ticket(self, slip: TicketSlip) -> PrintResult:
        return self.current.print_ticket(slip)

    def print_test_page(self) -> PrintResult:
        return self.current.print_test_page()

    def print_papers(self, papers: PapersList) -> PrintResult:
        return self.current.print_papers(papers)

    def status(self) -> PrinterStatus:
        return self.current.status()

    def health(self) -> DeviceHealth:
        return self.current.health()

    def close(self) -> None:
        self.current.close()

    def __getattr__(self, name: str) -> object:
        return getattr(self.current, name)
