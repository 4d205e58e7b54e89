"""The manager's pages in a real browser: Debian's chromium, driven by selenium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from motcua.server.tokens import Role
from tests import chromium

SHOTS = os.environ.get("MOTCUA_SHOTS")  # a folder to keep the screenshots in


@pytest.fixture
def browser(tmp_path: Path):
    assert all(chromium.binaries()), chromium.MISSING
    b = chromium.chrome(tmp_path / "profile", console=True)
    yield b
    b.quit()


def _shot(b, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        b.save_screenshot(str(Path(SHOTS) / name))


@pytest.mark.slow
def test_board_and_report_in_chromium(browser, server, api, tokens, token_store) -> None:
    manager = token_store.create(Role.MANAGER, name="Giám đốc")
    for service in ("HT", "HT", "CT", "DD"):
        assert (
            api.post("/api/v1/tickets", tokens.kiosk, json={"service": service}).status_code == 201
        )
    clerk = token_store.create(Role.COUNTER, counter=1, name="Trần Thị Bình")
    assert api.post("/api/v1/counters/1/call-next", clerk).status_code == 200
    b = browser
    b.get(server.url + "/manage/login")
    b.find_element(By.NAME, "token").send_keys(manager)
    b.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    # the login page's body goes stale when /manage replaces it: keep waiting through that
    wait = WebDriverWait(b, 30, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-refreshes"))
    stats = api.get("/api/v1/stats", tokens.admin).json()
    assert b.find_element(By.ID, "issued").text == str(stats["totals"]["issued"])
    rows = b.find_elements(By.CSS_SELECTOR, "#services tr")
    assert len(rows) == len(api.get("/api/v1/queue", tokens.admin).json()["services"])
    # who is signed in at each counter today: the clerk's name, from /api/v1/stats
    # read in one script: an event may redraw the table between two selenium calls
    counter_rows = dict(
        b.execute_script(
            "return [...document.querySelectorAll('#counters tr')].map("
            "r => [r.cells[0].textContent, r.querySelector('td.clerks').textContent]);"
        )
    )
    label = next(
        c["label"]
        for c in api.get("/api/v1/queue", tokens.admin).json()["counters"]
        if c["number"] == 1
    )
    assert counter_rows[label] == "Trần Thị Bình"
    assert list(counter_rows.values()).count("—") == len(counter_rows) - 1
    _shot(b, "manage-board-1920.png")
    # a new ticket reaches the open board through the event stream, no reload
    before = int(b.find_element(By.ID, "issued").text)
    assert api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"}).status_code == 201
    wait.until(lambda d: d.find_element(By.ID, "issued").text == str(before + 1))
    b.get(server.url + "/manage/reports")
    bars = b.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    assert len(bars) == 30 and bars[-1].get_attribute("data-value") == str(before + 1)
    assert b.find_element(By.ID, "r-issued").text == str(before + 1)
    _shot(b, "manage-report-1920.png")
    b.set_window_size(412, 915)
    b.get(server.url + "/manage")
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-refreshes"))
    _shot(b, "manage-board-phone.png")
    errors = [e for e in b.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors
