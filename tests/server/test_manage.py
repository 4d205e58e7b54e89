"""The manager's pages: login and sessions, the board, reports, CSV and XLSX exports."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
import requests
from openpyxl import load_workbook

from motcua.server.tokens import Role


@pytest.fixture
def manager(token_store) -> str:
    return token_store.create(Role.MANAGER, name="Giám đốc trung tâm")


def _serve_some(api, tokens) -> None:
    """Three tickets: one served and rated KHÔNG HÀI LÒNG with a reason, two waiting."""
    for service in ("HT", "HT", "CT"):
        assert (
            api.post("/api/v1/tickets", tokens.kiosk, json={"service": service}).status_code == 201
        )
    ticket = api.post("/api/v1/counters/1/call-next", tokens.counter1).json()["ticket"]
    assert api.post("/api/v1/counters/1/finish", tokens.counter1).status_code == 200
    rated = api.post(
        f"/api/v1/tickets/{ticket['id']}/rating",
        tokens.counter1,
        json={"level": "khong_hai_long", "reason": "Chờ lâu, không được hướng dẫn"},
    )
    assert rated.status_code == 201, rated.text


def _login(base: str, token: str) -> requests.Session:
    s = requests.Session()
    resp = s.post(f"{base}/manage/login", data={"token": token}, allow_redirects=False, timeout=10)
    assert resp.status_code == 303 and resp.headers["location"].startswith("/manage")
    cookie = resp.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    return s


def test_login_refuses_a_wrong_or_non_manager_token(server, tokens) -> None:
    for token in ("mc_wrong", tokens.kiosk):
        resp = requests.post(
            f"{server.url}/manage/login", data={"token": token}, timeout=10, allow_redirects=False
        )
        assert resp.status_code == 401 and "không đúng" in resp.text
        assert "set-cookie" not in resp.headers
    assert (
        requests.get(f"{server.url}/manage", allow_redirects=False, timeout=10).status_code == 303
    )


def test_a_session_reads_but_changes_nothing(server, tokens, manager) -> None:
    s = _login(server.url, manager)
    assert "Bảng theo dõi" in s.get(f"{server.url}/manage", timeout=10).text
    assert s.get(f"{server.url}/api/v1/queue", timeout=10).status_code == 200
    assert s.get(f"{server.url}/api/v1/stats", timeout=10).status_code == 200
    # a cookie never authenticates a write, and a manager token may not write
    assert (
        s.post(f"{server.url}/api/v1/tickets", json={"service": "HT"}, timeout=10).status_code
        == 401
    )
    as_bearer = requests.post(
        f"{server.url}/api/v1/tickets",
        json={"service": "HT"},
        timeout=10,
        headers={"Authorization": f"Bearer {manager}"},
    )
    assert as_bearer.status_code == 403


def test_sessions_expire_and_end_at_logout(server, tokens, manager, clock) -> None:
    s = _login(server.url, manager)
    clock.advance(timedelta(hours=7, minutes=59))
    assert s.get(f"{server.url}/api/v1/queue", timeout=10).status_code == 200
    clock.advance(timedelta(minutes=2))
    assert s.get(f"{server.url}/api/v1/queue", timeout=10).status_code == 401
    assert s.get(f"{server.url}/manage", allow_redirects=False, timeout=10).status_code == 303
    s2 = _login(server.url, manager)
    s2.post(f"{server.url}/manage/logout", timeout=10)
    s2.cookies.set("motcua_session", s.cookies.get("motcua_session") or "x")
    assert s2.get(f"{server.url}/api/v1/queue", timeout=10).status_code == 401


def test_revoking_the_token_ends_its_sessions(server, manager, token_store) -> None:
    s = _login(server.url, manager)
    (dev,) = [d for d in token_store.list() if d.role is Role.MANAGER]
    token_store.revoke(dev.id)
    assert s.get(f"{server.url}/api/v1/queue", timeout=10).status_code == 401


def test_report_page_and_exports_agree_with_the_stats(server, api, tokens, manager, clock) -> None:
    _serve_some(api, tokens)
    today = clock.now().astimezone().date().isoformat()
    stats = api.get("/api/v1/stats", tokens.admin).json()
    s = _login(server.url, manager)
    page = s.get(f"{server.url}/manage/reports", timeout=10).text
    assert f'id="r-issued">{stats["totals"]["issued"]}<' in page
    assert "Chờ lâu, không được hướng dẫn" in page  # the reason behind KHÔNG HÀI LÒNG
    assert page.count('class="bar"') == 30  # one bar per day of the last 30 days
    raw = s.get(f"{server.url}/manage/reports.csv", timeout=10)
    assert raw.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    table = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig"))))
    assert table[0][:4] == ["Nhóm", "Mã", "Tên", "Số phát"]
    by_key = {(r[0], r[1]): r for r in table[1:] if r}  # blocks below after an empty row
    assert by_key[("Dịch vụ", "HT")][2] == "Hộ tịch" and by_key[("Dịch vụ", "HT")][3] == "2"
    book = load_workbook(io.BytesIO(s.get(f"{server.url}/manage/reports.xlsx", timeout=10).content))
    assert book.sheetnames == [
        "Tổng hợp",
        "Theo dịch vụ",
        "Theo quầy",
        "Theo giờ",
        "Theo ngày",
        "Phân bố thời gian chờ",
        "Không hài lòng",
    ]
    assert book["Tổng hợp"]["D2"].value == stats["totals"]["issued"]
    assert book["Không hài lòng"]["D2"].value == "Chờ lâu, không được hướng dẫn"
    # a manager token works as a bearer for the exports too (scripts, Excel's web query)
    bearer = requests.get(
        f"{server.url}/manage/reports.csv?from={today}&to={today}",
        timeout=10,
        headers={"Authorization": f"Bearer {manager}"},
    )
    assert bearer.status_code == 200
    bad = requests.get(
        f"{server.url}/manage/reports.csv?from={today}&to=2020-01-01",
        timeout=10,
        headers={"Authorization": f"Bearer {manager}"},
    )
    assert bad.status_code == 422 and "Khoảng ngày" in bad.json()["message"]


def test_report_lists_clerks_and_the_distribution_of_waits(
    server, api, tokens, manager, token_store, clock
) -> None:
    """A counter token's name is who was signed in there; waits are drawn per bin."""
    lan = token_store.create(Role.COUNTER, counter=3, name="Nguyễn Thị Lan")
    for _ in range(2):
        assert api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"}).status_code == 201
    clock.advance(timedelta(minutes=7))
    assert api.post("/api/v1/counters/3/call-next", lan).json()["ticket"] is not None
    assert api.post("/api/v1/counters/1/call-next", tokens.counter1).json()["ticket"] is not None
    s = _login(server.url, manager)
    page = s.get(f"{server.url}/manage/reports", timeout=10).text
    assert "<td class='clerks'>Nguyễn Thị Lan</td>" in page
    assert page.count('class="hbar"') == 9
    assert 'class="hbar" data-value="2"' in page  # both waited 7 minutes: the 5–10 bin
    raw = s.get(f"{server.url}/manage/reports.csv", timeout=10).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(raw)))
    assert table[0][-1] == "Cán bộ tại quầy"
    rows = {(r[0], r[1]): r for r in table[1:] if len(r) > 2}
    assert rows[("Quầy", "3")][-1] == "Nguyễn Thị Lan" and rows[("Quầy", "1")][-1] == ""
    waits = table.index(["Thời gian chờ (phút)", "Số lượt"])
    assert table[waits + 2] == ["5–10", "2"]
    book = load_workbook(io.BytesIO(s.get(f"{server.url}/manage/reports.xlsx", timeout=10).content))
    assert [c.value for c in book["Phân bố thời gian chờ"]["B"]][1:3] == [0, 2]
