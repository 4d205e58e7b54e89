"""Catalog fixtures: the demo catalog built once per session into a temp cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua.catalog import Catalog, open_catalog


@pytest.fixture(scope="session")
def catalog_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("catalog-cache")


@pytest.fixture(scope="session")
def demo_catalog(catalog_cache: Path) -> Catalog:
    return open_catalog(None, cache_dir=catalog_cache)
