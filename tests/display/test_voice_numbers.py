"""Number words by DOMAIN.md's rules: examples, an independent reader, and rule checks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.voice.numbers import (
    LETTER_NAMES,
    NumberWordsError,
    display_number_to_words,
    number_to_words,
    number_words,
)

EXAMPLES = {
    0: "không",
    1: "một",
    4: "bốn",
    5: "năm",
    10: "mười",
    11: "mười một",
    14: "mười bốn",
    15: "mười lăm",
    20: "hai mươi",
    21: "hai mươi mốt",
    24: "hai mươi tư",
    25: "hai mươi lăm",
    31: "ba mươi mốt",
    55: "năm mươi lăm",
    94: "chín mươi tư",
    100: "một trăm",
    101: "một trăm linh một",
    104: "một trăm linh bốn",
    105: "một trăm linh năm",
    110: "một trăm mười",
    111: "một trăm mười một",
    115: "một trăm mười lăm",
    121: "một trăm hai mươi mốt",
    1000: "một nghìn",
    1001: "một nghìn không trăm linh một",
    1005: "một nghìn không trăm linh năm",
    1010: "một nghìn không trăm mười",
    1015: "một nghìn không trăm mười lăm",
    1023: "một nghìn không trăm hai mươi ba",
    1100: "một nghìn một trăm",
    1999: "một nghìn chín trăm chín mươi chín",
    2024: "hai nghìn không trăm hai mươi tư",
    10000: "mười nghìn",
    15000: "mười lăm nghìn",
    21000: "hai mươi mốt nghìn",
    99999: "chín mươi chín nghìn chín trăm chín mươi chín",
    100000: "một trăm nghìn",
    1_000_000: "một triệu",
    1_000_005: "một triệu không trăm linh năm",
    1_005_000: "một triệu không trăm linh năm nghìn",
    999_999_999: "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
    "chín trăm chín mươi chín",
    1_000_000_000: "một tỷ",
    2_000_000_021: "hai tỷ không trăm hai mươi mốt",
}


@pytest.mark.parametrize(("n", "words"), EXAMPLES.items())
def test_examples_north(n: int, words: str) -> None:
    assert number_to_words(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (101, "một trăm lẻ một"),
        (105, "một trăm lẻ năm"),
        (1001, "một ngàn không trăm lẻ một"),
        (1023, "một ngàn không trăm hai mươi ba"),
        (15000, "mười lăm ngàn"),
    ],
)
def test_examples_south(n: int, words: str) -> None:
    assert number_to_words(n, dialect="south") == words


# ----------------------------------------------------------------- an independent reader

_VALUE = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
    "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
_SCALE = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000, "tỷ": 1_000_000_000}


def read_back(text: str) -> int:
    """Parse Vietnamese number words to an int, written apart from the code under test."""
    total, group, pending = 0, 0, 0
    for w in text.split():
        if w in _VALUE:
            pending = _VALUE[w]
        elif w == "trăm":
            group += pending * 100
            pending = 0
        elif w == "mười":
            group += 10
        elif w == "mươi":
            group += pending * 10
            pending = 0
        elif w in ("linh", "lẻ"):
            continue
        elif w in _SCALE:
            if w == "tỷ":
                total = (total + group + pending) * _SCALE[w]
            else:
                total += (group + pending) * _SCALE[w]
            group = pending = 0
        else:
            raise AssertionError(f"unknown word {w!r} in {text!r}")
    return total + group + pending


def check_rules(n: int, text: str, dialect: str = "north") -> None:
    """Each DOMAIN.md rule, checked on the word sequence alone."""
    words = text.split()
    assert words, n
    for i, w in enumerate(words):
        prev = words[i - 1] if i else None
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w == "mốt":
            assert prev == "mươi", (n, text)  # never after mười, never first
        if w == "tư":
            assert prev == "mươi", (n, text)
        if w == "lăm":
            assert prev in ("mười", "mươi"), (n, text)
        if w == "năm" and prev in ("mười", "mươi"):
            raise AssertionError(f"'năm' after tens in {text!r}")
        if w in ("một", "bốn") and prev == "mươi":
            raise AssertionError(f"{w!r} after mươi in {text!r}")
        if w in ("linh", "lẻ"):
            assert prev == "trăm", (n, text)
            assert nxt in ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"), text
        if w == "mươi":
            assert prev in ("hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"), text
        if w == "mười":
            assert prev != "một", (n, text)
        if w == "không":
            assert n == 0 or nxt == "trăm", (n, text)
    tens = n // 10 % 10
    if n % 10 == 1 and tens >= 2:
        assert words[-1] == "mốt"
    if n % 10 == 5 and tens >= 1:
        assert words[-1] == "lăm"
    if n % 10 == 4:
        assert words[-1] == ("tư" if tens >= 2 else "bốn")
    if n >= 1000 and n % 1000:
        after = words[words.index("nghìn" if dialect == "north" else "ngàn") + 1 :]
        assert after[1] == "trăm", (n, text)  # "không trăm" inside a later group
    banned = {"lẻ", "ngàn"} if dialect == "north" else {"linh", "nghìn"}
    assert not banned & set(words), (n, text)


@pytest.mark.parametrize("dialect", ["north", "south"])
def test_every_number_below_100000_reads_back_and_follows_the_rules(dialect: str) -> None:
    for n in range(100_000):
        words = number_to_words(n, dialect)  # type: ignore[arg-type]
        assert read_back(words) == n, (n, words)
        check_rules(n, words, dialect)


@given(st.integers(0, 99_999))
def test_rules_hold_both_dialects(n: int) -> None:
    north, south = number_to_words(n), number_to_words(n, "south")
    check_rules(n, north, "north")
    check_rules(n, south, "south")
    assert read_back(south) == n
    # The dialects differ only in linh/lẻ and nghìn/ngàn.
    swapped = [{"linh": "lẻ", "nghìn": "ngàn"}.get(w, w) for w in north.split()]
    assert swapped == south.split()


@given(st.integers(0, 999_999_999_999))
def test_large_numbers_read_back(n: int) -> None:
    assert read_back(number_to_words(n)) == n


def test_number_words_is_the_split_sentence() -> None:
    assert number_words(1023) == ["một", "nghìn", "không", "trăm", "hai", "mươi", "ba"]


@pytest.mark.parametrize("bad", [-1, 1.5, "12", True])
def test_bad_numbers_raise_a_bilingual_error(bad: object) -> None:
    with pytest.raises(NumberWordsError) as err:
        number_to_words(bad)  # type: ignore[arg-type]
    assert err.value.message_vi and err.value.message_en


def test_unknown_dialect_is_refused() -> None:
    with pytest.raises(NumberWordsError, match="phương ngữ"):
        number_to_words(5, "central")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("1023", "một nghìn không trăm hai mươi ba"),
        ("B007", "bê bảy"),
        ("b007", "bê bảy"),
        ("C015", "xê mười lăm"),
        ("D105", "dê một trăm linh năm"),
        ("E021", "e hai mươi mốt"),
        ("A000", "a không"),
        ("AB", "a bê"),
        (" 0042 ", "bốn mươi hai"),
    ],
)
def test_display_numbers(label: str, words: str) -> None:
    assert display_number_to_words(label) == words


def test_display_number_south() -> None:
    assert display_number_to_words("C101", "south") == "xê một trăm lẻ một"


@pytest.mark.parametrize("bad", ["", "1A", "B-7", "B٣", "#5"])
def test_bad_display_numbers(bad: str) -> None:
    with pytest.raises(NumberWordsError, match="số thứ tự không hợp lệ"):
        display_number_to_words(bad)


def test_every_letter_has_a_name() -> None:
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        assert LETTER_NAMES[c]
