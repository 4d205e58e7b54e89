"""``motcua scanner scan``: JSON out, one-line bilingual failures, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def _motcua(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "motcua", "scanner", *args],
        capture_output=True,
        text=True,
        timeout=90,  # a hang in C fails this test in 90 s, far below pytest-timeout's 600
        check=False,
    )


def test_scan_prints_the_summary_as_json(page_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "giay-to.pdf"
    done = _motcua(
        "scan",
        "--scanner",
        f"sim://?pages={page_folder}&dpi=150&blank=2",
        "--out",
        str(out),
        "--json",
        "--no-orient",
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["pages"] == 7 and summary["kept"] == 5 and summary["blank"] == 2
    assert summary["bytes"] == out.stat().st_size and summary["pdf"] == str(out)
    assert summary["seconds"] > 0


def test_sane_test_feeder_through_the_cli(tmp_path: Path) -> None:
    url = (
        "sane://test:0?source=Automatic%20Document%20Feeder&resolution=50&mode=Gray"
        "&test-picture=Grid&read-return-value=Default"
    )
    done = _motcua(
        "scan", "--scanner", url, "--out", str(tmp_path / "s.pdf"), "--json", "--no-orient"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pages"] == 10


@pytest.mark.parametrize(
    ("url", "vi", "en"),
    [
        ("sim://?empty=1", "khay nạp giấy trống", "feeder is empty"),
        ("sim://?pages=/nowhere", "Không thấy thư mục", "No such folder"),
        ("sim://?empty=1&jam_after=0", "khay nạp giấy trống", "feeder is empty"),
        ("sane://test:0?resolution=9000", "resolution", "1…1200"),
        ("sane://test:0?read-return-value=SANE_STATUS_JAMMED", "Kẹt giấy", "Paper jam"),
        ("usb://04b8:0e15", "sane://", "sane://"),
    ],
)
def test_failures_are_one_bilingual_line(url: str, vi: str, en: str, tmp_path: Path) -> None:
    done = _motcua("scan", "--scanner", url, "--out", str(tmp_path / "x.pdf"), "--json")
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert vi in lines[0] and en in lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_all_blank_is_a_failure_unless_kept(tmp_path: Path) -> None:
    url = "sane://test:0?source=Automatic%20Document%20Feeder&resolution=50&test-picture=Solid%20white&read-return-value=Default"
    done = _motcua(
        "scan", "--scanner", url, "--out", str(tmp_path / "b.pdf"), "--json", "--no-orient"
    )
    assert done.returncode == 1 and "trắng" in done.stderr and "blank" in done.stderr
    done = _motcua(
        "scan",
        "--scanner",
        url,
        "--out",
        str(tmp_path / "b.pdf"),
        "--json",
        "--no-orient",
        "--keep-blank",
    )
    assert done.returncode == 0 and json.loads(done.stdout)["kept"] == 10
