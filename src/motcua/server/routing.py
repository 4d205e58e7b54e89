"""What the route modules of the center's API share, and nothing that declares a route.

The ``/api/v1`` prefix, the path and query parameter types several modules validate the
same way (a ticket id, a counter number, a public code, a day), and ``Calls``: the one way
a route reaches the center, a blocking read run on the server's thread pool or a write
awaited on the store's future. ``create_app`` builds one ``Calls`` and hands it, with
whatever else each needs, to the ``install_*_routes`` functions of ``*_routes.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import Path, Query

from motcua.queue.ops import Op
from motcua.queue.service import QueueService
from motcua.server.schemas import MAX_COUNTER, MAX_ID, IsoDay

T = TypeVar("T")

API = "/api/v1"

TicketId = Annotated[int, Path(ge=1, le=MAX_ID, description="Ticket id")]
CounterNo = Annotated[int, Path(ge=1, le=MAX_COUNTER, description="Counter number")]
# A day is YYYY-MM-DD, nothing else (schemas.IsoDay: pydantic's date took `date=0`).
DayQuery = Annotated[
    IsoDay | None,
    Query(alias="date", description="A center-local day, YYYY-MM-DD (today when absent)"),
]
PublicCode = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class Calls:
    """How routes call the center without blocking the event loop.

    Center calls block (a durable commit); they run on this pool. A plain executor
    costs less per call than anyio's thread pool, and its size bounds how many
    requests wait on the writer at once (they all ride the same group commit).
    The pool is made at the first call and shut down by ``close`` (the app's lifespan).
    """

    def __init__(self, center: QueueService, workers: int) -> None:
        self._center = center
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a blocking center call off the event loop."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(
                max_workers=self._workers, thread_name_prefix="motcua-api"
            )
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, partial(fn, *args, **kwargs))

    async def write(self, op: Op[T]) -> T:
        """Run the write ``op``, awaited on the store's future: resolved after the durable
        commit and after in-process subscribers heard its events; no thread is parked."""
        return await asyncio.wrap_future(self._center.submit(op))

    def close(self) -> None:
        """Stop the pool (queued calls are cancelled; a running one finishes on its own)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
