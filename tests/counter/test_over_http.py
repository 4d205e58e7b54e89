"""The counter apps against the center server: thin client, console, keypads."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from motcua.cli import main
from motcua.counter.actions import CounterAction
from motcua.counter.bridge import KeypadBridge
from motcua.counter.console_flow import ConsoleFlow
from motcua.counter.console_qt import ConsoleWindow
from motcua.counter.keypad import SimKeypads
from motcua.counter.ledboard import SimLedBoards
from motcua.counter.line_protocol import KeyAction
from motcua.queue.models import TicketStatus
from motcua.server.client import HttpCenter

pytestmark = pytest.mark.slow


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_thin_client_actions(capsys, center, http_server) -> None:
    t = center.issue_ticket("CTR").ticket
    common = ("--counter", "5", "--server", http_server.url, "--token", http_server.counter5)
    rc, out, _ = run_cli(capsys, "counter", "call-next", *common)
    assert rc == 0 and f"Đã gọi số {t.display_number}" in out
    assert f"ticket={t.display_number}" in out
    rc, out, _ = run_cli(capsys, "counter", "recall", *common)
    assert rc == 0 and "lần 1" in out
    rc, out, _ = run_cli(capsys, "counter", "transfer", "--to-service", "HT", *common)
    assert rc == 0 and center.ticket(t.id).ticket.service_code == "HT"
    rc, out, _ = run_cli(capsys, "counter", "call-next", *common)
    assert rc == 0 and "Không còn ai chờ" in out
    rc, out, _ = run_cli(capsys, "counter", "pause", *common)
    assert rc == 0 and center.snapshot().counter(5).paused
    rc, out, _ = run_cli(capsys, "counter", "resume", *common)
    assert rc == 0 and not center.snapshot().counter(5).paused


def test_thin_client_errors_are_plain_vietnamese(capsys, center, http_server) -> None:
    url = http_server.url
    # a counter-3 token acting for counter 5: refused, explained, exit code 1
    rc, _, err = run_cli(
        capsys,
        "counter",
        "call-next",
        "--counter",
        "5",
        "--server",
        url,
        "--token",
        http_server.counter3,
    )
    assert rc == 1 and err.strip() and "Traceback" not in err
    rc, _, err = run_cli(
        capsys,
        "counter",
        "finish",
        "--counter",
        "5",
        "--server",
        url,
        "--token",
        http_server.counter5,
    )
    assert rc == 1 and "Traceback" not in err
    http_server.stop()
    rc, _, err = run_cli(
        capsys,
        "counter",
        "call-next",
        "--counter",
        "5",
        "--server",
        url,
        "--token",
        http_server.counter5,
    )
    assert rc == 3 and "Mất kết nối tới máy chủ" in err


def test_console_over_http_reconnects_after_a_server_restart(qtbot, center, clock, http_server):
    remote = HttpCenter(http_server.url, http_server.counter5, timeout=2.0)
    win = ConsoleWindow(ConsoleFlow(remote, 5, clock), retry_ms=100)
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.buttons[CounterAction.CALL_NEXT].isEnabled(), timeout=10000)
        t = center.issue_ticket("XNC").ticket
        qtbot.waitUntil(lambda: "Xuất nhập cảnh: 1" in win.waiting.text(), timeout=10000)  # SSE
        qtbot.keyClick(win, Qt.Key_Space)
        qtbot.waitUntil(lambda: win.number.text() == t.display_number, timeout=10000)

        http_server.stop()
        qtbot.keyClick(win, Qt.Key_F3)  # start: fails, the window says why
        qtbot.waitUntil(lambda: win.conn.text() == "● Mất kết nối", timeout=10000)
        assert win.message.text() == "Mất kết nối tới máy chủ — đang thử lại…"
        http_server.start()
        qtbot.waitUntil(lambda: win.conn.text() == "● Đã kết nối", timeout=15000)
        qtbot.keyClick(win, Qt.Key_F3)
        qtbot.waitUntil(lambda: win.status.text() == "Đang phục vụ", timeout=10000)
        assert center.ticket(t.id).ticket.status is TicketStatus.SERVING
    finally:
        win.close()
        remote.close()


def test_keypads_over_http(center, http_server) -> None:
    remote = HttpCenter(http_server.url, http_server.admin, timeout=2.0)
    keypads, boards = SimKeypads(), SimLedBoards()
    bridge = KeypadBridge(remote, keypads, boards)
    bridge.start()
    try:
        t = center.issue_ticket("DD").ticket
        keypads.press(6, KeyAction.NEXT)
        assert bridge.wait_idle()
        assert keypads.replies[-1] == (6, t.display_number)
        from .test_bridge import wait_for

        assert wait_for(lambda: boards.shown.get(6) == t.display_number)  # via SSE
    finally:
        bridge.stop()
        remote.close()


def test_finish_reaches_a_rating_device_over_sse(center, http_server) -> None:
    """What the kiosk's --rating-for-counter 5 hears when the clerk presses Hoàn thành."""
    import threading

    from motcua.queue.models import EventKind

    listener = HttpCenter(http_server.url, http_server.admin, timeout=2.0)
    clerk = HttpCenter(http_server.url, http_server.counter5, timeout=2.0)
    finished, live = threading.Event(), threading.Event()
    seen = []

    def on_event(event) -> None:
        live.set()
        if event.kind is EventKind.FINISHED:
            seen.append(event)
            finished.set()

    unsubscribe = listener.subscribe(on_event)
    try:
        t = center.issue_ticket("CTR").ticket
        assert live.wait(10)  # the stream is connected before the clerk acts
        flow = ConsoleFlow(clerk, 5)
        flow.act(CounterAction.CALL_NEXT)
        flow.act(CounterAction.START)
        view = flow.act(CounterAction.FINISH)
        assert view.message_vi == f"Đã hoàn thành số {t.display_number}"
        assert finished.wait(10)
    finally:
        unsubscribe()
        listener.close()
        clerk.close()
    assert [(e.counter, e.ticket_id) for e in seen] == [(5, t.id)]
