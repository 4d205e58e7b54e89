"""The outbox's handle on the center's SQLite file: a ``motcua.storage.Store`` with the
outbox area migrated (its group-committing writer, per-thread readers)."""

from __future__ import annotations

from pathlib import Path

from motcua.storage import Store
from motcua.sync import outbox


def open_outbox_store(path: str | Path) -> Store:
    """The store the sender writes its row states with. A caller that enqueues rows in
    its own transactions opens its store with ``outbox.AREA`` among its areas."""
    return Store(path, [outbox.AREA])
