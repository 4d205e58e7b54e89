"""Text pages as JBIG2, lossless generic region coding, by the vendored jbig2enc.

A bilevel A4 page at 300 dpi is 60-62 KB in CCITT G4 when it is a full page of 12 pt text
(issue 9 wants at most 40 KB); jbig2enc's generic region coder (an arithmetic coder over
each pixel's neighbourhood, what OCRmyPDF's optimiser uses) makes the same page ~34 KB and
keeps every pixel. Its *symbol* mode (``-s``) is never used: it codes look-alike glyphs as
one shape, the lossy pattern matching that made Xerox copiers swap digits; an
administrative record must keep what was on the paper.

jbig2enc is in neither Debian 12 nor PyPI: ``third_party/jbig2enc`` holds its sources and
``scripts/setup`` builds them into ``.venv/bin/jbig2``. ``encoder_for("auto")`` looks there
(beside ``sys.executable``), then on ``PATH``, once per process; without it the pipeline
stores CCITT G4 and says so once in the log.

``encode_generic(encoder, tiff, out, dpi, size)`` runs ``jbig2 FILE`` (no ``-p``: img2pdf
wants the file header and the end-of-page / end-of-file segments, then strips them) and
checks the result is one generic page of that size; any failure returns None and the
caller keeps the G4 page. ``for_img2pdf(data)`` is what ``build_pdf`` hands img2pdf.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

ENCODER_NAME = "jbig2"
TIMEOUT_S = 60.0
SUFFIX = ".jb2"

# What jbig2enc writes for one generic page and img2pdf 0.6 embeds ("only single-page
# generic coding"): the file header of a one-page sequential file and a
# page-information segment; at the end, segment 2 (end of page 1) and segment 3 (end of
# file). img2pdf strips both ends and embeds what is between.
FILE_HEADER = (
    b"\x97\x4a\x42\x32\x0d\x0a\x1a\x0a\x01\x00\x00\x00\x01"
    b"\x00\x00\x00\x00\x30\x00\x01\x00\x00\x00\x13"
)
END_OF_PAGE = b"\x00\x00\x00\x02\x31\x00\x01\x00\x00\x00\x00"
# The end-of-file segment as jbig2enc 0.31 writes it, for no page (the standard's way),
# and as img2pdf 0.6 insists on it, for page 1 (jbig2enc before 0.31 wrote that).
END_OF_FILE = b"\x00\x00\x00\x03\x33\x00\x00\x00\x00\x00\x00"
END_OF_FILE_PAGE_1 = b"\x00\x00\x00\x03\x33\x00\x01\x00\x00\x00\x00"
# Above this, img2pdf reads the page-information resolution as pixels per metre (the
# JBIG2 unit) instead of dots per inch, which is what jbig2enc writes (jbig2enc #86).
MAX_DPI = 999


def find_encoder(python: str | None = None, path: str | None = None) -> Path | None:
    """jbig2enc's ``jbig2``: beside ``python`` (the venv's bin, where scripts/setup puts
    it), then on ``path`` (``$PATH`` by default)."""
    beside = Path(python or sys.executable).parent / ENCODER_NAME
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which(ENCODER_NAME, path=path)
    return Path(found) if found else None


@functools.lru_cache(maxsize=8)
def encoder_for(setting: str, python: str | None = None, path: str | None = None) -> Path | None:
    """The encoder a ``CleanSettings.jbig2`` setting names: ``"auto"`` finds it (once per
    process; a warning when there is none), ``""`` is none (G4 chosen), else that path."""
    if not setting:
        return None
    if setting != "auto":
        return Path(setting)
    found = find_encoder(python, path)
    if found is None:
        log.warning(
            "jbig2enc (%s) not found beside %s or on PATH: text pages are stored as "
            "CCITT G4, larger (scripts/setup builds it)",
            ENCODER_NAME,
            Path(python or sys.executable).parent,
        )
    return found


def encode_generic(
    encoder: Path, tiff: Path, out: Path, dpi: int, size: tuple[int, int]
) -> Path | None:
    """``tiff`` (a bilevel page of ``size`` pixels) as a JBIG2 generic-region file at
    ``out``; None (and a warning) when the encoder fails, crashes, hangs or writes
    something img2pdf cannot embed. Lossless: the decoded page is ``tiff``'s pixels."""
    if dpi > MAX_DPI:
        return None
    try:
        done = subprocess.run(
            [str(encoder), str(tiff)], capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("jbig2enc failed on %s (%s): the page stays CCITT G4", tiff.name, exc)
        return None
    data = done.stdout
    if done.returncode != 0 or not _embeddable(data, size):
        why = f"exit {done.returncode}" if done.returncode else f"{len(data)} bytes, not a page"
        err = done.stderr.decode("utf-8", "replace").strip()[-200:]
        log.warning("jbig2enc failed on %s (%s) %s: the page stays CCITT G4", tiff.name, why, err)
        return None
    # The page-information segment's resolution as img2pdf reads it (dpi below 1000; see
    # MAX_DPI): jbig2enc copies it from the TIFF, written here so the PDF page is A4
    # whatever leptonica read.
    data = data[:32] + struct.pack(">II", dpi, dpi) + data[40:]
    out.write_bytes(data)
    return out


def _embeddable(data: bytes, size: tuple[int, int]) -> bool:
    """One generic page of ``size`` (the page-information segment's width and height)."""
    tail = len(END_OF_PAGE) + len(END_OF_FILE)
    return (
        len(data) > len(FILE_HEADER) + 16 + tail
        and data.startswith(FILE_HEADER)
        and data[-tail:] in (END_OF_PAGE + END_OF_FILE, END_OF_PAGE + END_OF_FILE_PAGE_1)
        and struct.unpack(">II", data[24:32]) == size
    )


def for_img2pdf(data: bytes) -> bytes:
    """A page file as img2pdf 0.6 takes it: its end-of-file segment for page 1 (img2pdf
    checks the last 22 bytes to the letter, then strips them: the PDF is the same)."""
    if data.endswith(END_OF_PAGE + END_OF_FILE):
        return data[: -len(END_OF_FILE)] + END_OF_FILE_PAGE_1
    return data
