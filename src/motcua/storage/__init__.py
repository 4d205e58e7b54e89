"""The one SQLite layer of motcua: every area that keeps data on disk goes through it.

What belongs here, and only this:
- ``Store``: one SQLite file in WAL mode with ``synchronous=FULL``, one writer thread that
  group-commits (each operation in its own SAVEPOINT inside one ``BEGIN IMMEDIATE``
  transaction, one fsync for the batch), and one reading connection per thread;
- ``Tx`` / ``ReadTx``: what an operation sees of its transaction (``one``/``all``/``run``,
  and ``publish`` for things to hand out only after the COMMIT);
- ``Area``: an area's numbered migrations (``schema_versions(area, version)``), all missing
  steps of all areas run in one transaction when the store opens;
- ``storage_error``: a SQLite failure as the bilingual ``StorageError``.

What does not: tables, queries and statuses of an area. Each area (``queue``, tokens,
dossiers, the outbox) owns its schema steps and repository functions taking a ``Tx``, so
that one ``store.write(fn)`` can change several areas in one transaction. See
docs/developers/storage.md.
"""

from motcua.errors import StorageError
from motcua.storage.migrations import Area, migrate, schema_versions, split_statements
from motcua.storage.store import Store, StoreOptions, storage_error
from motcua.storage.tx import ReadTx, Row, Tx

__all__ = [
    "Area",
    "ReadTx",
    "Row",
    "StorageError",
    "Store",
    "StoreOptions",
    "Tx",
    "migrate",
    "schema_versions",
    "split_statements",
    "storage_error",
]
