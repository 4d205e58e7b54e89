"""A cleaned page to the files on disk: the compressed page img2pdf embeds as it is, and
the thumbnail the screens show.

Text pages are bilevel: JBIG2 with jbig2enc's lossless generic coding (``jbig2.py``), or
CCITT G4 TIFF when there is no encoder or it failed on the page; grey and colour pages are
JPEG at most ``photo_dpi``. Nothing but the pipeline reads the page files back: the
screens get the PNG thumbnail, the dossier the PDF.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from motcua.scanner.documents import cleanup, jbig2
from motcua.scanner.documents.settings import CleanSettings

THUMB_WIDTH = 200


def compress_page(
    img: np.ndarray, kind: cleanup.PageKind, dpi: int, stem: Path, settings: CleanSettings
) -> Path:
    """The page as a file img2pdf embeds without re-encoding: JBIG2 (or G4 TIFF) or JPEG."""
    if kind == "text":
        return _bilevel_page(img, dpi, stem, settings)
    path = stem.with_suffix(".jpg")
    out = cleanup.grey(img) if kind == "grey" else img
    store_dpi = dpi
    if dpi > settings.photo_dpi:
        factor = settings.photo_dpi / dpi
        size = (round(out.shape[1] * factor), round(out.shape[0] * factor))
        out = cv2.resize(out, size, interpolation=cv2.INTER_AREA)
        store_dpi = settings.photo_dpi
    Image.fromarray(out).save(
        path, quality=settings.jpeg_quality, dpi=(store_dpi, store_dpi), optimize=True
    )
    return path


def _bilevel_page(img: np.ndarray, dpi: int, stem: Path, settings: CleanSettings) -> Path:
    """A text page in black and white: G4 TIFF first (~15 ms), which jbig2enc reads
    (faster than a PBM: leptonica's PNM reader goes pixel by pixel) and which stays the
    page when there is no encoder or it fails on this page."""
    g4 = stem.with_suffix(".tif")
    bilevel = Image.fromarray(cleanup.binarize(img)).convert("1", dither=Image.Dither.NONE)
    bilevel.save(g4, compression="group4", dpi=(dpi, dpi))
    encoder = jbig2.encoder_for(settings.jbig2)
    if encoder is None:
        return g4
    out = jbig2.encode_generic(encoder, g4, stem.with_suffix(jbig2.SUFFIX), dpi, bilevel.size)
    if out is None:
        return g4
    g4.unlink()
    return out


def page_suffix(kind: cleanup.PageKind, settings: CleanSettings) -> str:
    """The page file's suffix as expected before compressing (a failed JBIG2 page ends
    up .tif: ``PageResult.file`` is set again after)."""
    if kind != "text":
        return ".jpg"
    return jbig2.SUFFIX if jbig2.encoder_for(settings.jbig2) is not None else ".tif"


def write_thumbnail(img: np.ndarray, path: Path) -> Path:
    h, w = img.shape[:2]
    size = (THUMB_WIDTH, max(1, round(h * THUMB_WIDTH / w)))
    small = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
    Image.fromarray(small).save(path, optimize=False)
    return path
