"""motcua.catalog: the procedure catalog and accent-insensitive search (no Qt)."""

from motcua.catalog.folding import fold
from motcua.catalog.generator import generate_procedures, write_catalog
from motcua.catalog.procedure import ONLINE_LEVELS, Procedure
from motcua.catalog.store import Catalog, CatalogError, load_catalog, open_catalog

__all__ = [
    "ONLINE_LEVELS",
    "Catalog",
    "CatalogError",
    "Procedure",
    "fold",
    "generate_procedures",
    "load_catalog",
    "open_catalog",
    "write_catalog",
]
