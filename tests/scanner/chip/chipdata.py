"""Hand-built card files for tests: DG1, DG13, DG2 and a signed EF.SOD (synthetic people)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

from motcua.scanner.chip.tlv import encode, encode_oid
from motcua.scanner.mrz import check_digit


def vietnamese_mrz(number: str, birth: str, sex: str, expiry: str, name: str) -> tuple[str, ...]:
    """A VNM TD1 with correct check digits, laid out as DOMAIN.md says."""
    l1 = f"IDVNM{number[3:]}{check_digit(number[3:])}{number}<<{check_digit(number)}"
    body = f"{birth}{check_digit(birth)}{sex}{expiry}{check_digit(expiry)}VNM" + "<" * 11
    composite = check_digit(l1[5:30] + body[0:7] + body[8:15] + body[18:29])
    return (l1, body + str(composite), name.ljust(30, "<"))


MRZ_LINES = vietnamese_mrz("001090123456", "900101", "M", "310101", "NGUYEN<<VAN<AN")
MRZ_KEY = "090123456:900101:310101"
CAN = "123456"

# A card issued after 60, marked "Không thời hạn": no expiry date, so the MRZ's expiry field
# is ICAO's filler "<<<<<<" with check digit 0 (bac.NO_EXPIRY). Born 01/01/1950.
SENIOR_NUMBER = "001050123456"
SENIOR_MRZ_LINES = vietnamese_mrz(SENIOR_NUMBER, "500101", "M", "<<<<<<", "TRAN<<VAN<BINH")
SENIOR_MRZ_KEY = "050123456:500101:<<<<<<"


def utf8(text: str) -> bytes:
    return encode(0x0C, text.encode("utf-8"))


def field(n: int, *values: bytes) -> bytes:
    return encode(0x30, encode(0x02, bytes([n])) + b"".join(values))


def dg1(lines: tuple[str, ...] = MRZ_LINES) -> bytes:
    return encode(0x61, encode(0x5F1F, "".join(lines).encode("ascii")))


def senior_dg13() -> bytes:
    return dg13(
        [
            field(1, encode(0x13, SENIOR_NUMBER.encode())),
            field(2, utf8("Trần Văn Bình")),
            field(3, encode(0x13, b"01/01/1950")),
            field(4, utf8("Nam")),
            field(5, utf8("Việt Nam")),
            field(11, encode(0x13, b"15/04/2021")),
            field(12, utf8("Không thời hạn")),
        ]
    )


def dg13(fields: list[bytes] | None = None) -> bytes:
    if fields is None:
        fields = [
            field(1, encode(0x13, b"001090123456")),
            field(2, utf8("Nguyễn Văn An")),
            field(3, encode(0x13, b"01/01/1990")),
            field(4, utf8("Nam")),
            field(5, utf8("Việt Nam")),
            field(6, utf8("Kinh")),
            field(7, utf8("Không")),
            field(8, utf8("Xã Tân Hội, Huyện Đan Phượng, Hà Nội")),
            field(9, utf8("Số 12 ngõ 34 phố Hàng Bông, Phường Hoàn Kiếm, Hà Nội " * 4)),
            field(10, utf8("Nốt ruồi C:1cm trên sau đầu mày phải")),
            field(11, encode(0x13, b"15/04/2021")),
            field(12, encode(0x13, b"01/01/2031")),
            field(13, encode(0x30, utf8("Nguyễn Văn Bình")), encode(0x30, utf8("Trần Thị Cúc"))),
            field(15, encode(0x13, b"012345678")),
        ]
    oid = encode(0x06, encode_oid("2.23.136.1.1.6.1"))  # any OID: the layout only needs one
    body = encode(0x02, b"\x01") + oid + encode(0x31, b"".join(fields))
    return encode(0x6D, encode(0x30, body))


def jp2_photo() -> bytes:
    from PIL import Image

    img = Image.new("RGB", (24, 32), (180, 140, 120))
    out = io.BytesIO()
    img.save(out, format="JPEG2000")
    return out.getvalue()


def dg2(image: bytes) -> bytes:
    header = b"FAC\x00010\x00" + (14 + 32 + len(image)).to_bytes(4, "big") + b"\x00\x01"
    facial = (32 + len(image)).to_bytes(4, "big") + bytes(16) + b"\x00\x01" + bytes(10)
    block = header + facial + image
    bit = encode(
        0x7F60,
        encode(0xA1, bytes.fromhex("870201018802050 1".replace(" ", ""))) + encode(0x5F2E, block),
    )
    return encode(0x75, encode(0x7F61, encode(0x02, b"\x01") + bit))


def make_ca() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Test CSCA"),
        ]
    )
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_signer(
    ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test DS")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def sod(
    groups: dict[int, bytes], signer: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> bytes:
    sha256 = encode(0x30, encode(0x06, encode_oid("2.16.840.1.101.3.4.2.1")))
    values = b"".join(
        encode(0x30, encode(0x02, bytes([n])) + encode(0x04, hashlib.sha256(data).digest()))
        for n, data in sorted(groups.items())
    )
    lds = encode(0x30, encode(0x02, b"\x00") + sha256 + encode(0x30, values))
    key, cert = signer
    cms = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(lds)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )
    return encode(0x77, cms)
