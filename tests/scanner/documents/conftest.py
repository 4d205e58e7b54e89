"""Fixtures for document scanning: rendered Vietnamese pages, the SANE test backend."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from motcua.scanner.documents import CleanSettings, cleanup, open_document_scanner
from motcua.scanner.documents.pipeline import clean_page
from motcua.scanner.documents.samplepages import photo_page, text_page, write_sample_pages

DPI = 150  # small pages keep the suite fast; OCR tests render at 300 dpi themselves


@pytest.fixture(scope="session")
def text_a4() -> np.ndarray:
    return np.asarray(text_page(2, DPI))


@pytest.fixture(scope="session")
def photo_a4() -> np.ndarray:
    return np.asarray(photo_page(3, DPI))


@pytest.fixture(scope="session")
def page_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five papers: text pages 1, 2, 4, 5 and a colour ID-card copy as page 3."""
    folder = tmp_path_factory.mktemp("papers")
    write_sample_pages(folder, 5, dpi=DPI, photo_every=3)
    return folder


@pytest.fixture(scope="session")
def letter_300(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    """A full letter of 12 pt text at 300 dpi, scanned as bench/scan_pages.py does (skew
    2°, noise 4) and cleaned: the densest text page the bench has."""
    folder = tmp_path_factory.mktemp("letter")
    text_page(2, 300).save(folder / "p.png", dpi=(300, 300))
    scanner = open_document_scanner(f"sim://?pages={folder}&dpi=300&skew=2&noise=4")
    page = next(iter(scanner.scan()))
    img, _skew, _turn = clean_page(np.asarray(page.image), CleanSettings(orient=False), 300)
    return img


@pytest.fixture
def bilevel():  # type: ignore[no-untyped-def]
    return bilevel_of


@pytest.fixture
def pixels():  # type: ignore[no-untyped-def]
    return pixels_of


def bilevel_of(img: np.ndarray) -> np.ndarray:
    """The black-and-white page the pipeline encodes, as 0 (ink) / 255 (paper)."""
    one = Image.fromarray(cleanup.binarize(img)).convert("1", dither=Image.Dither.NONE)
    return np.asarray(one.convert("L"))


def pixels_of(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(im.convert("L"))


@pytest.fixture
def jbig2_encoder() -> Path:
    """The jbig2enc scripts/setup builds; like the tools of ``run_tool``, it must be there
    (a missing one fails, never skips)."""
    from motcua.scanner.documents import jbig2

    found = jbig2.find_encoder()
    if found is None:
        pytest.fail("jbig2enc is not built (.venv/bin/jbig2): run scripts/setup")
    return found


@pytest.fixture
def tool():  # type: ignore[no-untyped-def]
    return run_tool


@pytest.fixture
def sane_url():  # type: ignore[no-untyped-def]
    return make_sane_url


def run_tool(*args: str, input: bytes | None = None) -> str:
    """A tool that is not ours (qpdf, pdfinfo, pdftotext, tesseract); it must be installed:
    scripts/setup installs it, and CI must not skip."""
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is not installed: run scripts/setup")
    done = subprocess.run(args, capture_output=True, input=input, timeout=120, check=False)
    assert done.returncode in (0, 2) or args[0] != "qpdf", done.stderr
    return done.stdout.decode("utf-8", "replace")


def make_sane_url(**options: str) -> str:
    """A sane://test:0 URL with the test backend's state reset: its options outlive
    close/open within a process, so every URL sets the ones tests change."""
    base = {
        "resolution": "50",
        "mode": "Gray",
        "depth": "8",
        "source": "Flatbed",
        "test-picture": "Grid",
        "read-return-value": "Default",
    }
    base.update({k.replace("_", "-"): v for k, v in options.items()})
    from urllib.parse import quote

    return "sane://test:0?" + "&".join(f"{k}={quote(v)}" for k, v in base.items())
