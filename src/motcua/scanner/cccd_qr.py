"""The QR code on the Vietnamese chip ID card (CCCD / thẻ căn cước).

Layout (DOMAIN.md): ``số CCCD | số CMND cũ | Họ và tên | ngày sinh | Nam/Nữ |
nơi thường trú | ngày cấp``, UTF-8, dates ``ddmmyyyy``. A 6-field variant without
the old ID exists and newer cards may append fields, so we accept six or more and
keep the raw text. The 12-digit number encodes sex and century of birth and the
birth year; we cross-check them, because a mismatch means a misread or a forged
code, and a ticket tied to a wrong ID number blocks the real owner later.

Nothing here logs; ``CccdCard.__repr__`` shows only masked values, so a card
that ends up in a traceback or a debug print does not leak personal data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from motcua.errors import MotcuaError
from motcua.logs import mask_id, mask_name
from motcua.queue.models import CitizenInfo
from motcua.scanner.text import decode_scan, repair_mojibake

NOT_A_CARD_VI = (
    "Mã QR này không phải của thẻ Căn cước. "
    "Xin ông/bà quét mã QR ở mặt trước thẻ Căn cước công dân gắn chip."
)
NOT_A_CARD_EN = (
    "This QR code is not from a Vietnamese ID card. Please scan the QR code on the chip ID card."
)

_DIGITS12 = re.compile(r"\d{12}", re.ASCII)
_OLD_ID = re.compile(r"\d{9}|\d{12}", re.ASCII)
_DATE = re.compile(r"\d{8}", re.ASCII)
_SEX = {"nam": "Nam", "nữ": "Nữ", "nu": "Nữ", "male": "Nam", "female": "Nữ"}


class IdCardError(MotcuaError, ValueError):
    """A card that cannot be read. ``message_vi`` is what the citizen sees; ``code`` says why."""

    code = "not_a_card"
    http_status = 422

    def __init__(self, message_vi: str, message_en: str = "", code: str = "not_a_card") -> None:
        super().__init__(message_vi, message_en)
        self.code = code


@dataclass(frozen=True, repr=False)
class CccdCard:
    id_number: str
    old_id: str
    full_name: str
    birth_date: date
    sex: str  # "Nam" | "Nữ"
    address: str
    issue_date: date
    raw: str = field(compare=False)

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)

    @property
    def masked_name(self) -> str:
        return mask_name(self.full_name)

    def to_citizen(self) -> CitizenInfo:
        return CitizenInfo(
            id_number=self.id_number,
            full_name=self.full_name,
            birth_date=self.birth_date,
            sex=self.sex,
        )

    def to_dict(self, show_personal: bool = False) -> dict[str, Any]:
        """JSON-ready fields; masked unless the caller explicitly asks for everything."""
        return {
            "id_number": self.id_number if show_personal else self.masked_id,
            "old_id": (self.old_id if show_personal else mask_id(self.old_id))
            if self.old_id
            else "",
            "full_name": self.full_name if show_personal else self.masked_name,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "address": self.address if show_personal else _mask_address(self.address),
            "issue_date": self.issue_date.isoformat(),
        }

    def __repr__(self) -> str:
        return (
            f"CccdCard(id_number={self.masked_id!r}, full_name={self.masked_name!r}, "
            f"birth_date={self.birth_date.isoformat()!r}, sex={self.sex!r})"
        )

    __str__ = __repr__


def _mask_address(address: str) -> str:
    """Keep the province (last part) only: enough to recognise, not to locate."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if len(parts) <= 1:
        return "***" if address else ""
    return "***, " + parts[-1]


def _bad(vi: str, en: str, code: str) -> IdCardError:
    return IdCardError(vi, en, code)


def _parse_date(text: str, what_vi: str, what_en: str) -> date:
    if not _DATE.fullmatch(text):
        raise _bad(
            f"Không đọc được {what_vi} trên thẻ. Xin ông/bà quét lại mã QR.",
            f"Cannot read the {what_en} on the card. Please scan the QR code again.",
            "bad_date",
        )
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise _bad(
            f"{what_vi.capitalize()} trên thẻ không hợp lệ ({text[:2]}/{text[2:4]}/{text[4:]}).",
            f"The {what_en} on the card is not a valid date.",
            "bad_date",
        ) from None


def _looks_like_date(text: str) -> bool:
    return bool(_DATE.fullmatch(text))


