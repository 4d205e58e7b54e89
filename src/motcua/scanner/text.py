"""Turning scanner bytes into the text the card actually holds.

Scanners are often left at their factory code page (Latin-1 / Windows-1252): the
UTF-8 bytes of "Nguyễn" then arrive as "Nguyá»…n". We repair that here, once, so
every reader (serial, wedge, CLI) gets the same text. The repair is safe because
it only applies when the characters re-encode to bytes that are *valid* UTF-8;
genuine Vietnamese text (ễ, ộ, ư...) cannot be re-encoded that way.
"""

from __future__ import annotations

import unicodedata

# cp1252 puts printable characters at 0x80-0x9F where Latin-1 has controls.
_CP1252_HIGH = {
    ch: byte
    for byte in range(0x80, 0xA0)
    if (ch := bytes([byte]).decode("cp1252", errors="ignore"))
}


def _as_single_bytes(text: str) -> bytes | None:
    """The bytes a Latin-1/cp1252 decoder would have turned into ``text``, or None."""
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
        elif ch in _CP1252_HIGH:
            out.append(_CP1252_HIGH[ch])
        else:
            return None
    return bytes(out)


_FRAMING_CONTROLS = "\x00\x02\x03\x04"


def _single_byte_char(byte: int) -> str:
    """cp1252 where it defines the byte, Latin-1 (a C1 control) where it does not."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def repair_mojibake(text: str, max_rounds: int = 2) -> str:
    """Undo UTF-8-read-as-Latin-1/cp1252 (up to twice, for doubly mangled text)."""
    for _ in range(max_rounds):
        if all(ord(ch) < 0x80 for ch in text):
            return text
        raw = _as_single_bytes(text)
        if raw is None:
            return text
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            return text
        if fixed == text:
            return text
        text = fixed
    return text


def decode_scan(data: bytes) -> str:
    """Scanner bytes -> NFC text: UTF-8 first, else cp1252, then mojibake repair."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8 at all: read it as the scanner's single-byte code page.
        text = "".join(_single_byte_char(b) for b in data)
    # Some scanners frame each scan as STX ... ETX (or pad with NUL): not part of the code.
    text = text.strip(_FRAMING_CONTROLS)
    return unicodedata.normalize("NFC", repair_mojibake(text))
