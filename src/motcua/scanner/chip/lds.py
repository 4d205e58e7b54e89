"""The card's files (ICAO 9303-10 LDS): DG1, DG2, DG13 (Vietnamese data) and EF.SOD.

Nothing here logs or stores: ``ChipCard`` masks itself in ``repr`` and the photo stays in
memory (``photo_image`` decodes it for display; nothing writes it anywhere).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from motcua.logs import mask_id, mask_name
from motcua.scanner.cccd_qr import CccdCard
from motcua.scanner.chip.errors import tampered, unreadable
from motcua.scanner.chip.tlv import Tlv, TlvError, decode_int, decode_oid, parse_all, parse_one
from motcua.scanner.mrz import MrzCard, MrzError, parse_td1

# DG13 field numbers (DOMAIN.md "The chip")
DG13_FIELDS = {
    1: "id_number",
    2: "full_name",
    3: "birth_date",
    4: "sex",
    5: "nationality",
    6: "ethnicity",
    7: "religion",
    8: "hometown",
    9: "residence",
    10: "identifying_marks",
    11: "issue_date",
    12: "expiry_date",
    14: "spouse",
    15: "old_id",
}
_STRING_TAGS = {0x0C: "utf-8", 0x13: "ascii", 0x16: "ascii", 0x14: "latin-1", 0x1A: "ascii"}


def _string(t: Tlv) -> str | None:
    enc = _STRING_TAGS.get(t.tag)
    if enc is None:
        return None
    try:
        return t.value.decode(enc).strip()
    except UnicodeDecodeError as exc:
        raise unreadable(f"DG13: a text value is not {enc}") from exc


def _strings_below(t: Tlv) -> list[str]:
    text = _string(t)
    if text is not None:
        return [text]
    if not t.constructed:
        return []
    return [s for child in t.children() for s in _strings_below(child)]


def _numbered_fields(t: Tlv, out: dict[int, list[str]]) -> None:
    """Every SEQUENCE { INTEGER n, value... } below ``t``, whatever wraps it (SET, SEQUENCE)."""
    if not t.constructed:
        return
    kids = t.children()
    is_field = (
        t.tag == 0x30
        and len(kids) >= 1
        and kids[0].tag == 0x02
        and len(kids[0].value) <= 2
        and not any(k.tag == 0x06 for k in kids)  # the wrapper: INTEGER version, OID, SET
    )
    if is_field:
        n = decode_int(kids[0].value)
        values = [s for k in kids[1:] for s in _strings_below(k)]
        if values or len(kids) == 1:
            out.setdefault(n, values)
            return
    for child in kids:
        _numbered_fields(child, out)


def parse_dg13(data: bytes) -> dict[str, Any]:
    """DG13 -> {field name: text}; absent fields are absent; parents as father/mother."""
    try:
        top, _ = parse_one(data)
        if top.tag != 0x6D:
            raise TlvError(f"DG13 starts with tag {top.tag:X}, not 6D")
        numbered: dict[int, list[str]] = {}
        for child in top.children():
            _numbered_fields(child, numbered)
    except TlvError as exc:
        raise unreadable(f"DG13: {exc}") from exc
    out: dict[str, Any] = {}
    for n, values in numbered.items():
        if n == 13:
            if values:
                out["father"] = values[0]
            if len(values) > 1:
                out["mother"] = values[1]
        elif n in DG13_FIELDS and values and values[0]:
            out[DG13_FIELDS[n]] = values[0]
        elif n not in DG13_FIELDS and values:
            out.setdefault("other", {})[str(n)] = values[0]
    return out


def parse_dg1(data: bytes) -> MrzCard:
    try:
        top, _ = parse_one(data)
        mrz = top.get(0x5F1F).value.decode("ascii")
    except (TlvError, UnicodeDecodeError) as exc:
        raise unreadable(f"DG1: {exc}") from exc
    if len(mrz) != 90:
        raise unreadable(f"DG1: MRZ of {len(mrz)} characters, a TD1 card has 90")
    try:
        return parse_td1([mrz[0:30], mrz[30:60], mrz[60:90]])
    except MrzError as exc:
        raise unreadable(f"DG1: {exc.message_en}") from exc


_JP2 = (b"\x00\x00\x00\x0cjP  \r\n\x87\n", b"\xff\x4f\xff\x51")
_JPEG = b"\xff\xd8\xff"


def parse_dg2(data: bytes) -> bytes:
    """The face image (JPEG 2000 or JPEG) inside DG2's biometric data block."""
    try:
        top, _ = parse_one(data)
        blocks: list[bytes] = []

        def walk(t: Tlv) -> None:
            if t.tag in (0x5F2E, 0x7F2E):
                blocks.append(t.value)
            elif t.constructed:
                for c in t.children():
                    walk(c)

        walk(top)
    except TlvError as exc:
        raise unreadable(f"DG2: {exc}") from exc
    for block in blocks:
        for magic in (*_JP2, _JPEG):
            at = block.find(magic)
            if at >= 0:
                return block[at:]
    raise unreadable("DG2: no JPEG 2000 or JPEG image found")


