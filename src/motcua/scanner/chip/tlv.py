"""BER-TLV (ASN.1 DER as the chip writes it): tags of any length, long-form lengths.

The chip's files are nested TLVs; DG13 in particular carries long UTF-8 values with
long-form lengths (``81 xx`` / ``82 xx xx``) and absent fields. This is a small strict
parser: a length running past its parent, an indefinite length or a truncated tag is a
``TlvError``, never a silently short value.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


class TlvError(ValueError):
    """Bytes that are not well-formed BER-TLV."""


@dataclass(frozen=True)
class Tlv:
    tag: int  # the tag bytes as one integer: 0x5F1F, 0x7F61, 0x30 ...
    value: bytes
    raw: bytes  # tag + length + value, as read (hashes and signatures need it)

    @property
    def constructed(self) -> bool:
        first = self.tag
        while first > 0xFF:
            first >>= 8
        return bool(first & 0x20)

    def children(self) -> list[Tlv]:
        if not self.constructed:
            raise TlvError(f"tag {self.tag:X} is primitive, it has no children")
        return parse_all(self.value)

    def find(self, tag: int) -> Tlv | None:
        """The first direct child with ``tag``, or None."""
        for child in self.children():
            if child.tag == tag:
                return child
        return None

    def get(self, tag: int) -> Tlv:
        found = self.find(tag)
        if found is None:
            raise TlvError(f"tag {tag:X} missing under {self.tag:X}")
        return found


def _read_tag(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise TlvError("truncated: no tag")
    first = data[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:  # high-tag-number form: more bytes while bit 8 is set
        while True:
            if pos >= len(data):
                raise TlvError("truncated tag")
            b = data[pos]
            tag = (tag << 8) | b
            pos += 1
            if not b & 0x80:
                break
            if tag > 0xFFFFFFFF:
                raise TlvError("tag longer than four bytes")
    return tag, pos


def _read_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise TlvError("truncated: no length")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0:
        raise TlvError("indefinite length is not allowed here")
    if count > 4:
        raise TlvError(f"length of {count} bytes is not plausible")
    if pos + count > len(data):
        raise TlvError("truncated length")
    return int.from_bytes(data[pos : pos + count], "big"), pos + count


def parse_one(data: bytes, pos: int = 0) -> tuple[Tlv, int]:
    """The TLV starting at ``pos`` and the position after it."""
    start = pos
    tag, pos = _read_tag(data, pos)
    length, pos = _read_length(data, pos)
    end = pos + length
    if end > len(data):
        raise TlvError(f"tag {tag:X}: length {length} runs past the data ({len(data) - pos} left)")
    return Tlv(tag, bytes(data[pos:end]), bytes(data[start:end])), end


def iter_tlv(data: bytes) -> Iterator[Tlv]:
    pos = 0
    while pos < len(data):
        # Some cards pad files with 00 or FF after the last object.
        if data[pos] in (0x00, 0xFF) and all(b == data[pos] for b in data[pos:]):
            return
        item, pos = parse_one(data, pos)
        yield item


def parse_all(data: bytes) -> list[Tlv]:
    return list(iter_tlv(data))


def header_length(prefix: bytes) -> int:
    """Total length (tag + length + value) of the TLV whose first bytes are ``prefix``."""
    tag_end = _read_tag(prefix, 0)[1]
    length, value_start = _read_length(prefix, tag_end)
    return value_start + length


def encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def encode(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    return tag_bytes + encode_length(len(value)) + value


def encode_oid(dotted: str) -> bytes:
    """'0.4.0.127.0.7.2.2.4.2.2' -> the OID's content bytes (no tag, no length)."""
    parts = [int(p) for p in dotted.split(".")]
    out = bytearray([parts[0] * 40 + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.append(0x80 | (p & 0x7F))
            p >>= 7
        out.extend(reversed(chunk))
    return bytes(out)


def decode_oid(body: bytes) -> str:
    if not body:
        raise TlvError("empty OID")
    parts = [*divmod(body[0], 40)] if body[0] < 80 else [2, body[0] - 80]
    value = 0
    for b in body[1:]:
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            parts.append(value)
            value = 0
    return ".".join(str(p) for p in parts)


def decode_int(body: bytes) -> int:
    return int.from_bytes(body, "big", signed=True) if body else 0
