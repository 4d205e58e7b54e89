"""PACE (ICAO 9303-11 section 4.4; BSI TR-03110) with the CAN or the MRZ key.

Supported: the generic mapping over elliptic curves (id-PACE-ECDH-GM-3DES-CBC-CBC /
-AES-CBC-CMAC-128, -192, -256) on the standardized curves in ``ec.CURVES`` (brainpool and
NIST), and over finite fields (id-PACE-DH-GM-*, the same four ciphers) on the standardized
RFC 5114 groups 0-2 in ``dh.GROUPS``. The card says which in EF.CardAccess (the protocol OID
and the parameter id); we take the first PACEInfo we support, in the card's order.
Not supported (the card then falls back to BAC if it can): the integrated and
chip-authentication mappings, and domain parameters the card sends itself (parameter ids
outside the standardized ones).

Both mappings are one algorithm over a group, written once here: H = sk_map * PK_map_IC,
G~ = s*G + H, then ephemeral Diffie-Hellman on G~. ``ec.Curve`` writes the group additively
(points), ``dh.Group`` multiplicatively (g^s * h mod p) behind the same method names.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from motcua.scanner.chip import crypto
from motcua.scanner.chip.bac import MrzKey
from motcua.scanner.chip.dh import GROUPS
from motcua.scanner.chip.ec import CURVES
from motcua.scanner.chip.errors import unreadable, wrong_key
from motcua.scanner.chip.sm import SecureChannel, Transport, build_apdu
from motcua.scanner.chip.tlv import TlvError, decode_int, decode_oid, encode, encode_oid, parse_all

PACE_PREFIX = "0.4.0.127.0.7.2.2.4"
# last two arcs -> (key agreement, mapping), (cipher, key bits)
_MAPPINGS = {
    1: ("DH", "GM"),
    2: ("ECDH", "GM"),
    3: ("DH", "IM"),
    4: ("ECDH", "IM"),
    6: ("ECDH", "CAM"),
}
_CIPHERS = {1: ("3DES", 112), 2: ("AES", 128), 3: ("AES", 192), 4: ("AES", 256)}
MRZ, CAN = 1, 2  # password references of MSE:Set AT

Element = Any  # a curve point (ec.Point) or a group element (int), as the domain makes them


class Domain(Protocol):
    """What PACE's generic mapping needs of a group: ``ec.Curve`` or ``dh.Group``."""

    @property
    def n(self) -> int: ...
    @property
    def generator(self) -> Element: ...
    def mul(self, k: int, base: Element) -> Element: ...
    def add(self, a: Element, b: Element) -> Element: ...
    def encode(self, element: Element) -> bytes: ...
    def decode(self, data: bytes) -> Element: ...
    def secret(self, element: Element) -> bytes: ...


@dataclass(frozen=True)
class PaceInfo:
    oid: str
    version: int
    parameter_id: int | None

    @property
    def agreement(self) -> str:
        return _MAPPINGS.get(self._arcs()[0], ("?", "?"))[0]

    @property
    def mapping(self) -> str:
        return _MAPPINGS.get(self._arcs()[0], ("?", "?"))[1]

    @property
    def cipher(self) -> tuple[str, int]:
        return _CIPHERS.get(self._arcs()[1], ("?", 0))

    def _arcs(self) -> tuple[int, int]:
        tail = self.oid[len(PACE_PREFIX) + 1 :].split(".")
        return (int(tail[0]), int(tail[1])) if len(tail) == 2 else (0, 0)

    @property
    def supported(self) -> bool:
        if self.mapping != "GM" or self.cipher[0] == "?":
            return False
        if self.agreement == "ECDH":
            return self.parameter_id in CURVES
        return self.agreement == "DH" and self.parameter_id in GROUPS

    @property
    def domain(self) -> Domain:
        """The standardized curve or group of ``parameter_id`` (only when ``supported``)."""
        if self.parameter_id is None:
            raise KeyError("no parameter id")
        return CURVES[self.parameter_id] if self.agreement == "ECDH" else GROUPS[self.parameter_id]

    @property
    def name(self) -> str:
        c, bits = self.cipher
        suffix = "3DES-CBC-CBC" if c == "3DES" else f"AES-CBC-CMAC-{bits}"
        return f"id-PACE-{self.agreement}-{self.mapping}-{suffix}"


