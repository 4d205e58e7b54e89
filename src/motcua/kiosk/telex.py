"""Vietnamese Telex input for the on-screen keyboard, as plain Python.

Telex types diacritics with letters: aa -> â, ee -> ê, oo -> ô, dd -> đ,
w -> ư / ơ / ă (uow -> ươ), and tones s (sắc) f (huyền) r (hỏi) x (ngã)
j (nặng), z removes the tone. Typing the same modifier again undoes it and
keeps the letter ("ass" -> "as"), so words like "class" still come out.

The word being typed is kept as letters plus one tone; the tone is placed
again after every key by the usual rules (on the vowel with a hat or horn,
else on the last vowel before a final consonant, else the middle of three,
else the first of two), so "hoaf" and "hofa" both give "hòa".
"""

from __future__ import annotations

import unicodedata

TONES = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_TONE_MARKS = set(TONES.values())
VOWELS = set("aăâeêioôơuưy")
_HAT = {"a": "â", "e": "ê", "o": "ô"}
_UNHAT = {v: k for k, v in _HAT.items()}
_MODIFIED = set("ăâêôơư")


def strip_tone(text: str) -> tuple[str, str]:
    """('hòa' -> 'hoa', '\\u0300'): letters without the tone, and the tone mark or ''."""
    tone = ""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in _TONE_MARKS:
            tone = ch
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), tone


def _is_vowel(ch: str) -> bool:
    return ch.lower() in VOWELS


def _cluster(word: str) -> tuple[int, int]:
    """Start and end (exclusive) of the word's main vowel cluster; (-1, -1) if none."""
    lower = word.lower()
    start = 0
    if lower.startswith("qu") or (
        lower.startswith("gi") and len(lower) > 2 and _is_vowel(lower[2])
    ):
        start = 2
    i = start
    while i < len(word) and not _is_vowel(word[i]):
        i += 1
    if i == len(word):
        if start == 2 and lower.startswith("gi"):
            return 1, 2
        return -1, -1
    j = i
    while j < len(word) and _is_vowel(word[j]):
        j += 1
    return i, j


def tone_position(word: str) -> int:
    """Index of the vowel that carries the tone, -1 when the word has no vowel."""
    i, j = _cluster(word)
    if i < 0:
        return -1
    cluster = word[i:j].lower()
    if "ơ" in cluster:
        return i + cluster.index("ơ")
    for k, ch in enumerate(cluster):
        if ch in _MODIFIED:
            return i + k
    if len(cluster) == 1:
        return i
    if j < len(word):  # a final consonant follows
        return j - 1
    if len(cluster) >= 3:
        return i + 1
    return i


def place_tone(word: str, tone: str) -> str:
    if not tone:
        return word
    pos = tone_position(word)
    if pos < 0:
        return word
    marked = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word[pos]) + tone)
    return word[:pos] + marked + word[pos + 1 :]


def _keep_case(ref: str, ch: str) -> str:
    return ch.upper() if ref.isupper() else ch


def telex_key(word: str, key: str) -> str:
    """The word after typing ``key`` at its end (one Telex step)."""
    if len(key) != 1:
        raise ValueError("one key at a time")
    letters, tone = strip_tone(word)
    k = key.lower()
    if k in TONES and _cluster(letters)[0] >= 0:
        if tone == TONES[k]:
            return letters + key  # typed twice: undo, keep the letter
        return place_tone(letters, TONES[k])
    if k == "z" and tone:
        return letters
    if k in _HAT and letters:
        i, j = _cluster(letters)
        if i >= 0:
            cluster = letters[i:j]
            for n in range(len(cluster) - 1, -1, -1):
                c = cluster[n]
                if c.lower() == k:
                    new = letters[: i + n] + _keep_case(c, _HAT[k]) + letters[i + n + 1 :]
                    return place_tone(new, tone)
                if c.lower() == _HAT[k] and n == len(cluster) - 1 and j == len(letters):
                    new = letters[: i + n] + _keep_case(c, k) + letters[i + n + 1 :] + key
                    return place_tone(new, tone)
    if k == "d" and letters and letters[-1].lower() in ("d", "đ"):
        last = letters[-1]
        if last.lower() == "d":
            return place_tone(letters[:-1] + _keep_case(last, "đ"), tone)
        return place_tone(letters[:-1] + _keep_case(last, "d") + key, tone)
    if k == "w":
        return place_tone(_apply_w(letters, key), tone)
    return place_tone(letters + key, tone)


def _apply_w(letters: str, key: str) -> str:
    i, j = _cluster(letters)
    if i < 0:
        return letters + _keep_case(key, "ư")
    cluster = letters[i:j]
    low = cluster.lower()
    if low.endswith(("ư", "ơ", "ă")) and j == len(letters):  # typed twice: undo
        last = cluster[-1]
        back = {"ư": "u", "ơ": "o", "ă": "a"}[last.lower()]
        if low.endswith("ươ"):
            return letters[:i] + cluster[:-2] + "uo" + letters[j:] + key
        return letters[:i] + cluster[:-1] + _keep_case(last, back) + letters[j:] + key
    if "uo" in low:
        n = low.index("uo")
        new = (
            cluster[:n]
            + _keep_case(cluster[n], "ư")
            + _keep_case(cluster[n + 1], "ơ")
            + cluster[n + 2 :]
        )
        return letters[:i] + new + letters[j:]
    for src, dst in (("a", "ă"), ("o", "ơ"), ("u", "ư")):
        if src in low:
            n = low.index(src)
            new = cluster[:n] + _keep_case(cluster[n], dst) + cluster[n + 1 :]
            return letters[:i] + new + letters[j:]
    return letters + key


class TelexInput:
    """The text of a search box typed on the on-screen keyboard."""

    def __init__(self, text: str = "", telex: bool = True) -> None:
        self.text = text
        self.telex = telex

    def _split(self) -> tuple[str, str]:
        cut = max(self.text.rfind(" "), -1) + 1
        return self.text[:cut], self.text[cut:]

    def key(self, ch: str) -> str:
        if ch == " " or not ch.isalpha() or not self.telex:
            self.text += ch
            return self.text
        head, word = self._split()
        self.text = head + telex_key(word, ch)
        return self.text

    def type(self, keys: str) -> str:
        for ch in keys:
            self.key(ch)
        return self.text

    def backspace(self) -> str:
        self.text = self.text[:-1]
        return self.text

    def clear(self) -> str:
        self.text = ""
        return self.text
