"""The dossier API at the issue's exact paths, over a live server."""

from __future__ import annotations

import json
from datetime import timedelta

from motcua.clock import FakeClock
from motcua.config import Config
from motcua.dossier.service import DossierService
from motcua.queue.service import QueueService
from motcua.server.dossier_setup import reception_service
from tests.dossier.conftest import pdf

from .conftest import Api, Tokens, assert_vi_error

QR = "038090123456|012345678|Nguyễn Văn An|01011990|Nam|Phường Hạc Thành, Thanh Hóa|15042021"
CONSENT = {"text_version": "2026-11-v1", "accepted_at": "2026-11-20T08:59:00+07:00"}


def _create(api: Api, token: str, procedure: str = "1.000894", **extra) -> dict:
    body = {"procedure_code": procedure, "applicant": {"cccd_qr": QR}, "consent": CONSENT}
    body.update(extra)
    r = api.post("/api/v1/dossiers", token, json=body)
    assert r.status_code == 201, r.text
    return r.json()


def _put(api: Api, token: str, code: str, n: int, data: bytes):
    return api.call(
        "PUT",
        f"/api/v1/dossiers/{code}/papers/{n}",
        token,
        data=data,
        headers={"Content-Type": "application/pdf"},
    )


def test_kiosk_intake_then_counter_reception(
    dapi: Api, tokens: Tokens, clock: FakeClock, service: QueueService, config: Config
) -> None:
    d = _create(dapi, tokens.kiosk, phone="0912 345 678")
    code = d["code"]
    assert code == "000.00.00.H56-261120-0001" and d["status"] == 0
    text = json.dumps(d, ensure_ascii=False)
    assert "038090123456" not in text and "Nguyễn Văn An" not in text
    assert d["applicant"]["name"] == "Nguyễn V. A." and d["working_days"] == 1
    assert_vi_error(dapi.post(f"/api/v1/dossiers/{code}/submit", tokens.kiosk), 409)
    # a paper in chunks (streamed), read back by the counter
    r = dapi.call(
        "PUT",
        f"/api/v1/dossiers/{code}/papers/1",
        tokens.kiosk,
        data=iter([pdf("a")[:50], pdf("a")[50:]]),
        headers={"Content-Type": "application/pdf"},
    )
    assert r.status_code == 200, r.text
    assert _put(dapi, tokens.kiosk, code, 2, pdf("b")).status_code == 200
    got = dapi.get(f"/api/v1/dossiers/{code}/papers/1", tokens.counter1)
    assert got.status_code == 200 and got.content == pdf("a")
    assert got.headers["content-type"] == "application/pdf"
    assert dapi.get(f"/api/v1/dossiers/{code}/papers/1", tokens.kiosk).status_code == 403
    r = dapi.post(f"/api/v1/dossiers/{code}/submit", tokens.kiosk)
    assert r.status_code == 200 and r.json()["status"] == 1
    ticket = r.json()["ticket_number"]
    hall = service.snapshot().service("HT")
    assert ticket and hall is not None and hall.waiting == 1
    assert reception_service(config, "Hộ tịch") == "HT"
    # only a counter accepts
    assert_vi_error(dapi.post(f"/api/v1/dossiers/{code}/accept", tokens.kiosk), 403)
    clock.advance(minutes=10)
    r = dapi.post(f"/api/v1/dossiers/{code}/accept", tokens.counter3)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == 2 and r.json()["due_at"].startswith("2026-11-23T02:15")
    assert_vi_error(dapi.post(f"/api/v1/dossiers/{code}/accept", tokens.counter3), 409)
    assert_vi_error(dapi.post(f"/api/v1/dossiers/{code}/return", tokens.counter3), 409)
    r = dapi.post(f"/api/v1/dossiers/{code}/progress", tokens.counter3, json={"note": "Thẩm định"})
    assert r.json()["status"] == 4
    assert dapi.post(f"/api/v1/dossiers/{code}/finish", tokens.counter3).json()["status"] == 9
    assert dapi.post(f"/api/v1/dossiers/{code}/return", tokens.counter3).json()["status"] == 10
    one = dapi.get(f"/api/v1/dossiers/{code}", tokens.kiosk).json()
    assert [h["status"] for h in one["history"]] == [0, 1, 2, 4, 9, 10]
    listed = dapi.get("/api/v1/dossiers?date=2026-11-20&status=10", tokens.counter3).json()
    assert [x["code"] for x in listed] == [code]
    assert dapi.get("/api/v1/dossiers?status=3", tokens.counter3).json() == []
    # the public page: procedure, status, return date; nothing personal
    page = dapi.get(f"/d/{code}")
    assert page.status_code == 200 and "Đăng ký kết hôn" in page.text
    assert "Đã trả kết quả" in page.text and "Nguyễn" not in page.text and "3456" not in page.text
    assert dapi.get("/d/000.00.00.H56-261120-0999").status_code == 404


