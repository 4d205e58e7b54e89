"""The administrator's and the manager's API: appointments, the clock, the day, statistics.

``/api/v1/appointments`` (admin), ``/clock`` and ``/clock/confirm`` (the clock-jump alert
and its confirmation), ``/close-day``, and the day's statistics ``/stats``, ``/stats.csv``
and ``/ratings`` (the hall display and the manager read them too). The manager's HTML
pages over the same figures are ``manage/``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query
from fastapi.responses import Response

from motcua.clock import Clock
from motcua.config import Config
from motcua.queue import ops
from motcua.queue.models import Satisfaction
from motcua.queue.service import QueueService
from motcua.server.auth import require
from motcua.server.codec import dump
from motcua.server.http_errors import JsonResponse
from motcua.server.responses import (
    AppointmentOut,
    ClockOut,
    CloseDayOut,
    DayStatsOut,
    RatingsOut,
    errors,
)
from motcua.server.routing import API, Calls, DayQuery
from motcua.server.schemas import AppointmentIn, IsoDay
from motcua.server.tokens import Device, Role, TokenStore


def install_admin_routes(
    app: FastAPI,
    center: QueueService,
    tokens: TokenStore,
    calls: Calls,
    config: Config,
    clock: Clock,
) -> None:
    """Add the appointment, clock, close-day and statistics routes to ``app``."""
    _call, _write = calls.call, calls.write
    stats_reader = Depends(require(tokens, Role.DISPLAY, Role.MANAGER))
    admin = Depends(require(tokens))

    @app.post(
        API + "/appointments",
        tags=["admin"],
        status_code=201,
        response_model=AppointmentOut,
        responses=errors(404, 409),
    )
    async def add_appointment(body: AppointmentIn, device: Device = admin) -> Response:
        made = await _write(
            ops.add_appointment(body.code, body.service, body.slot_at, body.citizen_name)
        )
        return JsonResponse(dump(made), status_code=201)

    def clock_body(status: Any) -> dict[str, Any]:
        return {
            "jumped": status.jumped,
            "offset_seconds": status.offset_seconds,
            "wall_day": status.wall_day.isoformat(),
            "day": status.day.isoformat(),
            "day_held": status.day_held,
        }

    @app.get(API + "/clock", tags=["admin"], response_model=ClockOut)
    async def clock_state(device: Device = admin) -> Response:
        return JsonResponse(clock_body(await _call(center.clock_status)))

    @app.post(API + "/clock/confirm", tags=["admin"], response_model=ClockOut)
    async def clock_confirm(device: Device = admin) -> Response:
        """The wall clock is right: end the jump alert; a deferred rollover runs at the
        next operation (the held day's waiting tickets expire then)."""
        return JsonResponse(clock_body(await _call(center.confirm_clock)))

    @app.post(API + "/close-day", tags=["admin"], response_model=CloseDayOut)
    async def close_day(device: Device = admin) -> Response:
        return JsonResponse({"expired": await _write(ops.close_day())})

    @app.get(API + "/stats", tags=["admin"], response_model=DayStatsOut)
    async def stats(day: DayQuery = None, device: Device = stats_reader) -> Response:
        return JsonResponse(dump(await _call(center.stats, day)))

    @app.get(API + "/ratings", tags=["admin"], response_model=RatingsOut)
    async def ratings(
        first: Annotated[IsoDay, Query(alias="from")],
        last: Annotated[IsoDay, Query(alias="to")],
        level: Satisfaction | None = None,
        device: Device = stats_reader,
    ) -> Response:
        """The ratings of the tickets of business days from..to, with their reasons
        (``level=khong_hai_long``: only those)."""
        found = await _call(center.ratings_between, first, last, level)
        return JsonResponse({"ratings": dump(found)})

    @app.get(
        API + "/stats.csv",
        tags=["admin"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
    )
    async def stats_csv(day: DayQuery = None, device: Device = stats_reader) -> Response:
        text = await _call(center.stats_csv, day)
        the_day = day or clock.now().astimezone(config.center.tz).date()
        name = f"motcua-stats-{the_day.isoformat()}.csv"
        return Response(
            text.encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
