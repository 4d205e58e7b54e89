"""Numbers read aloud the way a Vietnamese listener expects (DOMAIN.md "Reading numbers aloud").

Libraries get this wrong (num2words reads 1010 as "một nghìn lẻ mười"; espeak-ng given
digits says "mười năm" for 15), so we turn numbers into words ourselves and only ever hand
words to a speech engine.

The rules, per group of three digits (hundreds h, tens t, units u):

- units 1 is "mốt" only when t >= 2 (21 hai mươi mốt, but 11 mười một, 101 một trăm linh một);
- units 5 is "lăm" after any tens digit including 1 (15 mười lăm), "năm" after an empty tens
  place (105 một trăm linh năm) or alone;
- units 4 is "tư" when t >= 2 (24 hai mươi tư), "bốn" otherwise;
- tens are "mười" for 10-19 and "<digit> mươi" from 20;
- an empty tens place before a units digit is "linh" (North) / "lẻ" (South);
- an empty hundreds place inside a group that follows a higher group is "không trăm"
  (1023 một nghìn không trăm hai mươi ba); an all-zero group is skipped;
- thousands are "nghìn" (North) / "ngàn" (South); then "triệu", "tỷ".

Ticket numbers with a letter prefix ("B007") are read as the letter's Vietnamese name then
the number in words ("bê bảy"): that is what callers say in the hall; nobody reads the
padding zeros ("bê không không bảy").
"""

from __future__ import annotations

from typing import Literal

from motcua.errors import MotcuaError

Dialect = Literal["north", "south"]

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")

# Vietnamese names of Latin letters as said aloud (the school alphabet names; letters
# outside the Vietnamese alphabet - F J W Z - by their usual borrowed names). G is "gờ",
# not "giê": in the North "giê" sounds exactly like D's "dê" (/ze/), and a hall must not
# confuse two queues.
LETTER_NAMES: dict[str, str] = {
    "A": "a",
    "B": "bê",
    "C": "xê",
    "D": "dê",
    "Đ": "đê",
    "E": "e",
    "F": "ép",
    "G": "gờ",
    "H": "hát",
    "I": "i",
    "J": "gi",
    "K": "ca",
    "L": "e-lờ",
    "M": "em-mờ",
    "N": "en-nờ",
    "O": "o",
    "P": "pê",
    "Q": "quy",
    "R": "e-rờ",
    "S": "ét-xì",
    "T": "tê",
    "U": "u",
    "V": "vê",
    "W": "vê-kép",
    "X": "ích-xì",
    "Y": "i-dài",
    "Z": "dét",
}

_BILLION = 1_000_000_000


class NumberWordsError(MotcuaError, ValueError):
    """A number or ticket label that cannot be read aloud; Vietnamese first, English second."""

    code = "number_words"
    http_status = 422


def _check_dialect(dialect: str) -> None:
    if dialect not in ("north", "south"):
        raise NumberWordsError(
            f"phương ngữ không hợp lệ: {dialect!r} (dùng 'north' hoặc 'south')",
            f"unknown dialect {dialect!r} (use 'north' or 'south')",
        )


def _units_after_tens(t: int, u: int) -> str:
    """The units word once a tens word has been said (t >= 1)."""
    if u == 1 and t >= 2:
        return "mốt"
    if u == 4 and t >= 2:
        return "tư"
    if u == 5:
        return "lăm"
    return DIGITS[u]


def _group_words(n: int, full: bool, dialect: Dialect) -> list[str]:
    """Words for 1..999; ``full`` when a higher group was said, so hundreds are always read."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if h or full:
        words += [DIGITS[h], "trăm"]
    if t == 0:
        if u:
            if words:
                words.append("linh" if dialect == "north" else "lẻ")
            words.append(DIGITS[u])
        return words
    words += ["mười"] if t == 1 else [DIGITS[t], "mươi"]
    if u:
        words.append(_units_after_tens(t, u))
    return words


def _below_billion(n: int, full: bool, dialect: Dialect) -> list[str]:
    groups = [n // 1_000_000, n // 1000 % 1000, n % 1000]
    scales = ["triệu", "nghìn" if dialect == "north" else "ngàn", ""]
    words: list[str] = []
    for g, scale in zip(groups, scales, strict=True):
        if g == 0:
            continue  # an all-zero group is not said (1,000,005 một triệu không trăm linh năm)
        words += _group_words(g, full or bool(words), dialect)
        if scale:
            words.append(scale)
    return words


def number_words(n: int, dialect: Dialect = "north") -> list[str]:
    """The words of ``n`` as a list (one entry per spoken word, the unit of an audio clip)."""
    _check_dialect(dialect)
    if isinstance(n, bool) or not isinstance(n, int):
        raise NumberWordsError(f"không phải số nguyên: {n!r}", f"not an integer: {n!r}")
    if n < 0:
        raise NumberWordsError(f"số âm không đọc được: {n}", f"negative numbers are not read: {n}")
    if n == 0:
        return ["không"]
    if n < _BILLION:
        return _below_billion(n, False, dialect)
    # "một nghìn tỷ", "hai tỷ không trăm linh năm": the part above a billion recurses.
    words = [*number_words(n // _BILLION, dialect), "tỷ"]
    rest = n % _BILLION
    if rest:
        words += _below_billion(rest, True, dialect)
    return words


def number_to_words(n: int, dialect: Dialect = "north") -> str:
    """``n`` in Vietnamese words (1023 -> "một nghìn không trăm hai mươi ba")."""
    return " ".join(number_words(n, dialect))


def display_number_words(label: str, dialect: Dialect = "north") -> list[str]:
    """Words for a ticket label as printed: "1023", "B007" (letter names, then the number).

    Leading zeros are padding and are not read ("B007" -> ["bê", "bảy"]); a label of
    letters only is spelled.
    """
    _check_dialect(dialect)
    text = str(label).strip().upper()
    letters = ""
    i = 0
    while i < len(text) and text[i] in LETTER_NAMES:
        letters += text[i]
        i += 1
    digits = text[i:]
    if not text or (digits and not (digits.isascii() and digits.isdigit())):
        raise NumberWordsError(
            f"số thứ tự không hợp lệ: {label!r} (chữ cái rồi chữ số, ví dụ 1023 hoặc B007)",
            f"invalid ticket number {label!r} (letters then digits, e.g. 1023 or B007)",
        )
    words = [LETTER_NAMES[c] for c in letters]
    if digits:
        words += number_words(int(digits), dialect)
    return words


def display_number_to_words(label: str, dialect: Dialect = "north") -> str:
    """A ticket label read aloud: ``"B007"`` -> ``"bê bảy"``, ``"1023"`` -> its number words."""
    return " ".join(display_number_words(label, dialect))
