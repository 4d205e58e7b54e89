"""The hall display over HTTP + SSE: follows calls, heals when the server restarts."""

from __future__ import annotations

import pytest

from motcua.display.hall_qt import HallWindow
from motcua.server.client import HttpCenter

pytestmark = pytest.mark.slow


def test_display_over_http_follows_calls_and_survives_a_server_restart(
    qtbot, center, clock, config, http_server
) -> None:
    remote = HttpCenter(http_server.url, http_server.display_token, timeout=2.0)
    win = HallWindow(remote, remote.info(), clock=clock, poll_seconds=0.2, retry_seconds=0.1)
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.online, timeout=10000)
        a = center.issue_ticket("HT").ticket
        center.call_next(2)
        qtbot.waitUntil(lambda: win.tile_widgets[2].number_text == a.display_number, timeout=10000)

        http_server.stop()
        qtbot.waitUntil(lambda: "Mất kết nối" in win.status.text(), timeout=10000)
        b = center.issue_ticket("CT").ticket
        center.call_next(3)  # called while the display cannot hear it
        http_server.start()  # same port, a fresh server process-equivalent
        qtbot.waitUntil(lambda: win.status.text() == "", timeout=15000)
        qtbot.waitUntil(lambda: win.tile_widgets[3].number_text == b.display_number, timeout=10000)

        c = center.issue_ticket("CTR").ticket  # and live events flow again
        center.call_next(4)
        qtbot.waitUntil(lambda: win.tile_widgets[4].number_text == c.display_number, timeout=10000)
    finally:
        win.close()
        remote.close()
