"""The procedure catalog: a SQLite file read once into memory, searched in memory.

``open_catalog(None)`` gives the demo catalog: generated on first use into the
user's cache directory (``$XDG_CACHE_HOME/motcua`` or ``~/.cache/motcua``), under a
name carrying the generator version so a newer generator rebuilds it.
``open_catalog(path)`` reads a catalog file someone built (``motcua catalog build``,
or later the portal pull).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path

from motcua.catalog.generator import (
    DEFAULT_COUNT,
    DEFAULT_SEED,
    GENERATOR_VERSION,
    generate_procedures,
    write_catalog,
)
from motcua.catalog.procedure import Procedure
from motcua.catalog.search import SearchIndex
from motcua.errors import MotcuaError


class CatalogError(MotcuaError):
    """The procedures catalog cannot be loaded (missing or damaged file)."""

    code = "catalog_error"
    http_status = 503


class Catalog:
    """All procedures of a center, with accent-insensitive search. Read-only; thread-safe."""

    def __init__(self, procedures: Sequence[Procedure], source: str = "") -> None:
        self.source = source
        self._by_code = {p.code: p for p in procedures}
        self._index = SearchIndex(list(self._by_code.values()))

    def __len__(self) -> int:
        return len(self._by_code)

    @property
    def procedures(self) -> list[Procedure]:
        return list(self._by_code.values())

    def __repr__(self) -> str:
        return f"Catalog({len(self)} procedures from {self.source or 'memory'})"

    def get(self, code: str) -> Procedure | None:
        code = code.strip()
        found = self._by_code.get(code)
        if found is None and code.count(".") > 1:  # localised code: 1.001193.000.00.00.H56
            found = self._by_code.get(".".join(code.split(".")[:2]))
        return found

    def fields(self) -> list[str]:
        """Field names (lĩnh vực) in alphabetical order, accents ignored."""
        return self._index.fields()

    def field_counts(self) -> Mapping[str, int]:
        counts: dict[str, int] = dict.fromkeys(self.fields(), 0)
        for p in self._by_code.values():
            counts[p.field] += 1
        return counts

    def search(self, query: str, field: str | None = None, limit: int = 50) -> list[Procedure]:
        """Search as you type. Empty query with a field: browse that field by name."""
        return self._index.search(query, field=field, limit=limit)

    def browse(self, field: str, limit: int = 1000) -> list[Procedure]:
        return self._index.search("", field=field, limit=limit)


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "motcua"


def demo_catalog_path(cache_dir: str | Path | None = None) -> Path:
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return folder / f"catalog-demo-v{GENERATOR_VERSION}-{DEFAULT_COUNT}-{DEFAULT_SEED}.sqlite"


def load_catalog(path: str | Path) -> Catalog:
    path = Path(path)
    if not path.is_file():
        raise CatalogError(
            f"Không tìm thấy danh mục thủ tục: {path}", f"Catalog file not found: {path}"
        )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "SELECT code, name, field, agency_level, processing_time, fee, online_level,"
                " papers, online_url, legal_basis FROM procedures"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise CatalogError(
            f"Danh mục thủ tục bị hỏng hoặc sai định dạng: {path}",
            f"Catalog file is damaged or not a catalog: {path} ({exc})",
        ) from exc
    procedures = [
        Procedure(
            code=r[0],
            name=r[1],
            field=r[2],
            agency_level=r[3],
            processing_time=r[4],
            fee=r[5],
            online_level=r[6],
            papers=tuple(json.loads(r[7] or "[]")),
            online_url=r[8],
            legal_basis=r[9] or "",
        )
        for r in rows
    ]
    return Catalog(procedures, source=str(path))


def open_catalog(path: str | Path | None = None, cache_dir: str | Path | None = None) -> Catalog:
    """The catalog at ``path``; None means the demo catalog, built on first use."""
    if path is not None:
        return load_catalog(path)
    demo = demo_catalog_path(cache_dir)
    if not demo.is_file():
        write_catalog(demo, generate_procedures(DEFAULT_COUNT, DEFAULT_SEED))
    return load_catalog(demo)