def test_supplement_and_reject_need_text(dapi: Api, tokens: Tokens) -> None:
    a = _create(dapi, tokens.counter1, procedure="2.000815")
    assert a["channel"] == "counter"
    for n in (1, 2):
        assert _put(dapi, tokens.counter1, a["code"], n, pdf()).status_code == 200
    dapi.post(f"/api/v1/dossiers/{a['code']}/submit", tokens.counter1)
    assert_vi_error(
        dapi.post(f"/api/v1/dossiers/{a['code']}/supplement", tokens.counter1, json={"note": ""}),
        422,
    )
    r = dapi.post(
        f"/api/v1/dossiers/{a['code']}/supplement",
        tokens.counter1,
        json={"note": "Thiếu bản chính"},
    )
    assert r.json()["status"] == 5 and r.json()["note"] == "Thiếu bản chính"
    r = dapi.post(
        f"/api/v1/dossiers/{a['code']}/reject",
        tokens.counter1,
        json={"reason": "Không thuộc thẩm quyền"},
    )
    assert r.json()["status"] == 3
    assert_vi_error(
        dapi.post(f"/api/v1/dossiers/{a['code']}/reject", tokens.counter1, json={"reason": "x"}),
        409,
    )


def test_bad_requests_are_bilingual_4xx(dapi: Api, tokens: Tokens, dossiers) -> None:
    k = tokens.kiosk
    assert_vi_error(dapi.post("/api/v1/dossiers", k, json={"procedure_code": "1.000894"}), 422)
    bad_qr = {
        "procedure_code": "1.000894",
        "applicant": {"cccd_qr": "xin chao"},
        "consent": CONSENT,
    }
    assert_vi_error(dapi.post("/api/v1/dossiers", k, json=bad_qr), 422)
    unknown = {"procedure_code": "9.9", "applicant": {"cccd_qr": QR}, "consent": CONSENT}
    assert_vi_error(dapi.post("/api/v1/dossiers", k, json=unknown), 422)
    no_tz = {
        **unknown,
        "procedure_code": "1.000894",
        "consent": {"text_version": "2026-11-v1", "accepted_at": "2026-11-20T08:00:00"},
    }
    assert_vi_error(dapi.post("/api/v1/dossiers", k, json=no_tz), 422)
    assert_vi_error(dapi.post("/api/v1/dossiers", None, json=unknown), 401)
    d = _create(dapi, k)
    assert_vi_error(_put(dapi, k, d["code"], 1, b"not a pdf"), 422)
    assert_vi_error(_put(dapi, k, d["code"], 7, pdf()), 404)
    r = dapi.call(
        "PUT",
        f"/api/v1/dossiers/{d['code']}/papers/1",
        k,
        data=pdf(),
        headers={"Content-Type": "image/png"},
    )
    assert_vi_error(r, 422)
    dossiers.max_paper_bytes = 1000
    assert_vi_error(_put(dapi, k, d["code"], 1, b"%PDF-" + b"0" * 2000), 413)
    big = iter([b"%PDF-", b"0" * 600, b"0" * 600])  # no Content-Length: counted as it streams
    r = dapi.call(
        "PUT",
        f"/api/v1/dossiers/{d['code']}/papers/1",
        k,
        data=big,
        headers={"Content-Type": "application/pdf"},
    )
    assert_vi_error(r, 413)
    assert_vi_error(dapi.get("/api/v1/dossiers/000.00.00.H56-261120-0999", k), 404)
    assert_vi_error(
        dapi.post("/api/v1/dossiers/000.00.00.H56-261120-0999/accept", tokens.counter1), 404
    )
    folder = dossiers.papers_dir / d["code"]
    assert not any(folder.iterdir())  # refused uploads leave nothing behind
    assert dapi.get(f"/api/v1/dossiers/{d['code']}", k).json()["papers"][0]["present"] is False


