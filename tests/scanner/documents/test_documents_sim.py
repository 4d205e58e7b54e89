"""The sim:// sheet feeder: an honest scanner over a folder of page images."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from motcua.scanner.documents import (
    ScanCancelled,
    ScannerConfigError,
    ScannerFault,
    SimDocumentScanner,
    open_document_scanner,
)
from motcua.scanner.documents.cleanup import crop_to_paper, is_blank


def _scan_all(url: str) -> list:
    return list(open_document_scanner(url).scan())


def test_feeds_every_sheet_in_name_order(page_folder: Path) -> None:
    pages = _scan_all(f"sim://?pages={page_folder}&dpi=150")
    assert [p.number for p in pages] == [1, 2, 3, 4, 5]
    assert all(p.dpi == 150 and p.side == "front" for p in pages)
    assert pages[2].image.mode == "RGB"  # the colour ID-card copy
    assert pages[0].image.mode == "L"


def test_the_target_may_name_the_folder(page_folder: Path) -> None:
    assert len(_scan_all(f"sim://{page_folder}?dpi=150")) == 5


def test_blank_inserts_a_blank_sheet_after_every_n(page_folder: Path) -> None:
    pages = _scan_all(f"sim://?pages={page_folder}&dpi=150&blank=2")
    assert len(pages) == 7
    blank = [is_blank(crop_to_paper(np.asarray(p.image.convert("L")))) for p in pages]
    assert blank == [False, False, True, False, False, True, False]


def test_sheets_land_on_a_dark_backing_tilted_by_skew(page_folder: Path) -> None:
    level = _scan_all(f"sim://?pages={page_folder}&dpi=150")[0].image
    tilted = _scan_all(f"sim://?pages={page_folder}&dpi=150&skew=5")[0].image
    assert np.asarray(level)[2, 2] < 60  # backing around the sheet
    assert tilted.size[0] > level.size[0]  # the frame holds the tilted corners


def test_dpi_resamples_from_the_images_own(page_folder: Path) -> None:
    at150 = _scan_all(f"sim://?pages={page_folder}&dpi=150")[0].image
    at75 = _scan_all(f"sim://?pages={page_folder}&dpi=75")[0].image
    assert at75.size[0] == pytest.approx(at150.size[0] / 2, abs=20)


def test_jam_after_keeps_the_pages_before_it(page_folder: Path) -> None:
    scanner = open_document_scanner(f"sim://?pages={page_folder}&dpi=150&jam_after=2")
    got = []
    with pytest.raises(ScannerFault) as caught:
        for page in scanner.scan():
            got.append(page.number)
    assert got == [1, 2]
    assert caught.value.reason == "jammed"
    assert "Kẹt giấy" in caught.value.message_vi and "jam" in caught.value.message_en
    health = scanner.health()
    assert health.reason == "jammed" and not health.is_ok


def test_empty_feeder_ends_normally_with_no_page(page_folder: Path) -> None:
    assert _scan_all("sim://?empty=1") == []
    assert _scan_all(f"sim://?pages={page_folder}&empty=1") == []


def test_flatbed_scans_one_page_per_press(page_folder: Path) -> None:
    scanner = open_document_scanner(f"sim://?pages={page_folder}&dpi=150&source=flatbed")
    first = list(scanner.scan())
    second = list(scanner.scan())
    assert len(first) == len(second) == 1
    assert np.asarray(first[0].image).tobytes() != np.asarray(second[0].image).tobytes()


def test_duplex_alternates_front_and_back(page_folder: Path) -> None:
    pages = _scan_all(f"sim://?pages={page_folder}&dpi=150&source=duplex")
    assert [p.side for p in pages] == ["front", "back", "front", "back", "front"]


def test_cancel_stops_between_sheets(page_folder: Path) -> None:
    cancel = threading.Event()
    scanner = open_document_scanner(f"sim://?pages={page_folder}&dpi=150")
    got = []
    with pytest.raises(ScanCancelled):
        for page in scanner.scan(cancel):
            got.append(page)
            cancel.set()
    assert len(got) == 1


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("sim://?pagez=/tmp", ["pagez", "pages"]),
        ("sim://?pages=/no/such/folder", ["/no/such/folder"]),
        ("sim://", ["pages="]),
        ("sim://?empty=1&skew=45", ["skew", "-15…15"]),
        ("sim://?empty=1&jam_after=x", ["jam_after"]),
        ("sim://?empty=1&source=tray", ["feeder, flatbed, duplex"]),
        ("sim://?empty=1&empty=0", ["empty"]),
        ("ftp://scanner", ["ftp://", "sane://"]),
        ("not a url", ["sane://"]),
    ],
)
def test_configuration_errors_say_what_is_wrong(url: str, words: list[str]) -> None:
    with pytest.raises(ScannerConfigError) as caught:
        open_document_scanner(url)
    text = caught.value.message_vi + " " + caught.value.message_en
    for word in words:
        assert word in text
    assert caught.value.message_vi != caught.value.message_en


def test_sim_is_a_document_scanner(page_folder: Path) -> None:
    scanner = open_document_scanner(f"sim://?pages={page_folder}")
    assert isinstance(scanner, SimDocumentScanner)
    assert scanner.source == "feeder"
