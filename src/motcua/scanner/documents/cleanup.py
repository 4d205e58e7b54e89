"""Page clean-up: each step a pure function on an image (a numpy array), tested alone.

Images are ``uint8`` arrays: ``(h, w)`` grey or ``(h, w, 3)`` RGB. Nothing here keeps
state, touches a device or a file, except ``detect_orientation`` which asks the
tesseract program (OSD) when it is installed.

- ``ink_ratio`` / ``is_blank``: NAPS2's rule (BlankDetector): a pixel whose luma is
  below ~179 is ink; a page with under ~0.25% ink is blank. Blank pages are *flagged*
  by the pipeline, never dropped here.
- ``crop_to_paper``: a feeder's dark backing (or a flatbed's dark lid) around the sheet
  is cut away; the sheet's own tilt is straightened on the way (its edges are lines).
- ``skew_angle`` / ``deskew``: the text lines' angle within ±10°, by projection
  profiles (the rows of ink are sharpest when the lines are level), then rotated back.
- ``detect_orientation`` / ``rotate_upright``: tesseract's OSD says 0/90/180/270.
- ``classify``: "text" (bilevel: JBIG2 or CCITT G4), "grey" or "colour" (JPEG).
- ``binarize``: adaptive threshold for text pages (uneven lighting, grey paper).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import Literal

import cv2
import numpy as np

INK_LUMA = 179  # NAPS2: below this luma a pixel is ink
BLANK_INK_RATIO = 0.0025  # NAPS2: under 0.25% ink is a blank page
MAX_SKEW = 10.0

PageKind = Literal["text", "grey", "colour"]


def grey(img: np.ndarray) -> np.ndarray:
    """Luma (ITU-R 601, as NAPS2 and Pillow) of an RGB image; grey images unchanged."""
    if img.ndim == 2:
        return img
    return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def ink_ratio(img: np.ndarray, threshold: int = INK_LUMA, margin: float = 0.02) -> float:
    """Share of ink pixels, leaving out a thin ``margin`` (edge shadows, feeder marks)."""
    g = grey(img)
    h, w = g.shape
    my, mx = int(h * margin), int(w * margin)
    inner = g[my : h - my or None, mx : w - mx or None]
    if inner.size == 0:
        return 0.0
    return float(np.count_nonzero(inner < threshold)) / inner.size


def is_blank(img: np.ndarray, threshold: int = INK_LUMA, max_ink: float = BLANK_INK_RATIO) -> bool:
    return ink_ratio(img, threshold) < max_ink


def _small(g: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    scale = long_side / max(g.shape)
    if scale >= 1:
        return g, 1.0
    size = (max(1, round(g.shape[1] * scale)), max(1, round(g.shape[0] * scale)))
    return cv2.resize(g, size, interpolation=cv2.INTER_AREA), scale


def rotate(img: np.ndarray, degrees: float, fill: int | tuple[int, int, int] = 255) -> np.ndarray:
    """``img`` turned ``degrees`` counter-clockwise about its centre, same size."""
    if abs(degrees) < 1e-3:
        return img
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    border = fill if img.ndim == 2 or isinstance(fill, tuple) else (fill, fill, fill)
    return cv2.warpAffine(
        img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border
    )


def _dark_border(small: np.ndarray, ring: float = 0.015, share: float = 0.3) -> bool:
    """True when a good part of the frame's outer ring is dark (a backing, not paper)."""
    h, w = small.shape
    r = max(2, int(min(h, w) * ring))
    edge = np.concatenate(
        [small[:r].ravel(), small[-r:].ravel(), small[:, :r].ravel(), small[:, -r:].ravel()]
    )
    return bool(np.count_nonzero(edge < 110) / edge.size > share)


