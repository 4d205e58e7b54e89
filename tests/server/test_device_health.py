"""Device health reaches the center: reports, the device list, alerts, /metrics."""

from __future__ import annotations

import re
from datetime import timedelta

PAPER_OUT = {
    "device": "printer",
    "kind": "printer",
    "state": "error",
    "reason": "paper_out",
    "message_vi": "Máy in đã hết giấy",
    "message_en": "The printer is out of paper",
}
SCANNER_OK = {"device": "id_scanner", "kind": "id_scanner", "state": "ok", "reason": "ok"}


def _report(api, token: str, *devices: dict, heartbeat: float = 30) -> None:
    resp = api.post(
        "/api/v1/devices/health",
        token,
        json={"devices": list(devices), "heartbeat_seconds": heartbeat},
    )
    assert resp.status_code == 204, resp.text


def _up(api) -> dict[str, str]:
    text = api.get("/metrics").text
    return dict(re.findall(r'^motcua_device_up\{device="([^"]+)",[^}]*\} (\S+)$', text, re.M))


def test_a_kiosk_report_is_listed_alerted_and_exported(api, tokens) -> None:
    _report(api, tokens.kiosk, PAPER_OUT, SCANNER_OK)
    listed = api.get("/api/v1/devices", tokens.admin).json()["devices"]
    printer = next(d for d in listed if d["device"] == "printer")
    assert printer["location"] == "Kiosk sảnh A"  # the kiosk token's name
    assert (printer["state"], printer["reason"], printer["stale"]) == ("error", "paper_out", False)
    alerts = api.get("/api/v1/devices/alerts", tokens.counter5).json()["alerts"]
    assert [(a["location"], a["message"]) for a in alerts] == [
        ("Kiosk sảnh A", "Máy in đã hết giấy")
    ]
    assert _up(api) == {"Kiosk sảnh A/printer": "0", "Kiosk sảnh A/id_scanner": "1"}


def test_the_printer_back_clears_the_alert(api, tokens) -> None:
    _report(api, tokens.kiosk, PAPER_OUT)
    _report(api, tokens.kiosk, {**PAPER_OUT, "state": "ok", "reason": "ok"})
    assert api.get("/api/v1/devices/alerts", tokens.counter5).json()["alerts"] == []
    assert _up(api) == {"Kiosk sảnh A/printer": "1"}


def test_a_silent_reporter_is_unknown_not_fine(api, tokens, clock) -> None:
    _report(api, tokens.kiosk, SCANNER_OK, heartbeat=10)
    clock.advance(timedelta(seconds=29))
    assert api.get("/api/v1/devices/alerts", tokens.display).json()["alerts"] == []
    clock.advance(timedelta(seconds=2))  # three heartbeats missed
    (alert,) = api.get("/api/v1/devices/alerts", tokens.display).json()["alerts"]
    assert (alert["state"], alert["reason"], alert["stale"]) == ("unknown", "heartbeat_lost", True)
    assert _up(api) == {"Kiosk sảnh A/id_scanner": "0"}
    age = re.search(
        r"^motcua_device_heartbeat_age_seconds\{.*\} (\S+)$", api.get("/metrics").text, re.M
    )
    assert age and float(age.group(1)) == 31


def test_a_device_no_longer_listed_is_dropped(api, tokens) -> None:
    _report(api, tokens.kiosk, PAPER_OUT, SCANNER_OK)
    _report(api, tokens.kiosk, SCANNER_OK)
    assert [d["device"] for d in api.get("/api/v1/devices", tokens.admin).json()["devices"]] == [
        "id_scanner"
    ]


def test_reporters_do_not_overwrite_each_other(api, tokens) -> None:
    _report(api, tokens.kiosk, PAPER_OUT)
    _report(api, tokens.counter5, {**PAPER_OUT, "state": "ok", "reason": "ok"})
    states = {
        (d["location"], d["state"])
        for d in api.get("/api/v1/devices", tokens.admin).json()["devices"]
    }
    assert states == {("Kiosk sảnh A", "error"), ("counter 5", "ok")}


def test_bad_reports_and_roles_are_refused(api, tokens) -> None:
    bad = api.post(
        "/api/v1/devices/health", tokens.kiosk, json={"devices": [{**PAPER_OUT, "state": "fine"}]}
    )
    assert bad.status_code == 422 and bad.json()["error"] == "invalid_request"
    assert api.post("/api/v1/devices/health", None, json={"devices": []}).status_code == 401
    assert api.get("/api/v1/devices", tokens.kiosk).status_code == 403


def test_the_keypad_bridge_lines_reach_the_center_and_go_down_there(api, server, tokens, config):
    """What `motcua keypads --server` starts: the bridge runtime's lines, reported with
    its own report_health (the one way an app sends device health)."""
    from motcua.counter.connect import CenterChoice
    from motcua.counter.runtime import build_bridge
    from tests.scanner.conftest import _wait_until

    rt = build_bridge(config, CenterChoice(server.url, tokens.admin), keypad_url="sim://")
    line = rt.lines["keypads"]

    def state() -> str:
        listed = api.get("/api/v1/devices", tokens.admin).json()["devices"]
        return next((d["state"] for d in listed if d["device"] == "keypads"), "")

    try:
        rt.report_health()
        assert _wait_until(lambda: state() == "ok", 10)
        line.set_online(False)
        assert _wait_until(lambda: state() == "error", 10)
        assert [v for k, v in _up(api).items() if k.endswith("/keypads")] == ["0"]
    finally:
        rt.close()
