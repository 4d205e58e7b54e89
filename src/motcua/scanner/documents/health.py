"""A document scanner's health, for the technician screen and the kiosk's alerts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from motcua.scanner.documents.errors import ScannerFault


@dataclass(frozen=True)
class _Health:
    device: str
    state: str
    reason: str
    message_vi: str
    message_en: str

    @property
    def is_ok(self) -> bool:
        return self.state == "ok"


def scanner_health(device: str, failure: ScannerFault | None, opened: bool) -> Any:
    """DeviceHealth of the device layer: ok, or an error with the fault's reason."""
    import motcua.devices

    device_health: Any = getattr(motcua.devices, "DeviceHealth", None)
    if device_health is None:  # the device layer's health is not on this tree yet
        return _Health(
            device,
            "error" if failure or not opened else "ok",
            failure.reason if failure else ("ok" if opened else "disconnected"),
            failure.message_vi if failure else "Hoạt động bình thường",
            failure.message_en if failure else "Working",
        )
    if failure is not None:
        return device_health.error(device, failure.reason, failure.message_vi, failure.message_en)
    if not opened:
        return device_health.error(
            device, "disconnected", "Không mở được máy quét", "Cannot open the scanner"
        )
    return device_health.ok(device)
