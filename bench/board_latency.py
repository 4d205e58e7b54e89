"""Benchmark of the manager's board: from a queue change to the figure on the open page.

A center (QueueService + the FastAPI app on 127.0.0.1, in this process) and Debian's
headless chromium (selenium) showing ``/manage`` after a manager's login. Then, one
every ``--gap`` seconds, a ticket is issued or a counter calls (plain HTTP with a
device token, as a kiosk and a counter do), and the page's own clock records when the
event reached its EventSource and when the board's figure changed (a MutationObserver
on "issued today" / the counters table). Both clocks are this machine's wall clock.

Prints (does not assert) p50 / p95 / max of: event → SSE message in the page, and
event → board updated (the page waits 150 ms for more events, then reads the queue,
the day's statistics, last week's, device alerts and dossier figures, and redraws).

    PYTHONPATH=src python bench/board_latency.py [--events 40] [--gap 0.8]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests import chromium  # noqa: E402  (the one way tests and benches start chromium)

from motcua.config import load_config  # noqa: E402
from motcua.queue.service import QueueService  # noqa: E402
from motcua.server.app import create_app  # noqa: E402
from motcua.server.embedded import EmbeddedServer  # noqa: E402
from motcua.server.tokens import Role, TokenStore  # noqa: E402

WATCH = """
window.__sse = []; window.__dom = [];
const mark = (name) => () => window[name].push(performance.timeOrigin + performance.now());
['issued', 'called'].forEach(k => es.addEventListener(k, mark('__sse')));
const obs = new MutationObserver(mark('__dom'));
const all = {childList: true, characterData: true, subtree: true};
obs.observe(document.getElementById('issued'), all);
obs.observe(document.getElementById('counters'), all);
"""


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]  # nearest rank


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=40)
    ap.add_argument("--gap", type=float, default=0.8, help="seconds between two events")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    config = load_config(None)
    svc = QueueService.open(config, tmp / "center.db")
    tokens = TokenStore(tmp / "center.db")
    kiosk = tokens.create(Role.KIOSK, name="Kiosk")
    counter = tokens.create(Role.COUNTER, counter=1, name="Quầy 1")
    manager = tokens.create(Role.MANAGER, name="Giám đốc")
    srv = EmbeddedServer(create_app(svc, tokens, config), host="127.0.0.1", port=0)
    srv.start()
    if not all(chromium.binaries()):
        raise SystemExit(chromium.MISSING)
    b = chromium.chrome(tmp / "profile")
    http = requests.Session()
    try:
        for _ in range(5):  # some people waiting, so calls find someone
            http.post(f"{srv.url}/api/v1/tickets", json={"service": "HT"},
                      headers={"Authorization": f"Bearer {kiosk}"}, timeout=10)  # fmt: skip
        b.get(srv.url + "/manage/login")
        b.find_element(By.NAME, "token").send_keys(manager)
        b.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(b, 30).until(
            lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-refreshes")
        )
        time.sleep(1.0)
        b.execute_script(WATCH)
        sse, dom = [], []
        for i in range(args.events):
            b.execute_script("window.__sse = []; window.__dom = [];")
            if i % 2 == 0:
                url, token, body = f"{srv.url}/api/v1/tickets", kiosk, {"service": "HT"}
            else:
                url, token, body = f"{srv.url}/api/v1/counters/1/call-next", counter, None
            t0 = time.time() * 1000
            r = http.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=10)
            r.raise_for_status()
            time.sleep(args.gap)
            got_sse = b.execute_script("return window.__sse")
            got_dom = b.execute_script("return window.__dom")
            if got_sse:
                sse.append(min(got_sse) - t0)
            if got_dom:
                dom.append(max(got_dom) - t0)
        for label, values in (("event -> SSE message in the page", sse),
                              ("event -> board updated", dom)):  # fmt: skip
            if not values:
                print(f"{label}: nothing seen")
                continue
            print(
                f"{label}: n={len(values)} p50={statistics.median(values):.0f} ms"
                f" p95={pct(values, 0.95):.0f} ms max={max(values):.0f} ms"
            )
    finally:
        b.quit()
        srv.stop()
        tokens.close()
        svc.close()


if __name__ == "__main__":
    main()
