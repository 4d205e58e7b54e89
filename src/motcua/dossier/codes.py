"""Dossier codes: ``<unit code>-<yyMMdd>-<4-digit sequence>``, e.g. ``000.00.06.H56-231027-0361``.

``parse_dossier_code`` finds the code in whatever the receipt QR holds: a bare code, a
portal URL, a sentence. ``DossierCode`` formats one; the sequence itself is handed out
by ``motcua.dossier.store`` (per unit per day, atomic, never reused).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote_plus

from motcua.errors import MotcuaError


class DossierCodeError(MotcuaError, ValueError):
    """A dossier code (or receipt QR) that is not one."""

    code = "invalid_dossier_code"
    http_status = 422


class DossierNotFound(MotcuaError, LookupError):
    """No dossier has this code; ``dossier_code`` is the code asked for."""

    code = "dossier_not_found"
    http_status = 404

    def __init__(self, dossier_code: str) -> None:
        super().__init__(f"Không tìm thấy hồ sơ {dossier_code}.", f"unknown dossier {dossier_code}")
        self.dossier_code = dossier_code


_CODE = re.compile(
    r"(?<![0-9A-Za-z.])(\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2})\s*-\s*(\d{6})\s*-\s*(\d{4})(?!\d)",
    re.ASCII,
)

_CODE_HELP_VI = (
    "Mã hồ sơ không đúng. Mã hồ sơ in trên giấy tiếp nhận, có dạng "
    "000.00.06.H56-231027-0361. Xin ông/bà quét mã QR trên giấy hoặc gõ lại."
)
_CODE_HELP_EN = (
    "Not a dossier code. It is printed on the receipt and looks like "
    "000.00.06.H56-231027-0361. Scan the receipt QR or type it again."
)


@dataclass(frozen=True)
class DossierCode:
    unit_code: str  # "000.00.06.H56"
    received_on: date
    sequence: int

    def __str__(self) -> str:
        return f"{self.unit_code}-{self.received_on:%y%m%d}-{self.sequence:04d}"


def split_dossier_code(text: str) -> DossierCode:
    """Find and validate a dossier code in ``text`` (a code, a URL, any QR text)."""
    if not isinstance(text, str) or not text.strip() or len(text) > 2000:
        raise DossierCodeError(_CODE_HELP_VI, _CODE_HELP_EN)
    match = _CODE.search(unquote_plus(text.strip()))
    if match is None:
        raise DossierCodeError(_CODE_HELP_VI, _CODE_HELP_EN)
    unit, ymd, seq = match.groups()
    try:
        day = date(2000 + int(ymd[:2]), int(ymd[2:4]), int(ymd[4:]))
    except ValueError:
        raise DossierCodeError(
            f"Mã hồ sơ có ngày tiếp nhận không hợp lệ ({ymd}). {_CODE_HELP_VI}",
            f"The dossier code holds an invalid date ({ymd}). {_CODE_HELP_EN}",
        ) from None
    if int(seq) == 0:
        raise DossierCodeError(_CODE_HELP_VI, _CODE_HELP_EN)
    return DossierCode(unit.upper(), day, int(seq))


def parse_dossier_code(text: str) -> str:
    """The normalised dossier code found in ``text``; DossierCodeError when there is none."""
    return str(split_dossier_code(text))
