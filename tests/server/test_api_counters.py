"""POST /api/v1/counters/{n}/...: the clerk's actions over HTTP."""

from __future__ import annotations

from tests.server.conftest import Api, Tokens, assert_vi_error

C = "/api/v1/counters"


def issue(api: Api, tokens: Tokens, service: str = "HT") -> dict:
    return api.post("/api/v1/tickets", tokens.kiosk, json={"service": service}).json()["ticket"]


def test_call_start_finish(api: Api, tokens: Tokens):
    t = issue(api, tokens)
    called = api.post(f"{C}/1/call-next", tokens.counter1)
    assert called.status_code == 200
    assert called.json()["ticket"]["id"] == t["id"]
    assert called.json()["ticket"]["status"] == "called"
    assert api.post(f"{C}/1/start", tokens.counter1).json()["status"] == "serving"
    done = api.post(f"{C}/1/finish", tokens.counter1).json()
    assert done["status"] == "done" and done["counter"] == 1


def test_call_next_with_nobody_waiting_returns_null(api: Api, tokens: Tokens):
    resp = api.post(f"{C}/5/call-next", tokens.counter5)
    assert resp.status_code == 200 and resp.json() == {"ticket": None}


def test_recall_no_show(api: Api, tokens: Tokens):
    issue(api, tokens, "CTR")
    api.post(f"{C}/5/call-next", tokens.counter5)
    r = api.post(f"{C}/5/recall", tokens.counter5).json()
    assert r["recalls"] == 1 and r["status"] == "called"
    ns = api.post(f"{C}/5/no-show", tokens.counter5)
    assert ns.status_code == 200 and ns.json()["status"] == "no_show"


def test_transfer_to_service_and_counter(api: Api, tokens: Tokens):
    t = issue(api, tokens, "HT")
    api.post(f"{C}/1/call-next", tokens.counter1)
    moved = api.post(f"{C}/1/transfer", tokens.counter1, json={"to_service": "CTR"}).json()
    assert moved["id"] == t["id"] and moved["service_code"] == "CTR"
    assert moved["status"] == "waiting"
    called = api.post(f"{C}/5/call-next", tokens.counter5).json()["ticket"]
    assert called["id"] == t["id"]
    moved = api.post(f"{C}/5/transfer", tokens.counter5, json={"to_counter": 12}).json()
    assert moved["target_counter"] == 12


def test_transfer_errors(api: Api, tokens: Tokens):
    issue(api, tokens, "HT")
    api.post(f"{C}/1/call-next", tokens.counter1)
    assert_vi_error(api.post(f"{C}/1/transfer", tokens.counter1, json={}), 422)
    both = {"to_service": "CT", "to_counter": 3}
    assert_vi_error(api.post(f"{C}/1/transfer", tokens.counter1, json=both), 422)
    resp = api.post(f"{C}/1/transfer", tokens.counter1, json={"to_service": "NOPE"})
    assert_vi_error(resp, 404, "unknown_service")
    resp = api.post(f"{C}/1/transfer", tokens.counter1, json={"to_counter": 10**12})
    assert_vi_error(resp, 422, "invalid_request")


def test_pause_blocks_calls_until_resume(api: Api, tokens: Tokens):
    issue(api, tokens, "HT")
    paused = api.post(f"{C}/3/pause", tokens.counter3)
    assert paused.status_code == 200 and paused.json()["paused"] is True
    assert_vi_error(api.post(f"{C}/3/call-next", tokens.counter3), 409, "counter_paused")
    resumed = api.post(f"{C}/3/resume", tokens.counter3).json()
    assert resumed["paused"] is False and resumed["number"] == 3
    assert api.post(f"{C}/3/call-next", tokens.counter3).json()["ticket"] is not None


def test_actions_without_a_current_ticket_are_409(api: Api, tokens: Tokens):
    for action in ("recall", "start", "finish", "no-show"):
        assert_vi_error(api.post(f"{C}/1/{action}", tokens.counter1), 409, "no_current_ticket")


def test_unknown_counter_is_404_for_admin_and_bad_numbers_422(api: Api, tokens: Tokens):
    assert_vi_error(api.post(f"{C}/99/call-next", tokens.admin), 404, "unknown_counter")
    assert_vi_error(api.post(f"{C}/{2**70}/call-next", tokens.admin), 422, "invalid_request")
    assert_vi_error(api.post(f"{C}/x/call-next", tokens.admin), 422, "invalid_request")
    assert_vi_error(api.post(f"{C}/1/dance", tokens.admin), 404, "not_found")
    assert_vi_error(api.get(f"{C}/1/call-next", tokens.admin), 405, "method_not_allowed")