_HASHES = {
    "1.3.14.3.2.26": "sha1",
    "2.16.840.1.101.3.4.2.4": "sha224",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
}


@dataclass(frozen=True)
class SodCheck:
    hash_algorithm: str
    groups: dict[int, str]  # DG number -> "ok" | "mismatch" | "not_read"
    signer: str  # "unverified" | "verified" | "invalid"
    signer_detail: str = ""

    @property
    def as_issued(self) -> bool:
        """Every group read matches the card's signed hashes."""
        return all(v != "mismatch" for v in self.groups.values()) and "ok" in self.groups.values()


def _signed_data(sod: bytes) -> Tlv:
    top, _ = parse_one(sod)
    content_info = top.get(0x30) if top.tag == 0x77 else top
    kids = content_info.children()
    if decode_oid(kids[0].value) != "1.2.840.113549.1.7.2":
        raise TlvError("EF.SOD is not CMS SignedData")
    return kids[1].get(0x30)


def check_sod(sod: bytes, groups: dict[int, bytes], csca_pem: bytes | None = None) -> SodCheck:
    """Compare the groups read with EF.SOD's hashes; verify the signer if a CSCA is given."""
    try:
        signed = _signed_data(sod)
        parts = signed.children()
        encap = parts[2].children()
        econtent = encap[1].get(0x04).value
        lds, _ = parse_one(econtent)
        lds_parts = lds.children()
        algo_oid = decode_oid(lds_parts[1].children()[0].value)
        algo = _HASHES.get(algo_oid)
        if algo is None:
            raise TlvError(f"unknown hash algorithm {algo_oid}")
        hashes = {
            decode_int(h.children()[0].value): h.children()[1].value
            for h in lds_parts[2].children()
        }
    except (TlvError, IndexError) as exc:
        raise unreadable(f"EF.SOD: {exc}") from exc
    result: dict[int, str] = {}
    for dg in sorted(hashes):
        if dg not in groups:
            result[dg] = "not_read"
        else:
            ok = hashlib.new(algo, groups[dg]).digest() == hashes[dg]
            result[dg] = "ok" if ok else "mismatch"
    for dg in groups:
        if dg not in hashes:
            result[dg] = "mismatch"  # a group the signer never listed
    signer, detail = "unverified", "no CSCA certificate configured"
    if csca_pem is not None:
        signer, detail = _verify_signer(signed, econtent, csca_pem)
    return SodCheck(algo, result, signer, detail)


def _verify_signer(signed: Tlv, econtent: bytes, csca_pem: bytes) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    try:
        csca = x509.load_pem_x509_certificate(csca_pem)
        certs = next(p for p in signed.children() if p.tag == 0xA0)
        ds = x509.load_der_x509_certificate(certs.children()[0].raw)
        ds.verify_directly_issued_by(csca)
        signer_info = signed.children()[-1].children()[0]
        fields = signer_info.children()
        digest_oid = decode_oid(fields[2].children()[0].value)
        attrs = next(f for f in fields if f.tag == 0xA0)
        signature = next(f for f in fields if f.tag == 0x04).value
        algo = _HASHES[digest_oid]
        digest = None
        for attr in attrs.children():
            a = attr.children()
            if decode_oid(a[0].value) == "1.2.840.113549.1.9.4":
                digest = a[1].children()[0].value
        if digest != hashlib.new(algo, econtent).digest():
            return "invalid", "the signed message digest does not match the content"
        to_verify = b"\x31" + attrs.raw[1:]
        hash_types: dict[str, type[hashes.HashAlgorithm]] = {
            "sha1": hashes.SHA1,
            "sha224": hashes.SHA224,
            "sha256": hashes.SHA256,
            "sha384": hashes.SHA384,
            "sha512": hashes.SHA512,
        }
        hash_cls = hash_types[algo]()
        key = ds.public_key()
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, to_verify, padding.PKCS1v15(), hash_cls)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, to_verify, ec.ECDSA(hash_cls))
        else:
            return "invalid", "unsupported document signer key"
    except InvalidSignature:
        return "invalid", "the signature does not verify"
    except (ValueError, StopIteration, IndexError, KeyError, TlvError, TypeError) as exc:
        return "invalid", f"cannot verify the signer: {exc}"
    return "verified", ds.subject.rfc4514_string()


