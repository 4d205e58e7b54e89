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


def test_page_speaks_to_ong_ba_and_never_says_about_zero_minutes(api: Api, tokens: Tokens):
    t = issue_with_citizen(api, tokens)
    page = api.get(f"/t/{t['public_code']}").text
    assert "bạn" not in page.replace("Cập nhật", "")
    assert "ông/bà" in page
    assert "~0" not in page and "~" not in page.split("<script>")[0]
    assert "Ông/bà sẽ sớm được mời lên quầy" in page  # nobody ahead
    body = api.get(f"/api/v1/public/tickets/{t['public_code']}").json()
    assert body["wait_label"] == "Ông/bà sẽ sớm được mời lên quầy"


def test_soon_banner_when_three_or_fewer_are_ahead(api: Api, tokens: Tokens):
    for _ in range(4):
        api.post("/api/v1/tickets", tokens.kiosk, json={"service": "DD"})
    t = api.post("/api/v1/tickets", tokens.kiosk, json={"service": "DD"}).json()["ticket"]
    url = f"/api/v1/public/tickets/{t['public_code']}"
    body = api.get(url).json()
    assert body["people_ahead"] == 4 and not body["soon"] and body["soon_label"] == ""
    assert 'class="soon hide"' in api.get(f"/t/{t['public_code']}").text
    api.post("/api/v1/counters/6/call-next", tokens.admin)
    body = api.get(url).json()
    assert body["people_ahead"] == 3 and body["soon"]
    assert body["soon_label"].startswith("Sắp đến lượt ông/bà: còn 3 người")
    page = api.get(f"/t/{t['public_code']}").text
    assert 'id="soonbox" class="soon"' in page and "navigator.vibrate" in page


def test_polling_phones_get_a_304_until_something_happens(api: Api, tokens: Tokens):
    t = issue_with_citizen(api, tokens)
    url = f"/api/v1/public/tickets/{t['public_code']}"
    first = api.get(url)
    etag = first.headers["ETag"]
    again = api.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    api.post("/api/v1/counters/2/call-next", tokens.admin)
    import time

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # the event reaches the broadcaster's cursor
        changed = api.get(url, headers={"If-None-Match": etag})
        if changed.status_code == 200:
            break
        time.sleep(0.02)
    assert changed.status_code == 200
    assert changed.json()["status_label"] == "Mời đến quầy 2"
    assert changed.headers["ETag"] != etag


def test_no_show_says_what_happened(api: Api, tokens: Tokens):
    t = issue_with_citizen(api, tokens)
    api.post("/api/v1/counters/2/call-next", tokens.admin)
    api.post("/api/v1/counters/2/no-show", tokens.admin)
    body = api.get(f"/api/v1/public/tickets/{t['public_code']}").json()
    assert body["status"] == "no_show"
    assert body["status_label"].startswith("Đã gọi 1 lần nhưng ông/bà chưa đến quầy")
    assert "quá số lần" not in body["status_label"]
