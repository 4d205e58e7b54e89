"""LineFramer: lines from arbitrary chunks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from motcua.scanner.framing import LineFramer


def test_cr_lf_and_crlf_endings() -> None:
    framer = LineFramer()
    assert framer.feed(b"one\rtwo\nthree\r\nfour") == [b"one", b"two", b"three"]
    assert framer.pending == b"four"
    assert framer.feed(b"\n") == [b"four"]


def test_crlf_split_across_chunks_is_one_ending() -> None:
    framer = LineFramer()
    assert framer.feed(b"abc\r") == [b"abc"]
    assert framer.feed(b"\ndef\r") == [b"def"]
    assert framer.feed(b"\n") == []
    assert framer.pending == b""


def test_empty_lines_skipped() -> None:
    assert LineFramer().feed(b"\r\n\r\n\n\rx\n\n") == [b"x"]


def test_partial_data_kept_across_feeds() -> None:
    framer = LineFramer()
    assert framer.feed(b"0010901") == []
    assert framer.feed(b"23456|") == []
    assert framer.pending == b"001090123456|"
    assert framer.feed(b"x\r") == [b"001090123456|x"]


def test_overlong_line_dropped_and_next_line_survives() -> None:
    framer = LineFramer(max_length=10)
    assert framer.feed(b"A" * 25) == []
    assert framer.overflows == 1
    assert framer.feed(b"B" * 5 + b"\rok\r") == [b"ok"]
    assert framer.pending == b""


def test_multibyte_utf8_split_inside_a_character() -> None:
    data = "Nguyễn\r".encode()
    framer = LineFramer()
    out = []
    for i in range(len(data)):
        out += framer.feed(data[i : i + 1])
    assert out == ["Nguyễn".encode()]


@given(
    lines=st.lists(
        st.binary(min_size=1, max_size=40)
        .map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))
        .filter(bool),
        max_size=8,
    ),
    ending=st.sampled_from([b"\r", b"\n", b"\r\n"]),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=10),
)
def test_any_chunking_gives_the_same_lines(
    lines: list[bytes], ending: bytes, cuts: list[int]
) -> None:
    stream = b"".join(line + ending for line in lines)
    points = sorted({c % (len(stream) + 1) for c in cuts})
    chunks = [stream[a:b] for a, b in zip([0, *points], [*points, len(stream)], strict=True)]
    framer = LineFramer()
    out: list[bytes] = []
    for chunk in chunks:
        out += framer.feed(chunk)
    assert out == lines
    assert framer.pending == b""
