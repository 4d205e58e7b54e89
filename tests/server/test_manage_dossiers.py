"""Decision 766's dossier indicators on the board, in the report, its exports and /metrics."""

from __future__ import annotations

import csv
import io

import requests
from openpyxl import load_workbook

from motcua.clock import FakeClock
from motcua.dossier.service import DossierService
from motcua.server.tokens import Role
from tests.dossier.conftest import new_dossier, pdf

from .conftest import Api


def _walk(service: DossierService, clock: FakeClock) -> None:
    """Three dossiers received today: one finished on time, one late (tomorrow +), one open."""
    codes = []
    for _ in range(3):
        d = new_dossier(service, clock)  # 1 working day
        service.put_paper(d.code, 1, pdf(), "kiosk")
        service.put_paper(d.code, 2, pdf(), "kiosk")
        service.submit(d.code, "kiosk")
        service.accept(d.code, "counter:1")
        codes.append(d.code)
    service.finish(codes[0], "counter:1")


def test_indicators_everywhere(dapi: Api, dossiers: DossierService, clock, token_store) -> None:
    _walk(dossiers, clock)
    manager = token_store.create(Role.MANAGER, name="Giám đốc")
    got = dapi.get("/api/v1/dossiers/indicators", manager)
    assert got.status_code == 200, got.text
    body = got.json()
    assert (body["received"], body["finished"], body["on_time"], body["late"]) == (3, 1, 1, 0)
    assert body["on_time_rate"] == 1.0 and body["digitized_rate"] == 1.0
    assert (
        dapi.get("/api/v1/dossiers/indicators?from=2026-11-21&to=2026-11-20", manager).status_code
        == 422
    )
    kiosk = token_store.create(Role.KIOSK, name="Kiosk")
    assert dapi.get("/api/v1/dossiers/indicators", kiosk).status_code == 403

    s = requests.Session()
    s.post(f"{dapi.base}/manage/login", data={"token": manager}, timeout=10)
    assert 'id="dossiers"' in s.get(f"{dapi.base}/manage", timeout=10).text
    page = s.get(f"{dapi.base}/manage/reports", timeout=10).text
    assert 'id="d-received">3<' in page and 'id="d-on_time_rate">100%<' in page

    raw = s.get(f"{dapi.base}/manage/reports.csv", timeout=10).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(raw)))
    start = table.index(["Chỉ số hồ sơ (QĐ 766/QĐ-TTg)", "Mã", "Giá trị"])
    values = {r[1]: r[2] for r in table[start + 1 :]}
    assert values["received"] == "3" and values["finished"] == "1" and values["late"] == "0"
    book = load_workbook(io.BytesIO(s.get(f"{dapi.base}/manage/reports.xlsx", timeout=10).content))
    sheet = book["Hồ sơ (QĐ 766)"]
    assert {r[1]: r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}["received"] == 3

    # Past the promised date (Monday 09:15): the two open ones are overdue.
    clock.advance(days=4)
    metrics = requests.get(f"{dapi.base}/metrics", timeout=10).text
    assert "motcua_dossiers_overdue 2" in metrics
    assert "motcua_dossiers_on_time_ratio_30d 1" in metrics
    assert "motcua_dossiers_received_today 0" in metrics


def test_report_shows_dossiers_digitized(dapi: Api, dossiers: DossierService, clock, token_store):
    """Hồ sơ số hóa on the report page and in the CSV, from the dossiers' own scans."""
    codes = []
    for _ in range(2):
        d = new_dossier(dossiers, clock)
        dossiers.put_paper(d.code, 1, pdf(), "kiosk")
        dossiers.put_paper(d.code, 2, pdf(), "kiosk")
        dossiers.submit(d.code, "kiosk")
        dossiers.accept(d.code, "counter:1")
        codes.append(d.code)
    dossiers.supplement(codes[1], "Bản chụp không đọc được", "counter:1")
    dossiers.delete_paper(codes[1], 1, "counter:1")
    manager = token_store.create(Role.MANAGER, name="Giám đốc")
    s = requests.Session()
    s.post(f"{dapi.base}/manage/login", data={"token": manager}, timeout=10)
    page = s.get(f"{dapi.base}/manage/reports", timeout=10).text
    assert "Đã số hóa" in page and "Tỷ lệ số hóa" in page
    assert 'id="d-received">2<' in page
    assert 'id="d-digitized">1<' in page and 'id="d-digitized_rate">50%<' in page
    raw = s.get(f"{dapi.base}/manage/reports.csv", timeout=10).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(raw)))
    start = table.index(["Chỉ số hồ sơ (QĐ 766/QĐ-TTg)", "Mã", "Giá trị"])
    values = {r[1]: r[2] for r in table[start + 1 :]}
    assert (values["digitized"], values["digitized_rate"]) == ("1", "0.5")
