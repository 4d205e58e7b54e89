"""Call -> hall display tile updated, through the center server and its event stream.

A real center server (EmbeddedServer over a QueueService on a temporary database,
127.0.0.1, a free port); the hall display's BoardFeed follows it over HttpCenter/SSE
with a display token; a clerk calls numbers over HTTP with a counter token. For each
call we time from just before the HTTP call_next to the moment the display's tile
shows the number:

- ``qt``: the HallWindow itself (offscreen), i.e. event -> Qt signal -> tile widget;
- ``model``: the same feed into a plain BoardModel (no Qt), to see the Qt share.

Target (issue 5): p95 <= 150 ms. Run from the repository root:

    PYTHONPATH=src .venv/bin/python bench/display_latency.py [--calls 200] [--mode qt|model]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from motcua.config import load_config
from motcua.display.board_feed import BoardFeed, ModelSink
from motcua.display.board_model import BoardModel
from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.client import HttpCenter
from motcua.server.embedded import EmbeddedServer
from motcua.server.tokens import Role, TokenStore


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=200)
    ap.add_argument("--mode", choices=("qt", "model"), default="qt")
    args = ap.parse_args()

    config = load_config(None, env={})
    tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    service = QueueService.open(config, tmp / "center.db")
    tokens = TokenStore(tmp / "center.db")
    display_token = tokens.create(Role.DISPLAY, name="bench display")
    clerk_tokens = {
        c.number: tokens.create(Role.COUNTER, counter=c.number) for c in config.counters
    }
    server = EmbeddedServer(create_app(service, tokens, config), host="127.0.0.1", port=0)
    server.start()
    remote = HttpCenter(server.url, display_token)
    clerks = {n: HttpCenter(server.url, t) for n, t in clerk_tokens.items()}
    counters = sorted(clerks)

    app = window = None
    if args.mode == "qt":
        from PySide6.QtWidgets import QApplication

        from motcua.display.hall_qt import HallWindow

        app = QApplication(sys.argv[:1])
        window = HallWindow(remote, remote.info(), ticker=config.display.ticker)
        window.resize(1920, 1080)
        window.show()

        def shown(counter: int) -> str:
            app.processEvents()
            return window.tile_widgets[counter].number_text

        def online() -> bool:
            app.processEvents()
            return window.online
    else:
        sink = ModelSink(BoardModel(remote.info()))
        feed = BoardFeed(remote, sink)
        feed.start()

        def shown(counter: int) -> str:
            sink.wait_for(lambda s: False, timeout=0.001)  # sleeps until the sink changes
            return sink.model.numbers()[counter]

        def online() -> bool:
            return sink.online

    end = time.monotonic() + 10
    while not online() and time.monotonic() < end:
        time.sleep(0.001)
    if not online():
        print("display did not connect", file=sys.stderr)
        return 1

    latencies: list[float] = []
    misses = 0
    for i in range(args.calls):
        counter = counters[i % len(counters)]
        code = config.counter(counter).services[0]
        service.issue_ticket(code)
        t0 = time.perf_counter()
        ticket = clerks[counter].call_next(counter)
        assert ticket is not None
        deadline = time.monotonic() + 2
        while shown(counter) != ticket.display_number:
            if time.monotonic() > deadline:
                misses += 1
                break
        else:
            latencies.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.02)  # calls come one after another, not all at once

    print(f"mode={args.mode} calls={args.calls} counters={len(counters)} misses={misses}")
    if latencies:
        print(
            "call -> tile updated (ms): "
            f"p50={statistics.median(latencies):.1f} p95={pct(latencies, 95):.1f} "
            f"p99={pct(latencies, 99):.1f} max={max(latencies):.1f}  (target p95 <= 150)"
        )
    if window is not None:
        window.close()
    else:
        feed.stop()
    remote.close()
    for c in clerks.values():
        c.close()
    server.stop()
    tokens.close()
    service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