def _split_fields(text: str) -> tuple[str, str, str, str, str, str, str]:
    """Return the seven logical fields, whichever layout the card uses."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) < 6 or not _DIGITS12.fullmatch(parts[0]):
        raise _bad(NOT_A_CARD_VI, NOT_A_CARD_EN, "not_a_card")
    # 7-field: id | old id | name | birth | sex | address | issue
    if (
        len(parts) >= 7
        and (parts[1] == "" or _OLD_ID.fullmatch(parts[1]))
        and _looks_like_date(parts[3])
    ):
        return parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]
    # 6-field: id | name | birth | sex | address | issue
    if _looks_like_date(parts[2]):
        return parts[0], "", parts[1], parts[2], parts[3], parts[4], parts[5]
    raise _bad(NOT_A_CARD_VI, NOT_A_CARD_EN, "not_a_card")


def century_and_sex(id_number: str) -> tuple[int, str]:
    """Digit 4 of the number: 0/1 male/female 1900s, 2/3 the 2000s, 4/5 the 2100s..."""
    digit = int(id_number[3])
    return 1900 + (digit // 2) * 100, ("Nam" if digit % 2 == 0 else "Nữ")


def _check_consistency(id_number: str, birth: date, sex: str) -> None:
    century, coded_sex = century_and_sex(id_number)
    if birth.year // 100 * 100 != century or int(id_number[4:6]) != birth.year % 100:
        raise _bad(
            "Số định danh trên thẻ không khớp với năm sinh. Xin ông/bà quét lại mã QR "
            "hoặc đến quầy hướng dẫn để được giúp.",
            "The ID number does not match the birth year. Please scan again or ask at the desk.",
            "inconsistent",
        )
    if coded_sex != sex:
        raise _bad(
            "Số định danh trên thẻ không khớp với giới tính. Xin ông/bà quét lại mã QR "
            "hoặc đến quầy hướng dẫn để được giúp.",
            "The ID number does not match the sex on the card. "
            "Please scan again or ask at the desk.",
            "inconsistent",
        )


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or any(ch.isdigit() for ch in name) or not any(ch.isalpha() for ch in name):
        raise _bad(
            "Không đọc được họ tên trên thẻ. Xin ông/bà quét lại mã QR.",
            "Cannot read the name on the card. Please scan again.",
            "bad_name",
        )
    return name


def parse_cccd_qr(payload: str | bytes, today: date | None = None) -> CccdCard:
    """Parse the card's QR text (or the scanner's raw bytes) into a ``CccdCard``.

    Raises ``IdCardError`` with a plain Vietnamese message for anything that is
    not a well-formed, self-consistent card. With ``today`` (the center's local
    date, from the injected clock) dates after today are rejected too.
    """
    if isinstance(payload, bytes | bytearray):
        text = decode_scan(bytes(payload))
    elif isinstance(payload, str):
        text = unicodedata.normalize("NFC", repair_mojibake(payload))
    else:
        raise _bad(NOT_A_CARD_VI, NOT_A_CARD_EN, "not_a_card")
    raw = text.strip().lstrip("\ufeff").strip("\r\n")
    if not raw or len(raw) > 1000:
        raise _bad(NOT_A_CARD_VI, NOT_A_CARD_EN, "not_a_card")

    id_number, old_id, name, birth_text, sex_text, address, issue_text = _split_fields(raw)
    full_name = _clean_name(name)
    birth = _parse_date(birth_text, "ngày sinh", "birth date")
    sex = _SEX.get(sex_text.casefold())
    if sex is None:
        raise _bad(
            "Không đọc được giới tính trên thẻ (phải là Nam hoặc Nữ). Xin ông/bà quét lại.",
            "Cannot read the sex on the card (must be Nam or Nữ). Please scan again.",
            "bad_sex",
        )
    issue = _parse_date(issue_text, "ngày cấp", "issue date")
    if issue < birth:
        raise _bad(
            "Ngày cấp trên thẻ sớm hơn ngày sinh: mã QR bị đọc sai. Xin ông/bà quét lại.",
            "The issue date is before the birth date: the code was misread. Please scan again.",
            "bad_date",
        )
    if today is not None and issue > today:
        raise _bad(
            "Ngày cấp trên thẻ ở sau ngày hôm nay: mã QR bị đọc sai. Xin ông/bà quét lại.",
            "The issue date is in the future: the code was misread. Please scan again.",
            "bad_date",
        )
    _check_consistency(id_number, birth, sex)
    return CccdCard(
        id_number=id_number,
        old_id=old_id,
        full_name=full_name,
        birth_date=birth,
        sex=sex,
        address=" ".join(address.split()),
        issue_date=issue,
        raw=raw,
    )
