"""Token roles: who may do what. Counter N acts only for counter N."""

from __future__ import annotations

import pytest

from tests.server.conftest import Api, Tokens, assert_vi_error


def test_counter_3_token_cannot_call_for_counter_5(api: Api, tokens: Tokens):
    api.post("/api/v1/tickets", tokens.kiosk, json={"service": "CTR"})
    for action in ("call-next", "recall", "start", "finish", "no-show", "pause", "resume"):
        resp = api.post(f"/api/v1/counters/5/{action}", tokens.counter3)
        body = assert_vi_error(resp, 403, "forbidden")
        assert "quầy 5" in body["message"]
    resp = api.post("/api/v1/counters/5/transfer", tokens.counter3, json={"to_service": "HT"})
    assert_vi_error(resp, 403, "forbidden")
    # nothing happened to counter 5: its own token still calls the ticket
    assert api.post("/api/v1/counters/5/call-next", tokens.counter5).json()["ticket"] is not None


def test_admin_may_act_for_any_counter(api: Api, tokens: Tokens):
    assert api.post("/api/v1/counters/5/pause", tokens.admin).status_code == 200


def test_missing_bad_and_revoked_tokens_are_401(api: Api, tokens: Tokens, token_store):
    assert_vi_error(api.get("/api/v1/queue"), 401, "unauthorized")
    assert_vi_error(api.get("/api/v1/queue", "not-a-token"), 401, "unauthorized")
    resp = api.get("/api/v1/queue", headers={"Authorization": f"Basic {tokens.display}"})
    assert_vi_error(resp, 401, "unauthorized")
    extra = token_store.create("display")
    assert api.get("/api/v1/queue", extra).status_code == 200
    token_store.revoke(token_store.verify(extra).id)
    assert_vi_error(api.get("/api/v1/queue", extra), 401, "unauthorized")


@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"),
    [
        ("POST", "/api/v1/tickets", {"service": "HT"}, {"kiosk", "admin"}),
        ("GET", "/api/v1/queue", None, {"kiosk", "display", "counter1", "admin"}),
        ("GET", "/api/v1/info", None, {"kiosk", "display", "counter1", "admin"}),
        ("GET", "/api/v1/events/log", None, {"kiosk", "display", "counter1", "admin"}),
        ("GET", "/api/v1/stats", None, {"display", "admin"}),
        ("GET", "/api/v1/stats.csv", None, {"display", "admin"}),
        ("POST", "/api/v1/close-day", None, {"admin"}),
        (
            "POST",
            "/api/v1/appointments",
            {"code": "LH-1", "service": "HT", "slot_at": "2026-11-20T10:00:00+07:00"},
            {"admin"},
        ),
        ("POST", "/api/v1/counters/1/pause", None, {"counter1", "admin"}),
    ],
)
def test_role_matrix(api: Api, tokens: Tokens, method, path, body, allowed):
    for role in ("kiosk", "display", "counter1", "admin"):
        token = getattr(tokens, role)
        resp = api.call(method, path, token, json=body)
        if role in allowed:
            assert resp.status_code < 400, (role, resp.text)
        else:
            assert_vi_error(resp, 403, "forbidden")


def test_public_endpoints_need_no_token(api: Api, tokens: Tokens):
    code = api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"}).json()["ticket"]
    for path in (
        "/health",
        "/metrics",
        "/openapi.json",
        f"/t/{code['public_code']}",
        f"/api/v1/public/tickets/{code['public_code']}",
    ):
        assert api.get(path).status_code == 200, path
