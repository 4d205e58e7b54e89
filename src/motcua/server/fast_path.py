"""A short way through for the two calls that carry the load: issue and call-next.

Under a rush every kiosk press is ``POST /api/v1/tickets`` and every clerk's key press
is ``POST /api/v1/counters/{n}/call-next``. FastAPI's routing and dependency solving
cost about as much CPU as the queue operation itself, so this ASGI wrapper serves the
*plain* form of those two requests directly, with the same token check, the same
pydantic model and the same handler functions as the FastAPI routes. Anything else —
no or a wrong token, a body the model rejects, another role — is handed to the FastAPI
app untouched (the body replayed), so every error is still produced in one place and
the OpenAPI document still describes both routes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import ValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from motcua.queue.errors import QueueError
from motcua.server.auth import may, may_act_for, parse_bearer
from motcua.server.schemas import MAX_COUNTER, IssueTicketIn
from motcua.server.tokens import Device, Role, TokenStore

IssueHandler = Callable[[IssueTicketIn], Awaitable[tuple[int, dict[str, Any]]]]
CallNextHandler = Callable[[int], Awaitable[dict[str, Any]]]

_CALL_NEXT = re.compile(r"/api/v1/counters/([0-9]{1,4})/call-next")
_MAX_BODY = 64 * 1024


class FastPath:
    def __init__(
        self,
        app: ASGIApp,
        tokens: TokenStore,
        issue: IssueHandler,
        call_next: CallNextHandler,
    ) -> None:
        self.app = app
        self._tokens = tokens
        self._issue = issue
        self._call_next = call_next

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        counter: int | None = None
        if path != "/api/v1/tickets":
            match = _CALL_NEXT.fullmatch(path)
            if match is None:
                await self.app(scope, receive, send)
                return
            counter = int(match.group(1))
        body, more = await _read_body(receive)
        if more is None:  # the client went away
            return
        if more:  # too big for this path: FastAPI reads the rest
            await self.app(scope, _replay(body, receive, more=True), send)
            return
        device = self._device(scope)
        answer: tuple[int, Any] | None = None
        try:
            if counter is None:
                answer = await self._try_issue(device, body)
            else:
                answer = await self._try_call_next(device, counter)
        except QueueError as exc:
            answer = (exc.http_status, exc.to_dict())
        if answer is None:
            await self.app(scope, _replay(body, receive), send)
            return
        await _send_json(send, *answer)

    def _device(self, scope: Scope) -> Device | None:
        for name, value in scope["headers"]:
            if name == b"authorization":
                token = parse_bearer(value.decode("latin-1"))
                return self._tokens.verify(token) if token else None
        return None

    async def _try_issue(self, device: Device | None, body: bytes) -> tuple[int, Any] | None:
        if device is None or not may(device, Role.KIOSK):  # same rule as the route's
            return None
        try:
            request = IssueTicketIn.model_validate_json(body)
        except ValidationError:
            return None
        return await self._issue(request)

    async def _try_call_next(self, device: Device | None, counter: int) -> tuple[int, Any] | None:
        if device is None or not 1 <= counter <= MAX_COUNTER:
            return None
        if not (may(device, Role.COUNTER) and may_act_for(device, counter)):
            return None
        return 200, await self._call_next(counter)


async def _read_body(receive: Receive) -> tuple[bytes, bool | None]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"", None
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if not message.get("more_body", False) or size > _MAX_BODY:
            return b"".join(chunks), bool(message.get("more_body", False))


def _replay(body: bytes, receive: Receive, more: bool = False) -> Receive:
    """A receive() giving the already-read body once, then the real channel."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": more}
        return await receive()

    return replay


async def _send_json(send: Send, status: int, payload: Any) -> None:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode("ascii")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})
