"""In-memory search index over folded procedure names.

Measured against SQLite FTS5 over the same folded text in bench/catalog_search.py:
both are well inside the 20 ms budget at 2,000 procedures, and the in-memory index
ranks as we want (exact name, then name prefix, then phrase, then words in any
order) without SQL, so it is what ``Catalog`` uses. The index is built once per
catalog (a few ms) and is read-only afterwards, so threads may share it.
"""

from __future__ import annotations

import bisect
import heapq
import unicodedata
from collections.abc import Callable, Sequence

from motcua.catalog.folding import fold, fold_words, looks_like_code
from motcua.catalog.procedure import Procedure


class SearchIndex:
    def __init__(self, procedures: Sequence[Procedure]) -> None:
        self._items = list(procedures)
        self._names = [fold(p.name) for p in self._items]
        self._fields = [fold(p.field) for p in self._items]
        self._lower = [
            " ".join(unicodedata.normalize("NFC", p.name).lower().split()) for p in self._items
        ]
        self._name_words: list[frozenset[str]] = [frozenset(n.split()) for n in self._names]
        # The within-tier order, computed once: shorter name, then field, then code.
        by_order = sorted(
            range(len(self._items)),
            key=lambda i: (len(self._names[i]), self._fields[i], self._items[i].code),
        )
        self._order = [0] * len(self._items)
        for position, i in enumerate(by_order):
            self._order[i] = position
        postings: dict[str, set[int]] = {}
        for i, p in enumerate(self._items):
            for word in {*self._name_words[i], *fold_words(p.field)}:
                postings.setdefault(word, set()).add(i)
        self._postings = postings
        self._vocab = sorted(postings)
        self._codes = sorted((p.code, i) for i, p in enumerate(self._items))
        self._field_names = sorted({p.field for p in self._items}, key=fold)
        self._field_by_fold = {fold(f): f for f in self._field_names}

    def fields(self) -> list[str]:
        return list(self._field_names)

    def resolve_field(self, field: str | None) -> str | None:
        """The catalog's spelling of a field typed any way ("ho tich" -> "Hộ tịch")."""
        if not field:
            return None
        return self._field_by_fold.get(fold(field))

    def _prefix_ids(self, prefix: str) -> set[int]:
        lo = bisect.bisect_left(self._vocab, prefix)
        ids: set[int] = set()
        for word in self._vocab[lo:]:
            if not word.startswith(prefix):
                break
            ids |= self._postings[word]
        return ids

    def _by_code(self, query: str) -> list[int]:
        code = query.strip().lower()
        parts = code.split(".")
        if len(parts) > 2:  # localised code 1.001193.000.00.00.H56 -> national 1.001193
            code = ".".join(parts[:2])
        lo = bisect.bisect_left(self._codes, (code, -1))
        out = []
        for c, i in self._codes[lo:]:
            if not c.startswith(code):
                break
            out.append(i)
        return out

    def _rank(self, i: int, phrase: str, words: list[str], typed: str) -> tuple[int, int, int]:
        name = self._names[i]
        if name == phrase:
            tier = 0
        elif name.startswith(phrase):
            tier = 1
        elif f" {phrase}" in f" {name}":
            tier = 2
        elif all(
            w in self._name_words[i] or any(n.startswith(w) for n in self._name_words[i])
            for w in words
        ):
            tier = 3
        else:
            tier = 4  # some words matched the field only ("ho tich khai sinh")
        # Within a tier the shorter name is the general procedure the citizen most
        # likely means ("Đăng ký kết hôn" before its variants); then field, code.
        # Accents typed on purpose ("cấp lại") prefer the names spelled that way over
        # their folded twins ("cấp lái"); with no accents typed this never differs.
        accent_miss = 0 if typed and typed in self._lower[i] else 1
        return (tier, accent_miss, self._order[i])

    def search(self, query: str, field: str | None = None, limit: int = 50) -> list[Procedure]:
        wanted_field = self.resolve_field(field)
        if field and wanted_field is None:
            return []
        in_field = (
            (lambda i: self._items[i].field == wanted_field) if wanted_field else (lambda i: True)
        )
        if looks_like_code(query):
            return [self._items[i] for i in self._by_code(query) if in_field(i)][:limit]
        words = fold_words(query)
        if not words:
            ids = [i for i in range(len(self._items)) if in_field(i)]
            ids.sort(key=lambda i: (self._fields[i], self._names[i]))
            return [self._items[i] for i in ids[:limit]]
        complete = query[-1:].isspace()  # a trailing space: the last word is finished
        ranked = self._search_words(words, complete, query, in_field, limit)
        alternatives = _rewrites(words)
        if not alternatives:
            return [self._items[i] for _, i in ranked]
        # A colloquial phrase ("sổ đỏ"): the catalog's wording beats loose literal matches
        # (every word somewhere), but not the phrase itself appearing in a name.
        strong = [i for key, i in ranked if key[0] <= 2]
        weak = [i for key, i in ranked if key[0] > 2]
        out, seen = strong, set(strong)
        rewritten = sorted(
            hit
            for alt in alternatives
            for hit in self._search_words(alt, complete, "", in_field, limit)
        )
        for _, i in rewritten:
            if i not in seen:
                out.append(i)
                seen.add(i)
        out += [i for i in weak if i not in seen]
        return [self._items[i] for i in out[:limit]]

    def _search_words(
        self,
        words: list[str],
        complete: bool,
        query: str,
        in_field: Callable[[int], bool],
        limit: int,
    ) -> list[tuple[tuple[int, int, int], int]]:
        """(rank key, index) of the best ``limit`` procedures holding all ``words``."""
        sets: list[set[int]] = []
        for n, word in enumerate(words):
            last = n == len(words) - 1
            found = (
                self._prefix_ids(word) if last and not complete else self._postings.get(word, set())
            )
            if not found:
                return []
            sets.append(found)
        sets.sort(key=len)
        candidates = set(sets[0]).intersection(*sets[1:])
        phrase = " ".join(words)
        typed = " ".join(unicodedata.normalize("NFC", query).lower().split())
        typed = typed if typed != phrase else ""
        return heapq.nsmallest(
            limit,
            ((self._rank(i, phrase, words, typed), i) for i in candidates if in_field(i)),
        )


