"""Appointments, close-day, statistics (JSON and CSV), info, queue snapshot, health, metrics."""

from __future__ import annotations

import csv
import io

from tests.server.conftest import Api, Tokens, assert_vi_error


def test_info_lists_center_services_counters_groups(api: Api, tokens: Tokens, config):
    body = api.get("/api/v1/info", tokens.kiosk).json()
    assert body["center"]["name"] == config.center.name
    assert [s["code"] for s in body["services"]] == [s.code for s in config.services]
    assert len(body["counters"]) == 12
    assert {g["code"] for g in body["priority_groups"]} >= {"elderly", "disability"}


def test_queue_snapshot_waiting_and_now_serving(api: Api, tokens: Tokens):
    for _ in range(3):
        api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"})
    api.post("/api/v1/counters/2/call-next", tokens.admin)
    snap = api.get("/api/v1/queue", tokens.display).json()
    ht = next(s for s in snap["services"] if s["code"] == "HT")
    assert ht["waiting"] == 2 and ht["last_called"] == "1001"
    c2 = next(c for c in snap["counters"] if c["number"] == 2)
    assert c2["current"]["display_number"] == "1001"


def test_appointment_then_ticket_by_code(api: Api, tokens: Tokens):
    body = {"code": "LH-0001", "service": "DD", "slot_at": "2026-11-20T09:15:00+07:00"}
    resp = api.post("/api/v1/appointments", tokens.admin, json=body)
    assert resp.status_code == 201, resp.text
    assert resp.json()["code"] == "LH-0001"
    ticket = api.post("/api/v1/tickets", tokens.kiosk, json={"appointment_code": "LH-0001"})
    assert ticket.status_code == 201, ticket.text
    t = ticket.json()["ticket"]
    assert t["service_code"] == "DD" and t["appointment_code"] == "LH-0001"
    unknown = api.post("/api/v1/tickets", tokens.kiosk, json={"appointment_code": "LH-9"})
    assert_vi_error(unknown, 404, "unknown_appointment")


def test_appointment_needs_a_zoned_time(api: Api, tokens: Tokens):
    naive = {"code": "LH-2", "service": "DD", "slot_at": "2026-11-20T09:15:00"}
    body = assert_vi_error(api.post("/api/v1/appointments", tokens.admin, json=naive), 422)
    assert "slot_at" in body["message"]
    bad = {"code": "LH-2", "service": "XX", "slot_at": "2026-11-20T09:15:00+07:00"}
    assert_vi_error(api.post("/api/v1/appointments", tokens.admin, json=bad), 404)


def test_close_day_expires_active_tickets(api: Api, tokens: Tokens):
    for service in ("HT", "CT", "DD"):
        api.post("/api/v1/tickets", tokens.kiosk, json={"service": service})
    resp = api.post("/api/v1/close-day", tokens.admin)
    assert resp.json() == {"expired": 3}
    assert api.get("/api/v1/tickets/1", tokens.admin).json()["ticket"]["status"] == "expired"


def test_stats_json_and_csv(api: Api, tokens: Tokens):
    for _ in range(2):
        api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"})
    api.post("/api/v1/counters/1/call-next", tokens.counter1)
    api.post("/api/v1/counters/1/finish", tokens.counter1)
    stats = api.get("/api/v1/stats?date=2026-11-20", tokens.admin).json()
    assert stats["day"] == "2026-11-20"
    assert stats["totals"]["issued"] == 2 and stats["totals"]["served"] == 1
    today = api.get("/api/v1/stats", tokens.display).json()
    assert today["totals"] == stats["totals"]
    other = api.get("/api/v1/stats?date=2026-11-19", tokens.admin).json()
    assert other["totals"]["issued"] == 0
    resp = api.get("/api/v1/stats.csv?date=2026-11-20", tokens.admin)
    assert resp.headers["content-type"].startswith("text/csv")
    assert "2026-11-20" in resp.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert len(rows) > 1
    assert_vi_error(api.get("/api/v1/stats?date=20-11-2026", tokens.admin), 422)
    assert_vi_error(api.get("/api/v1/stats.csv?date=2026-13-01", tokens.admin), 422)
    for bad in ("0", "20261120", "1e9", "2026-02-30", "2026-W01-1"):  # date=0 was 1970-01-01
        assert_vi_error(api.get(f"/api/v1/stats?date={bad}", tokens.admin), 422)


def test_health_and_metrics_without_personal_data(api: Api, tokens: Tokens):
    citizen = {"id_number": "001090123456", "full_name": "Trần Thị Bình"}
    api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT", "citizen": citizen})
    api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"})
    api.post("/api/v1/tickets", tokens.kiosk, json={"service": "DD"})
    assert api.get("/health").json()["status"] == "ok"
    resp = api.get("/metrics")
    assert resp.headers["content-type"].startswith("text/plain")
    text = resp.text
    assert 'motcua_waiting_tickets{service="HT"} 2' in text
    assert 'motcua_waiting_tickets{service="DD"} 1' in text
    assert 'motcua_tickets_issued_today{service="HT"} 2' in text
    assert "motcua_oldest_wait_seconds" in text
    assert "motcua_counters_open 12" in text
    assert "motcua_events_total 3" in text
    assert "3456" not in text and "Trần" not in text and "1001" not in text
    for line in text.splitlines():  # well-formed exposition lines
        assert line.startswith("#") or len(line.rsplit(" ", 1)) == 2


def test_every_day_parameter_is_yyyy_mm_dd(api: Api, tokens: Tokens):
    # pydantic's lax date read 0 (a query string "0" or a JSON number) as 1970-01-01.
    for bad in ("0", "1e9", "2026-W01-1"):
        assert_vi_error(api.get(f"/api/v1/ratings?from={bad}&to=2026-11-20", tokens.admin), 422)
        assert_vi_error(api.get(f"/api/v1/ratings?from=2026-11-20&to={bad}", tokens.admin), 422)
    citizen = {"id_number": "001090123456", "birth_date": 0}
    resp = api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT", "citizen": citizen})
    body = assert_vi_error(resp, 422, "invalid_request")
    assert body["details"] == [{"field": "citizen.birth_date", "type": "date_parsing"}]
    ok = api.get("/api/v1/ratings?from=2026-11-20&to=2026-11-20", tokens.admin)
    assert ok.status_code == 200 and ok.json() == {"ratings": []}


def test_dossier_day_parameters_are_yyyy_mm_dd(dapi: Api, tokens: Tokens):
    assert_vi_error(dapi.get("/api/v1/dossiers?date=0", tokens.counter1), 422)
    assert_vi_error(dapi.get("/api/v1/dossiers/indicators?from=0", tokens.admin), 422)
    assert dapi.get("/api/v1/dossiers?date=2026-11-20", tokens.counter1).status_code == 200
