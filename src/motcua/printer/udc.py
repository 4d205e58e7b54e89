"""Vietnamese as printer text through user-defined characters (ESC & / ESC %).

A printer's code pages do not carry Vietnamese dependably (HARDWARE.md), but
ESC/POS lets the host download its own character patterns for codes 32..126
(ESC & y c1 c2 [x d1..d(y*x)]...) and switch to them with ESC % 1. While the
user-defined set is selected, a code that has a pattern prints the pattern and
a code without one prints the printer's own (resident) character. So ASCII and
our glyphs share one space of 95 codes: a job keeps ESC % 1 on, gives each
Vietnamese letter it uses a code that the text around it does not need as
ASCII, and prints every line as text (one byte a letter instead of ~36 bytes
of raster per letter column band).

``CodeTable`` decides which code carries which glyph as lines go by:

- before a line, every code the line prints as ASCII and that carries a glyph
  is cancelled (ESC ? n): the printer prints its own character again;
- each non-ASCII letter of the line without a code gets a free one (codes
  least likely to be typed first: ``~ ` ^ | { }`` ..., then letters Vietnamese
  does not use), or a code whose glyph this line does not need (the oldest);
- a printer that holds fewer than 95 patterns (``user_defined_chars`` in the
  profile) reuses its codes; a line that needs more glyphs than that is
  returned as impossible and goes as raster.

Definitions are sent between lines, after the LF that printed the line
before, so a pattern never changes under text still in the line buffer.
Glyphs are drawn from the bundled DejaVu Sans Mono in font A's cell (12 x 24
dots at 203/180 dpi): the same face, size and baseline the sim printer uses
for its resident characters, so a line reads evenly.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from motcua.printer.fonts import FontSet
from motcua.printer.raster import INK_THRESHOLD

FIRST_CODE, LAST_CODE = 0x20, 0x7E
# Codes in the order they are handed out: symbols almost never printed, then
# letters Vietnamese does not use, then the rest by rising frequency. Space is
# never redefined. Any order is correct (collisions are cancelled); this one
# keeps cancellations rare.
PREFERRED_CODES: tuple[int, ...] = tuple(
    dict.fromkeys(
        ord(c)
        for c in (
            "~`^|{}\\@#$&*_<>=[]+;\"'!?%"
            "fjwzFJWZqQXxKk"
            "YVRPLGEOUBCDHSIMNAT"
            "yvrplgeoubcdhsimnat"
            "9876543210"
            "()/:,.-"
        )
    )
)
assert len(PREFERRED_CODES) == LAST_CODE - FIRST_CODE, "every printable code but space"


def needs_glyph(ch: str) -> bool:
    """A character the printer's resident set cannot be trusted with."""
    return not (FIRST_CODE <= ord(ch) <= LAST_CODE)


def normalize(text: str) -> str:
    """NFC (one code point a letter), controls dropped, whitespace made spaces."""
    text = unicodedata.normalize("NFC", text)
    return "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or ch.isprintable())


# ---------------------------------------------------------------- glyph patterns


_TONES_ABOVE = {"\u0300": "ò", "\u0301": "ó", "\u0303": "õ", "\u0309": "ỏ"}
_SHAPE_MARKS = {"\u0302", "\u0306"}  # circumflex, breve: a tone goes on top of them
BASELINE_ROW = 20  # of 24: where font A letters sit in the cell


def _render(face, ch: str, cell_w: int, cell_h: int) -> Image.Image:
    """``ch`` as grey ink (255 = ink) on a canvas three cells wide, the cell in the middle."""
    canvas = Image.new("L", (cell_w * 3, cell_h), 0)
    x = cell_w + max(0.0, (cell_w - face.getlength(ch)) / 2)  # wide glyphs (—) centred
    ImageDraw.Draw(canvas).text((x, cell_h / 24), ch, font=face, fill=255)
    return canvas


