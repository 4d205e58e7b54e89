"""What the ESC/POS decoder reads a byte stream into: one frozen dataclass per operation.

``Op`` is their union: initialise, align, a style change, a line of text carrying the
style and user-defined glyphs in force, a raster image, a QR code, a feed, a cut, a
status query, and ``Unknown`` (a command kept, not dropped, so a test can see it). The
queries at the end pick the text lines, rasters and QR codes out of a list of them. The
parsing is ``decoder.py``; drawing them on paper is ``paper.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image


@dataclass(frozen=True)
class Init:
    pass


@dataclass(frozen=True)
class Align:
    where: int  # 0 left, 1 center, 2 right


@dataclass(frozen=True)
class Style:
    """A text style change: only the fields given change."""

    width: int | None = None
    height: int | None = None
    bold: bool | None = None
    font: int | None = None
    underline: int | None = None
    invert: bool | None = None


@dataclass(frozen=True)
class Text:
    data: bytes  # printable bytes of one line (without LF)
    newline: bool
    width: int = 1
    height: int = 1
    bold: bool = False
    align: int = 0
    codepage: int = 0
    # The user-defined patterns (ESC & / ESC % 1) in force for codes of this line:
    # (code, x, y, column data). Codes not listed print the resident character.
    glyphs: tuple[tuple[int, int, int, bytes], ...] = ()

    def glyph(self, code: int) -> tuple[int, int, bytes] | None:
        for c, x, y, data in self.glyphs:
            if c == code:
                return x, y, data
        return None


@dataclass(frozen=True)
class Raster:
    width_bytes: int
    height: int
    mode: int
    data: bytes
    align: int = 0

    def image(self) -> Image.Image:
        """Mode "1" image with 1 = ink, like the encoder's input."""
        img = Image.frombytes("1", (self.width_bytes * 8, self.height), self.data)
        if self.mode in (1, 3):
            img = img.resize((img.width * 2, img.height), Image.Resampling.NEAREST)
        if self.mode in (2, 3):
            img = img.resize((img.width, img.height * 2), Image.Resampling.NEAREST)
        return img


@dataclass(frozen=True)
class QrCode:
    data: bytes
    module: int
    ec: int
    align: int = 0

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


@dataclass(frozen=True)
class Feed:
    dots: int = 0
    lines: int = 0


@dataclass(frozen=True)
class Cut:
    partial: bool


@dataclass(frozen=True)
class StatusQuery:
    n: int  # DLE EOT n


@dataclass(frozen=True)
class Unknown:
    data: bytes


Op = Init | Align | Style | Text | Raster | QrCode | Feed | Cut | StatusQuery | Unknown


# ---------------------------------------------------------------------- queries


def texts(ops: list[Op]) -> list[Text]:
    """Native text lines (joined when a line came in several pieces)."""
    lines: list[Text] = []
    pending: Text | None = None
    for op in ops:
        if isinstance(op, Text):
            if pending is not None:
                op = Text(
                    pending.data + op.data,
                    op.newline,
                    pending.width,
                    pending.height,
                    pending.bold,
                    pending.align,
                    pending.codepage,
                    tuple({g[0]: g for g in (*pending.glyphs, *op.glyphs)}.values()),
                )
            if op.newline:
                if op.data:
                    lines.append(op)
                pending = None
            else:
                pending = op
    if pending is not None and pending.data:
        lines.append(pending)
    return lines


def rasters(ops: list[Op]) -> list[Raster]:
    return [op for op in ops if isinstance(op, Raster)]


def qr_codes(ops: list[Op]) -> list[QrCode]:
    return [op for op in ops if isinstance(op, QrCode)]
