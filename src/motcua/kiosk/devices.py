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