# What people say -> how the catalog says it (folded). Colloquial names of papers
# ("sổ đỏ" is the land-use certificate, "hộ khẩu" became "thường trú") and the
# catalog's own abbreviations. Results for the words as typed come first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "so do": ("giay chung nhan quyen su dung dat", "gcn quyen su dung dat"),
    "so hong": ("giay chung nhan quyen su dung dat", "gcn quyen su dung dat"),
    "giay chung nhan": ("gcn",),
    "gcn": ("giay chung nhan",),
    "ho khau": ("thuong tru",),
    "nhap khau": ("dang ky thuong tru",),
    "giay khai sinh": ("khai sinh",),
    "lam khai sinh": ("dang ky khai sinh",),
    "giay dang ky ket hon": ("dang ky ket hon",),
    "giay chung tu": ("khai tu",),
    "bang lai": ("giay phep lai xe",),
    "passport": ("ho chieu",),
    "cong chung": ("chung thuc", "cong chung"),
    "sao y": ("chung thuc ban sao",),
    "giay phep kinh doanh": ("dang ky ho kinh doanh", "dang ky doanh nghiep"),
    "xin viec": ("viec lam",),
    "that nghiep": ("tro cap that nghiep",),
}


def _rewrites(words: list[str]) -> list[list[str]]:
    """The query with each colloquial phrase it contains replaced by the catalog's words."""
    text = f" {' '.join(words)} "
    out = []
    for said, meant in SYNONYMS.items():
        if f" {said} " in text:
            out += [f"{text.replace(f' {said} ', f' {m} ')}".split() for m in meant]
    return out
