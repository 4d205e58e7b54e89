"""HealthReporter: sends on change and as a heartbeat; a failing center is retried."""

from __future__ import annotations

from datetime import UTC, datetime

from motcua.devices.health import DeviceHealth, HealthBoard
from motcua.devices.reporting import HealthReporter


def _board() -> HealthBoard:
    return HealthBoard(lambda: datetime(2026, 12, 1, 8, 0, tzinfo=UTC))


def test_sends_on_change_and_on_heartbeat_only() -> None:
    board = _board()
    sent: list[list[tuple[str, DeviceHealth]]] = []
    reporter = HealthReporter(
        board, lambda r, hb: sent.append(r), kinds={"printer": "printer"}, heartbeat_seconds=30
    )
    board.report(DeviceHealth.ok("printer"))
    assert reporter.tick(0) and len(sent) == 1
    assert not reporter.tick(1)  # nothing changed, heartbeat not due
    board.report(DeviceHealth.error("printer", "paper_out", "Hết giấy", "Out of paper"))
    assert reporter.tick(1) and sent[-1][0][1].reason == "paper_out"
    board.report(DeviceHealth.error("printer", "paper_out", "Hết giấy", "Out of paper"))
    assert not reporter.tick(1)  # the same condition again is no change
    assert reporter.tick(29) and len(sent) == 3  # the heartbeat
    assert sent[-1][0][0] == "printer"


def test_a_center_that_fails_is_retried_at_the_next_check(caplog) -> None:
    board = _board()
    board.report(DeviceHealth.ok("id_scanner"))
    calls: list[int] = []

    def send(reports, heartbeat) -> None:
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionError("center away")

    reporter = HealthReporter(board, send)
    assert not reporter.tick(0) and not reporter.tick(1)
    assert reporter.tick(1) and reporter.sends == 1
    assert len([r for r in caplog.records if "not sent" in r.getMessage()]) == 1


def test_probes_report_a_bus_line_that_goes_down_and_comes_back() -> None:
    from motcua.counter.bus import open_line

    line = open_line("sim://")
    assert line is not None
    sent: list[list[tuple[str, DeviceHealth]]] = []
    reporter = HealthReporter(
        _board(),
        lambda r, hb: sent.append(r),
        kinds={"keypads": "bus"},
        probes=[lambda: line.health("keypads")],
    )
    assert reporter.tick(0) and sent[-1][0][0] == "bus" and sent[-1][0][1].is_ok
    line.set_online(False)  # type: ignore[attr-defined]
    assert reporter.tick(1) and sent[-1][0][1].reason == "disconnected"
    line.set_online(True)  # type: ignore[attr-defined]
    assert reporter.tick(1) and sent[-1][0][1].is_ok
