"""The one theme: every app's colours come from it, and they stay high contrast."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from motcua.counter.style_qt import console_stylesheet
from motcua.kiosk.theme_qt import Theme
from motcua.ui.theme import CONTRAST, HALL, LIGHT, Palette

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# (text, background) pairs that carry words a citizen or a clerk must read
TEXT_PAIRS = [
    ("ink", "page"),
    ("ink", "card"),
    ("muted", "page"),
    ("muted", "card"),
    ("on_primary", "primary"),
    ("accent", "card"),
    ("on_header", "header"),
    ("on_banner", "banner"),
    ("on_info", "info"),
    ("called", "card"),
    ("detail", "card"),
    ("ok", "card"),
    ("on_highlight", "highlight"),
    ("on_highlight", "highlight_alt"),
]


def test_the_contrast_ratio_is_the_wcag_one() -> None:
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", [LIGHT, HALL], ids=["light", "hall"])
def test_words_are_readable_on_the_everyday_palettes(palette: Palette) -> None:
    assert ratio(palette.ink, palette.page) >= 7  # body text: WCAG AAA
    low = {f"{t}/{b}": round(ratio(getattr(palette, t), getattr(palette, b)), 1)
           for t, b in TEXT_PAIRS}  # fmt: skip
    assert {k: v for k, v in low.items() if v < 4.5} == {}  # WCAG AA everywhere else


def test_high_contrast_is_at_least_7_to_1_for_every_word() -> None:
    low = {
        f"{t}/{b}": round(ratio(getattr(CONTRAST, t), getattr(CONTRAST, b)), 1)
        for t, b in TEXT_PAIRS
    }
    assert {k: v for k, v in low.items() if v < 7} == {}


@pytest.mark.parametrize(
    ("sheet", "palette"),
    [
        (Theme().stylesheet(), LIGHT),
        (Theme(large=True, wide=True).stylesheet(), LIGHT),
        (Theme(contrast=True).stylesheet(), CONTRAST),
        (console_stylesheet(), LIGHT),
    ],
    ids=["kiosk", "kiosk-large-wide", "kiosk-contrast", "counter"],
)
def test_the_style_sheets_use_only_their_palette(sheet: str, palette: Palette) -> None:
    allowed = {getattr(palette, f.name).lower() for f in fields(palette)}
    used = {c.lower() for c in HEX.findall(sheet)}
    assert used and used <= allowed, used - allowed


def test_the_large_switch_scales_the_kiosk_text() -> None:
    normal, large = Theme().stylesheet(), Theme(large=True).stylesheet()
    assert "font-size: 32px" in normal and "font-size: 42px" in large  # body 32 px x 1.3
    assert "min-height: 96px" in normal  # touch targets


def test_no_app_spells_a_colour_of_its_own() -> None:
    """Colours are the theme's: a hex colour in an app module is a second theme."""
    import motcua

    root = Path(motcua.__file__).parent
    found = {
        str(path.relative_to(root)): HEX.findall(path.read_text(encoding="utf-8"))
        for app in ("kiosk", "counter", "display")
        for path in (root / app).rglob("*.py")
    }
    assert {k: v for k, v in found.items() if v} == {}