def _stacked(face, ch: str, cell_w: int, cell_h: int) -> Image.Image | None:
    """A letter with a tone over a circumflex or breve (ồ, Ấ, ẵ), stacked in the cell.

    The font puts such a tone beside the circumflex, wider than a cell; here the
    tone (taken from the same font's ò ó õ ỏ) sits over the letter, and a capital
    is squeezed a little in height to make room, as printers' own fonts do."""
    parts = unicodedata.normalize("NFD", ch)
    tones = [m for m in parts[1:] if m in _TONES_ABOVE]
    if len(tones) != 1 or not any(m in _SHAPE_MARKS for m in parts[1:]):
        return None
    base = _render(face, unicodedata.normalize("NFC", parts.replace(tones[0], "")), cell_w, cell_h)
    carrier = _render(face, _TONES_ABOVE[tones[0]], cell_w, cell_h)
    o_top = _render(face, "o", cell_w, cell_h).getbbox()
    mark_box = carrier.crop((0, 0, carrier.width, o_top[1] - 1)).getbbox() if o_top else None
    box = base.getbbox()
    if mark_box is None or box is None:
        return None
    mark = carrier.crop(mark_box)
    baseline = round(BASELINE_ROW * cell_h / 24)
    # Acute, grave and hook stand at the right of the circumflex, their foot at its
    # peak (the Vietnamese way, and what readers and OCR expect); a tilde sits on top.
    beside = tones[0] != "\u0303"
    top = mark.height - 1 if beside else mark.height + 1  # the letter's top row
    if box[1] < top:  # squeeze what is above the baseline; the dot below stays
        upper = base.crop((0, box[1], base.width, baseline))
        upper = upper.resize((base.width, baseline - top), Image.Resampling.BOX)
        squeezed = Image.new("L", base.size, 0)
        squeezed.paste(upper, (0, top))
        squeezed.paste(base.crop((0, baseline, base.width, cell_h)), (0, baseline))
        base = squeezed
        box = base.getbbox() or box
    if beside:
        x = min(2 * cell_w - mark.width, round((box[0] + box[2]) / 2) + 1)
        base.paste(255, (x, box[1] + 1 - mark.height), mark)
    else:
        x = round((box[0] + box[2]) / 2 - mark.width / 2)
        base.paste(255, (x, box[1] - 1 - mark.height), mark)
    return base