def test_delete_paper(dapi: Api, tokens: Tokens, clock: FakeClock) -> None:
    d = _create(dapi, tokens.kiosk)
    _put(dapi, tokens.kiosk, d["code"], 1, pdf())
    r = dapi.call("DELETE", f"/api/v1/dossiers/{d['code']}/papers/1", tokens.kiosk)
    assert r.status_code == 200 and r.json()["papers"][0]["present"] is False
    assert_vi_error(dapi.get(f"/api/v1/dossiers/{d['code']}/papers/1", tokens.counter1), 404)
    clock.advance(timedelta(days=1))


def test_every_change_after_submit_queues_its_portal_row(
    dapi: Api, tokens: Tokens, dossiers: DossierService
) -> None:
    d = _create(dapi, tokens.kiosk)
    code = d["code"]
    for n in (1, 2):
        _put(dapi, tokens.kiosk, code, n, pdf())

    def rows() -> list[tuple[str, str]]:
        return dossiers.db.read(
            lambda tx: [
                (r["kind"], json.loads(r["payload"]).get("status"))
                for r in tx.all(
                    "SELECT kind, payload FROM sync_outbox WHERE dossier_code = ? ORDER BY id",
                    (code,),
                )
            ]
        )

    assert rows() == []  # a draft is never sent
    dapi.post(f"/api/v1/dossiers/{code}/submit", tokens.kiosk)
    dapi.post(f"/api/v1/dossiers/{code}/accept", tokens.counter1)
    assert rows() == [("create", 1), ("update", 2), ("step", 2)]
    payload = dossiers.db.read(
        lambda tx: tx.one("SELECT payload FROM sync_outbox WHERE kind = 'update'")
    )
    assert payload is not None and "038090123456" not in payload["payload"]


def test_a_walk_in_taken_in_at_the_counter_takes_no_ticket(
    dapi: Api, tokens: Tokens, service: QueueService, config: Config
) -> None:
    """Issue 10 item 3: a dossier a counter token creates is a walk-in's (channel
    "counter"); its submit issues no queue ticket, and a kiosk token may not submit it."""

    def waiting() -> int:
        return sum(q.waiting for q in service.snapshot().services)

    before = waiting()
    d = _create(dapi, tokens.counter3)
    assert d["channel"] == "counter"
    for n in (1, 2):
        assert _put(dapi, tokens.counter3, d["code"], n, pdf(str(n))).status_code == 200
    r = dapi.post(f"/api/v1/dossiers/{d['code']}/submit", tokens.kiosk)
    assert_vi_error(r, 403)
    assert "quầy" in r.json()["message"]
    assert dapi.get(f"/api/v1/dossiers/{d['code']}", tokens.kiosk).json()["status"] == 0
    r = dapi.post(f"/api/v1/dossiers/{d['code']}/submit", tokens.counter3)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == 1 and r.json()["ticket_number"] == ""
    assert waiting() == before  # no ticket joined any queue
    again = dapi.post(f"/api/v1/dossiers/{d['code']}/submit", tokens.counter3).json()
    assert again["status"] == 1 and again["ticket_number"] == ""  # still none
    r = dapi.post(f"/api/v1/dossiers/{d['code']}/accept", tokens.counter3)
    assert r.status_code == 200 and r.json()["status"] == 2 and r.json()["due_at"]
    # a kiosk's dossier still takes its reception ticket
    k = _create(dapi, tokens.kiosk)
    for n in (1, 2):
        assert _put(dapi, tokens.kiosk, k["code"], n, pdf(str(n))).status_code == 200
    r = dapi.post(f"/api/v1/dossiers/{k['code']}/submit", tokens.kiosk)
    assert r.json()["channel"] == "kiosk" and r.json()["ticket_number"]
    assert waiting() == before + 1
