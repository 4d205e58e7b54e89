"""The counter console's alert line: a kiosk's printer out of paper, seen at the counter."""

from __future__ import annotations

from motcua.counter.console_flow import ConsoleFlow
from motcua.counter.console_qt import ConsoleWindow
from motcua.devices.health import DeviceHealth
from motcua.server.client import HttpCenter
from motcua.server.tokens import Role


def test_a_kiosk_printer_fault_shows_on_the_console_and_clears(qtbot, http_server, clock) -> None:
    kiosk = HttpCenter(http_server.url, http_server.tokens.create(Role.KIOSK, name="Kiosk sảnh A"))
    counter = HttpCenter(http_server.url, http_server.counter5)
    try:
        out = DeviceHealth.error("printer", "paper_out", "máy in hết giấy", "printer out of paper")
        kiosk.report_device_health([("printer", out)], 30)
        win = ConsoleWindow(
            ConsoleFlow(counter, 5, clock, alerts=counter.device_alerts),
            retry_ms=50,
            refresh_ms=100,
        )
        qtbot.addWidget(win)
        qtbot.waitUntil(lambda: win.device_alerts.isVisibleTo(win), timeout=5000)
        assert win.device_alerts.text() == "⚠ Kiosk sảnh A: máy in hết giấy"
        kiosk.report_device_health([("printer", DeviceHealth.ok("printer"))], 30)
        qtbot.waitUntil(lambda: not win.device_alerts.isVisibleTo(win), timeout=5000)
    finally:
        kiosk.close()
        counter.close()


def test_no_alert_source_means_no_line(center, clock) -> None:
    flow = ConsoleFlow(center, 5, clock)
    assert flow.refresh().device_alerts == ()
    broken = ConsoleFlow(center, 5, clock, alerts=lambda: 1 / 0)  # type: ignore[arg-type,return-value]
    assert broken.refresh().device_alerts == ()
