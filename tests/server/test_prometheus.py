"""deploy/prometheus against a real Prometheus scraping a real center.

`promtool check rules` and `promtool test rules` (the `for:` clauses over virtual time), then
a live Prometheus: it scrapes the center's /metrics, and the oldest-wait alert fires once a
citizen has really waited too long (the center's clock moved on an hour; the rules are
loaded with `for: 0s` so the test does not wait five real minutes).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "deploy/prometheus/motcua-rules.yml"


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"scripts/setup installs {name} (Debian package prometheus)"
    return path


def test_promtool_checks_and_unit_tests_the_rules() -> None:
    check = subprocess.run(
        [_tool("promtool"), "check", "rules", str(RULES)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    unit = subprocess.run(
        [_tool("promtool"), "test", "rules", "motcua-rules.test.yml"],
        capture_output=True,
        text=True,
        cwd=RULES.parent,
    )
    assert unit.returncode == 0, unit.stdout + unit.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def prometheus(server, tmp_path: Path):
    rules = tmp_path / "rules.yml"
    rules.write_text(re.sub(r"for: \d+m", "for: 0s", RULES.read_text()))
    target = server.url.removeprefix("http://")
    (tmp_path / "prometheus.yml").write_text(
        "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
        f"rule_files: ['{rules}']\n"
        "scrape_configs:\n"
        "  - job_name: motcua\n"
        f"    static_configs: [{{targets: ['{target}']}}]\n"
    )
    port = _free_port()
    proc = subprocess.Popen(
        [
            _tool("prometheus"),
            f"--config.file={tmp_path / 'prometheus.yml'}",
            f"--storage.tsdb.path={tmp_path / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "prometheus.log").open("wb"),
    )
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def _wait_for(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except requests.RequestException:
            result = None
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError("timed out")


def _query(base: str, expr: str) -> list[dict]:
    resp = requests.get(f"{base}/api/v1/query", params={"query": expr}, timeout=5)
    return resp.json()["data"]["result"]


@pytest.mark.slow
def test_a_real_prometheus_scrapes_the_center_and_an_alert_fires(
    prometheus: str, api, tokens, clock
) -> None:
    issued = api.post("/api/v1/tickets", tokens.kiosk, json={"service": "HT"})
    assert issued.status_code == 201, issued.text
    up = _wait_for(lambda: _query(prometheus, 'up{job="motcua"} == 1'))
    assert up[0]["metric"]["job"] == "motcua"
    waiting = _wait_for(lambda: _query(prometheus, 'motcua_waiting_tickets{service="HT"} == 1'))
    assert waiting

    def firing(name: str) -> list[dict]:
        alerts = requests.get(f"{prometheus}/api/v1/alerts", timeout=5).json()["data"]["alerts"]
        return [a for a in alerts if a["labels"]["alertname"] == name and a["state"] == "firing"]

    assert firing("MotcuaOldestWaitHigh") == []  # nobody has waited 45 minutes yet
    clock.advance(timedelta(hours=1))
    alert = _wait_for(lambda: firing("MotcuaOldestWaitHigh"))[0]
    assert alert["labels"]["service"] == "HT"
    assert "45 phút" in alert["annotations"]["summary"]