def parse_card_access(data: bytes) -> list[PaceInfo]:
    """The PACEInfos in EF.CardAccess (a SET OF SecurityInfo); other infos are skipped."""
    try:
        (top,) = parse_all(data)
        if top.tag != 0x31:
            raise TlvError("EF.CardAccess is not a SET")
        out = []
        for info in top.children():
            parts = info.children()
            if len(parts) < 2 or parts[0].tag != 0x06:
                continue
            oid = decode_oid(parts[0].value)
            if not oid.startswith(PACE_PREFIX + ".") or parts[1].tag != 0x02:
                continue
            param = decode_int(parts[2].value) if len(parts) > 2 and parts[2].tag == 0x02 else None
            out.append(PaceInfo(oid, decode_int(parts[1].value), param))
        return out
    except (TlvError, ValueError) as exc:
        raise unreadable(f"EF.CardAccess: {exc}") from exc


def choose(infos: list[PaceInfo]) -> PaceInfo | None:
    return next((i for i in infos if i.supported), None)


def password_key(password: str | MrzKey, info: PaceInfo) -> bytes:
    """K_pi = KDF_pi(password): the CAN as ASCII digits, the MRZ key as SHA-1 of its text."""
    if isinstance(password, MrzKey):
        secret = hashlib.sha1(password.mrz_information().encode("ascii")).digest()
    else:
        secret = password.encode("ascii")
    c, bits = info.cipher
    return crypto.kdf(secret, crypto.PACE_PI, c, bits)


def decrypt_nonce(k_pi: bytes, z: bytes, info: PaceInfo) -> bytes:
    if info.cipher[0] == "3DES":
        return crypto.tdes_decrypt(k_pi, z)
    return crypto.aes_decrypt(k_pi, z)


def _identity(element: Element) -> bool:
    # the point at infinity (ec) or 1 (dh)
    return element is None or element == 1


def map_generator(
    domain: Domain, nonce: bytes, sk_map: int, pk_map_ic: Element
) -> tuple[Element, Element]:
    """Generic mapping: H = sk_map * PK_map_IC, G~ = s*G + H. Returns (H, G~).

    On a curve that is point arithmetic; in a DH group h = PK_map_IC^sk_map mod p and
    g~ = g^s * h mod p (ICAO 9303-11 section 4.4.3.3.1)."""
    h = domain.mul(sk_map, pk_map_ic)
    if _identity(h):
        raise unreadable("PACE: the mapping gave the identity element")
    g_hat = domain.add(domain.mul(int.from_bytes(nonce, "big"), domain.generator), h)
    if _identity(g_hat):
        raise unreadable("PACE: the mapped generator is the identity element")
    return h, g_hat


def session_keys(shared_x: bytes, info: PaceInfo) -> tuple[bytes, bytes]:
    c, bits = info.cipher
    return crypto.kdf(shared_x, crypto.ENC, c, bits), crypto.kdf(shared_x, crypto.MAC, c, bits)


def auth_token(ks_mac: bytes, info: PaceInfo, domain: Domain, public: Element) -> bytes:
    """T = MAC(KSmac, 7F49{06 oid, 86 point | 84 DH public value}) cut to 8 bytes."""
    tag = 0x84 if info.agreement == "DH" else 0x86
    data = encode(0x7F49, encode(0x06, encode_oid(info.oid)) + encode(tag, domain.encode(public)))
    if info.cipher[0] == "3DES":
        return crypto.retail_mac(ks_mac, crypto.pad(data, 8))
    return crypto.aes_cmac(ks_mac, data)[:8]


