"""A kiosk whose printer is down says so before a citizen starts, tells the center,
and clears by itself when the printer is back (issue: the technician's tools)."""

from __future__ import annotations

import re

import pytest
import requests

from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.runtime import build_runtime
from motcua.server.tokens import Role, TokenStore


@pytest.fixture
def kiosk(config, clock, tmp_path):
    rt = build_runtime(
        config,
        clock,
        db_path=tmp_path / "center.db",
        host="127.0.0.1",
        port=0,
        printer_url="sim://?state=paper_out",
        watch_seconds=0.2,
        seed_demo_dossiers=False,
    )
    yield rt
    rt.close()


def _devices(rt, token: str) -> list[dict]:
    resp = requests.get(
        f"{rt.server_url}/api/v1/devices", timeout=5, headers={"Authorization": f"Bearer {token}"}
    )
    assert resp.status_code == 200, resp.text
    return resp.json()["devices"]


def test_printer_down_shows_on_home_reaches_the_center_and_clears(qtbot, kiosk, tmp_path) -> None:
    tokens = TokenStore(tmp_path / "center.db")
    admin = tokens.create(Role.ADMIN, name="test")
    tokens.close()
    win = KioskWindow(kiosk)
    qtbot.addWidget(win)
    home = win.screens["home"]
    win.go("home")
    qtbot.waitUntil(lambda: home.printer_notice.isVisibleTo(win), timeout=5000)
    assert "tạm dừng" in home.printer_notice.text()

    def printer_row() -> dict | None:
        return next((d for d in _devices(kiosk, admin) if d["device"] == "printer"), None)

    qtbot.waitUntil(lambda: (printer_row() or {}).get("state") == "error", timeout=5000)
    assert printer_row()["reason"] == "paper_out"
    metrics = requests.get(f"{kiosk.server_url}/metrics", timeout=5).text
    assert re.search(
        r'^motcua_device_up\{device="Kiosk [^"]*/printer",kind="printer",.*\} 0$', metrics, re.M
    )
    kiosk.printer.set_paper_out(False)  # the technician loads paper
    qtbot.waitUntil(lambda: not home.printer_notice.isVisibleTo(win), timeout=5000)
    qtbot.waitUntil(lambda: (printer_row() or {}).get("state") == "ok", timeout=5000)
