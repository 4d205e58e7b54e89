"""The center server: the ``Center`` protocol as JSON over HTTP, plus SSE and pages.

``create_app(center, tokens, config)`` is the composition point: the CLI (``motcua
serve``) and the kiosk (embedded mode) both build the app the same way and hand it the
center's own ``QueueService``. One request pipeline, FastAPI's: every route declares who
may call it (``auth.py``), writes are typed operations (``motcua.queue.ops``) awaited on
the store's future (no thread waits on the commit), reads run on a small thread pool.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from fastapi_offline import FastAPIOffline

from motcua.clock import Clock, SystemClock
from motcua.config import Config
from motcua.devices.health import DeviceHealth, HealthState
from motcua.dossier.service import DossierService
from motcua.public_url import base_url, with_url
from motcua.queue import ops
from motcua.queue.errors import InvalidRequest, UnknownTicket
from motcua.queue.models import CitizenInfo, Satisfaction, TicketInfo
from motcua.queue.ops import Op
from motcua.queue.service import QueueService
from motcua.server.auth import (
    ANY_DEVICE,
    check_counter,
    check_rating_source,
    check_ticket_counter,
    parse_bearer,
    require,
)
from motcua.server.codec import dump
from motcua.server.device_health import (
    DeviceRegistry,
    Report,
    clock_devices,
    render_device_metrics,
)
from motcua.server.dossier_routes import install_dossier_routes
from motcua.server.events import Broadcaster
from motcua.server.http_errors import JsonResponse, install_error_handlers
from motcua.server.limits import BodyGuard, BodyLimits
from motcua.server.manage.pages import install_manage
from motcua.server.manage.sessions import ManagerSessions
from motcua.server.metrics import (
    ScrapeCache,
    render_clock_metrics,
    render_dossier_metrics,
    render_metrics,
)
from motcua.server.openapi import install_openapi
from motcua.server.public_page import public_view, render_not_found, render_ticket_page
from motcua.server.responses import (
    AlertsOut,
    AppointmentOut,
    CallNextOut,
    CenterInfoOut,
    ClockOut,
    CloseDayOut,
    CounterStateOut,
    DayStatsOut,
    DevicesOut,
    EventOut,
    HealthOut,
    PublicTicketOut,
    QueueSnapshotOut,
    RatingOut,
    RatingsOut,
    TicketInfoOut,
    TicketOut,
    errors,
)
from motcua.server.schemas import (
    MAX_COUNTER,
    MAX_ID,
    AppointmentIn,
    DeviceHealthReportIn,
    IsoDay,
    IssueTicketIn,
    RatingIn,
    TransferIn,
)
from motcua.server.tokens import Device, Role, TokenStore

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


def create_app(
    center: QueueService,
    tokens: TokenStore,
    config: Config,
    *,
    clock: Clock | None = None,
    heartbeat_seconds: float = 15.0,
    poll_seconds: float = 1.0,
    workers: int = 32,
    body_limits: BodyLimits | None = None,
    storage_problems: Callable[[], list[str]] | None = None,
    dossiers: DossierService | None = None,
    sync: Any = None,
    devices: DeviceRegistry | None = None,
) -> FastAPI:
    """Build the FastAPI app over ``center``. The caller owns ``center``, ``tokens`` and
    ``devices`` (the center's device list; by default one on the tokens' database)."""
    clock = clock or SystemClock()
    if not config.center.public_url:  # started servers pass it checked (motcua.public_url)
        config = with_url(config, base_url(config))
    sessions = ManagerSessions(tokens.path, clock)
    registry = devices or DeviceRegistry(tokens.path, clock)
    broadcaster = Broadcaster(
        center, poll_seconds=poll_seconds, heartbeat_seconds=heartbeat_seconds
    )
    # Center calls block (a durable commit); they run on this pool. A plain executor
    # costs less per call than anyio's thread pool, and its size bounds how many
    # requests wait on the writer at once (they all ride the same group commit).
    pool: list[ThreadPoolExecutor] = []

    async def _call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a blocking center call off the event loop."""
        if not pool:
            pool.append(ThreadPoolExecutor(max_workers=workers, thread_name_prefix="motcua-api"))
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pool[0], partial(fn, *args, **kwargs))

    async def _write(op: Op[T]) -> T:
        """Run the write ``op``, awaited on the store's future: resolved after the durable
        commit and after in-process subscribers heard its events; no thread is parked."""
        return await asyncio.wrap_future(center.submit(op))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await broadcaster.start()
        try:
            yield
        finally:
            await broadcaster.stop()
            while pool:
                pool.pop().shutdown(wait=False, cancel_futures=True)
            sessions.close()
            if devices is None:
                registry.close()

    app = FastAPIOffline(
        title="motcua center server",
        description=(
            "Hệ thống xếp hàng của Trung tâm Phục vụ hành chính công. "
            "Queue API of a public administrative service center. "
            "Authenticate with `Authorization: Bearer <device token>`."
        ),
        version="1",
        lifespan=lifespan,
        default_response_class=JsonResponse,
        # FastAPI's built-in OpenTelemetry hooks cost ~0.1 ms of CPU per request even
        # with no exporter configured; the center reports through /metrics instead.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        # /docs and /redoc from assets shipped in fastapi-offline: a center's LAN has no CDN.
        static_url="/docs/assets",
    )
    app.state.broadcaster = broadcaster
    install_manage(app, center, tokens, sessions, config, clock, _call, dossiers)
    app.state.center = center
    install_error_handlers(app)
    install_openapi(app)

    kiosk = Depends(require(tokens, Role.KIOSK))
    rater = Depends(require(tokens, Role.KIOSK, Role.COUNTER))
    counter_dev = Depends(require(tokens, Role.COUNTER))
    reader = Depends(require(tokens, *ANY_DEVICE))
    stats_reader = Depends(require(tokens, Role.DISPLAY, Role.MANAGER))
    admin = Depends(require(tokens))

    def ticket_info_body(info: TicketInfo) -> dict[str, Any]:
        body = dump(info)
        body["url"] = f"{base_url(config)}/t/{info.ticket.public_code}"
        return body

    # ------------------------------------------------------------------ public

    @app.get(
        "/health",
        tags=["public"],
        response_model=HealthOut,
        responses={503: {"model": HealthOut, "description": "Storage problems (degraded)"}},
    )
    async def health() -> Response:
        problems = await _call(storage_problems) if storage_problems is not None else []
        # Warnings (the numbers file, the clock) need a technician but the queue works:
        # "degraded" with 200; only storage problems answer 503.
        warnings = [f"{vi} / {en}" for vi, en in center.warnings()]
        body = {
            "status": "degraded" if problems or warnings else "ok",
            "events": broadcaster.cursor,
            "streams": broadcaster.stream_count,
            "storage": {"ok": not problems, "problems": problems},
            "warnings": warnings,
        }
        return JsonResponse(body, status_code=503 if problems else 200)

    scrapes = ScrapeCache(config.server.metrics_max_age_seconds)

    @app.get("/metrics", tags=["public"], response_class=PlainTextResponse)
    async def metrics() -> Response:
        text = await scrapes.get(_render_metrics)
        return PlainTextResponse(text, media_type="text/plain; version=0.0.4; charset=utf-8")

    async def _render_metrics() -> str:
        snapshot = await _call(center.snapshot)
        day_stats = await _call(center.stats, snapshot.day)
        text = render_metrics(snapshot, day_stats, broadcaster.cursor)
        if dossiers is not None:
            day = snapshot.day
            today_d = await _call(dossiers.indicators, day, day)
            month = await _call(dossiers.indicators, day - timedelta(days=29), day)
            text += render_dossier_metrics(today_d, month)
        if sync is not None:
            from motcua.sync.metrics import render_sync_metrics

            text += render_sync_metrics(await _call(sync.figures))
        clock_now = await _call(center.clock_status)
        text += render_clock_metrics(clock_now)
        devices = await _call(registry.devices)
        text += render_device_metrics(devices + clock_devices(clock_now, clock.now()), clock.now())
        return text

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

    # ------------------------------------------------------------------ citizens

    # ------------------------------------------------------------------ devices
    @app.post(API + "/devices/health", tags=["devices"], status_code=204)
    async def report_device_health(body: DeviceHealthReportIn, device: Device = reader) -> Response:
        reports = [
            Report(
                d.kind,
                DeviceHealth(
                    d.device, HealthState(d.state), d.reason, d.message_vi, d.message_en, d.since
                ),
            )
            for d in body.devices
        ]
        location = device.name or f"{device.role.value} {device.counter or device.id}"
        await _call(registry.report, device.id, location, reports, body.heartbeat_seconds)
        return Response(status_code=204)

    @app.get(API + "/devices", tags=["devices"], response_model=DevicesOut)
    async def list_devices(device: Device = admin) -> Response:
        now = clock.now()
        found = await _call(registry.devices) + clock_devices(center.clock_status(), now)
        return JsonResponse({"devices": [d.to_json(now) for d in found]})

    @app.get(API + "/devices/alerts", tags=["devices"], response_model=AlertsOut)
    async def device_alerts(device: Device = reader) -> Response:
        """What needs a person, for the counters' alert line: no personal data."""
        now = clock.now()
        found = await _call(registry.problems) + clock_devices(center.clock_status(), now)
        return JsonResponse({"alerts": [d.to_json(now) for d in found]})

    @app.get(API + "/info", tags=["center"], response_model=CenterInfoOut)
    async def info(device: Device = reader) -> Response:
        return JsonResponse(dump(await _call(center.info)))

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

    limits = body_limits or BodyLimits()
    if dossiers is not None:
        install_dossier_routes(app, dossiers, tokens, config, clock)
        # Scanned papers are streamed to disk by their route, up to the dossier limit.
        limits.allow(API + r"/dossiers/[^/]+/papers/[0-9]+", dossiers.max_paper_bytes)
    # Outermost: no body is read before the token is checked and the size is bounded.
    app.add_middleware(BodyGuard, tokens=tokens, limits=limits)

    # ------------------------------------------------------------------ everyone

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

    # ------------------------------------------------------------------ admin

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

    return app
