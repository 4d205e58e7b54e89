"""A slip writer: lines of text in the cheapest form that prints them right.

ASCII goes as native printer text; Vietnamese as a tight raster line (or as
code-page text on a profile proven to print it). A writer made with
``user_chars=True`` on a profile with ``user_defined_chars`` prints Vietnamese
as printer text too, its letters downloaded as user-defined characters
(udc.py): font A, sizes 24 and up at double width and height; a line the
printer cannot hold the patterns for falls back to raster. Layouts speak in
lines and sizes for 80 mm paper; sizes shrink in proportion on narrower paper.
"""

from __future__ import annotations

import textwrap

from PIL import Image

from motcua.printer.encoder import Encoder
from motcua.printer.fonts import FontSet
from motcua.printer.profiles import PrinterProfile
from motcua.printer.raster import Run, render_runs, text_width, wrap
from motcua.printer.udc import normalize

LINE_GAP = 6  # dots fed between raster lines
# Below this pixel size, half-width letters lose their shape: print them whole.
HALF_WIDTH_MIN_SIZE = 20
# In user-defined-character text, sizes from here print at double width and height.
DOUBLE_SIZE_FROM = 24


class SlipWriter:
    def __init__(self, profile: PrinterProfile, fonts: FontSet, user_chars: bool = False) -> None:
        self.profile = profile
        self.fonts = fonts
        self.enc = Encoder(profile)
        self.width = profile.width_dots
        self._scale = profile.width_dots / 576
        self.user_chars = user_chars and profile.user_defined_chars > 0

    def px(self, size: int) -> int:
        """A font size given for 80 mm paper, on this paper."""
        return max(16, round(size * self._scale))

    def align(self, where: str) -> None:
        self.enc.align(where)

    def gap(self, dots: int = LINE_GAP) -> None:
        self.enc.feed_dots(dots)

    def text(
        self, text: str, size: int = 22, bold: bool = False, margin: int = 8, half: bool = False
    ) -> None:
        """A paragraph, wrapped to the paper. Native text when it is all ASCII.

        ``half``: print the raster at double width from a half-width image (half
        the bytes; for large bold lines, where it does not show).
        """
        text = " ".join(text.split())
        if not text:
            return
        if text.isascii():
            for line in textwrap.wrap(text, self.profile.columns) or [""]:
                self.enc.text_line(line, bold=bold)
            return
        if self.profile.vietnamese_codepage is not None:
            for line in textwrap.wrap(text, self.profile.columns):
                self.enc.codepage_line(line, bold=bold)
            return
        if self.user_chars:
            mult = 2 if size >= DOUBLE_SIZE_FROM else 1
            # NFC first: a decomposed letter would count as two columns in the wrap.
            for line in textwrap.wrap(normalize(text), self.profile.columns // mult):
                if not self.enc.user_char_line([(line, bold)], self.fonts, mult, mult):
                    self._raster_text(line, size, bold, margin, half)
                elif mult > 1:
                    self.gap(LINE_GAP)  # double-height lines touch: keep ạ off the next Ấ
            return
        self._raster_text(text, size, bold, margin, half)

    def _raster_text(self, text: str, size: int, bold: bool, margin: int, half: bool) -> None:
        size = self.px(size)
        half = half and size >= HALF_WIDTH_MIN_SIZE
        for line in wrap(self.fonts, text, size, self.width - 2 * margin, bold):
            img = render_runs(self.fonts, [Run(line, bold)], size, half_width=half)
            self.raster(img, double_width=half)

    def label_value(self, label: str, value: str, size: int = 22, indent: int = 24) -> None:
        """ "Label: value" with the label in bold; continuation lines indented."""
        if self.user_chars and self._label_value_text(label, value):
            return
        size = self.px(size)
        label_w = text_width(self.fonts, label + " ", size, bold=True)
        first_room = self.width - 8 - label_w
        words = value.split()
        first: list[str] = []
        while words and text_width(self.fonts, " ".join([*first, words[0]]), size) <= first_room:
            first.append(words.pop(0))
        self.raster(render_runs(self.fonts, [Run(label + " ", True), Run(" ".join(first))], size))
        if words:
            for line in wrap(self.fonts, " ".join(words), size, self.width - 8 - indent):
                img = render_runs(self.fonts, [Run(line)], size)
                self.raster(img, left=indent)

    def _label_value_text(self, label: str, value: str) -> bool:
        """``label_value`` as printer text (a line the printer cannot hold goes raster)."""
        cols = self.profile.columns
        indent = 2
        label, value = normalize(label), normalize(value)
        words = " ".join(value.split()).split(" ") if value.strip() else []
        first: list[str] = []
        room = cols - len(label) - 1
        while words and len(" ".join([*first, words[0]])) <= room:
            first.append(words.pop(0))
        lines = [[(label + " ", True), (" ".join(first), False)]]
        for line in textwrap.wrap(" ".join(words), cols - indent):
            lines.append([(" " * indent + line, False)])
        for runs in lines:
            if not self.enc.user_char_line(runs, self.fonts):  # too many letters at once
                runs = [(t.strip(), b) for t, b in runs]
                self.raster(render_runs(self.fonts, [Run(t, b) for t, b in runs], self.px(22)))
        return True

    def columns_text(self, left: str, right: str, bold: bool = False) -> bool:
        """Two texts, each centred in its half of the line, as printer text (the
        signature block); False when this writer prints raster."""
        if not self.user_chars:
            return False
        half = self.profile.columns // 2
        left, right = normalize(left), normalize(right)
        line = left[:half].center(half) + right[:half].center(half)
        return self.enc.user_char_line([(line.rstrip(), bold)], self.fonts)

    def raster(
        self,
        image: Image.Image | None,
        left: int = 0,
        gap: int = LINE_GAP,
        double_width: bool = False,
    ) -> None:
        if image is None:
            return
        if left:
            shifted = Image.new("1", (left + image.width, image.height), 0)
            shifted.paste(image, (left, 0))
            image = shifted
        self.enc.image(image, double_width=double_width)
        self.gap(gap)

    def big_number(self, number: str) -> None:
        """The ticket number as native text, as large as the paper allows (up to 6x)."""
        glyph = self.profile.font_a_width
        mult = 6
        while mult > 2 and len(number) * glyph * mult > self.width * 0.9:
            mult -= 1
        self.enc.text_line(number, width=mult, height=mult, bold=True)

    def data(self) -> bytes:
        self.enc.finish()
        return self.enc.data()


def two_columns(
    fonts: FontSet, left: list[str], right: list[str], size: int, width: int, bold: bool = False
) -> Image.Image | None:
    """Two blocks of lines, each centered in its half of the paper (signatures)."""
    rows: list[Image.Image] = []
    for i in range(max(len(left), len(right))):
        row = Image.new("1", (width, 1), 0)
        cells = []
        for text in (left[i] if i < len(left) else "", right[i] if i < len(right) else ""):
            cells.append(render_runs(fonts, [Run(text, bold)], size) if text else None)
        height = max((c.height for c in cells if c is not None), default=0)
        if not height:
            continue
        row = Image.new("1", (width, height), 0)
        for col, cell in enumerate(cells):
            if cell is not None:
                half = width // 2
                row.paste(cell, (col * half + max(0, (half - cell.width) // 2), 0))
        rows.append(row)
    if not rows:
        return None
    gap = 4
    out = Image.new("1", (width, sum(r.height for r in rows) + gap * (len(rows) - 1)), 0)
    y = 0
    for r in rows:
        out.paste(r, (0, y))
        y += r.height + gap
    box = out.getbbox()
    return out.crop((0, 0, box[2], out.height)) if box else None
