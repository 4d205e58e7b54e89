"""What a citizen's phone reads with no token: its ticket by the code printed on it.

``/api/v1/public/tickets/{code}`` (JSON, polled every few seconds, answered 304 while
nothing changed) and ``/t/{code}`` (the page the ticket's QR code opens). Both show only
``public_page.public_view`` of the ticket: its number, place and wait, never a name or an
ID number. The rendering lives in ``public_page.py``; this module only routes.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from motcua.clock import Clock
from motcua.config import Config
from motcua.queue.errors import UnknownTicket
from motcua.queue.service import QueueService
from motcua.server.events import Broadcaster
from motcua.server.http_errors import JsonResponse
from motcua.server.public_page import public_view, render_not_found, render_ticket_page
from motcua.server.responses import PublicTicketOut, errors
from motcua.server.routing import API, Calls, PublicCode


def install_public_routes(
    app: FastAPI,
    center: QueueService,
    calls: Calls,
    broadcaster: Broadcaster,
    config: Config,
    clock: Clock,
) -> None:
    """Add the public ticket JSON and the ticket page to ``app``."""
    _call = calls.call

    @app.get(
        API + "/public/tickets/{public_code}",
        tags=["public"],
        response_model=PublicTicketOut,
        responses=errors(304, 404),
    )
    async def public_ticket(public_code: PublicCode, request: Request) -> Response:
        # Phones poll this every few seconds: nothing changed since their last answer
        # (same last event, same minute) -> 304 with no database read.
        now = clock.now()
        etag = f'W/"{broadcaster.cursor}-{int(now.timestamp() // 60)}"'
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if broadcaster.cursor and request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        info = await _call(center.ticket_by_code, public_code)
        return JsonResponse(public_view(info, config, now), headers=headers)

    @app.get(
        "/t/{public_code}",
        tags=["public"],
        response_class=HTMLResponse,
        responses={404: {"content": {"text/html": {}}, "description": "No such ticket"}},
    )
    async def ticket_page(public_code: PublicCode) -> Response:
        try:
            info = await _call(center.ticket_by_code, public_code)
        except UnknownTicket:
            return HTMLResponse(render_not_found(config.center.name), status_code=404)
        return HTMLResponse(
            render_ticket_page(public_view(info, config, clock.now())),
            headers={"Cache-Control": "no-store"},
        )
