"""IdleTimer and DeviceAlerts (plain Python, injected clock)."""

from __future__ import annotations

import logging

import pytest

from motcua.kiosk.alerts import AlertKind, DeviceAlerts
from motcua.kiosk.idle import IdleTimer


def test_idle_expires_only_when_armed_and_untouched(clock) -> None:
    idle = IdleTimer(clock, 60)
    clock.advance(seconds=120)
    assert not idle.expired()  # home: never times out
    idle.arm()
    clock.advance(seconds=59)
    assert not idle.expired() and idle.remaining() == pytest.approx(1)
    idle.touch()
    clock.advance(seconds=59)
    assert not idle.expired()
    clock.advance(seconds=1)
    assert idle.expired()
    idle.disarm()
    assert not idle.expired()


def test_idle_rejects_nonsense(clock) -> None:
    with pytest.raises(ValueError):
        IdleTimer(clock, 0)


def test_alerts_deduplicate_clear_and_log(clock, caplog) -> None:
    alerts = DeviceAlerts(clock)
    with caplog.at_level(logging.WARNING, logger="motcua.devices.health"):
        alerts.raise_(AlertKind.PRINTER, "paper_out", "Hết giấy", "Out of paper")
        clock.advance(seconds=5)
        again = alerts.raise_(AlertKind.PRINTER, "paper_out", "Hết giấy!", "Out of paper!")
    assert again.count == 2 and again.since < clock.now()
    assert len(caplog.records) == 1
    alerts.raise_(AlertKind.CENTER, "unreachable", "Mất kết nối", "Unreachable")
    assert [a.device for a in alerts.active] == [AlertKind.PRINTER, AlertKind.CENTER]
    assert not alerts.clear(AlertKind.PRINTER, "cover_open")  # not the condition now
    assert alerts.clear(AlertKind.PRINTER)
    assert not alerts.clear(AlertKind.PRINTER)
    assert [a.device for a in alerts.active] == [AlertKind.CENTER]
    assert len(alerts.history) == 2
