"""The keypad / LED board line protocol: exact bytes, strict framing, no guessing."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.counter.line_protocol import (
    Frame,
    FrameError,
    FrameKind,
    KeyAction,
    KeyPress,
    LineFramer,
    board_text,
    checksum,
    crc8,
    decode_frame,
    encode_frame,
    key_frame,
    parse_key,
)


def test_crc8_is_the_standard_crc8_smbus() -> None:
    assert crc8(b"123456789") == 0xF4  # the published check value of CRC-8/SMBUS
    assert crc8(b"") == 0


def test_key_frame_bytes_match_the_readme() -> None:
    assert key_frame(KeyPress(5, KeyAction.NEXT)) == b"K05:NEXT*B6\r\n"
    assert encode_frame(FrameKind.BOARD, 5, "1023") == b"L05:1023*CD\r\n"


def test_checksum_tells_apart_what_xor_would_not() -> None:
    assert checksum("L05:1023") != checksum("L05:----")  # XOR: both 0x73
    assert checksum("L05:1023") != checksum("L05:1032")  # a swap


def test_board_frame_round_trips() -> None:
    raw = encode_frame(FrameKind.BOARD, 12, "B007")
    assert raw.startswith(b"L12:B007*") and raw.endswith(b"\r\n")
    assert decode_frame(raw) == Frame(FrameKind.BOARD, 12, "B007")


@pytest.mark.parametrize(
    "line",
    [
        b"K05:NEXT*B7",  # wrong checksum
        b"K05:NEXT",  # checksum missing
        b"K5:NEXT*00",  # one-digit address
        b"X05:NEXT*00",  # unknown kind
        b"k05:NEXT*B6",  # lower-case kind
        "K05:NÉXT*00".encode(),  # not ASCII
        b"K05:" + b"1" * 80,  # too long
        b"",
    ],
)
def test_doubtful_lines_are_rejected(line: bytes) -> None:
    with pytest.raises(FrameError):
        decode_frame(line)


def test_checksum_may_be_optional_for_simple_devices() -> None:
    assert decode_frame(b"K05:NEXT", require_checksum=False).payload == "NEXT"
    with pytest.raises(FrameError):  # a wrong checksum is still wrong
        decode_frame(b"K05:NEXT*00", require_checksum=False)


def test_parse_key_actions_and_arguments() -> None:
    assert parse_key(decode_frame(key_frame(KeyPress(3, KeyAction.TRANSFER_SERVICE, "HT")))) == (
        KeyPress(3, KeyAction.TRANSFER_SERVICE, "HT")
    )
    assert parse_key(Frame(FrameKind.KEY, 3, "XFC:7")).arg == "7"
    for payload in ("FOO", "NEXT:1", "XFC:x", "XFS", "XFC:"):
        with pytest.raises(FrameError):
            parse_key(Frame(FrameKind.KEY, 3, payload))
    with pytest.raises(FrameError):  # keypads never use the broadcast address
        parse_key(Frame(FrameKind.KEY, 0, "NEXT"))
    with pytest.raises(FrameError):
        parse_key(Frame(FrameKind.BOARD, 3, "NEXT"))


def test_encode_refuses_what_cannot_be_framed() -> None:
    for address, payload in ((100, "1"), (-1, "1"), (1, "a*b"), (1, "số")):
        with pytest.raises(FrameError):
            encode_frame(FrameKind.BOARD, address, payload)


def test_board_text_is_limited_to_what_seven_segment_boards_show() -> None:
    assert board_text("b007") == "B007"
    assert board_text("----") == "----"
    assert board_text("") == ""
    for bad in ("123456789", "Số 1", "1*2"):
        with pytest.raises(FrameError):
            board_text(bad)


def test_framer_splits_cr_lf_crlf_and_partial_reads() -> None:
    f = LineFramer()
    assert f.feed(b"K01:NE") == []
    assert f.feed(b"XT*71\r\nK02:RECALL*") == [b"K01:NEXT*71"]
    assert f.feed(b"00\rK03:START*00\n\n") == [b"K02:RECALL*00", b"K03:START*00"]


def test_framer_drops_over_long_noise_and_recovers() -> None:
    f = LineFramer(max_len=64)
    assert f.feed(b"\xff" * 200 + b"\r\nK01:NEXT*71\r\n") == [b"K01:NEXT*71"]
    assert f.dropped == 1


@given(
    kind=st.sampled_from(list(FrameKind)),
    address=st.integers(0, 99),
    payload=st.text(
        alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E, blacklist_characters="*"),
        max_size=50,
    ),
)
def test_any_encodable_frame_decodes_to_itself(kind: FrameKind, address: int, payload: str) -> None:
    raw = encode_frame(kind, address, payload)
    assert decode_frame(raw) == Frame(kind, address, payload)
    framer = LineFramer()
    assert framer.feed(raw[:3]) + framer.feed(raw[3:]) == [raw[:-2]]


@given(st.binary(max_size=100))
def test_random_noise_never_crashes_the_decoder(data: bytes) -> None:
    for line in LineFramer().feed(data + b"\n"):
        with contextlib.suppress(FrameError):
            decode_frame(line)
