"""DeviceHealth and the board that keeps when each condition began."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from motcua.devices import DeviceHealth, HealthBoard, HealthState


class Ticking:
    def __init__(self) -> None:
        self.t = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(minutes=1)
        return self.t


def test_same_condition_keeps_its_since_whatever_the_words() -> None:
    board = HealthBoard(Ticking())
    first = board.report(DeviceHealth.error("printer", "paper_out", "Hết giấy", "Out of paper"))
    again = board.report(
        DeviceHealth.error("printer", "paper_out", "Hết giấy (lần 2)", "Paper out, still")
    )
    assert again.since == first.since and again.count == 2
    assert again.message_en == "Paper out, still"  # newest words, first since
    assert [h.reason for h in board.problems] == ["paper_out"]


def test_a_new_reason_is_a_new_condition_and_ok_clears_it() -> None:
    board = HealthBoard(Ticking())
    a = board.report(DeviceHealth.error("printer", "paper_out", "Hết giấy", "Out of paper"))
    b = board.report(DeviceHealth.error("printer", "cover_open", "Nắp mở", "Cover open"))
    assert b.since is not None and a.since is not None and b.since > a.since
    board.report(DeviceHealth.ok("printer"))
    assert board.problems == []
    assert board.get("printer").state is HealthState.OK  # type: ignore[union-attr]
    assert [h.reason for h in board.history] == ["paper_out", "cover_open"]


def test_unknown_is_not_a_problem_and_not_ok() -> None:
    h = DeviceHealth.unknown("id_scanner", "wedge")
    assert not h.is_ok and not h.is_problem


def test_printer_status_as_health() -> None:
    from motcua.printer import open_printer

    printer = open_printer("sim://")
    try:
        assert printer.health().state is HealthState.OK
        printer.set_paper_near_end()
        near = printer.health()
        assert (near.state, near.reason) == (HealthState.WARNING, "paper_near_end")
        printer.set_paper_out()
        out = printer.health()
        assert (out.state, out.reason) == (HealthState.ERROR, "paper_out")
        assert out.message_vi.startswith("Máy in đã hết giấy")
        printer.set_paper_out(False)
        printer.set_silent()
        assert printer.health().state is HealthState.UNKNOWN  # no answer is never ok
    finally:
        printer.close()


def test_scanner_health() -> None:
    from motcua.scanner.barcode import SerialScanner, open_scanner, scanner_health

    assert scanner_health(open_scanner("sim://")).is_ok
    assert scanner_health(open_scanner("wedge")).state is HealthState.UNKNOWN
    lost = scanner_health(SerialScanner("serial:///dev/motcua-none"))  # never started
    assert (lost.state, lost.reason) == (HealthState.ERROR, "disconnected")
