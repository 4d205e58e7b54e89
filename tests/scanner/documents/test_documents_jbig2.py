"""Finding jbig2enc and running it: where it is looked for, and every way it can fail."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PIL import Image

from motcua.scanner.documents import jbig2


def _script(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return path


def test_the_encoder_setup_builds_is_found() -> None:
    """scripts/setup builds .venv/bin/jbig2: text pages must be JBIG2, not a silent fall
    back to G4 (and the JBIG2 tests must not skip)."""
    found = jbig2.find_encoder()
    assert found is not None, "jbig2enc not built: scripts/setup builds .venv/bin/jbig2"
    assert jbig2.encoder_for("auto") == found


def test_the_encoder_beside_python_comes_before_path(tmp_path: Path) -> None:
    venv_bin, other = tmp_path / "venv" / "bin", tmp_path / "usr" / "bin"
    on_path = _script(other, "jbig2", "exit 0")
    python = str(venv_bin / "python")
    assert jbig2.find_encoder(python, str(other)) == on_path
    beside = _script(venv_bin, "jbig2", "exit 0")
    assert jbig2.find_encoder(python, str(other)) == beside
    beside.chmod(0o644)  # not executable: not the encoder
    assert jbig2.find_encoder(python, str(other)) == on_path


def test_no_encoder_is_one_warning_and_none(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    python, empty = str(tmp_path / "bin" / "python"), str(tmp_path / "nothing")
    with caplog.at_level(logging.WARNING, logger="motcua.scanner.documents.jbig2"):
        assert jbig2.encoder_for("auto", python, empty) is None
        assert jbig2.encoder_for("auto", python, empty) is None  # looked for once
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "CCITT G4" in warnings[0].getMessage()
    assert jbig2.encoder_for("") is None  # G4 chosen: no warning needed
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


@pytest.fixture
def page_tif(tmp_path: Path) -> Path:
    path = tmp_path / "page.tif"
    Image.new("1", (64, 32), 1).save(path, compression="group4", dpi=(300, 300))
    return path


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("echo 'leptonica: cannot read' >&2; exit 3", "exit 3"),
        ("kill -SEGV $$", "exit -11"),  # a crash
        ("printf 'not jbig2'", "9 bytes, not a page"),  # exit 0, nothing img2pdf embeds
    ],
)
def test_a_failing_encoder_gives_none_and_a_warning(
    tmp_path: Path, page_tif: Path, caplog: pytest.LogCaptureFixture, body: str, why: str
) -> None:
    encoder = _script(tmp_path / "bin", "jbig2", body)
    out = tmp_path / "page.jb2"
    with caplog.at_level(logging.WARNING, logger="motcua.scanner.documents.jbig2"):
        assert jbig2.encode_generic(encoder, page_tif, out, 300, (64, 32)) is None
    assert not out.exists()
    assert why in caplog.text and "stays CCITT G4" in caplog.text


def test_an_encoder_that_cannot_run_gives_none(tmp_path: Path, page_tif: Path) -> None:
    out = tmp_path / "page.jb2"
    assert jbig2.encode_generic(tmp_path / "no-such-jbig2", page_tif, out, 300, (64, 32)) is None
    assert not out.exists()


def test_the_real_encoder_writes_one_generic_page_at_the_dpi(
    jbig2_encoder: Path, page_tif: Path, tmp_path: Path
) -> None:
    out = jbig2.encode_generic(jbig2_encoder, page_tif, tmp_path / "page.jb2", 300, (64, 32))
    assert out is not None
    data = out.read_bytes()
    assert data.startswith(jbig2.FILE_HEADER) and data.endswith(
        jbig2.END_OF_PAGE + jbig2.END_OF_FILE
    )
    assert (
        data[24:40]
        == (64).to_bytes(4, "big") + (32).to_bytes(4, "big") + (300).to_bytes(4, "big") * 2
    )
    # a page of another size than the caller's is refused (not the page it meant)
    assert jbig2.encode_generic(jbig2_encoder, page_tif, tmp_path / "x.jb2", 300, (65, 32)) is None
