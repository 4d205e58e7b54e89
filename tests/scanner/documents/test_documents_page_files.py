"""Page files: a text page as JBIG2 (lossless, decoded by jbig2dec, not by us), its size
at 300 dpi, and CCITT G4 when there is no encoder or it fails on the page."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from motcua.scanner.documents import CleanSettings
from motcua.scanner.documents.page_files import compress_page

FAST = CleanSettings(orient=False)
TARGET = 40 * 1024  # issue 9: a bilevel text page at most 40 KB


def test_a_dense_text_page_is_jbig2_lossless_and_within_40_kb(  # type: ignore[no-untyped-def]
    letter_300: np.ndarray, jbig2_encoder: Path, tool, bilevel, pixels, tmp_path: Path
) -> None:
    path = compress_page(letter_300, "text", 300, tmp_path / "page-0001", FAST)
    assert path.suffix == ".jb2" and path.read_bytes()[:4] == b"\x97JB2"
    assert not (tmp_path / "page-0001.tif").exists()  # the G4 it was made from is gone
    # decoded by a decoder that is not ours (Debian's jbig2dec): the same pixels
    tool("jbig2dec", "-q", "-t", "pbm", "-o", str(tmp_path / "back.pbm"), str(path))
    assert np.array_equal(pixels(tmp_path / "back.pbm"), bilevel(letter_300))
    g4 = compress_page(letter_300, "text", 300, tmp_path / "g4", CleanSettings(jbig2=""))
    assert path.stat().st_size <= TARGET < g4.stat().st_size, (
        path.stat().st_size,
        g4.stat().st_size,
    )


def test_without_an_encoder_a_text_page_is_ccitt_g4(  # type: ignore[no-untyped-def]
    letter_300: np.ndarray, bilevel, pixels, tmp_path: Path
) -> None:
    path = compress_page(letter_300, "text", 300, tmp_path / "page-0001", CleanSettings(jbig2=""))
    assert path.suffix == ".tif"
    with Image.open(path) as im:
        assert im.info["compression"] == "group4" and im.info["dpi"] == (300, 300)
    assert np.array_equal(pixels(path), bilevel(letter_300))


@pytest.mark.parametrize("body", ["exit 1", "kill -SEGV $$"])
def test_a_page_the_encoder_fails_on_stays_g4_and_is_not_lost(  # type: ignore[no-untyped-def]
    letter_300: np.ndarray, bilevel, pixels, tmp_path: Path, caplog, body: str
) -> None:
    encoder = tmp_path / "jbig2"
    encoder.write_text(f"#!/bin/sh\n{body}\n")
    encoder.chmod(0o755)
    with caplog.at_level(logging.WARNING):
        path = compress_page(
            letter_300, "text", 300, tmp_path / "page-0007", CleanSettings(jbig2=str(encoder))
        )
    assert path == tmp_path / "page-0007.tif"
    assert np.array_equal(pixels(path), bilevel(letter_300))
    assert "page-0007.tif" in caplog.text and "stays CCITT G4" in caplog.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jbig2", "page-0007.tif"]