@lru_cache(maxsize=1024)
def _glyph_image(font_path: str, ch: str, cell_w: int, cell_h: int) -> Image.Image:
    from PIL import ImageFont

    # Font A's cell: DejaVu Sans Mono at 20 px advances 12 dots; its ascent (19)
    # drawn one dot down puts the baseline on row 20, leaving room for marks above
    # and the dot below (ạ) within 24 rows.
    face = ImageFont.truetype(font_path, round(20 * cell_h / 24))
    grey = _stacked(face, ch, cell_w, cell_h) or _render(face, ch, cell_w, cell_h)
    box = grey.getbbox()
    if box is not None and (box[0] < cell_w or box[2] > 2 * cell_w):
        # Still wider than a cell: fit its ink into the cell's width.
        ink = grey.crop((box[0], 0, box[2], cell_h))
        ink = ink.resize((min(ink.width, cell_w), cell_h), Image.Resampling.BOX)
        grey = Image.new("L", (cell_w * 3, cell_h), 0)
        grey.paste(ink, (cell_w + (cell_w - ink.width) // 2, 0))
    cell = grey.crop((cell_w, 0, 2 * cell_w, cell_h))
    return cell.point([255 if v > 255 - INK_THRESHOLD else 0 for v in range(256)], mode="1")


def glyph_image(fonts: FontSet, ch: str, cell_w: int = 12, cell_h: int = 24) -> Image.Image:
    """The pattern for ``ch`` in one cell, mode "1" with 1 = a printed dot."""
    return _glyph_image(str(fonts.paths["mono"]), ch, cell_w, cell_h)


def to_columns(image: Image.Image) -> bytes:
    """ESC & column format: for each column left to right, ``height / 8`` bytes top
    to bottom, the most significant bit the top dot."""
    if image.mode != "1" or image.height % 8:
        raise ValueError("a pattern is mode '1' with a height in whole bytes")
    px = image.load()
    assert px is not None
    out = bytearray()
    for x in range(image.width):
        for band in range(image.height // 8):
            byte = 0
            for bit in range(8):
                if px[x, band * 8 + bit]:
                    byte |= 0x80 >> bit
            out.append(byte)
    return bytes(out)


def from_columns(data: bytes, x: int, y: int, cell_w: int | None = None) -> Image.Image:
    """The inverse of ``to_columns`` (the sim printer draws what it received); a
    pattern narrower than the cell is padded with blank columns on the right."""
    width = max(x, cell_w or 0)
    img = Image.new("1", (width, y * 8), 0)
    px = img.load()
    assert px is not None
    for col in range(x):
        for band in range(y):
            byte = data[col * y + band]
            for bit in range(8):
                if byte & (0x80 >> bit):
                    px[col, band * 8 + bit] = 1
    return img


# ---------------------------------------------------------------- code assignment


@dataclass(frozen=True)
class LinePlan:
    """What to send before a line, and the line's bytes."""

    cancel: tuple[int, ...]  # ESC ? n for each
    define: tuple[tuple[int, str], ...]  # (code, character) to send with ESC &
    data: bytes  # the line's text as codes (ASCII as itself, letters as their codes)


class CodeTable:
    """Which code carries which glyph, for one job (ESC @ clears the printer's)."""

    def __init__(self, capacity: int = LAST_CODE - FIRST_CODE) -> None:
        self.capacity = max(0, min(capacity, len(PREFERRED_CODES)))
        self._by_char: OrderedDict[str, int] = OrderedDict()  # oldest first
        self._by_code: dict[int, str] = {}
        self._slots: list[int] = []  # codes ever given a pattern (a capped printer reuses them)

    def defined(self) -> dict[int, str]:
        return dict(self._by_code)

    def release(self, text: bytes) -> list[int]:
        """Codes to cancel before ``text`` prints as plain ASCII (a rule, a number)."""
        cancel = sorted({b for b in text if b in self._by_code})
        for code in cancel:
            del self._by_char[self._by_code.pop(code)]
        return cancel

    def plan(self, text: str) -> LinePlan | None:
        """The commands and bytes for one line; None when the line needs more glyphs
        at once than the printer holds (print it as raster). The table is unchanged
        when the line does not fit."""
        text = normalize(text)
        ascii_codes = {ord(c) for c in text if not needs_glyph(c)}
        wanted = list(dict.fromkeys(c for c in text if needs_glyph(c)))
        saved = (OrderedDict(self._by_char), dict(self._by_code), list(self._slots))
        try:
            return self._plan(text, ascii_codes, wanted)
        except _NoCode:
            self._by_char, self._by_code, self._slots = saved
            return None

    def _plan(self, text: str, ascii_codes: set[int], wanted: list[str]) -> LinePlan:
        cancel = [code for code in sorted(ascii_codes) if code in self._by_code]
        for code in cancel:
            del self._by_char[self._by_code.pop(code)]
        define: list[tuple[int, str]] = []
        for ch in wanted:
            if ch in self._by_char:
                self._by_char.move_to_end(ch)
                continue
            code = self._free_code(ascii_codes, set(wanted))
            define.append((code, ch))
            self._by_code[code] = ch
            self._by_char[ch] = code
        data = bytes(self._by_char[c] if needs_glyph(c) else ord(c) for c in text)
        return LinePlan(tuple(cancel), tuple(define), data)

    def _free_code(self, ascii_codes: set[int], wanted: set[str]) -> int:
        def usable(code: int) -> bool:
            return code not in ascii_codes and code not in self._by_code

        if len(self._slots) < self.capacity:
            for code in PREFERRED_CODES:
                if usable(code) and code not in self._slots:
                    self._slots.append(code)
                    return code
        for code in self._slots:  # a slot whose glyph was cancelled or never reused
            if usable(code):
                return code
        for ch, code in self._by_char.items():  # the oldest glyph this line does not need
            if ch not in wanted:
                del self._by_char[ch]
                del self._by_code[code]
                return code
        raise _NoCode


class _NoCode(Exception):
    """No code is left for a glyph of this line."""
