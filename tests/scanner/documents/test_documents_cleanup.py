"""Page clean-up steps, each alone on rendered Vietnamese pages."""

from __future__ import annotations

import numpy as np
import pytest

from motcua.scanner.documents import cleanup


def test_blank_rule_is_naps2s_luma_and_share() -> None:
    page = np.full((1000, 800), 250, np.uint8)
    assert cleanup.is_blank(page)
    # 0.2% ink (a speck of dust, a punched hole's shadow): still blank
    page[100:104, 100:500] = 100  # 1600 px of 736k inner px = 0.22%
    assert cleanup.ink_ratio(page) == pytest.approx(1600 / (960 * 768), rel=1e-3)
    assert cleanup.is_blank(page)
    # a short handwritten line: 0.3% ink is a page
    page[200:204, 100:300] = 100
    assert not cleanup.is_blank(page)


def test_ink_is_luma_below_179() -> None:
    page = np.full((500, 500), 179, np.uint8)  # light grey paper: not ink
    assert cleanup.ink_ratio(page) == 0.0
    assert cleanup.ink_ratio(page - 1) == 1.0


def test_a_text_page_is_not_blank_and_a_noisy_white_one_is(text_a4: np.ndarray) -> None:
    assert not cleanup.is_blank(text_a4)
    rng = np.random.default_rng(1)
    noisy = np.clip(250 + rng.normal(0, 10, text_a4.shape), 0, 255).astype(np.uint8)
    assert cleanup.is_blank(noisy)


@pytest.mark.parametrize("tilt", [-9.0, -4.0, -1.5, 2.5, 6.0])
def test_skew_is_measured_and_taken_out(text_a4: np.ndarray, tilt: float) -> None:
    tilted = cleanup.rotate(text_a4, tilt)
    assert cleanup.skew_angle(tilted) == pytest.approx(tilt, abs=0.2)
    level, taken = cleanup.deskew(tilted)
    assert taken == pytest.approx(tilt, abs=0.2)
    assert abs(cleanup.skew_angle(level)) <= 0.2


def test_a_level_page_is_left_alone(text_a4: np.ndarray) -> None:
    level, taken = cleanup.deskew(text_a4)
    assert taken == 0.0
    assert level is text_a4


def _on_backing(page: np.ndarray, tilt: float, pad: int = 100) -> np.ndarray:
    import cv2

    canvas = cv2.copyMakeBorder(page, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=40)
    return cleanup.rotate(canvas, tilt, fill=40)


@pytest.mark.parametrize("tilt", [0.0, 3.0, -5.0])
def test_crop_to_paper_cuts_the_backing_away(text_a4: np.ndarray, tilt: float) -> None:
    scanned = _on_backing(text_a4, tilt)
    paper = cleanup.crop_to_paper(scanned)
    h, w = text_a4.shape
    assert paper.shape[0] == pytest.approx(h, rel=0.03)
    assert paper.shape[1] == pytest.approx(w, rel=0.03)
    # no dark backing left along the edges
    edges = np.concatenate(
        [paper[:3].ravel(), paper[-3:].ravel(), paper[:, :3].ravel(), paper[:, -3:].ravel()]
    )
    assert np.count_nonzero(edges < 100) / edges.size < 0.01
    # and the sheet is nearly level already (deskew takes the rest)
    assert abs(cleanup.skew_angle(paper)) < 1.0


def test_crop_leaves_a_page_without_backing_alone(text_a4: np.ndarray) -> None:
    assert cleanup.crop_to_paper(text_a4) is text_a4


def test_a_blank_sheet_on_the_backing_is_blank_once_cropped() -> None:
    white = np.full((1754, 1240), 250, np.uint8)
    scanned = _on_backing(white, 4.0)
    assert not cleanup.is_blank(scanned)  # the backing looks like ink
    assert cleanup.is_blank(cleanup.crop_to_paper(scanned))


def test_classify_text_grey_colour(text_a4: np.ndarray, photo_a4: np.ndarray) -> None:
    assert cleanup.classify(text_a4) == "text"
    assert cleanup.classify(np.stack([text_a4] * 3, axis=2)) == "text"  # RGB scan of black text
    assert cleanup.classify(photo_a4) == "colour"
    assert cleanup.classify(cleanup.grey(photo_a4)) == "grey"


def test_binarize_is_black_on_white_despite_uneven_light(text_a4: np.ndarray) -> None:
    # a shadow across the page: the right half 70 levels darker
    shaded = text_a4.astype(np.int16)
    shaded[:, shaded.shape[1] // 2 :] -= 70
    shaded = np.clip(shaded, 0, 255).astype(np.uint8)
    out = cleanup.binarize(shaded)
    assert set(np.unique(out)) <= {0, 255}
    left, right = out[:, : out.shape[1] // 2], out[:, out.shape[1] // 2 :]
    # the shaded half is not turned black: about as much ink as the lit half
    assert (right == 0).mean() == pytest.approx((left == 0).mean(), abs=0.03)
    assert (out == 0).mean() < 0.15


def test_quarter_turns() -> None:
    img = np.zeros((2, 3), np.uint8)
    assert cleanup.rotate_quarter(img, 90).shape == (3, 2)
    assert cleanup.rotate_quarter(img, 0) is img


def test_osd_turns_an_upside_down_page_upright() -> None:
    """tesseract's orientation detection (tesseract-ocr is in scripts/setup)."""
    from motcua.scanner.documents.samplepages import text_page

    assert cleanup.tesseract_available(), "tesseract missing: run scripts/setup"
    page = cleanup.binarize(np.asarray(text_page(1, 200)))
    assert cleanup.detect_orientation(page, dpi=200) == 0
    flipped = cleanup.rotate_quarter(page, 180)
    upright, turned = cleanup.rotate_upright(flipped, dpi=200)
    assert turned == 180
    assert np.array_equal(upright, page)
