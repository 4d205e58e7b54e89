"""A wall-clock jump is a device alert the technicians and counters see, in /health and
/metrics; the admin confirms the new time over the API (issue 12 item 7)."""

from __future__ import annotations

from motcua.clock import FakeClock
from tests.server.conftest import Api, Tokens


def test_a_jump_is_an_alert_everywhere_and_the_admin_confirms(
    api: Api, tokens: Tokens, clock: FakeClock
):
    issued = api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"}).json()
    assert api.get("/health").json()["warnings"] == []
    assert api.get("/api/v1/devices/alerts", tokens.counter1).json()["alerts"] == []

    clock.jump(days=1)
    health = api.get("/health")
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    assert any("motcua clock confirm" in w for w in health.json()["warnings"])
    alerts = api.get("/api/v1/devices/alerts", tokens.counter1).json()["alerts"]
    assert [(a["kind"], a["state"], a["reason"]) for a in alerts] == [
        ("clock", "warning", "clock_day_held")
    ]
    assert "Đồng hồ" in alerts[0]["message"]
    metrics = api.get("/metrics").text
    assert "motcua_clock_offset_seconds 86400" in metrics and "motcua_day_held 1" in metrics
    assert 'kind="clock"' in metrics
    # nobody lost their place, and the queue still numbers the held day
    again = api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"}).json()
    assert again["ticket"]["day"] == issued["ticket"]["day"]
    assert int(again["ticket"]["number"]) == int(issued["ticket"]["number"]) + 1

    assert api.post("/api/v1/clock/confirm", tokens.counter1).status_code == 403
    state = api.get("/api/v1/clock", tokens.admin).json()
    assert state["day_held"] is True and state["offset_seconds"] == 86400
    confirmed = api.post("/api/v1/clock/confirm", tokens.admin).json()
    assert confirmed == {
        "jumped": False,
        "offset_seconds": 0.0,
        "wall_day": "2026-11-21",
        "day": "2026-11-21",
        "day_held": False,
    }
    assert api.get("/health").json()["status"] == "ok"
    assert "motcua_day_held 0" in api.get("/metrics").text
    after = api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"}).json()
    assert (after["ticket"]["day"], after["ticket"]["number"]) == ("2026-11-21", 1001)
