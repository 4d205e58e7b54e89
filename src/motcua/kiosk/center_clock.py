"""The center's clock warning, for the technician console (no Qt).

The center raises it when its wall clock jumps against its monotonic clock
(``queue.clock_guard``; ``server.device_health.clock_devices`` makes it a ``clock`` device
warning, as in ``/health``, ``/api/v1/devices/alerts`` and ``/metrics``). A kiosk that
hosts the center asks its guard; a joined kiosk reads the center's alert list. Either
way the console gets the same ``DeviceHealth`` the center gave, words and all, and
adds only where the technician acts: on the center's server, or on this kiosk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from motcua.devices.health import DeviceHealth, HealthState
from motcua.errors import MotcuaError

log = logging.getLogger(__name__)

DEVICE = "clock"  # the center's clock, as its device list names it


def center_clock_health(center: Any, now: Callable[[], datetime]) -> DeviceHealth | None:
    """The center's clock warning, or None while its clock agrees (or cannot be asked:
    the console's center line says when the center does not answer)."""
    from motcua.server.device_health import clock_devices

    status = getattr(center, "clock_status", None)
    if callable(status):  # the center in this process (QueueService)
        found = clock_devices(status(), now())
        return found[0].health if found else None
    alerts = getattr(center, "device_alerts", None)
    if not callable(alerts):
        return None
    try:
        listed = alerts()
    except MotcuaError as exc:
        log.info("center alerts not read: %s", exc.message_en)
        return None
    for a in listed:
        if a.get("device") == DEVICE:
            return _from_alert(a)
    return None


def _from_alert(a: dict[str, Any]) -> DeviceHealth:
    since = a.get("since")
    return DeviceHealth(
        DEVICE,
        HealthState(a.get("state", HealthState.WARNING.value)),
        str(a.get("reason", "clock_jump")),
        str(a.get("message", "")),
        str(a.get("message_en", "")),
        datetime.fromisoformat(since) if since else None,
    )


def where_to_act(center_url: str) -> tuple[str, str]:
    """Where ``motcua clock status|confirm`` is run: the center's server, or this kiosk."""
    if center_url:
        host = urlsplit(center_url).netloc or center_url
        return (
            f"Làm trên máy chủ trung tâm {host}, không phải trên máy lấy số.",
            f"Do it on the center's server {host}, not on the kiosk.",
        )
    return (
        "Làm ngay trên máy này: trung tâm chạy tại đây.",
        "Do it on this machine: the center runs here.",
    )