def _dmy(text: str | None) -> date | None:
    if not text:
        return None
    m = re.fullmatch(r"(\d{2})[/.-]?(\d{2})[/.-]?(\d{4})", text.strip())
    if not m:
        return None
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


@dataclass(frozen=True, repr=False)
class ChipCard:
    """What the chip said. ``access`` is how it was opened ("PACE-CAN", "BAC" ...)."""

    access: str
    mrz: MrzCard
    dg13: dict[str, Any]
    sod: SodCheck | None
    photo: bytes | None = field(default=None, compare=False)  # memory only, never stored

    @property
    def id_number(self) -> str:
        return str(self.dg13.get("id_number") or self.mrz.id_number or self.mrz.document_number)

    @property
    def full_name(self) -> str:
        return str(self.dg13.get("full_name") or self.mrz.full_name)

    @property
    def as_issued(self) -> bool:
        return self.sod is not None and self.sod.as_issued

    def to_cccd(self) -> CccdCard:
        """The same fields the QR gives, so the kiosk fills one form from either."""
        sex = self.dg13.get("sex") or {"M": "Nam", "F": "Nữ"}.get(self.mrz.sex, "")
        return CccdCard(
            id_number=self.id_number,
            old_id=str(self.dg13.get("old_id", "")),
            full_name=self.full_name,
            birth_date=_dmy(self.dg13.get("birth_date")) or self.mrz.birth_date,
            sex=sex,
            address=str(self.dg13.get("residence", "")),
            issue_date=_dmy(self.dg13.get("issue_date")) or date.min,
            raw="",
        )

    def photo_image(self) -> Any:
        """The photo decoded by Pillow (openjpeg) for display; None if none was read."""
        if not self.photo:
            return None
        from PIL import Image

        img = Image.open(io.BytesIO(self.photo))
        img.load()
        return img

    def to_dict(self, show_personal: bool = False) -> dict[str, Any]:
        personal = {
            "id_number",
            "full_name",
            "residence",
            "hometown",
            "father",
            "mother",
            "spouse",
            "old_id",
            "identifying_marks",
        }
        dg13 = {}
        for k, v in self.dg13.items():
            if show_personal or k not in personal:
                dg13[k] = v
            elif k in ("id_number", "old_id"):
                dg13[k] = mask_id(str(v))
            elif k in ("full_name", "father", "mother", "spouse"):
                dg13[k] = mask_name(str(v))
            else:
                dg13[k] = "***"
        return {
            "access": self.access,
            "id_number": self.id_number if show_personal else mask_id(self.id_number),
            "full_name": self.full_name if show_personal else mask_name(self.full_name),
            "birth_date": self.mrz.birth_date.isoformat(),
            "sex": self.mrz.sex,
            "expiry_date": self.mrz.expiry_date.isoformat() if self.mrz.expiry_date else None,
            "dg13": dg13,
            "photo": bool(self.photo),
            "sod": None
            if self.sod is None
            else {
                "hash_algorithm": self.sod.hash_algorithm,
                "groups": {str(k): v for k, v in self.sod.groups.items()},
                "as_issued": self.sod.as_issued,
                "signer": self.sod.signer,
                "signer_detail": self.sod.signer_detail,
            },
        }

    def __repr__(self) -> str:
        return f"ChipCard(access={self.access!r}, id={mask_id(self.id_number)!r})"

    __str__ = __repr__


def require_as_issued(card: ChipCard) -> None:
    if card.sod is not None and any(v == "mismatch" for v in card.sod.groups.values()):
        raise tampered("a data group does not match EF.SOD's hash")


__all__ = ["ChipCard", "SodCheck", "check_sod", "parse_all", "parse_dg1", "parse_dg2", "parse_dg13"]
