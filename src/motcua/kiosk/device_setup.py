"""The kiosk's devices beyond printer and scanner, and the watch over them (no Qt).

``open_chip_reader``: the ID card's chip reader, or None (the QR still works).
``watch_and_report``: the printer asked how it is every few seconds, and the kiosk's
health board sent to the center. What belongs here is opening a device that may be
missing and keeping an eye on the devices; which devices the kiosk has is decided in
``kiosk/runtime.py`` ``build_runtime``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from motcua.queue.api import Center

if TYPE_CHECKING:
    from motcua.devices import DeviceHealth
    from motcua.kiosk.alerts import DeviceAlerts
    from motcua.kiosk.chip_reader import KioskChipReader

log = logging.getLogger(__name__)


def open_chip_reader(url: str, closers: list[Callable[[], object]]) -> KioskChipReader | None:
    """The ID card's chip reader, or None (none configured, or it cannot open: logged,
    the QR still works)."""
    if not url or url.startswith("none:"):
        return None
    from motcua.kiosk.chip_reader import KioskChipReader
    from motcua.scanner.chip.errors import ChipError
    from motcua.scanner.chip.reader import open_card_reader

    try:
        reader = open_card_reader(url)
    except ChipError as exc:
        log.error("Đầu đọc chip / card reader %s: %s / %s", url, exc.message_vi, exc.message_en)
        return None
    closers.append(reader.close)
    return KioskChipReader(reader)  # type: ignore[arg-type]  # any CardReader


def watch_and_report(
    alerts: DeviceAlerts,
    printer_health: Callable[[], DeviceHealth],
    closers: list[Callable[[], object]],
    center: Center,
    registry: Any,
    watch_seconds: float | None,
) -> None:
    """The printer asked every ``watch_seconds``; the health board sent to the center: over
    HTTP when joined, straight into the center's device list when the kiosk hosts it."""
    import socket

    from motcua.devices.reporting import HealthReporter
    from motcua.kiosk.device_watch import DeviceWatch
    from motcua.server.device_health import LOCAL_REPORTER, Report

    if watch_seconds is not None:
        watch = DeviceWatch(alerts, [printer_health], interval=watch_seconds)
        watch.start()
        closers.append(watch.stop)
    if registry is not None:
        location = f"Kiosk {socket.gethostname()}"

        def send(reports, heartbeat: float) -> None:
            rows = [Report(kind, h) for kind, h in reports]
            registry.report(LOCAL_REPORTER, location, rows, heartbeat)
    else:
        send = center.report_device_health  # type: ignore[attr-defined]  # an HttpCenter
    reporter = HealthReporter(alerts.board, send)
    reporter.start()
    closers.append(reporter.stop)
