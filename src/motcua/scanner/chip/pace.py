"""PACE (ICAO 9303-11 section 4.4; BSI TR-03110) with the CAN or the MRZ key.

Supported: generic mapping over elliptic curves (id-PACE-ECDH-GM-3DES / -AES-CBC-CMAC-128,
-192, -256) on the standardized curves in ``ec.CURVES`` (brainpool and NIST). The card says
which in EF.CardAccess; we take the first PACEInfo we support, in the card's order.
Not supported (the card then falls back to BAC if it can): DH-GM, the integrated and
chip-authentication mappings.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from motcua.scanner.chip import crypto
from motcua.scanner.chip.bac import MrzKey
from motcua.scanner.chip.ec import CURVES, Curve, Point
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
        return (
            self.agreement == "ECDH"
            and self.mapping == "GM"
            and self.cipher[0] != "?"
            and self.parameter_id in CURVES
        )

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


def map_generator(curve: Curve, nonce: bytes, sk_map: int, pk_map_ic: Point) -> tuple[Point, Point]:
    """Generic mapping: H = sk_map * PK_map_IC, G' = s*G + H. Returns (H, G')."""
    h = curve.mul(sk_map, pk_map_ic)
    if h is None:
        raise unreadable("PACE: the mapping gave the point at infinity")
    g_hat = curve.add(curve.mul(int.from_bytes(nonce, "big"), curve.generator), h)
    if g_hat is None:
        raise unreadable("PACE: the mapped generator is the point at infinity")
    return h, g_hat


def session_keys(shared_x: bytes, info: PaceInfo) -> tuple[bytes, bytes]:
    c, bits = info.cipher
    return crypto.kdf(shared_x, crypto.ENC, c, bits), crypto.kdf(shared_x, crypto.MAC, c, bits)


def auth_token(ks_mac: bytes, info: PaceInfo, curve: Curve, public: Point) -> bytes:
    """T = MAC(KSmac, 7F49{06 oid, 86 public key}) cut to 8 bytes."""
    data = encode(0x7F49, encode(0x06, encode_oid(info.oid)) + encode(0x86, curve.encode(public)))
    if info.cipher[0] == "3DES":
        return crypto.retail_mac(ks_mac, crypto.pad(data, 8))
    return crypto.aes_cmac(ks_mac, data)[:8]


def mse_set_at(info: PaceInfo, ref: int, with_parameter: bool) -> bytes:
    data = encode(0x80, encode_oid(info.oid)) + encode(0x83, bytes([ref]))
    if with_parameter and info.parameter_id is not None:
        data += encode(0x84, bytes([info.parameter_id]))
    return build_apdu(0x00, 0x22, 0xC1, 0xA4, data)


def _random_scalar(curve: Curve) -> int:
    return secrets.randbelow(curve.n - 1) + 1


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
    scalar: Callable[[Curve], int] = _random_scalar,
) -> SecureChannel:
    """Run PACE; return the AES (or 3DES) secure channel, SSC zero."""
    if not info.supported or info.parameter_id is None:
        raise PaceRefused(0x6A80)
    curve = CURVES[info.parameter_id]
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

    sk_map = scalar(curve)
    pk_map = curve.mul(sk_map, curve.generator)
    try:
        pk_map_ic = curve.decode(_dyn(step(encode(0x81, curve.encode(pk_map))), 0x82))
    except ValueError as exc:
        raise unreadable(f"PACE: the card's mapping key: {exc}") from exc
    _, g_hat = map_generator(curve, nonce, sk_map, pk_map_ic)

    sk_eph = scalar(curve)
    pk_eph = curve.mul(sk_eph, g_hat)
    try:
        pk_eph_ic = curve.decode(_dyn(step(encode(0x83, curve.encode(pk_eph))), 0x84))
    except ValueError as exc:
        raise unreadable(f"PACE: the card's ephemeral key: {exc}") from exc
    if pk_eph_ic == pk_eph:
        raise unreadable("PACE: the card echoed our ephemeral key")
    shared = curve.mul(sk_eph, pk_eph_ic)
    if shared is None:
        raise unreadable("PACE: no shared secret")
    ks_enc, ks_mac = session_keys(shared[0].to_bytes(curve.size, "big"), info)

    t_ifd = auth_token(ks_mac, info, curve, pk_eph_ic)
    t_ic = _dyn(step(encode(0x85, t_ifd), last=True), 0x86)
    if t_ic != auth_token(ks_mac, info, curve, pk_eph):
        raise unreadable("PACE: the card's authentication token is wrong")
    return SecureChannel(info.cipher[0], ks_enc, ks_mac, 0)


__all__ = ["CAN", "MRZ", "PaceInfo", "PaceRefused", "choose", "parse_card_access", "perform_pace"]
