"""Draw decoded ESC/POS operations on a strip of paper (a PNG a person can look at).

Native text is drawn with a monospace font in font A's cell (12 x 24 dots,
scaled by the size multipliers), rasters as received, QR codes regenerated
from the data the printer stored, feeds as white space and a cut as a dashed
line.
"""

from __future__ import annotations

import unicodedata

import qrcode
from PIL import Image, ImageDraw

from motcua.printer.decoder import Cut, Feed, Op, QrCode, Raster, Text
from motcua.printer.fonts import FontSet
from motcua.printer.udc import from_columns

CELL_W, CELL_H = 12, 24
LINE_SPACING = 30  # default ESC 2 line: ~1/6 inch
MARGIN = 16  # white border around the paper in the picture


def _x(align: int, width: int, paper: int) -> int:
    if align == 1:
        return max(0, (paper - width) // 2)
    if align == 2:
        return max(0, paper - width)
    return 0


def qr_image(data: bytes, module: int) -> Image.Image:
    code = qrcode.QRCode(border=0, box_size=max(1, module))
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = len(matrix)
    img = Image.new("L", (side, side), 255)
    img.putdata([0 if cell else 255 for row in matrix for cell in row])
    return img.resize((side * module, side * module), Image.Resampling.NEAREST)


def render_ops(ops: list[Op], paper_dots: int, fonts: FontSet | None = None) -> Image.Image:
    """The job as it would come out of the printer: black on white, "L" mode."""
    fonts = fonts or FontSet()
    pieces: list[tuple[int, Image.Image]] = []  # (x, image) stacked top to bottom
    line: list[tuple[Text, Image.Image]] = []

    def flush_line() -> None:
        if not line:
            pieces.append((0, Image.new("L", (1, LINE_SPACING), 255)))
            return
        width = sum(img.width for _, img in line)
        height = max(img.height for _, img in line)
        row = Image.new("L", (width, max(height, LINE_SPACING)), 255)
        x = 0
        for _, img in line:
            row.paste(img, (x, height - img.height))
            x += img.width
        pieces.append((_x(line[0][0].align, width, paper_dots), row))
        line.clear()

    for op in ops:
        if isinstance(op, Text):
            if op.data:
                line.append((op, _text_image(op, fonts)))
            if op.newline:
                flush_line()
        elif isinstance(op, Raster):
            img = op.image()
            ink = Image.eval(img.convert("L"), lambda v: 255 - v)
            pieces.append((_x(op.align, ink.width, paper_dots), ink))
        elif isinstance(op, QrCode):
            img = qr_image(op.data, op.module)
            pieces.append((_x(op.align, img.width, paper_dots), img))
        elif isinstance(op, Feed):
            dots = op.dots + op.lines * LINE_SPACING
            if dots:
                pieces.append((0, Image.new("L", (1, dots), 255)))
        elif isinstance(op, Cut):
            pieces.append((0, Image.new("L", (1, 3 * LINE_SPACING), 255)))
            pieces.append((0, _cut_mark(paper_dots)))
    if line:
        flush_line()

    height = sum(img.height for _, img in pieces) + 2 * MARGIN
    paper = Image.new("L", (paper_dots + 2 * MARGIN, max(height, 2 * MARGIN + 1)), 255)
    y = MARGIN
    for x, img in pieces:
        paper.paste(img.crop((0, 0, min(img.width, paper_dots - x), img.height)), (MARGIN + x, y))
        y += img.height
    return paper


def _text_image(op: Text, fonts: FontSet) -> Image.Image:
    """Font A cells, scaled like the printer scales them (smoothed, as GS b does).

    Codes with a user-defined pattern (ESC & while ESC % 1 is on) are drawn from
    the pattern the printer received, dot for dot, not from any text."""
    # Our encoder only ever switches to a code page for CP1258 Vietnamese.
    codes = [b if op.glyph(b) is None else 0x20 for b in op.data]
    text = bytes(codes).decode("cp1258" if op.codepage else "latin-1", "replace")
    # C1 controls (0x80-0x9F in Latin-1) are not printable: a printer shows a blob.
    text = "".join(c if c.isprintable() else "?" for c in unicodedata.normalize("NFC", text))
    face = fonts.get("mono_bold" if op.bold else "mono", 20 * op.height)  # 12-dot advance
    cell = Image.new("L", (CELL_W * op.height * len(text), CELL_H * op.height), 255)
    ImageDraw.Draw(cell).text((0, op.height), text, font=face, fill=0)
    if op.width != op.height:
        cell = cell.resize((CELL_W * op.width * len(text), cell.height), Image.Resampling.BOX)
    for i, b in enumerate(op.data):
        pattern = op.glyph(b)
        if pattern is not None:
            ink = user_glyph(pattern, op.bold, op.width, op.height)
            cell.paste(0, (i * CELL_W * op.width, 0), ink)
    return cell


def user_glyph(
    pattern: tuple[int, int, bytes], bold: bool = False, width: int = 1, height: int = 1
) -> Image.Image:
    """A user-defined character as printed: mode "1", 1 = ink, in its cell scaled by
    the size multipliers; emphasized (ESC E) prints each dot one dot wider."""
    x, y, data = pattern
    img = from_columns(data, x, y, CELL_W)
    if bold:
        wider = img.copy()
        wider.paste(1, (1, 0), img.crop((0, 0, img.width - 1, img.height)))
        img = wider
    if width != 1 or height != 1:
        img = img.resize((img.width * width, img.height * height), Image.Resampling.NEAREST)
    return img


def _cut_mark(width: int) -> Image.Image:
    img = Image.new("L", (width, 9), 255)
    draw = ImageDraw.Draw(img)
    for x in range(0, width, 16):
        draw.line((x, 4, x + 8, 4), fill=0, width=1)
    return img
