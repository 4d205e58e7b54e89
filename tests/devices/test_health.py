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
