"""The center's own health, for monitoring: ``/health`` and the Prometheus ``/metrics``.

Both are public (no token) and carry no personal data. ``/health`` says whether storage
works and what needs a technician; ``/metrics`` renders the queue, the dossiers, the
portal sync, the clock and the devices as one scrape, cached for
``[server] metrics_max_age_seconds`` so that several scrapers cost one rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, Response

from motcua.clock import Clock
from motcua.config import Config
from motcua.dossier.service import DossierService
from motcua.queue.service import QueueService
from motcua.server.device_health import DeviceRegistry, clock_devices, render_device_metrics
from motcua.server.events import Broadcaster
from motcua.server.http_errors import JsonResponse
from motcua.server.metrics import (
    ScrapeCache,
    render_clock_metrics,
    render_dossier_metrics,
    render_metrics,
)
from motcua.server.responses import HealthOut
from motcua.server.routing import Calls


def install_health_routes(
    app: FastAPI,
    center: QueueService,
    calls: Calls,
    broadcaster: Broadcaster,
    registry: DeviceRegistry,
    config: Config,
    clock: Clock,
    *,
    storage_problems: Callable[[], list[str]] | None,
    dossiers: DossierService | None,
    sync: Any,
) -> None:
    """Add ``/health`` and ``/metrics`` to ``app``."""
    _call = calls.call

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
