"""POST/GET /api/v1/tickets and the ticket actions: happy paths and every error shape."""

from __future__ import annotations

from motcua.public_url import base_url
from tests.server.conftest import Api, Tokens, assert_vi_error

T = "/api/v1/tickets"


def test_issue_ticket_returns_number_place_wait_and_live_url(api: Api, tokens: Tokens, config):
    first = api.post(T, tokens.kiosk, json={"service": "HT"})
    second = api.post(T, tokens.kiosk, json={"service": "HT", "priority_group": "elderly"})
    assert first.status_code == 201, first.text
    a, b = first.json(), second.json()
    assert a["ticket"]["display_number"] == "1001"
    assert b["ticket"]["display_number"] == "1002"
    assert b["ticket"]["priority_group"] == "elderly"
    assert a["people_ahead"] == 0 and a["existing"] is False
    assert isinstance(a["estimated_wait_minutes"], int)
    code = a["ticket"]["public_code"]
    assert a["url"] == f"{base_url(config)}/t/{code}"


def test_prefix_service_numbering(api: Api, tokens: Tokens):
    body = api.post(T, tokens.kiosk, json={"service": "DKKD"}).json()
    assert body["ticket"]["display_number"] == "B001"


def test_same_citizen_same_service_gets_the_existing_ticket(api: Api, tokens: Tokens):
    citizen = {
        "id_number": "001090123456",
        "full_name": "Nguyễn Văn An",
        "birth_date": "1990-01-01",
    }
    first = api.post(T, tokens.kiosk, json={"service": "CTR", "citizen": citizen})
    again = api.post(T, tokens.kiosk, json={"service": "CTR", "citizen": citizen})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["existing"] is True
    assert again.json()["ticket"]["id"] == first.json()["ticket"]["id"]
    ticket = first.json()["ticket"]
    assert ticket["has_citizen_id"] is True
    assert "001090123456" not in first.text  # the ID number never comes back
    assert ticket["citizen_name"] != "Nguyễn Văn An"


def test_get_ticket_by_id_and_by_code(api: Api, tokens: Tokens):
    issued = api.post(T, tokens.kiosk, json={"service": "CT"}).json()["ticket"]
    by_id = api.get(f"{T}/{issued['id']}", tokens.display)
    assert by_id.status_code == 200 and by_id.json()["ticket"] == issued
    by_code = api.get(f"{T}/by-code/{issued['public_code']}", tokens.counter1)
    assert by_code.json()["ticket"]["id"] == issued["id"]


def test_unknown_ticket_is_404_in_vietnamese(api: Api, tokens: Tokens):
    assert_vi_error(api.get(f"{T}/424242", tokens.admin), 404, "unknown_ticket")
    assert_vi_error(api.get(f"{T}/by-code/nosuchcode", tokens.admin), 404, "unknown_ticket")


def test_unknown_service_and_priority_group(api: Api, tokens: Tokens):
    assert_vi_error(api.post(T, tokens.kiosk, json={"service": "NOPE"}), 404, "unknown_service")
    resp = api.post(T, tokens.kiosk, json={"service": "HT", "priority_group": "vip"})
    assert_vi_error(resp, 422, "unknown_priority_group")


def test_neither_service_nor_appointment_is_422(api: Api, tokens: Tokens):
    assert_vi_error(api.post(T, tokens.kiosk, json={}), 422, "invalid_request")


def test_malformed_json_wrong_types_and_huge_numbers_are_4xx(api: Api, tokens: Tokens):
    headers = {"Content-Type": "application/json"}
    body = assert_vi_error(api.post(T, tokens.kiosk, data="{bad", headers=headers), 422)
    assert body["error"] == "invalid_request"
    assert_vi_error(api.post(T, tokens.kiosk, json=["HT"]), 422, "invalid_request")
    assert_vi_error(api.post(T, tokens.kiosk, json={"service": 12}), 422, "invalid_request")
    bad_id = {"service": "HT", "citizen": {"id_number": "12ab"}}
    body = assert_vi_error(api.post(T, tokens.kiosk, json=bad_id), 422, "invalid_request")
    assert "citizen.id_number" in body["message"]
    assert_vi_error(api.get(f"{T}/{10**30}", tokens.admin), 422, "invalid_request")
    assert_vi_error(api.get(f"{T}/-1", tokens.admin), 422, "invalid_request")
    assert_vi_error(api.get(f"{T}/abc", tokens.admin), 422, "invalid_request")
    assert_vi_error(api.post(T, tokens.kiosk, json={"service": "H" * 5000}), 422)


def test_rating_flow_and_errors(api: Api, tokens: Tokens):
    ticket = api.post(T, tokens.kiosk, json={"service": "HT"}).json()["ticket"]
    api.post("/api/v1/counters/1/call-next", tokens.counter1)
    api.post("/api/v1/counters/1/finish", tokens.counter1)
    url = f"{T}/{ticket['id']}/rating"
    no_reason = api.post(url, tokens.kiosk, json={"level": "khong_hai_long"})
    assert_vi_error(no_reason, 422, "reason_required")
    assert_vi_error(api.post(url, tokens.kiosk, json={"level": "5 stars"}), 422, "invalid_request")
    ok = api.post(url, tokens.kiosk, json={"level": "khong_hai_long", "reason": "Chờ lâu"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["level"] == "khong_hai_long" and ok.json()["counter"] == 1
    assert_vi_error(api.post(url, tokens.kiosk, json={"level": "hai_long"}), 409, "already_rated")
    assert_vi_error(api.post(f"{T}/999/rating", tokens.kiosk, json={"level": "hai_long"}), 404)


def test_cancel_and_restore(api: Api, tokens: Tokens, config):
    ticket = api.post(T, tokens.kiosk, json={"service": "HT"}).json()["ticket"]
    api.post("/api/v1/counters/1/call-next", tokens.counter1)
    for _ in range(config.policy.recalls_before_no_show + 1):
        last = api.post("/api/v1/counters/1/recall", tokens.counter1)
    assert last.json()["status"] == "no_show"
    restored = api.post(f"{T}/{ticket['id']}/restore", tokens.counter1)
    assert restored.status_code == 200 and restored.json()["status"] == "waiting"
    assert_vi_error(api.post(f"{T}/{ticket['id']}/restore", tokens.counter1), 409)
    cancelled = api.post(f"{T}/{ticket['id']}/cancel", tokens.counter3)
    assert cancelled.json()["status"] == "cancelled"
    assert_vi_error(api.post(f"{T}/{ticket['id']}/cancel", tokens.admin), 409)
    assert_vi_error(api.post(f"{T}/777/cancel", tokens.admin), 404, "unknown_ticket")