def crop_to_paper(img: np.ndarray, min_area: float = 0.3) -> np.ndarray:
    """The sheet alone, straightened, when it lies on a darker background; else ``img``.

    The paper is the largest bright region (Otsu on a small copy). When it covers most of
    the frame already (a white flatbed lid), there is nothing to cut and ``img`` returns.
    """
    g = grey(img)
    small, scale = _small(g, 1000)
    if not _dark_border(small):
        return img  # no backing shows around the sheet: nothing to cut
    _t, mask = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _h = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return img
    paper = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(paper) / (small.shape[0] * small.shape[1])
    if area < min_area or area > 0.985:
        return img
    corners = cv2.boxPoints(cv2.minAreaRect(paper)) / scale
    # order the corners: top-left has the smallest x+y, bottom-right the largest,
    # top-right the smallest y-x, bottom-left the largest (tilts well under 45°)
    total, diff = corners.sum(axis=1), corners[:, 1] - corners[:, 0]
    tl, _br = corners[np.argmin(total)], corners[np.argmax(total)]
    tr, bl = corners[np.argmin(diff)], corners[np.argmax(diff)]
    tilt = np.degrees(np.arctan2(tr[1] - tl[1], tr[0] - tl[0]))
    if abs(tilt) > MAX_SKEW:
        return img
    width, height = np.hypot(*(tr - tl)), np.hypot(*(bl - tl))
    # lose the sheet's own edge shadow, and the small copy's pixel of doubt
    inset = 0.002 * max(width, height) + 1.5 / scale
    out_w, out_h = int(width - 2 * inset), int(height - 2 * inset)
    src = np.array([tl, tr, bl], dtype=np.float32)
    dst = np.array(
        [[-inset, -inset], [out_w + inset, -inset], [-inset, out_h + inset]], dtype=np.float32
    )
    m = cv2.getAffineTransform(src, dst)
    fill = 255 if img.ndim == 2 else (255, 255, 255)
    return cv2.warpAffine(
        img,
        m,
        (out_w, out_h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )


def _profile_score(ys: np.ndarray, xs: np.ndarray, degrees: float, height: int) -> float:
    """Sharpness of the row profile of ink points turned by ``degrees``."""
    t = np.deg2rad(degrees)
    rows = (ys * np.cos(t) - xs * np.sin(t)).astype(np.int64)
    rows -= rows.min()
    profile = np.bincount(rows, minlength=height).astype(np.float64)
    return float(np.var(np.diff(profile)))


def skew_angle(img: np.ndarray, max_angle: float = MAX_SKEW) -> float:
    """How far (degrees, counter-clockwise) the page's text lines are tilted.

    Projection profiles of the ink points of a ~100 dpi copy (rows of ink are sharpest
    when the lines are level): coarse steps of 0.5°, then 0.05° around the best.
    Returns 0 for pages with too little ink to tell.
    """
    small, _scale = _small(grey(img), 1100)
    ys, xs = np.nonzero(small < INK_LUMA)
    if ys.size < 0.002 * small.size:
        return 0.0
    if ys.size > 200_000:  # plenty to tell the angle; keeps a dense page fast
        pick = np.random.default_rng(0).choice(ys.size, 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    # image rows grow downwards: a counter-clockwise tilt is a negative slope in (x, y)
    yf, xf = ys.astype(np.float64), -xs.astype(np.float64)
    height = int(np.hypot(*small.shape)) + 2

    def score(a: float) -> float:
        return _profile_score(yf, xf, a, height)

    coarse = [float(a) for a in np.arange(-max_angle, max_angle + 1e-9, 0.5)]
    best = max(coarse, key=score)
    fine = [float(a) for a in np.arange(best - 0.5, best + 0.5 + 1e-9, 0.05)]
    finest: float = max(fine, key=score)
    return round(finest, 2)


def deskew(img: np.ndarray, max_angle: float = MAX_SKEW) -> tuple[np.ndarray, float]:
    """``img`` levelled, and the tilt that was taken out (degrees, counter-clockwise)."""
    angle = skew_angle(img, max_angle)
    if abs(angle) < 0.1:
        return img, 0.0
    return rotate(img, -angle), angle


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def detect_orientation(img: np.ndarray, dpi: int = 300, min_confidence: float = 2.0) -> int:
    """Degrees clockwise to turn the page upright (0, 90, 180, 270), by tesseract OSD.

    OSD reads the middle 40% of the page at 150 dpi (below ~120 dpi it guesses wrong;
    the whole page takes twice as long for the same answer). 0 when tesseract is
    missing, the page has too little text, or OSD is unsure.
    """
    if not tesseract_available():
        return 0
    g = grey(img)
    h, w = g.shape
    # the middle band across the lines (a page lying sideways: down the page)
    band = g[int(h * 0.3) : int(h * 0.7)] if h >= w else g[:, int(w * 0.3) : int(w * 0.7)]
    factor = min(1.0, 150 / dpi)
    if factor < 1:
        size = (max(1, round(band.shape[1] * factor)), max(1, round(band.shape[0] * factor)))
        band = cv2.resize(band, size, interpolation=cv2.INTER_AREA)
    ok, png = cv2.imencode(".png", band)
    if not ok:
        return 0
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "--psm", "0", "-l", "osd", "--dpi", "150"],
            input=png.tobytes(),
            capture_output=True,
            timeout=60,
            check=False,
            env={"OMP_THREAD_LIMIT": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        )
    except (OSError, subprocess.TimeoutExpired):
        return 0
    text = done.stdout.decode("utf-8", "replace")
    rot, conf = _OSD_ROTATE.search(text), _OSD_CONF.search(text)
    if not rot or not conf or float(conf[1]) < min_confidence:
        return 0
    return int(rot[1]) % 360


def looks_sideways(img: np.ndarray) -> bool:
    """Do the text lines run down the page (a sheet fed at 90 or 270 degrees)?

    ~5 ms at 75 dpi: the ink profile across the rows of upright text alternates between
    lines and gaps, the profile across the columns is even; sideways text is the other
    way round (on the sample pages rows/columns 2.3-5.2 vs 0.4-1.4 — a factor of 2 or
    more either way). It cannot tell upside down from upright: that needs OSD."""
    g = grey(img)
    small = cv2.resize(
        g, (max(1, g.shape[1] // 4), max(1, g.shape[0] // 4)), interpolation=cv2.INTER_AREA
    )
    ink = small < 160

    def spread(profile: np.ndarray) -> float:
        p = profile.astype(np.float64)
        mean = float(p.mean())
        return float(p.var()) / (mean * mean) if mean else 0.0

    return spread(ink.sum(axis=0)) > spread(ink.sum(axis=1))


def rotate_quarter(img: np.ndarray, clockwise_degrees: int) -> np.ndarray:
    turns = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    code = turns.get(clockwise_degrees % 360)
    return img if code is None else cv2.rotate(img, code)


def rotate_upright(img: np.ndarray, dpi: int = 300) -> tuple[np.ndarray, int]:
    degrees = detect_orientation(img, dpi)
    return rotate_quarter(img, degrees), degrees


def classify(img: np.ndarray, colour_share: float = 0.01, grey_share: float = 0.12) -> PageKind:
    """ "colour" when over 1% of the page is clearly coloured, "grey" when over 12% of it
    is mid-tone (a photo, a stamp-heavy map), else "text" (black on paper)."""
    if img.ndim == 3:
        small = cv2.resize(img, (img.shape[1] // 8 or 1, img.shape[0] // 8 or 1))
        chroma = small.max(axis=2).astype(np.int16) - small.min(axis=2)
        if np.count_nonzero(chroma > 60) / chroma.size > colour_share:
            return "colour"
    g = grey(img)
    small = cv2.resize(
        g, (g.shape[1] // 8 or 1, g.shape[0] // 8 or 1), interpolation=cv2.INTER_AREA
    )
    # at 1/8 scale text strokes blur to mid-tones too: only broad mid-tone areas count
    small = cv2.medianBlur(small, 5)
    mid = np.count_nonzero((small > 50) & (small < 200)) / small.size
    return "grey" if mid > grey_share else "text"


def binarize(img: np.ndarray, block: int = 51, offset: int = 15, guard: int = 200) -> np.ndarray:
    """Black text on white for a text page: adaptive (local mean) threshold.

    Returns a ``uint8`` array of 0 and 255. ``block`` is the neighbourhood in pixels
    (about 4 mm at 300 dpi), ``offset`` how much darker than its neighbourhood ink is;
    a pixel lighter than ``guard`` is never ink, so sensor noise on white paper does not
    turn into specks (on a noisy scan they made G4 pages 2.5 times larger). A 3x3 median
    of the result then takes off single-pixel specks and the ragged edge pixels noise
    leaves on strokes: G4 codes every edge change, so the text pages of the bench are ~4%
    smaller (41.7 -> 39.9 KB mean) with strokes and diacritics intact at 300 dpi.
    """
    g = grey(img)
    local = cv2.adaptiveThreshold(
        g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block | 1, offset
    )
    local[g >= guard] = 255
    return cv2.medianBlur(local, 3)
