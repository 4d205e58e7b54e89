"""The queue's working routes: the kiosk issues tickets, the counters act on them.

``/api/v1/info``, ``/tickets`` (issue, read, rate, restore, cancel) and
``/counters/{n}/...`` (call next, recall, start, finish, no-show, pause, resume,
transfer). Each is a typed write (``motcua.queue.ops``) or a read of the center, after
the checks of who may act (``auth.py``): a counter acts for its own counter and on its
own tickets. Reading the queue and its events is ``event_routes.py``; the manager's
and the administrator's routes are ``admin_routes.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import Response

from motcua.config import Config
from motcua.public_url import base_url
from motcua.queue import ops
from motcua.queue.errors import InvalidRequest
from motcua.queue.models import CitizenInfo, TicketInfo
from motcua.queue.ops import Op
from motcua.queue.service import QueueService
from motcua.server.auth import (
    ANY_DEVICE,
    check_counter,
    check_rating_source,
    check_ticket_counter,
    require,
)
from motcua.server.codec import dump
from motcua.server.http_errors import JsonResponse
from motcua.server.responses import (
    CallNextOut,
    CenterInfoOut,
    CounterStateOut,
    RatingOut,
    TicketInfoOut,
    TicketOut,
    errors,
)
from motcua.server.routing import API, Calls, CounterNo, PublicCode, TicketId
from motcua.server.schemas import IssueTicketIn, RatingIn, TransferIn
from motcua.server.tokens import Device, Role, TokenStore


def install_queue_routes(
    app: FastAPI,
    center: QueueService,
    tokens: TokenStore,
    calls: Calls,
    config: Config,
) -> None:
    """Add the center info, ticket and counter routes to ``app``."""
    _call, _write = calls.call, calls.write
    kiosk = Depends(require(tokens, Role.KIOSK))
    rater = Depends(require(tokens, Role.KIOSK, Role.COUNTER))
    counter_dev = Depends(require(tokens, Role.COUNTER))
    reader = Depends(require(tokens, *ANY_DEVICE))

    def ticket_info_body(info: TicketInfo) -> dict[str, Any]:
        body = dump(info)
        body["url"] = f"{base_url(config)}/t/{info.ticket.public_code}"
        return body

    @app.get(API + "/info", tags=["center"], response_model=CenterInfoOut)
    async def info(device: Device = reader) -> Response:
        return JsonResponse(dump(await _call(center.info)))

    # ------------------------------------------------------------------ tickets

    @app.post(
        API + "/tickets",
        tags=["tickets"],
        status_code=201,
        response_model=TicketInfoOut,
        responses={
            200: {"model": TicketInfoOut, "description": "The ID card's live ticket, again"},
            **errors(404, 409),
        },
    )
    async def issue_ticket(body: IssueTicketIn, device: Device = kiosk) -> Response:
        if not body.service and not body.appointment_code:
            raise InvalidRequest(
                "Cần chọn dịch vụ hoặc nhập mã lịch hẹn.",
                "A service or an appointment code is required.",
            )
        citizen = None
        if body.citizen is not None:
            c = body.citizen
            citizen = CitizenInfo(
                id_number=c.id_number, full_name=c.full_name, birth_date=c.birth_date, sex=c.sex
            )
        result = await _write(
            ops.issue_ticket(
                body.service,
                priority_group=body.priority_group,
                citizen=citizen,
                appointment_code=body.appointment_code,
            )
        )
        # An ID card already holding a live ticket of this service gets it back: 200, not 201.
        return JsonResponse(ticket_info_body(result), status_code=200 if result.existing else 201)

    @app.get(
        API + "/tickets/by-code/{public_code}",
        tags=["tickets"],
        response_model=TicketInfoOut,
        responses=errors(404),
    )
    async def ticket_by_code(public_code: PublicCode, device: Device = reader) -> Response:
        return JsonResponse(ticket_info_body(await _call(center.ticket_by_code, public_code)))

    @app.get(
        API + "/tickets/{ticket_id}",
        tags=["tickets"],
        response_model=TicketInfoOut,
        responses=errors(404),
    )
    async def get_ticket(ticket_id: TicketId, device: Device = counter_dev) -> Response:
        # By id only for the counters (and admins): ids are sequential, so anyone else
        # could walk them. Kiosks and phones read a ticket by its unguessable code.
        return JsonResponse(ticket_info_body(await _call(center.ticket, ticket_id)))

    async def own_ticket(device: Device, ticket_id: int) -> None:
        """A counter acts only on a ticket at, or sent to, its own counter."""
        if device.role is Role.ADMIN:
            return
        ticket = (await _call(center.ticket, ticket_id)).ticket
        check_ticket_counter(device, ticket)

    @app.post(
        API + "/tickets/{ticket_id}/rating",
        tags=["tickets"],
        status_code=201,
        response_model=RatingOut,
        responses=errors(404, 409),
    )
    async def rate(ticket_id: TicketId, body: RatingIn, device: Device = rater) -> Response:
        if device.role is not Role.ADMIN:
            ticket = (await _call(center.ticket, ticket_id)).ticket
            check_rating_source(device, ticket, body.public_code)
        rating = await _write(ops.rate(ticket_id, body.level, body.reason))
        return JsonResponse(dump(rating), status_code=201)

    ticket_action: dict[str, Any] = {"response_model": TicketOut, "responses": errors(404, 409)}

    @app.post(API + "/tickets/{ticket_id}/restore", tags=["tickets"], **ticket_action)
    async def restore(ticket_id: TicketId, device: Device = counter_dev) -> Response:
        await own_ticket(device, ticket_id)
        return JsonResponse(dump(await _write(ops.restore(ticket_id))))

    @app.post(API + "/tickets/{ticket_id}/cancel", tags=["tickets"], **ticket_action)
    async def cancel(ticket_id: TicketId, device: Device = counter_dev) -> Response:
        await own_ticket(device, ticket_id)
        return JsonResponse(dump(await _write(ops.cancel(ticket_id))))

    # ------------------------------------------------------------------ counters

    @app.post(
        API + "/counters/{counter}/call-next",
        tags=["counters"],
        response_model=CallNextOut,
        responses=errors(404, 409),
    )
    async def call_next(counter: CounterNo, device: Device = counter_dev) -> Response:
        check_counter(device, counter)
        # Who is signed in at the counter: its counter-scoped token's name (reports).
        clerk = device.name.strip()[:80] if device.role is Role.COUNTER else ""
        return JsonResponse({"ticket": dump(await _write(ops.call_next(counter, clerk)))})

    def counter_route(action: str, build: Callable[[int], Op[Any]], model: Any) -> None:
        async def handler(counter: CounterNo, device: Device = counter_dev) -> Response:
            check_counter(device, counter)
            return JsonResponse(dump(await _write(build(counter))))

        handler.__name__ = action.replace("-", "_")
        app.post(
            API + "/counters/{counter}/" + action,
            tags=["counters"],
            name=action,
            response_model=model,
            responses=errors(404, 409),
        )(handler)

    counter_route("recall", ops.recall, TicketOut)
    counter_route("start", ops.start, TicketOut)
    counter_route("finish", ops.finish, TicketOut)
    counter_route("no-show", ops.no_show, TicketOut)
    counter_route("pause", ops.pause, CounterStateOut)
    counter_route("resume", ops.resume, CounterStateOut)

    @app.post(
        API + "/counters/{counter}/transfer",
        tags=["counters"],
        response_model=TicketOut,
        responses=errors(404, 409),
    )
    async def transfer(
        counter: CounterNo, body: TransferIn, device: Device = counter_dev
    ) -> Response:
        check_counter(device, counter)
        if (body.to_service is None) == (body.to_counter is None):
            raise InvalidRequest(
                "Chọn đúng một nơi chuyển đến: dịch vụ hoặc quầy.",
                "Give exactly one of to_service or to_counter.",
            )
        moved = await _write(
            ops.transfer(counter, to_service=body.to_service, to_counter=body.to_counter)
        )
        return JsonResponse(dump(moved))
