"""The announcement sentence: the configured template with both numbers in words.

The template ("Mời công dân có số thứ tự {number} đến quầy số {counter}") is split into
segments - fixed phrases and number words - because the audio is joined from one clip
per phrase and one per word, and the text and the audio must say exactly the same thing.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from typing import Literal

from motcua.voice.numbers import (
    Dialect,
    NumberWordsError,
    display_number_words,
    number_words,
)

FIELDS = ("number", "counter")


def clip_key(text: str) -> str:
    """How a phrase or word is looked up among clips: NFC, lower case, no punctuation."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Segment:
    """A fixed phrase of the template (one clip) or number words (one clip per word)."""

    kind: Literal["phrase", "number"]
    words: tuple[str, ...]
    text: str  # as written (a phrase keeps its spacing and punctuation)

    @property
    def clip_keys(self) -> tuple[str, ...]:
        if self.kind == "phrase":
            return (clip_key(self.text),) if clip_key(self.text) else ()
        return tuple(clip_key(w) for w in self.words)


@dataclass(frozen=True)
class Sentence:
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        """The sentence as printed by ``motcua announce --text`` (single spaces)."""
        return " ".join("".join(s.text for s in self.segments).split())

    @property
    def words_text(self) -> str:
        """The same sentence without punctuation: what a speech engine is given."""
        return " ".join(k for s in self.segments for k in s.clip_keys)


def parse_template(template: str) -> list[tuple[str, str | None]]:
    """(literal text, field name or None) pairs; only {number} and {counter} are allowed."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise NumberWordsError(
            f"mẫu câu thông báo không hợp lệ: {exc}", f"invalid announcement template: {exc}"
        ) from exc
    out: list[tuple[str, str | None]] = []
    for literal, name, spec, conv in parts:
        if name is not None and (name not in FIELDS or spec or conv):
            raise NumberWordsError(
                f"mẫu câu chỉ được dùng {{number}} và {{counter}}, không dùng {{{name}}}",
                f"the template may use only {{number}} and {{counter}}, not {{{name}}}",
            )
        out.append((literal, name))
    if not any(name == "number" for _, name in out):
        raise NumberWordsError(
            "mẫu câu thông báo thiếu {number}", "the announcement template lacks {number}"
        )
    return out


def build_sentence(
    template: str, display_number: str, counter: int, dialect: Dialect = "north"
) -> Sentence:
    """The sentence for calling ticket ``display_number`` ("1023", "B007") to ``counter``."""
    spoken = {
        "number": display_number_words(str(display_number), dialect),
        "counter": number_words(int(counter), dialect),
    }
    segments: list[Segment] = []
    for literal, name in parse_template(template):
        if literal:
            segments.append(Segment("phrase", tuple(clip_key(literal).split()), literal))
        if name is not None:
            words = tuple(spoken[name])
            segments.append(Segment("number", words, " ".join(words)))
    return Sentence(tuple(segments))


def announcement_text(
    template: str, display_number: str, counter: int, dialect: Dialect = "north"
) -> str:
    """``"Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số năm"``."""
    return build_sentence(template, display_number, counter, dialect).text
