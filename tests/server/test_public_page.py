"""/t/{code}: the citizen's live page, and the public JSON it polls (no personal data)."""

from __future__ import annotations

from tests.server.conftest import Api, Tokens, assert_vi_error


def issue_with_citizen(api: Api, tokens: Tokens) -> dict:
    citizen = {"id_number": "001090123456", "full_name": "Lê Văn Cường"}
    body = {"service": "HT", "citizen": citizen}
    return api.post("/api/v1/tickets", tokens.kiosk, json=body).json()["ticket"]


def test_page_shows_number_service_place_and_wait_in_vietnamese(api: Api, tokens: Tokens):
    api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"})
    t = issue_with_citizen(api, tokens)
    resp = api.get(f"/t/{t['public_code']}")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    page = resp.text
    assert '<html lang="vi">' in page and 'name="viewport"' in page
    assert ">1002<" in page and "Hộ tịch" in page and "Đang chờ" in page
    assert 'id="ahead">1<' in page
    assert "phút" in page
    assert "setInterval" in page  # refreshes itself
    assert "http://" not in page.replace("http-equiv", "")  # no external assets
    assert "Cường" not in page and "3456" not in page


def test_page_follows_the_ticket_state(api: Api, tokens: Tokens):
    t = issue_with_citizen(api, tokens)
    api.post("/api/v1/counters/2/call-next", tokens.admin)
    page = api.get(f"/t/{t['public_code']}").text
    assert "Mời đến quầy 2" in page


def test_public_json_has_no_personal_data(api: Api, tokens: Tokens):
    t = issue_with_citizen(api, tokens)
    resp = api.get(f"/api/v1/public/tickets/{t['public_code']}")
    body = resp.json()
    assert body["display_number"] == "1001"
    assert body["status"] == "waiting" and body["status_label"] == "Đang chờ"
    assert body["people_ahead"] == 0
    assert "citizen_name" not in body and "id" not in body
    assert "Cường" not in resp.text and "L." not in resp.text


def test_unknown_codes(api: Api):
    resp = api.get("/t/doesnotexist")
    assert resp.status_code == 404 and "Không tìm thấy" in resp.text
    assert_vi_error(api.get("/api/v1/public/tickets/doesnotexist"), 404, "unknown_ticket")
    assert_vi_error(api.get("/api/v1/public/tickets/bad%20code!"), 422, "invalid_request")
