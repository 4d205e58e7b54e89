"""The demo catalog: size, shape and determinism."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from motcua.catalog import Catalog, generate_procedures, load_catalog, write_catalog
from motcua.catalog.folding import fold
from motcua.catalog.procedure import ONLINE_LEVELS, PORTAL_URL


def test_demo_catalog_size_and_real_procedures(demo_catalog: Catalog) -> None:
    assert len(demo_catalog) >= 1800
    marriage = demo_catalog.get("1.000894")
    assert marriage is not None
    assert marriage.name == "Đăng ký kết hôn"
    assert marriage.field == "Hộ tịch"
    assert marriage.processing_time == "01 ngày làm việc"
    assert marriage.fee == "Miễn lệ phí"
    copy = demo_catalog.get("2.000635")
    assert copy is not None and copy.fee == "8.000 đồng/bản sao"
    for code in ("1.001193", "1.000656", "2.000815", "1.004222", "1.001456", "1.011607"):
        assert demo_catalog.get(code) is not None, code


def test_every_procedure_well_formed(demo_catalog: Catalog) -> None:
    codes = Counter()
    names = Counter()
    for field in demo_catalog.fields():
        for p in demo_catalog.browse(field, limit=10_000):
            codes[p.code] += 1
            names[fold(p.name)] += 1
            assert re.fullmatch(r"[12]\.0\d{5}", p.code), p.code
            assert p.online_level in ONLINE_LEVELS
            assert p.online_url == PORTAL_URL.format(code=p.code)
            assert len(p.papers) >= 1 and all(p.papers)
            assert p.processing_time and p.fee and p.agency_level and p.name
            assert p.field == field
    assert sum(codes.values()) == len(demo_catalog)
    assert max(codes.values()) == 1 and max(names.values()) == 1


def test_generated_codes_are_1_00_or_2_00() -> None:
    procs = generate_procedures(1900)
    generated = procs[15:]
    assert all(re.fullmatch(r"[12]\.00\d{4}", p.code) for p in generated)
    levels = Counter(p.online_level for p in procs)
    assert set(levels) == set(ONLINE_LEVELS)
    assert len({p.field for p in procs}) >= 30


def test_deterministic_for_a_seed() -> None:
    assert generate_procedures(1850, seed=7) == generate_procedures(1850, seed=7)
    assert generate_procedures(1850, seed=7) != generate_procedures(1850, seed=8)


def test_two_thousand_for_the_benchmark() -> None:
    assert len(generate_procedures(2000)) == 2000


def test_too_many_asked_is_an_error() -> None:
    with pytest.raises(ValueError):
        generate_procedures(1_000_000)


def test_write_and_load_roundtrip(tmp_path: Path) -> None:
    procs = generate_procedures(1800, seed=3)
    path = write_catalog(tmp_path / "c.sqlite", procs)
    loaded = load_catalog(path)
    assert len(loaded) == 1800
    for p in procs[:50]:
        assert loaded.get(p.code) == p
    assert not list(tmp_path.glob("*.tmp"))


def test_default_cache_dir_follows_xdg() -> None:
    from motcua.catalog.store import default_cache_dir

    assert default_cache_dir({"XDG_CACHE_HOME": "/var/cache/kiosk"}) == Path(
        "/var/cache/kiosk/motcua"
    )
    assert default_cache_dir({"HOME": "/nowhere"}).name == "motcua"


def test_demo_catalog_built_once_then_reused(tmp_path: Path) -> None:
    from motcua.catalog import open_catalog
    from motcua.catalog.store import demo_catalog_path

    first = open_catalog(None, cache_dir=tmp_path)
    path = demo_catalog_path(tmp_path)
    assert path.is_file() and len(first) == 1900
    stamp = path.stat().st_mtime_ns
    second = open_catalog(None, cache_dir=tmp_path)
    assert path.stat().st_mtime_ns == stamp  # read, not rebuilt
    assert second.get("1.000894") == first.get("1.000894")
