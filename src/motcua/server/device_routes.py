"""The devices' API: apps report their devices' health; technicians and counters read it.

``POST /api/v1/devices/health`` takes a reporter's ``DeviceHealth`` list (any device
token); ``GET /api/v1/devices`` lists every device (admin) and ``/devices/alerts`` only
those needing a person (any device: the counters' alert line). The center's own clock
is listed beside the reported devices. The list itself is ``device_health.DeviceRegistry``.
"""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.responses import Response

from motcua.clock import Clock
from motcua.devices.health import DeviceHealth, HealthState
from motcua.queue.service import QueueService
from motcua.server.auth import ANY_DEVICE, require
from motcua.server.device_health import DeviceRegistry, Report, clock_devices
from motcua.server.http_errors import JsonResponse
from motcua.server.responses import AlertsOut, DevicesOut
from motcua.server.routing import API, Calls
from motcua.server.schemas import DeviceHealthReportIn
from motcua.server.tokens import Device, TokenStore


def install_device_routes(
    app: FastAPI,
    center: QueueService,
    tokens: TokenStore,
    calls: Calls,
    registry: DeviceRegistry,
    clock: Clock,
) -> None:
    """Add the device health report and the device lists to ``app``."""
    _call = calls.call
    reader = Depends(require(tokens, *ANY_DEVICE))
    admin = Depends(require(tokens))

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
