"""Secure messaging (ICAO 9303-11 section 9.8): every APDU after BAC or PACE is wrapped.

Command: CLA | 0C, the data encrypted in DO'87', the expected length in DO'97', a MAC over
the padded header and those objects, prefixed by the send sequence counter (SSC), in DO'8E'.
Response: DO'87' (data), DO'99' (status), DO'8E' (MAC), checked before anything is trusted.
3DES (BAC, 8-byte SSC, IV zero, retail MAC) or AES (PACE, 16-byte SSC, IV = E(KSenc, SSC),
CMAC cut to 8 bytes).
"""

from __future__ import annotations

from typing import Protocol

from motcua.scanner.chip import crypto
from motcua.scanner.chip.tlv import TlvError, encode, parse_all


class SecureMessagingError(Exception):
    """The card's answer failed its MAC or is malformed: the session is over."""


class Transport(Protocol):
    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """Send one APDU; return (response data, status word)."""
        ...


def build_apdu(
    cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None
) -> bytes:
    """A short-length APDU (Le 256 is written 00); extended length (ISO 7816-4: 00, Lc in
    two bytes, Le in two, 0000 = all) when the data does not fit 255 bytes, as the DH
    public values of PACE on the 2048-bit groups (256 bytes) do not."""
    out = bytes([cla, ins, p1, p2])
    if len(data) > 255:
        if len(data) > 0xFFFF:
            raise ValueError("command data longer than an extended APDU")
        out += b"\x00" + len(data).to_bytes(2, "big") + data
        if le is not None:
            out += (le & 0xFFFF).to_bytes(2, "big")
        return out
    if data:
        out += bytes([len(data)]) + data
    if le is not None:
        out += bytes([le & 0xFF])
    return out


class SecureChannel:
    def __init__(self, cipher: str, ks_enc: bytes, ks_mac: bytes, ssc: int) -> None:
        if cipher not in ("3DES", "AES"):
            raise ValueError(cipher)
        self.cipher = cipher
        self.ks_enc = ks_enc
        self.ks_mac = ks_mac
        self.block = 8 if cipher == "3DES" else 16
        self.ssc = ssc

    # -- primitives ---------------------------------------------------------
    def _ssc_bytes(self) -> bytes:
        return self.ssc.to_bytes(self.block, "big")

    def _mac(self, data: bytes) -> bytes:
        padded = crypto.pad(self._ssc_bytes() + data, self.block)
        if self.cipher == "3DES":
            return crypto.retail_mac(self.ks_mac, padded)
        return crypto.aes_cmac(self.ks_mac, padded)[:8]

    def _encrypt(self, data: bytes) -> bytes:
        padded = crypto.pad(data, self.block)
        if self.cipher == "3DES":
            return crypto.tdes_encrypt(self.ks_enc, padded)
        iv = crypto.aes_ecb(self.ks_enc, self._ssc_bytes())
        return crypto.aes_encrypt(self.ks_enc, padded, iv)

    def _decrypt(self, data: bytes) -> bytes:
        if self.cipher == "3DES":
            plain = crypto.tdes_decrypt(self.ks_enc, data)
        else:
            iv = crypto.aes_ecb(self.ks_enc, self._ssc_bytes())
            plain = crypto.aes_decrypt(self.ks_enc, data, iv)
        return crypto.unpad(plain)

    # -- the terminal's side ------------------------------------------------
    def wrap(
        self, cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None
    ) -> bytes:
        self.ssc += 1
        cla |= 0x0C
        header = crypto.pad(bytes([cla, ins, p1, p2]), self.block)
        body = b""
        if data:
            body += encode(0x87, b"\x01" + self._encrypt(data))
        if le is not None:
            body += encode(0x97, bytes([le & 0xFF]))
        mac = self._mac(header + body)
        body += encode(0x8E, mac)
        return build_apdu(cla, ins, p1, p2, body, 0)

    def unwrap(self, response: bytes, sw: int) -> tuple[bytes, int]:
        """Check and decrypt a protected response; return (plain data, inner status word)."""
        self.ssc += 1
        if not response:
            # A plain error status (6982, 6A82 ...) carries no MAC; the SSC still moved.
            return b"", sw
        try:
            objects = parse_all(response)
        except TlvError as exc:
            raise SecureMessagingError(f"malformed protected response: {exc}") from exc
        covered = b""
        data_do = None
        status = None
        mac = None
        for obj in objects:
            if obj.tag in (0x85, 0x87):
                data_do = obj
                covered += obj.raw
            elif obj.tag == 0x99:
                status = obj
                covered += obj.raw
            elif obj.tag == 0x8E:
                mac = obj.value
        if mac is None:
            raise SecureMessagingError("protected response without MAC (DO 8E)")
        if self._mac(covered) != mac:
            raise SecureMessagingError("the response's MAC is wrong")
        inner_sw = int.from_bytes(status.value, "big") if status is not None else sw
        plain = b""
        if data_do is not None:
            payload = data_do.value[1:] if data_do.tag == 0x87 else data_do.value
            try:
                plain = self._decrypt(payload)
            except ValueError as exc:
                raise SecureMessagingError(f"cannot decrypt the response: {exc}") from exc
        return plain, inner_sw


class SecureTransport:
    """A ``Transport`` that wraps every APDU through a ``SecureChannel``."""

    def __init__(self, inner: Transport, channel: SecureChannel) -> None:
        self.inner = inner
        self.channel = channel

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        cla, ins, p1, p2 = apdu[:4]
        data, le = _split_apdu(apdu)
        wrapped = self.channel.wrap(cla, ins, p1, p2, data, le)
        resp, sw = self.inner.transmit(wrapped)
        return self.channel.unwrap(resp, sw)


def _split_apdu(apdu: bytes) -> tuple[bytes, int | None]:
    rest = apdu[4:]
    if not rest:
        return b"", None
    if len(rest) == 1:
        return b"", rest[0] or 256
    lc = rest[0]
    data = rest[1 : 1 + lc]
    tail = rest[1 + lc :]
    return data, (tail[0] or 256) if tail else None
