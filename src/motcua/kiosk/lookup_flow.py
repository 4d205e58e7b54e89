"""Procedure lookup: search as you type, browse by field, open a procedure.

Search runs on every key, so the flow skips a query equal to the last one and
keeps the last results for the screen to redraw (language switch, large text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from motcua.catalog import Procedure


@dataclass
class LookupState:
    query: str = ""
    field: str | None = None
    results: tuple[Procedure, ...] = ()
    selected: Procedure | None = None


class LookupFlow:
    def __init__(self, catalog, limit: int = 50) -> None:  # catalog: motcua.catalog Catalog
        self._catalog = catalog
        self._limit = limit
        self._fields: list[str] | None = None
        self.state = LookupState()

    @property
    def limit(self) -> int:
        return self._limit

    def reset(self) -> None:
        self.state = LookupState()

    def fields(self) -> list[str]:
        if self._fields is None:
            self._fields = list(self._catalog.fields())
        return self._fields

    def search(self, query: str) -> tuple[Procedure, ...]:
        """As-you-type search (accent-insensitive in the catalog) within the chosen field."""
        self.state.query = query
        self.state.selected = None
        if not query.strip() and self.state.field is None:
            self.state.results = ()
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
        return proc

    def close_detail(self) -> None:
        self.state.selected = None
