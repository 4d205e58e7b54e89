"""How any device follows the queue: its snapshot, the event log and the live stream.

``GET /api/v1/queue`` (the whole queue now), ``/events/log`` (events after a cursor, for
catching up) and ``/events`` (Server-Sent Events from ``events.Broadcaster``; the stream
ends when its token is revoked). Any device token reads them; they carry no personal data.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.responses import Response, StreamingResponse

from motcua.queue.service import QueueService
from motcua.server.auth import ANY_DEVICE, parse_bearer, require
from motcua.server.codec import dump
from motcua.server.events import Broadcaster
from motcua.server.http_errors import JsonResponse
from motcua.server.responses import EventOut, QueueSnapshotOut
from motcua.server.routing import API, Calls
from motcua.server.schemas import MAX_ID
from motcua.server.tokens import Device, TokenStore


def install_event_routes(
    app: FastAPI,
    center: QueueService,
    tokens: TokenStore,
    calls: Calls,
    broadcaster: Broadcaster,
) -> None:
    """Add the queue snapshot, the event log and the event stream to ``app``."""
    _call = calls.call
    reader = Depends(require(tokens, *ANY_DEVICE))

    @app.get(API + "/queue", tags=["center"], response_model=QueueSnapshotOut)
    async def queue(device: Device = reader) -> Response:
        return JsonResponse(dump(await _call(center.snapshot)))

    @app.get(API + "/events/log", tags=["events"], response_model=list[EventOut])
    async def events_log(
        after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
        device: Device = reader,
    ) -> Response:
        return JsonResponse([dump(e) for e in await _call(center.events_since, after, limit)])

    @app.get(
        API + "/events",
        tags=["events"],
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    async def events(
        request: Request,
        after: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
        last_event_id: Annotated[str | None, Header(max_length=32)] = None,
        device: Device = reader,
    ) -> Response:
        start = after
        if last_event_id is not None and last_event_id.strip().isdigit():
            start = min(int(last_event_id.strip()), MAX_ID)
        token = parse_bearer(request.headers.get("authorization", "")) or ""
        return StreamingResponse(
            broadcaster.stream(start, lambda: tokens.verify(token) is not None),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )
