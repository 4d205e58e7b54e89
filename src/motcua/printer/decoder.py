"""Read ESC/POS back: parse a byte stream into operations, and draw them on paper.

The sim:// printer uses it to show what it received, and the tests use it to
check bytes that went over the real transports (serial, TCP, file). It knows
the commands our encoder and python-escpos emit plus the common ones a
foreign job may contain; an unknown command is kept as ``Unknown`` (not
silently dropped) so a test can see it.

This module is the parser; the operations it yields and the queries over them are
``escpos_ops.py``, importable from here as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua.printer.escpos_ops import (
    Align,
    Cut,
    Feed,
    Init,
    Op,
    QrCode,
    Raster,
    StatusQuery,
    Style,
    Text,
    Unknown,
    qr_codes,
    rasters,
    texts,
)

# The operations and queries as callers import them (the sim printer, paper, tests).
__all__ = [
    "Align",
    "Cut",
    "Feed",
    "Init",
    "Op",
    "Parser",
    "QrCode",
    "Raster",
    "StatusQuery",
    "Style",
    "Text",
    "Unknown",
    "parse",
    "qr_codes",
    "rasters",
    "texts",
]

ESC, GS, DLE, FS = 0x1B, 0x1D, 0x10, 0x1C


# Commands with a fixed number of argument bytes: (prefix, second byte) -> count.
_FIXED: dict[tuple[int, int], int] = {
    (ESC, ord("@")): 0,
    (ESC, ord("a")): 1,
    (ESC, ord("E")): 1,
    (ESC, ord("G")): 1,
    (ESC, ord("!")): 1,
    (ESC, ord("-")): 1,
    (ESC, ord("M")): 1,
    (ESC, ord("t")): 1,
    (ESC, ord("J")): 1,
    (ESC, ord("d")): 1,
    (ESC, ord("2")): 0,
    (ESC, ord("3")): 1,
    (ESC, ord("{")): 1,
    (ESC, ord("R")): 1,
    (ESC, ord("=")): 1,
    (ESC, ord("c")): 2,
    (ESC, ord("p")): 3,
    (ESC, ord("$")): 2,
    (ESC, ord("\\")): 2,
    (ESC, ord(" ")): 1,
    (ESC, ord("%")): 1,
    (ESC, ord("?")): 1,
    (GS, ord("!")): 1,
    (GS, ord("B")): 1,
    (GS, ord("b")): 1,
    (GS, ord("|")): 1,
    (GS, ord("L")): 2,
    (GS, ord("W")): 2,
    (GS, ord("H")): 1,
    (GS, ord("h")): 1,
    (GS, ord("w")): 1,
    (GS, ord("f")): 1,
    (GS, ord("a")): 1,
    (GS, ord("r")): 1,
    (FS, ord(".")): 0,
    (FS, ord("&")): 0,
}


@dataclass
class Parser:
    """Incremental parser: ``feed`` bytes, get the complete operations back.

    Text ops carry the style in force, so a renderer (or a test) needs no state.
    """

    width: int = 1
    height: int = 1
    bold: bool = False
    align: int = 0
    codepage: int = 0
    user_set: bool = False  # ESC % 1: defined codes print their patterns
    _user: dict[int, tuple[int, int, bytes]] = field(default_factory=dict)  # code -> x, y, data
    _buf: bytearray = field(default_factory=bytearray)
    _qr: dict[str, int] = field(default_factory=dict)
    _qr_data: bytes = b""

    def feed(self, data: bytes) -> list[Op]:
        return [op for op, _ in self.feed_spans(data) if op is not None]

    def feed_spans(self, data: bytes) -> list[tuple[Op | None, bytes]]:
        """Like ``feed`` but with each command's own bytes (None: a command that
        draws nothing, such as a code-page switch)."""
        self._buf += data
        spans: list[tuple[Op | None, bytes]] = []
        pos = 0
        buf = self._buf
        while pos < len(buf):
            got = self._one(buf, pos)
            if got is None:  # incomplete command: wait for more bytes
                break
            op, end = got
            spans.append((op, bytes(buf[pos:end])))
            pos = end
        del buf[:pos]
        return spans

    @property
    def pending(self) -> int:
        return len(self._buf)

    def flush(self) -> list[Op]:
        """End of input: text still buffered (no LF) is returned as an unterminated line."""
        ops: list[Op] = []
        if self._buf:
            rest = bytes(self._buf)
            self._buf.clear()
            printable = bytes(b for b in rest if b >= 0x20)
            if printable and printable == rest:
                ops.append(self._text(printable, newline=False))
            else:
                ops.append(Unknown(rest))
        return ops

    # ------------------------------------------------------------------ internals
    def _text(self, data: bytes, newline: bool) -> Text:
        glyphs: tuple[tuple[int, int, int, bytes], ...] = ()
        if self.user_set and self._user:
            glyphs = tuple(
                (code, *self._user[code]) for code in sorted(set(data)) if code in self._user
            )
        return Text(
            data, newline, self.width, self.height, self.bold, self.align, self.codepage, glyphs
        )

    def _define(self, buf: bytearray, pos: int) -> tuple[Op | None, int] | None:
        """ESC & y c1 c2 [x d1..d(y*x)]...: patterns for codes c1..c2."""
        if pos + 5 > len(buf):
            return None
        y, c1, c2 = buf[pos + 2], buf[pos + 3], buf[pos + 4]
        if not (1 <= y <= 4 and 32 <= c1 <= c2 <= 126):
            return Unknown(bytes(buf[pos : pos + 5])), pos + 5
        at = pos + 5
        patterns = {}
        for code in range(c1, c2 + 1):
            if at >= len(buf):
                return None
            x = buf[at]
            end = at + 1 + x * y
            if end > len(buf):
                return None
            patterns[code] = (x, y, bytes(buf[at + 1 : end]))
            at = end
        self._user.update(patterns)
        return None, at

    def _one(self, buf: bytearray, pos: int) -> tuple[Op | None, int] | None:
        b = buf[pos]
        if b == 0x0A:
            return self._text(b"", True), pos + 1
        if b == 0x0D:
            return None, pos + 1
        if b >= 0x20:
            end = pos
            while end < len(buf) and buf[end] >= 0x20:
                end += 1
            if end == len(buf):
                return None  # the line may continue in the next chunk
            if buf[end] == 0x0A:
                return self._text(bytes(buf[pos:end]), True), end + 1
            return self._text(bytes(buf[pos:end]), False), end
        if b == DLE:
            if pos + 2 >= len(buf):
                return None
            if buf[pos + 1] == 0x04:
                return StatusQuery(buf[pos + 2]), pos + 3
            return Unknown(bytes(buf[pos : pos + 2])), pos + 2
        if b in (ESC, GS, FS):
            if pos + 1 >= len(buf):
                return None
            key = (b, buf[pos + 1])
            if key == (GS, ord("v")):
                return self._raster(buf, pos)
            if key == (GS, ord("(")):
                return self._paren(buf, pos)
            if key == (ESC, ord("&")):
                return self._define(buf, pos)
            if key == (GS, ord("V")):
                if pos + 2 >= len(buf):
                    return None
                m = buf[pos + 2]
                if m in (65, 66, 97, 98, 103, 104):
                    if pos + 3 >= len(buf):
                        return None
                    return Cut(partial=m in (66, 98, 104)), pos + 4
                return Cut(partial=m in (1, 49)), pos + 3
            if key == (GS, ord("k")):
                return self._barcode(buf, pos)
            if key not in _FIXED:
                return Unknown(bytes(buf[pos : pos + 2])), pos + 2
            n = _FIXED[key]
            if pos + 2 + n > len(buf):
                return None
            args = bytes(buf[pos + 2 : pos + 2 + n])
            return self._fixed(key, args), pos + 2 + n
        return Unknown(bytes([b])), pos + 1

    def _fixed(self, key: tuple[int, int], args: bytes) -> Op | None:
        prefix, cmd = key[0], chr(key[1])
        arg = args[0] if args else 0
        if prefix == ESC and cmd == "@":
            self.width = self.height = 1
            self.bold, self.align, self.codepage = False, 0, 0
            self.user_set = False
            self._user.clear()
            return Init()
        if prefix == ESC and cmd == "a":
            self.align = arg % 48 if arg >= 48 else arg
            return Align(self.align)
        if prefix == ESC and cmd in "EG":
            self.bold = bool(arg & 1)
            return Style(bold=self.bold)
        if prefix == ESC and cmd == "!":
            self.bold = bool(arg & 0x08)
            self.height = 2 if arg & 0x10 else 1
            self.width = 2 if arg & 0x20 else 1
            return Style(width=self.width, height=self.height, bold=self.bold)
        if prefix == GS and cmd == "!":
            self.width, self.height = (arg >> 4) + 1, (arg & 0x0F) + 1
            return Style(width=self.width, height=self.height)
        if prefix == ESC and cmd == "t":
            self.codepage = arg
            return None
        if prefix == ESC and cmd == "%":
            self.user_set = bool(arg & 1)
            return None
        if prefix == ESC and cmd == "?":
            self._user.pop(arg, None)
            return None
        if prefix == ESC and cmd == "J":
            return Feed(dots=arg)
        if prefix == ESC and cmd == "d":
            return Feed(lines=arg)
        if prefix == ESC and cmd == "M":
            return Style(font=arg)
        if prefix == ESC and cmd == "-":
            return Style(underline=arg)
        if prefix == GS and cmd == "B":
            return Style(invert=bool(arg & 1))
        return None  # understood, nothing to draw (spacing, density, margins...)

    def _raster(self, buf: bytearray, pos: int) -> tuple[Op, int] | None:
        if pos + 8 > len(buf):
            return None
        if buf[pos + 2] != ord("0"):
            return Unknown(bytes(buf[pos : pos + 3])), pos + 3
        mode = buf[pos + 3] % 48 if buf[pos + 3] >= 48 else buf[pos + 3]
        wb = buf[pos + 4] | buf[pos + 5] << 8
        h = buf[pos + 6] | buf[pos + 7] << 8
        end = pos + 8 + wb * h
        if end > len(buf):
            return None
        return Raster(wb, h, mode, bytes(buf[pos + 8 : end]), self.align), end

    def _paren(self, buf: bytearray, pos: int) -> tuple[Op | None, int] | None:
        if pos + 5 > len(buf):
            return None
        fn_class = chr(buf[pos + 2])
        length = buf[pos + 3] | buf[pos + 4] << 8
        end = pos + 5 + length
        if end > len(buf):
            return None
        body = bytes(buf[pos + 5 : end])
        if fn_class != "k" or len(body) < 2 or body[0] != ord("1"):
            return Unknown(bytes(buf[pos:end])), end
        fn = body[1]
        if fn == 65:  # model
            self._qr["model"] = body[2] if len(body) > 2 else 50
        elif fn == 67:  # module size
            self._qr["module"] = body[2]
        elif fn == 69:  # error correction
            self._qr["ec"] = body[2]
        elif fn == 80:  # store data (after m = '0')
            self._qr_data = body[3:]
        elif fn == 81:  # print the stored symbol
            return (
                QrCode(
                    self._qr_data, self._qr.get("module", 3), self._qr.get("ec", 48), self.align
                ),
                end,
            )
        return None, end

    def _barcode(self, buf: bytearray, pos: int) -> tuple[Op, int] | None:
        if pos + 3 > len(buf):
            return None
        m = buf[pos + 2]
        if m <= 6:  # NUL-terminated data
            try:
                nul = buf.index(0, pos + 3)
            except ValueError:
                return None
            return Unknown(bytes(buf[pos : nul + 1])), nul + 1
        if pos + 4 > len(buf):
            return None
        end = pos + 4 + buf[pos + 3]
        if end > len(buf):
            return None
        return Unknown(bytes(buf[pos:end])), end


def parse(data: bytes) -> list[Op]:
    """All operations in a complete byte string."""
    parser = Parser()
    return parser.feed(data) + parser.flush()