def mse_set_at(info: PaceInfo, ref: int, with_parameter: bool) -> bytes:
    data = encode(0x80, encode_oid(info.oid)) + encode(0x83, bytes([ref]))
    if with_parameter and info.parameter_id is not None:
        data += encode(0x84, bytes([info.parameter_id]))
    return build_apdu(0x00, 0x22, 0xC1, 0xA4, data)


def _random_scalar(domain: Domain) -> int:
    return secrets.randbelow(domain.n - 1) + 1


class PaceRefused(Exception):
    """The card does not do PACE with this password (MSE:Set AT refused): try BAC."""

    def __init__(self, sw: int) -> None:
        super().__init__(f"MSE:Set AT answered {sw:04X}")
        self.sw = sw


def _dyn(data: bytes, tag: int) -> bytes:
    try:
        (top,) = parse_all(data)
        found = top.find(tag) if top.tag == 0x7C else None
    except (TlvError, ValueError) as exc:
        raise unreadable(f"PACE: malformed answer: {exc}") from exc
    if found is None:
        raise unreadable(f"PACE: answer without tag {tag:02X}")
    return found.value


def perform_pace(
    transport: Transport,
    info: PaceInfo,
    password: str | MrzKey,
    *,
    with_parameter: bool = False,
    scalar: Callable[[Domain], int] = _random_scalar,
) -> SecureChannel:
    """Run PACE; return the AES (or 3DES) secure channel, SSC zero."""
    if not info.supported or info.parameter_id is None:
        raise PaceRefused(0x6A80)
    domain = info.domain
    ref = MRZ if isinstance(password, MrzKey) else CAN
    _, sw = transport.transmit(mse_set_at(info, ref, with_parameter))
    if sw != 0x9000:
        raise PaceRefused(sw)

    def step(data: bytes, last: bool = False) -> bytes:
        cla = 0x00 if last else 0x10
        resp, sw = transport.transmit(build_apdu(cla, 0x86, 0x00, 0x00, encode(0x7C, data), 0))
        if sw != 0x9000:
            if last and (sw in (0x6300, 0x6982, 0x6A80) or sw & 0xFFF0 == 0x63C0):
                raise wrong_key("mrz" if ref == MRZ else "can")
            raise unreadable(f"PACE: GENERAL AUTHENTICATE answered {sw:04X}")
        return resp

    z = _dyn(step(b""), 0x80)
    nonce = decrypt_nonce(password_key(password, info), z, info)

    sk_map = scalar(domain)
    pk_map = domain.mul(sk_map, domain.generator)
    try:
        pk_map_ic = domain.decode(_dyn(step(encode(0x81, domain.encode(pk_map))), 0x82))
    except ValueError as exc:
        raise unreadable(f"PACE: the card's mapping key: {exc}") from exc
    _, g_hat = map_generator(domain, nonce, sk_map, pk_map_ic)

    sk_eph = scalar(domain)
    pk_eph = domain.mul(sk_eph, g_hat)
    try:
        pk_eph_ic = domain.decode(_dyn(step(encode(0x83, domain.encode(pk_eph))), 0x84))
    except ValueError as exc:
        raise unreadable(f"PACE: the card's ephemeral key: {exc}") from exc
    if pk_eph_ic == pk_eph:
        raise unreadable("PACE: the card echoed our ephemeral key")
    shared = domain.mul(sk_eph, pk_eph_ic)
    if _identity(shared):
        raise unreadable("PACE: no shared secret")
    ks_enc, ks_mac = session_keys(domain.secret(shared), info)

    t_ifd = auth_token(ks_mac, info, domain, pk_eph_ic)
    t_ic = _dyn(step(encode(0x85, t_ifd), last=True), 0x86)
    if t_ic != auth_token(ks_mac, info, domain, pk_eph):
        raise unreadable("PACE: the card's authentication token is wrong")
    return SecureChannel(info.cipher[0], ks_enc, ks_mac, 0)


__all__ = ["CAN", "MRZ", "PaceInfo", "PaceRefused", "choose", "parse_card_access", "perform_pace"]
