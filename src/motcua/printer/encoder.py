"""ESC/POS bytes for a job, built in one place.

Text styles, native text and native QR go through python-escpos's ``Dummy``
printer (a faithful encoder). Raster lines, feeds and the cut are written here
because python-escpos gets them wrong for our use: ``image()`` checks widths
against its own capability profiles (576-dot images raise ImageWidthError for
TM-T88V) and ``cut()`` sends nothing with the POS-5890 profile. Our
``PrinterProfile`` decides instead.
"""

from __future__ import annotations

import unicodedata

import qrcode
from escpos.printer import Dummy
from PIL import Image

from motcua.printer.fonts import FontSet
from motcua.printer.profiles import PrinterProfile
from motcua.printer.raster import to_raster
from motcua.printer.udc import CodeTable, glyph_image, normalize, to_columns

ESC, GS = b"\x1b", b"\x1d"
ALIGNS = {"left": 0, "center": 1, "right": 2}


class Encoder:
    """Accumulates one job. Call ``data()`` for the bytes."""

    def __init__(self, profile: PrinterProfile) -> None:
        self.profile = profile
        self._out = Dummy()
        self._align = "left"
        self._out._raw(ESC + b"@")  # initialise: clear the buffer, default modes
        # User-defined characters (udc.py): ESC @ above cleared the printer's patterns.
        self._codes = CodeTable(profile.user_defined_chars)
        self._user_set = False  # ESC % 1 sent

    # ---------------------------------------------------------------- state
    def align(self, where: str) -> None:
        if where not in ALIGNS:
            raise ValueError(f"align must be one of {sorted(ALIGNS)}")
        self._align = where
        self._out.set(align=where)

    # ---------------------------------------------------------------- native text
    def text_line(self, text: str, width: int = 1, height: int = 1, bold: bool = False) -> None:
        """An ASCII line as printer text, ``width``/``height`` multipliers 1..8."""
        if not text.isascii():
            raise ValueError("native text must be ASCII; render Vietnamese with raster_line")
        self._out.set(custom_size=True, width=width, height=height, bold=bold)
        self._ascii(text.encode("ascii") + b"\n")
        self._out.set(custom_size=True, width=1, height=1, bold=False)

    def user_char_line(
        self,
        runs: list[tuple[str, bool]],
        fonts: FontSet,
        width: int = 1,
        height: int = 1,
    ) -> bool:
        """A line of (text, bold) runs as printer text, its non-ASCII letters as
        user-defined characters (ESC & / ESC %). False, with nothing sent, when the
        profile has none or the line needs more patterns at once than the printer
        holds: the caller prints the line as raster instead."""
        if not self.profile.user_defined_chars:
            return False
        runs = [(normalize(text), bold) for text, bold in runs]
        plan = self._codes.plan("".join(text for text, _ in runs))
        if plan is None:
            return False
        for code in plan.cancel:
            self._out._raw(ESC + b"?" + bytes([code]))
        self._define(plan.define, fonts)
        if not self._user_set:
            self._out._raw(ESC + b"%" + b"\x01")
            self._user_set = True
        self._out.set(custom_size=True, width=width, height=height)
        pos = 0
        for text, bold in runs:
            self._out._raw(ESC + b"E" + (b"\x01" if bold else b"\x00"))
            self._out._raw(plan.data[pos : pos + len(text)])
            pos += len(text)
        self._out._raw(b"\n")
        self._out._raw(ESC + b"E" + b"\x00")
        self._out.set(custom_size=True, width=1, height=1)
        return True

    def _define(self, define: tuple[tuple[int, str], ...], fonts: FontSet) -> None:
        """ESC & 3 c1 c2 [12 d1..d36]...: consecutive codes in one command."""
        cell_w, cell_h = self.profile.font_a_width, self.profile.font_a_height
        y = cell_h // 8
        chars = dict(define)
        codes = sorted(chars)
        i = 0
        while i < len(codes):
            j = i
            while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
                j += 1
            cmd = bytearray(ESC + b"&" + bytes([y, codes[i], codes[j]]))
            for code in codes[i : j + 1]:
                cmd.append(cell_w)
                cmd += to_columns(glyph_image(fonts, chars[code], cell_w, cell_h))
            self._out._raw(bytes(cmd))
            i = j + 1

    def codepage_line(self, text: str, bold: bool = False) -> None:
        """Vietnamese as printer text through a code page proven on this model (CP1258)."""
        page = self.profile.vietnamese_codepage
        if page is None:
            raise ValueError("this profile has no proven Vietnamese code page")
        self._out._raw(ESC + b"t" + bytes([page]))
        self._out.set(bold=bold)
        self._out._raw(encode_cp1258(text) + b"\n")
        self._out.set(bold=False)

    def rule(self, char: str = "-") -> None:
        """A separator across the paper in native text (a few dozen bytes)."""
        self._ascii((char * self.profile.columns).encode("ascii") + b"\n")

    def _ascii(self, data: bytes) -> None:
        """ASCII text: codes that carry a pattern are cancelled first (ESC ? n)."""
        for code in self._codes.release(data):
            self._out._raw(ESC + b"?" + bytes([code]))
        self._out._raw(data)

    # ---------------------------------------------------------------- raster
    def image(self, image: Image.Image, double_width: bool = False) -> None:
        """A 1-bit image (mode "1", 1 = ink) as GS v 0, aligned by ESC a or by padding.

        ``double_width`` prints each dot twice as wide (GS v 0 mode 1): an image
        squeezed to half width comes out in proportion for half the bytes.
        """
        scale = 2 if double_width else 1
        if image.width * scale > self.profile.width_dots:
            image = image.crop((0, 0, self.profile.width_dots // scale, image.height))
        if not self.profile.align_raster and self._align != "left":
            image = _pad(image, self.profile.width_dots // scale, self._align)
        width_bytes, height, data = to_raster(image)
        mode = 1 if double_width else 0
        # Printers limit one image's height; split tall ones into bands.
        band = 256
        row = width_bytes
        for top in range(0, height, band):
            rows = min(band, height - top)
            self._out._raw(
                GS
                + b"v0"
                + bytes([mode, width_bytes & 0xFF, width_bytes >> 8, rows & 0xFF, rows >> 8])
                + data[top * row : (top + rows) * row]
            )

    # ---------------------------------------------------------------- QR
    def qr(self, data: str, module: int | None = None) -> None:
        """A QR code: native GS ( k where the profile allows, raster otherwise."""
        module = module or self.profile.qr_module_dots
        if self.profile.native_qr:
            self._out.qr(data, size=module, native=True)
            self.feed_dots(8)  # ESC J prints what is buffered; a full LF would waste a line
            return
        code = qrcode.QRCode(border=2, box_size=module, error_correction=qrcode.ERROR_CORRECT_M)
        code.add_data(data)
        code.make(fit=True)
        matrix = code.get_matrix()
        side = len(matrix)
        img = Image.new("1", (side, side), 0)
        img.putdata([1 if cell else 0 for row in matrix for cell in row])
        self.image(img.resize((side * module, side * module), Image.Resampling.NEAREST))

    # ---------------------------------------------------------------- paper
    def feed_dots(self, dots: int) -> None:
        """ESC J: feed by dots (spacing between raster lines without white rows)."""
        while dots > 0:
            step = min(dots, 255)
            self._out._raw(ESC + b"J" + bytes([step]))
            dots -= step

    def feed_lines(self, lines: int) -> None:
        self._out._raw(ESC + b"d" + bytes([max(0, min(lines, 255))]))

    def finish(self) -> None:
        """End the job: feed past the tear bar, and cut when there is a cutter."""
        if self.profile.cutter:
            self._out._raw(GS + b"V" + bytes([66, 0]))  # feed to cut position, partial cut
        else:
            self.feed_lines(4)

    def data(self) -> bytes:
        return self._out.output


def _pad(image: Image.Image, width: int, align: str) -> Image.Image:
    left = (width - image.width) // 2 if align == "center" else width - image.width
    left -= left % 8  # whole bytes: cheaper and identical on paper
    padded = Image.new("1", (left + image.width, image.height), 0)
    padded.paste(image, (left, 0))
    return padded


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed (ă â ê ô ơ ư đ), tones as
    combining marks after them — the only form CP1258 can hold. Raises
    UnicodeEncodeError for characters outside it."""
    out: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch) or not out:
            out.extend(tones)
            tones = []
            out.append(ch)
        elif ch in _TONES:
            tones.append(ch)  # NFD may put dấu nặng before the circumflex: emit it last
        else:  # a non-tone mark (circumflex, breve, horn): compose with its base
            out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
    out.extend(tones)
    return "".join(out).encode("cp1258")
