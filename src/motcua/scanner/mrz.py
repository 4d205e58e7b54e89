"""The machine-readable zone on the back of the ID card (ICAO 9303 TD1, 3 x 30).

Small and exact, written here rather than pulled in: every check digit is
verified, and a wrong one names the field so the technician can tell a dirty
reader window from a forged card. Vietnamese cards carry the full 12-digit
number in line 1's optional data with its own check digit (DOMAIN.md); its
sex/century digit also settles the century of a two-digit birth year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from motcua.logs import mask_id, mask_name
from motcua.scanner.cccd_qr import IdCardError, century_and_sex

_WEIGHTS = (7, 3, 1)
_LINE = re.compile(r"[A-Z0-9<]{30}")


class MrzError(IdCardError):
    """An MRZ that cannot be trusted; ``field`` names the part that failed."""

    def __init__(self, message_vi: str, message_en: str, code: str, field: str = "") -> None:
        super().__init__(message_vi, message_en, code)
        self.field = field


def char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"not an MRZ character: {ch!r}")


def check_digit(data: str) -> int:
    """ICAO 9303 check digit: weights 7,3,1 repeating over values, sum mod 10."""
    return sum(char_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(data)) % 10


_FIELD_NAMES = {
    "document_number": ("số giấy tờ", "document number"),
    "birth_date": ("ngày sinh", "birth date"),
    "expiry_date": ("ngày hết hạn", "expiry date"),
    "id_number": ("số định danh 12 số", "12-digit ID number"),
    "composite": ("số kiểm tra tổng hợp", "composite check digit"),
}


def _verify(data: str, check: str, field: str) -> None:
    vi, en = _FIELD_NAMES[field]
    if not check.isdigit() or int(check) != check_digit(data):
        expected = check_digit(data)
        raise MrzError(
            f"Sai số kiểm tra ở {vi} trong dải MRZ. Xin lau mặt thẻ và đọc lại.",
            f"Wrong check digit for the {en} (got {check!r}, expected {expected}). "
            "Clean the card and read it again.",
            "bad_check_digit",
            field,
        )


@dataclass(frozen=True, repr=False)
class MrzCard:
    document_type: str
    issuer: str
    document_number: str
    birth_date: date
    sex: str  # "M" | "F" | "<"
    expiry_date: date | None  # None when the card does not expire ("<<<<<<")
    nationality: str
    surname: str
    given_names: str
    optional_data_1: str
    optional_data_2: str
    id_number: str | None  # the 12-digit Vietnamese number when present

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_names) if p)

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number or self.document_number)

    def __repr__(self) -> str:
        return (
            f"MrzCard(issuer={self.issuer!r}, id={self.masked_id!r}, "
            f"name={mask_name(self.full_name)!r}, birth_date={self.birth_date.isoformat()!r})"
        )

    __str__ = __repr__


def _lines(text: str | list[str] | tuple[str, ...]) -> tuple[str, str, str]:
    if isinstance(text, str):
        rows = [r.strip().replace(" ", "") for r in text.strip().splitlines() if r.strip()]
        if len(rows) == 1 and len(rows[0]) == 90:
            rows = [rows[0][:30], rows[0][30:60], rows[0][60:]]
    else:
        rows = [r.strip().replace(" ", "") for r in text]
    rows = [r.upper() for r in rows]
    if len(rows) != 3 or not all(_LINE.fullmatch(r) for r in rows):
        raise MrzError(
            "Không đọc được dải MRZ: cần 3 dòng, mỗi dòng 30 ký tự.",
            "Cannot read the MRZ: expected 3 lines of 30 characters (TD1).",
            "bad_format",
        )
    return rows[0], rows[1], rows[2]


def _yymmdd(text: str, century: int, field: str) -> date:
    vi, en = _FIELD_NAMES[field]
    try:
        return date(century + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        raise MrzError(
            f"{vi.capitalize()} trong dải MRZ không hợp lệ.",
            f"The {en} in the MRZ is not a valid date.",
            "bad_date",
            field,
        ) from None


def _vietnamese_number(optional_1: str) -> str | None:
    """Line 1 optional data on a VNM card: 12 digits, '<<', check digit."""
    body = optional_1[:12]
    if not body.isdigit():
        return None
    _verify(body, optional_1[14], "id_number")
    return body


def parse_td1(text: str | list[str] | tuple[str, ...], today: date | None = None) -> MrzCard:
    """Parse and verify a TD1 MRZ. ``today`` picks the birth century when the card cannot."""
    l1, l2, l3 = _lines(text)
    doc_number, doc_check, optional_1 = l1[5:14], l1[14], l1[15:30]
    if doc_check == "<" and optional_1[:1].isdigit():
        # ICAO long document number: it continues in optional data, ended by its check digit.
        cont = optional_1.split("<", 1)[0]
        doc_number, doc_check = doc_number + cont[:-1], cont[-1]
        _verify(doc_number, doc_check, "document_number")
        optional_1 = ""
    else:
        _verify(doc_number, doc_check, "document_number")
    _verify(l2[0:6], l2[6], "birth_date")
    no_expiry = l2[8:14] == "<<<<<<"
    if not no_expiry:
        _verify(l2[8:14], l2[14], "expiry_date")
    _verify(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29], "composite")

    issuer = l1[2:5].replace("<", "")
    id_number = _vietnamese_number(optional_1) if issuer == "VNM" else None

    if id_number is not None:
        birth_century = century_and_sex(id_number)[0]
    else:
        # A person is born before today and before the card expires.
        if today is not None:
            pivot = today.year % 100
        elif not no_expiry:
            pivot = int(l2[8:10])
        else:
            pivot = 30
        birth_century = 2000 if int(l2[0:2]) <= pivot else 1900
    birth = _yymmdd(l2[0:6], birth_century, "birth_date")
    expiry = None if no_expiry else _yymmdd(l2[8:14], 2000, "expiry_date")
    if id_number is not None and int(id_number[4:6]) != birth.year % 100:
        raise MrzError(
            "Số định danh không khớp với năm sinh trong dải MRZ.",
            "The ID number does not match the birth year in the MRZ.",
            "inconsistent",
            "id_number",
        )

    surname, _, given = l3.partition("<<")
    return MrzCard(
        document_type=l1[0:2].replace("<", ""),
        issuer=issuer,
        document_number=doc_number.replace("<", ""),
        birth_date=birth,
        sex=l2[7],
        expiry_date=expiry,
        nationality=l2[15:18].replace("<", ""),
        surname=surname.replace("<", " ").strip(),
        given_names=given.replace("<", " ").strip(),
        optional_data_1=optional_1.replace("<", ""),
        optional_data_2=l2[18:29].replace("<", ""),
        id_number=id_number,
    )
