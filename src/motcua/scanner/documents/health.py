"""A document scanner's health, for the technician screen and the kiosk's alerts."""

from __future__ import annotations

from motcua.devices import DeviceHealth
from motcua.scanner.documents.errors import ScannerFault


def scanner_health(device: str, failure: ScannerFault | None, opened: bool) -> DeviceHealth:
    """ok, or an error with the fault's reason (``jammed``, ``cover_open``, ...)."""
    if failure is not None:
        return DeviceHealth.error(device, failure.reason, failure.message_vi, failure.message_en)
    if not opened:
        return DeviceHealth.error(
            device, "disconnected", "Không mở được máy quét", "Cannot open the scanner"
        )
    return DeviceHealth.ok(device)
