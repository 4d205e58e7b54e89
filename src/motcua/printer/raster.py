"""Vietnamese text to 1-bit raster, rendered lean.

Only lines that need it become images; each image is cropped to the ink (no
full-width margins, no blank rows above or below), so a line costs
``ceil(ink_width / 8) * ink_height`` bytes. The gap between lines is sent as a
feed command instead of white rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from motcua.printer.fonts import FontSet

# Grey level (0..255, 0 = black) below which an anti-aliased pixel becomes a dot.
# A little under the midpoint keeps thin diacritics (dấu hỏi, dấu ngã) whole.
INK_THRESHOLD = 150
_TO_INK = [255 if v < INK_THRESHOLD else 0 for v in range(256)]


@dataclass(frozen=True)
class Run:
    """A piece of a line in one style."""

    text: str
    bold: bool = False


def text_width(fonts: FontSet, text: str, size: int, bold: bool = False) -> int:
    font = fonts.get("bold" if bold else "regular", size)
    return int(font.getlength(text))


def wrap(fonts: FontSet, text: str, size: int, max_width: int, bold: bool = False) -> list[str]:
    """Greedy word wrap by rendered width; a word longer than a line is cut by letters."""
    if text_width(fonts, text, size, bold) <= max_width:
        return [text] if text.strip() else []
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(fonts, candidate, size, bold) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(fonts, word, size, bold) > max_width:
            cut = len(word)
            while cut > 1 and text_width(fonts, word[:cut], size, bold) > max_width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def render_runs(
    fonts: FontSet,
    runs: list[Run],
    size: int,
    invert: bool = False,
    pad: int = 0,
    half_width: bool = False,
) -> Image.Image | None:
    """Render runs side by side on one baseline; crop to ink. None when nothing inks.

    ``invert`` gives white letters on a black box (the priority mark), ``pad``
    dots of box around the ink. ``half_width`` squeezes the line to half its
    width, for printing in GS v 0 double-width mode: half the bytes, and large
    bold letters (strokes 4+ dots wide) lose nothing a reader notices.
    """
    faces = [fonts.get("bold" if r.bold else "regular", size) for r in runs]
    ascent = max(f.getmetrics()[0] for f in faces)
    descent = max(f.getmetrics()[1] for f in faces)
    width = int(sum(f.getlength(r.text) for f, r in zip(faces, runs, strict=True))) + 4
    canvas = Image.new("L", (width, ascent + descent + 4), 255)
    draw = ImageDraw.Draw(canvas)
    x = 2.0
    for face, run in zip(faces, runs, strict=True):
        draw.text((x, 2 + ascent), run.text, font=face, fill=0, anchor="ls")
        x += face.getlength(run.text)
    if half_width:
        canvas = canvas.resize(((canvas.width + 1) // 2, canvas.height), Image.Resampling.BOX)
    mono = canvas.point(_TO_INK, mode="1")
    box = mono.getbbox()
    if box is None:
        return None
    ink = mono.crop(box)
    if invert:
        boxed = Image.new("1", (ink.width + 2 * pad, ink.height + 2 * pad), 1)
        boxed.paste(0, (pad, pad), ink)  # clear the letters out of the black box
        return boxed
    return ink


def render_text(fonts: FontSet, text: str, size: int, bold: bool = False) -> Image.Image | None:
    return render_runs(fonts, [Run(text, bold)], size)


def to_raster(image: Image.Image) -> tuple[int, int, bytes]:
    """(width_bytes, height, data) for GS v 0: mode "1" with 1 = a printed dot."""
    if image.mode != "1":
        raise ValueError("raster images must be mode '1' with 1 = ink")
    width_bytes = (image.width + 7) // 8
    if image.width % 8:
        padded = Image.new("1", (width_bytes * 8, image.height), 0)
        padded.paste(image, (0, 0))
        image = padded
    return width_bytes, image.height, image.tobytes()
