"""Keyboard-wedge detection: scanner bursts vs human typing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from motcua.clock import FakeClock
from motcua.scanner.wedge import WedgeDetector, WedgeScanner

PAYLOAD = "001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021"


def type_keys(det: WedgeDetector, text: str, start: float, gap: float) -> list[str | None]:
    return [det.feed_key(ch, start + i * gap) for i, ch in enumerate(text)]


def test_fast_burst_ending_in_enter_is_a_scan() -> None:
    det = WedgeDetector()
    results = type_keys(det, PAYLOAD + "\r", 100.0, 0.008)
    assert results[:-1] == [None] * len(PAYLOAD)
    assert results[-1] == PAYLOAD


def test_human_typing_is_not_a_scan() -> None:
    det = WedgeDetector()
    results = type_keys(det, "dang ky ket hon\r", 100.0, 0.15)
    assert results == [None] * 16


def test_human_then_scan_only_scan_returned() -> None:
    det = WedgeDetector()
    type_keys(det, "abc", 10.0, 0.2)
    assert (
        type_keys(det, "000.00.06.H56-231027-0361\n", 11.0, 0.01)[-1] == "000.00.06.H56-231027-0361"
    )


def test_scan_interrupted_by_pause_is_discarded() -> None:
    det = WedgeDetector()
    type_keys(det, "00109012", 10.0, 0.01)
    # a long pause, then the rest: the first part was not one burst with the rest
    results = type_keys(det, "3456\r", 12.0, 0.01)
    assert results[-1] == "3456"  # only the fresh burst counts (min_length 4)
    results = [*type_keys(det, "ab", 20.0, 0.01), det.feed_key("\r", 21.0)]
    assert results[-1] is None  # slow Enter after a burst


def test_short_fast_burst_below_min_length_ignored() -> None:
    det = WedgeDetector(min_length=4)
    assert type_keys(det, "ok\r", 5.0, 0.01)[-1] is None


def test_modifier_keys_ignored() -> None:
    det = WedgeDetector()
    keys = ["A", "Shift", "B", "C", "D", "Enter"]
    results = [det.feed_key(k, 1.0 + i * 0.005) for i, k in enumerate(keys)]
    assert results[-1] == "ABCD"


def test_detector_uses_injected_clock_when_no_timestamp() -> None:
    clock = FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    det = WedgeDetector(clock=clock)
    out = None
    for ch in "1.000894\r":
        out = det.feed_key(ch)
        clock.advance(timedelta(milliseconds=10))
    assert out == "1.000894"
    for ch in "slow\r":
        out = det.feed_key(ch)
        clock.advance(timedelta(milliseconds=300))
    assert out is None


def test_wedge_scanner_delivers_scans_to_on_line() -> None:
    got: list[str] = []
    scanner = WedgeScanner()
    scanner.start(got.append)
    type_keys(scanner.detector, "", 0, 0)
    for i, ch in enumerate(PAYLOAD + "\r"):
        scanner.feed_key(ch, 50.0 + i * 0.01)
    assert got == [PAYLOAD]
    scanner.stop()
    for i, ch in enumerate(PAYLOAD + "\r"):
        scanner.feed_key(ch, 60.0 + i * 0.01)
    assert got == [PAYLOAD]
    assert scanner.connected is None
