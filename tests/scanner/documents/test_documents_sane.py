"""sane:// through python-sane, driving SANE's own ``test`` backend (sane-utils, libsane1).

The test backend's feeder is empty after 10 scans; ``read-return-value`` makes sane_read
fail the way real devices do. No hardware, no mocks: the real libsane and backend.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import numpy as np
import pytest

from motcua.scanner.documents import (
    ScannerConfigError,
    ScannerFault,
    open_document_scanner,
    scan_batch,
)
from motcua.scanner.documents.drivers import sane_status
from motcua.scanner.documents.sane_scanner import _running, _threads

ADF = "Automatic Document Feeder"


def _pages(url: str) -> list:
    scanner = open_document_scanner(url)
    try:
        return list(scanner.scan())
    finally:
        scanner.close()


def test_flatbed_is_one_page_per_press(sane_url) -> None:
    pages = _pages(sane_url())
    assert len(pages) == 1
    assert pages[0].dpi == 50
    assert pages[0].image.mode == "L"


def _sigpipe_ignored() -> bool:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("SigIgn:"):
                return bool(int(line.split()[1], 16) & (1 << 12))  # SIGPIPE is 13
    raise AssertionError("no SigIgn line")


def test_a_scan_leaves_sigpipe_ignored(sane_url) -> None:
    # The test backend's reader sets SIGPIPE to its default; a write to a closed socket
    # afterwards would kill the process (it killed the test run) instead of raising EPIPE.
    assert _sigpipe_ignored()
    result: list[bool] = []
    worker = threading.Thread(target=lambda: result.append(len(_pages(sane_url())) == 1))
    worker.start()  # scans run in worker threads, where signal.signal cannot be used
    worker.join(60)
    assert result == [True]
    assert _sigpipe_ignored()


def test_feeder_runs_until_empty_and_ends_normally(sane_url) -> None:
    scanner = open_document_scanner(sane_url(source=ADF))
    assert scanner.source == "feeder"
    assert [p.number for p in scanner.scan()] == list(range(1, 11))
    scanner.close()


def test_max_pages_stops_a_feeder_early(sane_url) -> None:
    assert len(_pages(sane_url(source=ADF, max_pages="3"))) == 3


def test_colour_mode_gives_rgb_pages(sane_url) -> None:
    pages = _pages(sane_url(mode="Color", test_picture="Color pattern"))
    assert pages[0].image.mode == "RGB"


def test_solid_white_pages_are_flagged_blank(sane_url, tmp_path: Path) -> None:
    scanner = open_document_scanner(
        sane_url(source=ADF, test_picture="Solid white", resolution="75")
    )
    batch = scan_batch(scanner, tmp_path)
    scanner.close()
    assert batch.scanned == 10 and batch.blank == 10
    assert batch.kept_pages() == []
    assert len(batch.kept_pages(include_blank=True)) == 10  # flagged, not dropped


@pytest.mark.parametrize(
    ("status", "reason", "vi"),
    [
        ("SANE_STATUS_JAMMED", "jammed", "Kẹt giấy"),
        ("SANE_STATUS_COVER_OPEN", "cover_open", "Nắp máy quét"),
        ("SANE_STATUS_IO_ERROR", "disconnected", "Mất kết nối"),
        ("SANE_STATUS_DEVICE_BUSY", "busy", "bận"),
    ],
)
def test_device_faults_are_clear_failures(sane_url, status: str, reason: str, vi: str) -> None:
    scanner = open_document_scanner(sane_url(read_return_value=status))
    with pytest.raises(ScannerFault) as caught:
        list(scanner.scan())
    assert caught.value.reason == reason
    assert vi in caught.value.message_vi
    health = scanner.health()
    assert health.reason == reason and not health.is_ok
    scanner.close()


def test_no_docs_from_the_backend_is_an_empty_feeder(sane_url) -> None:
    assert _pages(sane_url(source=ADF, read_return_value="SANE_STATUS_NO_DOCS")) == []


class _Watched:
    """The real SANE device, noting at each snap (the first sane_read) which threads that
    sane_start made are still running, and whether a cancel came before the snap."""

    def __init__(self, dev) -> None:  # type: ignore[no-untyped-def]
        self.dev, self.before, self.busy_at_snap, self.events = dev, set(), [], []

    def start(self) -> None:
        self.before = _threads() or set()
        self.events.append("start")
        self.dev.start()

    def snap(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.events.append("snap")
        now = _threads() or set()
        self.busy_at_snap.append(sorted(t for t in now - self.before if _running(t)))
        return self.dev.snap(*args, **kwargs)

    def cancel(self) -> None:
        self.events.append("cancel")
        self.dev.cancel()

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.dev, name)


@pytest.mark.parametrize(
    ("source", "status"),
    [
        ("Flatbed", "SANE_STATUS_JAMMED"),
        ("Flatbed", "SANE_STATUS_COVER_OPEN"),
        ("Flatbed", "SANE_STATUS_IO_ERROR"),
        (ADF, "SANE_STATUS_NO_DOCS"),
    ],
)
def test_a_frame_that_ends_at_once_lets_the_reader_start_before_the_first_read(
    sane_url, source: str, status: str
) -> None:
    """sanei_thread cancels its reader asynchronously: cancelled inside malloc as it starts,
    the reader dies holding the heap lock and sane_cancel never returns. python-sane's snap
    cancels by itself, at once, when the first sane_read fails (a jam, cover open, ...), so
    the driver must wait before snap: no thread sane_start made may still be running then
    (before the fix the jammed batch hung 3 runs in 3 under load, at batch 34, 75, 134)."""
    scanner = open_document_scanner(sane_url(source=source, read_return_value=status))
    watched = scanner._dev = _Watched(scanner._dev)  # type: ignore[attr-defined]
    try:
        with contextlib.suppress(ScannerFault):
            assert list(scanner.scan()) == []
    finally:
        scanner.close()
    assert watched.events == ["start", "snap", "cancel"]
    assert watched.busy_at_snap == [[]]


def test_a_fault_after_pages_keeps_them(sane_url, tmp_path: Path) -> None:
    """Five sheets scan, then the feeder jams: the five are kept on disk."""
    scanner = open_document_scanner(sane_url(source=ADF, max_pages="5"))
    first = scan_batch(scanner, tmp_path / "a")
    scanner.close()
    jam = open_document_scanner(sane_url(source=ADF, read_return_value="SANE_STATUS_JAMMED"))
    batch = scan_batch(jam, tmp_path / "b")
    jam.close()
    assert first.scanned == 5 and all(p.file.exists() for p in first.pages)
    assert batch.scanned == 0
    assert isinstance(batch.failure, ScannerFault) and batch.failure.reason == "jammed"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Document feeder out of documents", "no_docs"),
        ("Document feeder jammed", "jammed"),
        ("Scanner cover is open", "cover_open"),
        ("Error during device I/O", "io_error"),
        ("ADF: no documents loaded", "no_docs"),  # a backend's own wording
    ],
)
def test_status_texts_are_read_whatever_the_backend_says(text: str, status: str) -> None:
    assert sane_status(Exception(text)) == status
    assert sane_status(RuntimeError("Scanner returned no data")) == "eof"


def test_unknown_option_names_it_and_lists_the_devices_options() -> None:
    with pytest.raises(ScannerConfigError) as caught:
        open_document_scanner("sane://test:0?sorce=Flatbed")
    msg = caught.value.message_vi
    assert "'sorce'" in msg and "'source'" in msg and "resolution" in msg and "test-picture" in msg


@pytest.mark.parametrize(
    ("option", "value", "listed"),
    [
        ("source", "ADF", "Flatbed, Automatic Document Feeder"),
        ("mode", "Lineart", "Gray, Color"),
        ("resolution", "5000", "1…1200"),
        ("resolution", "high", "1…1200"),
        ("depth", "4", "1, 8, 16"),
    ],
)
def test_bad_values_list_the_devices_choices(option: str, value: str, listed: str) -> None:
    with pytest.raises(ScannerConfigError) as caught:
        open_document_scanner(f"sane://test:0?{option}={value}")
    assert option in caught.value.message_en and listed in caught.value.message_en


def test_options_take_underscores_too(sane_url) -> None:
    pages = _pages(sane_url(test_picture="Solid black"))
    assert np.asarray(pages[0].image).max() < 20


def test_unknown_device_lists_what_there_is() -> None:
    with pytest.raises(ScannerConfigError) as caught:
        open_document_scanner("sane://nosuchbackend:0")
    assert "nosuchbackend:0" in caught.value.message_en
    with pytest.raises(ScannerConfigError):
        open_document_scanner("sane://")
