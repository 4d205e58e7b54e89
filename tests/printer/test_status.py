"""DLE EOT status: bits decoded like the ESC/POS reference; silence is unknown."""

from __future__ import annotations

import pytest

from motcua.printer import PrinterStatus
from motcua.printer.results import MESSAGES, PrintResult
from motcua.printer.status import decode_status, query, read_status
from motcua.printer.transports import transport_for_url


@pytest.mark.parametrize(
    ("printer", "cause", "paper", "expected"),
    [
        (0x12, 0x12, 0x12, PrinterStatus(True, "ok", False, False)),
        (0x12, 0x12, 0x1E, PrinterStatus(True, "near_end", False, False)),
        (0x1A, 0x32, 0x72, PrinterStatus(False, "out", False, False)),
        (0x1A, 0x16, 0x12, PrinterStatus(False, "ok", True, False)),
        (0x1A, 0x52, 0x12, PrinterStatus(False, "ok", False, True)),
        (0x12, None, None, PrinterStatus(True, "unknown", None, None)),
        (0x1A, 0x32, None, PrinterStatus(False, "out", False, False)),
    ],
)
def test_decode_status_bits(printer, cause, paper, expected):
    assert decode_status(printer, cause, paper) == expected


def test_problems_in_order_of_what_a_person_must_fix():
    assert PrinterStatus.unknown().problem() == "no_reply"
    assert PrinterStatus(False, "out", True, False).problem() == "paper_out"
    assert PrinterStatus(False, "ok", True, False).problem() == "cover_open"
    assert PrinterStatus(False, "ok", False, False).problem() == "offline"
    assert PrinterStatus(True, "ok", False, True).problem() == "offline"
    assert PrinterStatus(True, "near_end", False, False).problem() is None
    assert PrinterStatus(True, "unknown", None, None).problem() is None
    assert not PrinterStatus(True, "unknown", None, None).ok  # unknown is never OK


def test_silence_is_unknown_and_bounded():
    """loop:// echoes the query back: DLE (0x10) is not a status byte, so it is
    ignored and the query ends at its bound with None."""
    t = transport_for_url("loop://")
    t.open()
    assert query(t, 1, timeout=0.1) is None
    assert read_status(t, timeout=0.1) == PrinterStatus.unknown()
    t.close()


def test_one_way_line_is_never_asked():
    t = transport_for_url("loop://?status=off")
    t.open()
    assert read_status(t) == PrinterStatus.unknown()
    assert t.inner.read(10, 0.05) == b""  # nothing was written to the line
    t.close()


def test_every_code_has_both_languages():
    for code, (vi, en) in MESSAGES.items():
        result = PrintResult.of(code)
        assert result.message_vi == vi and vi and en
        assert not result.ok


def test_describe_vi():
    assert "hết" in PrinterStatus(False, "out", False, False).describe_vi()
    assert PrinterStatus.unknown("không kết nối được").describe_vi().startswith("Không rõ")
