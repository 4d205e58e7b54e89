"""Reading printed bytes back like a person: tesseract for the Vietnamese lines
(raster blocks, or the whole paper as the sim printer drew it, which is how
text in user-defined characters is read), zbar for QR codes. Skips (naming the
tool) when a tool is absent."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageOps

from motcua.printer.decoder import Op, Raster


def _tesseract():
    pytesseract = pytest.importorskip("pytesseract")
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed (Debian tesseract-ocr tesseract-ocr-vie)")
    if "vie" not in pytesseract.get_languages(config=""):
        pytest.skip("tesseract Vietnamese data missing (Debian tesseract-ocr-vie)")
    return pytesseract


def ocr_paper(paper: Image.Image, tallest_line: int = 64, scale: float = 2) -> str:
    """Tesseract (-l vie) over the drawn paper, one printed line at a time, top to
    bottom. Lines are the bands of rows with ink (a band a few rows high is a mark
    above or below the letters of the nearer line); bands taller than
    ``tallest_line`` (a QR code) are not text and are left out."""
    pytesseract = _tesseract()
    grey = paper.convert("L")
    ink_rows = [
        grey.crop((0, y, grey.width, y + 1)).getextrema()[0] < 128 for y in range(grey.height)
    ]
    raw: list[tuple[int, int]] = []
    y = 0
    while y < grey.height:
        if ink_rows[y]:
            top = y
            while y < grey.height and ink_rows[y]:
                y += 1
            raw.append((top, y))
        y += 1

    # A short band is a mark (a tone above, a dot below): it joins the nearer line.
    def is_rule(top: int, bottom: int) -> bool:  # a row of dashes across the paper
        row = grey.crop((0, top, grey.width, bottom)).point(lambda v: 255 if v < 128 else 0)
        return bottom - top <= 4 and row.resize((grey.width, 1)).histogram()[0] < grey.width * 0.6

    raw = [band for band in raw if not is_rule(*band)]
    bands: list[tuple[int, int]] = []
    for i, (top, bottom) in enumerate(raw):
        if bottom - top >= 8:
            bands.append((top, bottom))
            continue
        gap_up = top - raw[i - 1][1] if i else 1 << 30
        gap_down = raw[i + 1][0] - bottom if i + 1 < len(raw) else 1 << 30
        if gap_up <= gap_down and bands and bands[-1][1] == raw[i - 1][1]:
            bands[-1] = (bands[-1][0], bottom)
        elif i + 1 < len(raw):
            raw[i + 1] = (top, raw[i + 1][1])
        else:
            bands.append((top, bottom))
    lines = []
    for top, bottom in bands:
        if bottom - top > tallest_line or bottom - top < 4:
            continue
        band = grey.crop((0, max(0, top - 2), grey.width, bottom + 2))
        size = (round(band.width * scale), round(band.height * scale))
        band = band.resize(size, Image.Resampling.LANCZOS)
        band = ImageOps.expand(band, 24, fill=255)
        lines.append(pytesseract.image_to_string(band, lang="vie", config="--psm 7").strip())
    return "\n".join(line for line in lines if line)


def ocr_rasters(ops: list[Op]) -> str:
    """Tesseract (-l vie) over every raster block of a job, one block per line."""
    pytesseract = _tesseract()
    lines = []
    for op in ops:
        if isinstance(op, Raster):
            img = ImageOps.invert(op.image().convert("L"))  # black ink on white
            img = ImageOps.expand(img.resize((img.width * 2, img.height * 2)), 24, fill=255)
            text = pytesseract.image_to_string(img, lang="vie", config="--psm 7").strip()
            lines.append(text)
    return "\n".join(lines)


def fold(text: str) -> str:
    """What tesseract cannot tell apart in a monospace font: letter case, and the
    tailed l of DejaVu Sans Mono from t ("Emait", "tàm việc")."""
    return " ".join(text.split()).casefold().replace("l", "t")


def find_loosely(text: str, label: str) -> int:
    """Where ``label`` is, allowing one misread letter (tesseract reads a tone mark of
    12 x 24 dots wrongly now and then: "hổ sơ" for "hồ sơ"); -1 when absent."""
    exact = text.find(label)
    if exact >= 0:
        return exact
    n = len(label)
    for i in range(len(text) - n + 1):
        if sum(a != b for a, b in zip(text[i : i + n], label, strict=True)) <= 1:
            return i
    return -1


def read_paper(image: Image.Image) -> str:
    """The paper as one folded line of text (``fold``), for ``in`` and ``find_loosely``."""
    return fold(ocr_paper(image))


def decode_qr(image: Image.Image) -> list[str]:
    pyzbar = pytest.importorskip("pyzbar.pyzbar")
    return [s.data.decode("utf-8") for s in pyzbar.decode(image.convert("L"))]
