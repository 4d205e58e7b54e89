"""Reading printed bytes back like a person: tesseract for the Vietnamese raster
lines, zbar for QR codes. Skips (naming the tool) when a tool is absent."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageOps

from motcua.printer.decoder import Op, Raster


def ocr_rasters(ops: list[Op]) -> str:
    """Tesseract (-l vie) over every raster block of a job, one block per line."""
    pytesseract = pytest.importorskip("pytesseract")
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed (Debian tesseract-ocr tesseract-ocr-vie)")
    if "vie" not in pytesseract.get_languages(config=""):
        pytest.skip("tesseract Vietnamese data missing (Debian tesseract-ocr-vie)")
    lines = []
    for op in ops:
        if isinstance(op, Raster):
            img = ImageOps.invert(op.image().convert("L"))  # black ink on white
            img = ImageOps.expand(img.resize((img.width * 2, img.height * 2)), 24, fill=255)
            text = pytesseract.image_to_string(img, lang="vie", config="--psm 7").strip()
            lines.append(text)
    return "\n".join(lines)


def decode_qr(image: Image.Image) -> list[str]:
    pyzbar = pytest.importorskip("pyzbar.pyzbar")
    return [s.data.decode("utf-8") for s in pyzbar.decode(image.convert("L"))]
