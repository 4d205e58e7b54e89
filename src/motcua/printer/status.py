"""Printer status over DLE EOT, each query bounded (300 ms by default).

python-escpos's ``paper_status()`` reports "paper OK" when nothing answers, and
its serial read waits the whole timeout; here silence is *unknown*, never OK,
and a query returns as soon as its byte arrives.

DLE EOT n replies are one byte with bits 0, 4 = 0/1 ... shaped ``0xx1xx10``:
    n=1 printer:  bit 3 offline
    n=2 offline cause: bit 2 cover open, bit 5 stopped by paper end, bit 6 error
    n=4 roll paper sensor: bits 2-3 near end, bits 5-6 paper out
"""

from __future__ import annotations

import logging
import time

from motcua.printer.results import PrinterStatus
from motcua.printer.transports import Transport, TransportError

log = logging.getLogger(__name__)

QUERY_TIMEOUT = 0.3


def _valid(byte: int) -> bool:
    return byte & 0x93 == 0x12


def query(transport: Transport, n: int, timeout: float = QUERY_TIMEOUT) -> int | None:
    """Send DLE EOT n and wait for one well-formed status byte; None on silence."""
    deadline = time.monotonic() + timeout
    transport.discard_input()
    transport.write(bytes([0x10, 0x04, n]))
    while (remaining := deadline - time.monotonic()) > 0:
        data = transport.read(1, remaining)
        if not data:
            continue
        if _valid(data[-1]):
            return data[-1]
        log.debug("printer status %d: ignoring byte %#04x", n, data[-1])
    return None


def read_status(transport: Transport, timeout: float = QUERY_TIMEOUT) -> PrinterStatus:
    """Ask printer, offline-cause and paper status. When the first query meets
    silence, the rest are not asked (the whole call stays within one bound)."""
    try:
        return ask_status(transport, timeout)
    except TransportError as exc:
        log.warning("printer status query failed: %s", exc)
        return PrinterStatus.unknown()


def ask_status(transport: Transport, timeout: float = QUERY_TIMEOUT) -> PrinterStatus:
    """``read_status`` that raises ``TransportError`` when the line itself fails (the
    caller then stops asking: a broken line does not heal by asking again)."""
    if not transport.bidirectional:
        return PrinterStatus.unknown()
    printer = query(transport, 1, timeout)
    if printer is None:
        return PrinterStatus.unknown()
    cause = query(transport, 2, timeout)
    paper = query(transport, 4, timeout)
    return decode_status(printer, cause, paper)


def decode_status(printer: int, cause: int | None, paper: int | None) -> PrinterStatus:
    online = not printer & 0x08
    cover = bool(cause & 0x04) if cause is not None else None
    error = bool(cause & 0x40) if cause is not None else None
    if paper is None:
        paper_state = "out" if cause is not None and cause & 0x20 else "unknown"
    elif paper & 0x60:
        paper_state = "out"
    elif paper & 0x0C:
        paper_state = "near_end"
    else:
        paper_state = "ok"
    return PrinterStatus(online=online, paper=paper_state, cover_open=cover, error=error)
