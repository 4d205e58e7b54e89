"""The center server: the ``Center`` protocol as JSON over HTTP, plus SSE and pages.

``create_app(center, tokens, config)`` is the composition point: the CLI (``motcua
serve``) and the kiosk (embedded mode) both build the app the same way and hand it the
center's own ``QueueService``. One request pipeline, FastAPI's: every route declares who
may call it (``auth.py``), writes are typed operations (``motcua.queue.ops``) awaited on
the store's future (no thread waits on the commit), reads run on a small thread pool
(``routing.Calls``). The routes live by who calls them, each module installed here by a
function taking what it needs: ``manage/`` (the manager's pages), ``health_routes``
(``/health``, ``/metrics``), ``public_routes`` (a phone's ticket), ``device_routes``,
``queue_routes`` (tickets and counters), ``dossier_routes``, ``event_routes`` (the
snapshot and the event stream) and ``admin_routes`` (appointments, clock, statistics).
They are installed in this order, which is the order of ``/openapi.json``.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from motcua.clock import Clock, SystemClock
from motcua.config import Config
from motcua.dossier.service import DossierService
from motcua.public_url import base_url, with_url
from motcua.queue.service import QueueService
from motcua.server.admin_routes import install_admin_routes
from motcua.server.device_health import DeviceRegistry
from motcua.server.device_routes import install_device_routes
from motcua.server.dossier_routes import install_dossier_routes
from motcua.server.event_routes import install_event_routes
from motcua.server.events import Broadcaster
from motcua.server.health_routes import install_health_routes
from motcua.server.http_errors import JsonResponse, install_error_handlers
from motcua.server.limits import BodyGuard, BodyLimits
from motcua.server.manage.pages import install_manage
from motcua.server.manage.sessions import ManagerSessions
from motcua.server.openapi import install_openapi
from motcua.server.public_routes import install_public_routes
from motcua.server.queue_routes import install_queue_routes
from motcua.server.routing import API, Calls
from motcua.server.tokens import TokenStore


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
    calls = Calls(center, workers)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await broadcaster.start()
        try:
            yield
        finally:
            await broadcaster.stop()
            calls.close()
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
    install_manage(app, center, tokens, sessions, config, clock, calls.call, dossiers)
    app.state.center = center
    install_error_handlers(app)
    install_openapi(app)

    install_health_routes(
        app,
        center,
        calls,
        broadcaster,
        registry,
        config,
        clock,
        storage_problems=storage_problems,
        dossiers=dossiers,
        sync=sync,
    )
    install_public_routes(app, center, calls, broadcaster, config, clock)
    install_device_routes(app, center, tokens, calls, registry, clock)
    install_queue_routes(app, center, tokens, calls, config)

    limits = body_limits or BodyLimits()
    if dossiers is not None:
        install_dossier_routes(app, dossiers, tokens, config, clock)
        # Scanned papers are streamed to disk by their route, up to the dossier limit.
        limits.allow(API + r"/dossiers/[^/]+/papers/[0-9]+", dossiers.max_paper_bytes)
    # Outermost: no body is read before the token is checked and the size is bounded.
    app.add_middleware(BodyGuard, tokens=tokens, limits=limits)

    install_event_routes(app, center, tokens, calls, broadcaster)
    install_admin_routes(app, center, tokens, calls, config, clock)
    return app
