"""The counter apps' composition roots: built from the configuration, they own what they open."""

from __future__ import annotations

import time

import pytest

from motcua.counter.actions import CounterAction
from motcua.counter.connect import CenterChoice
from motcua.counter.keypad import SimKeypads
from motcua.counter.ledboard import SimLedBoards
from motcua.counter.line_protocol import KeyAction
from motcua.counter.runtime import NoBusDevices, build_bridge, build_console
from motcua.devices import DeviceUrlError
from motcua.devices.health import HealthState
from motcua.queue.service import QueueService
from motcua.server.device_health import DeviceRegistry


def wait_for(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return bool(predicate())


def test_the_console_runtime_on_an_in_process_center_calls_and_reports_health(
    config, clock, tmp_path
) -> None:
    db = tmp_path / "center.db"
    rt = build_console(config, CenterChoice(db_path=db), 5, clock)
    try:
        ticket = rt.center.issue_ticket("CTR").ticket
        view = rt.flow.act(CounterAction.CALL_NEXT)
        assert view.current is not None and view.current.id == ticket.id
        assert rt.location == "Quầy 5"
        rt.printer.set_paper_out(True)  # the counter's own (sim) printer, asked by its probe
        reporter = rt.report_health()
        assert rt.report_health() is reporter  # one reporter per app
        assert wait_for(lambda: reporter.sends >= 1)
    finally:
        rt.close()
    registry = DeviceRegistry(db, clock)  # what the center's device list now holds
    try:
        (device,) = registry.devices()
        assert (device.location, device.kind) == ("Quầy 5", "printer")
        assert device.health.state is HealthState.ERROR and device.health.reason == "paper_out"
    finally:
        registry.close()
    reopened = QueueService.open(config, db, clock=clock)  # the runtime let go of the file
    try:
        assert reopened.ticket(ticket.id).ticket.counter == 5
    finally:
        reopened.close()


def test_the_console_runtime_over_http_reports_to_the_server_and_shows_its_alerts(
    config, clock, http_server
) -> None:
    choice = CenterChoice(http_server.url + "/", http_server.counter5)
    assert choice.server_url == http_server.url + "/"  # from_args strips; a test need not
    rt = build_console(config, CenterChoice(http_server.url, http_server.counter5), 5, clock)
    try:
        rt.printer.set_paper_near_end()  # the counter's own (sim) printer
        reporter = rt.report_health()
        assert wait_for(lambda: reporter.sends >= 1)
        view = rt.flow.refresh()
        assert view.connected
        assert any("Quầy 5" in a and "giấy" in a.lower() for a in view.device_alerts), view
    finally:
        rt.close()


def test_the_bridge_runtime_opens_the_configured_lines_and_acts_on_key_presses(
    config, clock, tmp_path
) -> None:
    rt = build_bridge(
        config, CenterChoice(db_path=tmp_path / "c.db"), keypad_url="sim://", board_url="sim://"
    )
    try:
        assert isinstance(rt.keypads, SimKeypads) and isinstance(rt.boards, SimLedBoards)
        ticket = rt.center.issue_ticket("CTR").ticket
        rt.start()
        rt.keypads.press(5, KeyAction.NEXT)
        assert rt.bridge.wait_idle()
        assert rt.keypads.replies[-1] == (5, ticket.display_number)
        assert wait_for(lambda: rt.boards.shown.get(5) == ticket.display_number)
    finally:
        rt.close()


def test_the_bridge_runtime_refuses_a_bad_url_and_no_devices(config, tmp_path) -> None:
    choice = CenterChoice(db_path=tmp_path / "c.db")
    with pytest.raises(DeviceUrlError, match="stopbits"):
        build_bridge(config, choice, keypad_url="serial:///dev/null?stopbits=3", board_url="")
    with pytest.raises(NoBusDevices, match="Chưa cấu hình"):
        build_bridge(config, choice, keypad_url="", board_url="")
    assert not (tmp_path / "c.db").exists()  # nothing opened before the devices were right


def test_the_console_runtime_takes_walk_ins_with_the_counters_own_scanners(
    config, clock, http_server, tmp_path
) -> None:
    """Joined over the LAN: [devices] document_scanner and id_scanner of the counter's
    configuration are the walk-in desk's; a walk-in's dossier is the counter's, no ticket."""
    from dataclasses import replace

    from motcua.scanner.barcode import SimScanner
    from motcua.scanner.documents.samplepages import write_sample_pages
    from tests.kiosk.conftest import CARD

    glass = tmp_path / "glass"
    glass.mkdir()
    write_sample_pages(glass, 1, dpi=100)
    devices = replace(config.devices, document_scanner=f"sim://?pages={glass}&dpi=100")
    rt = build_console(
        replace(config, devices=devices), CenterChoice(http_server.url, http_server.counter5), 5,
        clock,
    )  # fmt: skip
    try:
        desk = rt.walkin
        assert desk is not None and desk.can_scan and isinstance(desk.id_scanner, SimScanner)
        seen: list[str] = []
        desk.listen(seen.append)
        desk.id_scanner.inject(CARD)  # started by the runtime, routed to the listener
        assert wait_for(lambda: seen == [CARD])
        flow = desk.start()
        flow.choose_procedure("1.000894")
        flow.agree()
        flow.scan_id(seen[0])
        d = flow.set_phone("")
        assert d.channel == "counter" and d.history[0].actor == "counter:5"
        for n in (1, 2):
            flow.scan_paper(n, desk.paper_scanner)
        flow.skip_paper(3)
        flow.review()
        result = flow.submit()
        assert result.ok and result.dossier is not None and result.dossier.ticket_number == ""
        assert rt.reception is not None and rt.reception.take(result.dossier).walk_in
    finally:
        rt.close()
