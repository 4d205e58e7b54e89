"""Accent folding for search as you type.

Citizens type on a kiosk keyboard without Telex, or with it half-finished, so
"dang ky ket hon" must find "Đăng ký kết hôn". We compare folded text on both
sides: decompose (NFD), drop the combining marks, map đ/Đ to d (đ is a letter of
its own, not d plus a mark, so NFD leaves it), lowercase, and keep only letters
and digits as words separated by single spaces.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_CODE = re.compile(r"\d\.\d{0,6}(?:\.[0-9a-z.]*)?|\d", re.ASCII)


def fold(text: str) -> str:
    """'Đăng ký  Kết hôn (lần 2)' -> 'dang ky ket hon lan 2'."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").lower()
    return _NON_WORD.sub(" ", stripped).strip()


def fold_words(text: str) -> list[str]:
    return fold(text).split()


def looks_like_code(query: str) -> bool:
    """'1.000894', '1.0008', '2.' or a localised '1.001193.000.00.00.H56'."""
    return bool(_CODE.fullmatch(query.strip().lower()))
