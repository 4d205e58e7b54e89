"""Catalog search benchmark: 2,000 procedures, a few hundred realistic queries.

Prints p50 / p99 / max milliseconds per query for the in-memory index the kiosk
uses (target p99 <= 20 ms), and for SQLite FTS5 over the same folded text as a
comparison. Queries are what a citizen types on the kiosk keyboard: every prefix
of real names typed letter by letter without accents, the same with accents,
words out of order, and procedure codes.

    PYTHONPATH=src /work/venv/bin/python bench/catalog_search.py
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Callable

from motcua.catalog import Catalog, fold, generate_procedures
from motcua.catalog.folding import fold_words, looks_like_code
from motcua.catalog.procedure import Procedure


def build_queries(procs: list[Procedure], rng: random.Random) -> list[str]:
    queries: list[str] = []
    samples = rng.sample(procs, 12)
    for p in samples:  # typed letter by letter, no accents (the usual kiosk case)
        folded = fold(p.name)[:28]
        queries += [folded[:n] for n in range(1, len(folded) + 1)]
    for p in rng.sample(procs, 60):  # accented, whole words
        words = p.name.split()
        queries.append(" ".join(words[: rng.randint(1, min(5, len(words)))]))
    for p in rng.sample(procs, 40):  # words out of order
        words = fold_words(p.name)[:4]
        rng.shuffle(words)
        queries.append(" ".join(words))
    for p in rng.sample(procs, 40):  # codes, whole and typed
        queries += [p.code, p.code[: rng.randint(3, 7)]]
    queries += [
        "dang ky ket hon",
        "Đăng ký kết hôn",
        "dang ky ket h",
        "khai sinh",
        "ho chieu",
        "giay phep xay dung",
        "chung thuc",
        "dat dai",
        "thuong tru",
        "xyzzy",
    ]
    return queries


def measure(
    search: Callable[[str], object], queries: list[str], rounds: int = 3
) -> tuple[list[float], str]:
    times = []
    worst: dict[str, float] = {}
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            search(q)
            ms = (time.perf_counter() - t0) * 1000
            times.append(ms)
            worst[q] = max(ms, worst.get(q, 0.0))
    slowest = sorted(worst.items(), key=lambda kv: -kv[1])[:3]
    return times, ", ".join(f"{q!r} {ms:.2f} ms" for q, ms in slowest)


def report(label: str, measured: tuple[list[float], str]) -> None:
    times, slowest = sorted(measured[0]), measured[1]
    p50 = statistics.median(times)
    p99 = times[int(len(times) * 0.99) - 1]
    print(
        f"{label:<28} n={len(times):5d}  p50={p50:6.3f} ms  p99={p99:6.3f} ms  "
        f"max={times[-1]:6.3f} ms"
    )
    print(f"{'':<28} slowest: {slowest}")


def fts5_search(procs: list[Procedure]) -> Callable[[str], list[Procedure]]:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE f USING fts5(name, field, tokenize='unicode61')")
    con.executemany(
        "INSERT INTO f(rowid, name, field) VALUES (?,?,?)",
        [(i, fold(p.name), fold(p.field)) for i, p in enumerate(procs)],
    )
    codes = sorted((p.code, i) for i, p in enumerate(procs))

    def search(query: str) -> list[Procedure]:
        if looks_like_code(query):
            return [procs[i] for c, i in codes if c.startswith(query.strip())][:50]
        words = fold_words(query)
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        rows = con.execute(
            "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 50", (match,)
        ).fetchall()
        return [procs[r[0]] for r in rows]

    return search


def main() -> None:
    t0 = time.perf_counter()
    procs = generate_procedures(2000)
    t1 = time.perf_counter()
    catalog = Catalog(procs)
    t2 = time.perf_counter()
    print(
        f"procedures: {len(catalog)}  generate: {(t1 - t0) * 1000:.0f} ms  "
        f"index: {(t2 - t1) * 1000:.0f} ms"
    )
    queries = build_queries(procs, random.Random(42))
    print(f"queries: {len(queries)} distinct-ish, 3 rounds each")
    report("in-memory index (used)", measure(lambda q: catalog.search(q, limit=50), queries))
    report(
        "in-memory, field filter",
        measure(lambda q: catalog.search(q, field="Hộ tịch", limit=50), queries),
    )
    report("SQLite FTS5 (comparison)", measure(fts5_search(procs), queries))
    hits = catalog.search("dang ky ket hon")
    print(f"'dang ky ket hon' -> {hits[0].code} {hits[0].name}")


if __name__ == "__main__":
    main()
