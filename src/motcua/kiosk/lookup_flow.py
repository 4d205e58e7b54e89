"""Procedure lookup: search as you type, browse by field, open a procedure.

Search runs on every key, so the flow skips a query equal to the last one and
keeps the last results for the screen to redraw (language switch, large text).
Before anything is typed the list holds the most asked procedures: those opened most on
this kiosk, then ``[kiosk] most_asked`` (``suggested`` is then True).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from motcua.catalog import Procedure
    from motcua.printer.papers_list import PapersList


@dataclass
class LookupState:
    query: str = ""
    field: str | None = None
    results: tuple[Procedure, ...] = ()
    selected: Procedure | None = None
    suggested: bool = False  # results are the most asked, not a search


class LookupFlow:
    SUGGESTED = 8  # how many most-asked procedures fill the empty list

    def __init__(self, catalog, limit: int = 50, most_asked: Sequence[str] = ()) -> None:
        self._catalog = catalog  # a motcua.catalog Catalog
        self._limit = limit
        self._fields: list[str] | None = None
        self._configured = tuple(most_asked)
        self._opened: Counter[str] = Counter()  # this kiosk's openings (kept across resets)
        self.state = LookupState()
        self.search("")

    def most_asked(self, n: int | None = None) -> tuple[Procedure, ...]:
        """Opened most here first (ties: opened first), then the configured list."""
        n = self.SUGGESTED if n is None else n
        if self._catalog is None:  # a kiosk without the catalog (tests of other screens)
            return ()
        codes = [c for c, _ in self._opened.most_common()] + list(self._configured)
        out: list[Procedure] = []
        for code in dict.fromkeys(codes):
            p = self._catalog.get(code)
            if p is not None:
                out.append(p)
            if len(out) >= n:
                break
        return tuple(out)

    @property
    def limit(self) -> int:
        return self._limit

    def reset(self) -> None:
        self.state = LookupState()
        self.search("")

    def fields(self) -> list[str]:
        if self._fields is None:
            self._fields = list(self._catalog.fields())
        return self._fields

    def search(self, query: str) -> tuple[Procedure, ...]:
        """As-you-type search (accent-insensitive in the catalog) within the chosen field."""
        self.state.query = query
        self.state.selected = None
        self.state.suggested = not query.strip() and self.state.field is None
        if self.state.suggested:
            self.state.results = self.most_asked()
        else:
            found = self._catalog.search(query.strip(), field=self.state.field, limit=self._limit)
            self.state.results = tuple(found)
        return self.state.results

    def browse(self, field: str | None) -> tuple[Procedure, ...]:
        """Choose a field (None: all fields) and list what matches the current query."""
        if field is not None and field not in self.fields():
            raise ValueError(f"unknown field {field!r}")
        self.state.field = field
        return self.search(self.state.query)

    def open(self, code: str) -> Procedure | None:
        proc = self._catalog.get(code)
        self.state.selected = proc
        if proc is not None:
            self._opened[proc.code] += 1
        return proc

    def papers_list(self, center, printed_at) -> PapersList:
        """The open procedure's papers, as the printer's "Danh sách giấy tờ" slip."""
        from motcua.printer.papers_list import PapersList

        if self.state.selected is None:
            raise ValueError("no procedure open")
        return PapersList.of(self.state.selected, center, printed_at)

    def close_detail(self) -> None:
        self.state.selected = None
