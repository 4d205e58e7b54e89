"""The hall display's composition root, and the window built over it."""

from __future__ import annotations

import socket

from motcua.counter.connect import CenterChoice
from motcua.display.hall_qt import hall_window
from motcua.display.runtime import build_display


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_center_starts_the_display_from_the_local_configuration(
    config, clock
) -> None:
    choice = CenterChoice(f"http://127.0.0.1:{closed_port()}", "token")
    rt = build_display(config, choice, audio_url="none", clock=clock)
    try:
        assert rt.info.services == config.services and rt.info.counters == config.counters
        assert rt.audio_url == "none" and rt.announcer is not None
        assert rt.ticker == config.display.ticker and rt.layout == config.display.layout
        assert rt.location.startswith("Màn hình sảnh")
    finally:
        rt.close()


def test_a_bad_audio_device_leaves_the_display_without_voice(config, clock, tmp_path) -> None:
    rt = build_display(config, CenterChoice(db_path=tmp_path / "c.db"), audio_url="bogus://x")
    try:
        assert rt.announcer is None and rt.audio_url == "bogus://x"
    finally:
        rt.close()


def test_the_hall_window_over_the_runtime_shows_a_call(qtbot, config, clock, tmp_path) -> None:
    rt = build_display(
        config, CenterChoice(db_path=tmp_path / "c.db"), audio_url="none", clock=clock
    )
    win = hall_window(rt, poll_seconds=0.1, retry_seconds=0.05)
    qtbot.addWidget(win)
    try:
        win.resize(1920, 1080)
        win.show()
        qtbot.waitUntil(lambda: win.online)
        assert win.title.text() == config.center.name
        ticket = rt.center.issue_ticket("CTR").ticket
        rt.center.call_next(5)
        qtbot.waitUntil(lambda: win.tile_widgets[5].number_text == ticket.display_number)
    finally:
        win.close()
        rt.close()
