"""Ticket and receipt printing on ESC/POS printers (no Qt).

    from motcua.printer import open_printer, TicketSlip
    printer = open_printer("tcp://192.168.1.50:9100", profile="80mm")
    result = printer.print_ticket(slip)      # PrintResult; never raises
    status = printer.status()                # PrinterStatus; unknown is not OK

Layouts become ESC/POS in one place (layouts.py, receipt.py over writer.py and
encoder.py); transports only move bytes (transports.py); sim.py is a virtual
printer that decodes (decoder.py) and draws (paper.py) what it receives.
"""

from motcua.printer.fonts import FontMissingError, FontSet
from motcua.printer.printer import (
    Printer,
    PrinterConfigError,
    open_configured_printer,
    open_printer,
)
from motcua.printer.profiles import BUILTIN_PROFILES, PrinterProfile, get_profile
from motcua.printer.results import PrinterStatus, PrintResult
from motcua.printer.sim import SimDevice, SimJob, SimPrinter
from motcua.printer.slips import DossierReceipt, ReceivedPaper, TicketSlip

__all__ = [
    "BUILTIN_PROFILES",
    "DossierReceipt",
    "FontMissingError",
    "FontSet",
    "PrintResult",
    "Printer",
    "PrinterConfigError",
    "PrinterProfile",
    "PrinterStatus",
    "ReceivedPaper",
    "SimDevice",
    "SimJob",
    "SimPrinter",
    "TicketSlip",
    "get_profile",
    "open_configured_printer",
    "open_printer",
]
