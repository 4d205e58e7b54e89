"""Telex input for the on-screen keyboard."""

from __future__ import annotations

import pytest

from motcua.kiosk.telex import TelexInput, strip_tone, telex_key, tone_position


@pytest.mark.parametrize(
    ("keys", "text"),
    [
        ("ddawng kys ketes hoon", "đăng ký kết hôn"),
        ("hoaf", "hòa"),
        ("hofa", "hòa"),  # the tone moves to where it belongs
        ("nguoiwf", "người"),
        ("dduwowngf", "đường"),
        ("tieengs vieetj", "tiếng việt"),
        ("chuwngs thuwcj", "chứng thực"),
        ("quyeenf", "quyền"),
        ("giaays towf", "giấy tờ"),
        ("Ddaats ddai", "Đất đai"),
        ("khai sinh", "khai sinh"),
        ("cuw trus", "cư trú"),
        ("xuaats nhaapj canhr", "xuất nhập cảnh"),
        ("hooj tichj", "hộ tịch"),
        ("ass", "as"),  # typed twice: undone, letter kept
        ("aaa", "aa"),
        ("ddd", "dd"),
        ("hoafz", "hoa"),
        ("w", "ư"),
    ],
)
def test_telex_words(keys: str, text: str) -> None:
    assert TelexInput().type(keys) == text


def test_telex_off_types_letters_as_they_are() -> None:
    box = TelexInput(telex=False)
    assert box.type("000.00.06.H56-231027-0361") == "000.00.06.H56-231027-0361"
    assert TelexInput(telex=False).type("dd") == "dd"


def test_backspace_and_clear() -> None:
    box = TelexInput()
    box.type("ddaa")
    assert box.backspace() == "đ"
    box.type("ab")
    assert box.clear() == ""


def test_helpers() -> None:
    assert strip_tone("hòa") == ("hoa", "\u0300")
    assert tone_position("thuong") == 3
    assert tone_position("bcd") == -1
    with pytest.raises(ValueError):
        telex_key("a", "ab")
