"""The kiosk's two shapes: hosting the center (embedded, LAN server) and joining one."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from motcua.kiosk.rating_flow import RatingOutcome
from motcua.kiosk.runtime import build_runtime
from motcua.kiosk.ticket_flow import Outcome
from motcua.queue.models import Satisfaction
from motcua.server.tokens import TokenStore

pytestmark = pytest.mark.slow


@pytest.fixture
def embedded(config, clock, tmp_path: Path):
    rt = build_runtime(config, clock, db_path=tmp_path / "center.db", host="127.0.0.1", port=0)
    yield rt
    rt.close()


def test_embedded_kiosk_hosts_the_center_for_the_lan(embedded, tmp_path: Path) -> None:
    assert embedded.server is not None
    assert embedded.server_url.startswith("http://127.0.0.1:")
    assert embedded.admin_token  # shown once, so counters can be given tokens
    r = httpx.get(
        f"{embedded.server_url}/api/v1/queue",
        headers={"Authorization": f"Bearer {embedded.admin_token}"},
        timeout=5,
    )
    assert r.status_code == 200, r.text
    flow = embedded.tickets
    flow.choose_field("Tài nguyên và Môi trường")
    flow.skip_id()
    flow.choose_priority(None)
    assert flow.submit().outcome == Outcome.PRINTED
    assert embedded.demo_dossier_codes
    assert embedded.dossier.look_up(embedded.demo_dossier_codes[0]).record is not None
    assert len(embedded.catalog) >= 1500


def test_second_start_does_not_show_a_new_admin_token(config, clock, tmp_path: Path) -> None:
    first = build_runtime(config, clock, db_path=tmp_path / "c.db", host="127.0.0.1", port=0)
    first.close()
    again = build_runtime(config, clock, db_path=tmp_path / "c.db", host="127.0.0.1", port=0)
    try:
        assert again.admin_token is None
    finally:
        again.close()


def test_joined_kiosk_takes_numbers_from_the_center(embedded, config, clock, tmp_path) -> None:
    token = TokenStore(tmp_path / "center.db").create(role="kiosk", name="kiosk 2")
    joined = build_runtime(
        config,
        clock,
        db_path=tmp_path / "kiosk2.db",
        server_url=embedded.server_url,
        token=token,
    )
    try:
        assert joined.server is None
        assert joined.refresh_info() is not None
        flow = joined.tickets
        flow.choose_field("Tư pháp")
        flow.choose_service("CT")
        flow.skip_id()
        flow.choose_priority("merit")
        result = flow.submit()
        assert result.outcome == Outcome.PRINTED
        here = embedded.center.ticket(result.info.ticket.id)
        assert here.ticket.display_number == result.info.ticket.display_number == "2001"
        center = embedded.center
        center.call_next(3)
        center.start(3)
        center.finish(3)
        rating = joined.rating
        assert rating.choose_counter(3)
        rating.choose_level(Satisfaction.SATISFIED)
        # A hall kiosk may not rate a ticket by counter alone (it could forge ratings):
        refused = rating.submit()
        assert refused.outcome == RatingOutcome.ERROR and "QR" in refused.message_vi
        # ... but with the code the citizen holds on paper (the ticket's QR) it may.
        assert not joined.rating.by_counter  # so the screen offers only the ticket's QR
        assert rating.choose_ticket_code(result.qr_url) is None  # the QR as printed
        rating.choose_level(Satisfaction.SATISFIED)
        assert rating.submit().outcome == RatingOutcome.THANKS
    finally:
        joined.close()


def test_joined_kiosk_explains_an_unreachable_center(config, clock, tmp_path) -> None:
    joined = build_runtime(
        config,
        clock,
        db_path=tmp_path / "k.db",
        server_url="http://127.0.0.1:9",  # nothing listens on the discard port
        token="nope",
    )
    try:
        assert joined.refresh_info() is None
        assert joined.alerts.active[0].device == "center"
        flow = joined.tickets
        flow.choose_field("Tài nguyên và Môi trường")
        flow.skip_id()
        flow.choose_priority(None)
        result = flow.submit()
        assert result.outcome == Outcome.UNAVAILABLE
        assert "tạm gián đoạn" in result.message_vi
    finally:
        joined.close()


def test_a_custom_printer_profile_in_the_configuration_works_in_the_kiosk(
    clock, tmp_path: Path
) -> None:
    """[printer_profiles] tm-noqr: a documented feature that crashed the kiosk at start
    (PrinterConfigError 'tm-noqr') while `motcua printer test` took the same file."""
    from motcua.config import demo_config_text, load_config
    from motcua.printer import SimPrinter
    from motcua.printer.decoder import QrCode

    text = demo_config_text().replace('printer_profile = "80mm"', 'printer_profile = "tm-noqr"', 1)
    text += '\n[printer_profiles.tm-noqr]\nbase = "80mm"\nnative_qr = false\n'
    path = tmp_path / "center.toml"
    path.write_text(text, "utf-8")
    config = load_config(path)
    rt = build_runtime(config, clock, db_path=tmp_path / "c.db", serve=False)
    try:
        assert isinstance(rt.printer.current, SimPrinter)  # behind the swappable holder
        assert rt.printer.profile.name == "tm-noqr" and not rt.printer.profile.native_qr
        flow = rt.tickets
        flow.choose_field("Tài nguyên và Môi trường")
        flow.skip_id()
        flow.choose_priority(None)
        assert flow.submit().outcome == Outcome.PRINTED
        (job,) = rt.printer.jobs
        # no native QR command: the profile said the printer has none, so it is drawn
        assert not [op for op in job.ops if isinstance(op, QrCode)]
    finally:
        rt.close()


def test_embedded_center_syncs_to_the_portal_and_the_technician_sees_it(
    config, clock, tmp_path: Path
) -> None:
    import dataclasses
    import time

    from motcua.config import PortalConfig
    from motcua.sync import outbox
    from motcua.sync.sim import PortalSim, SimServer
    from tests.sync.helpers import queue_dossier

    sim = SimServer(PortalSim()).start()
    portal_config = dataclasses.replace(
        config, portal=PortalConfig(url=sim.url, unit_code="000.00.06.H56", timeout_s=2)
    )
    rt = build_runtime(portal_config, clock, db_path=tmp_path / "c.db", serve=False)
    try:
        assert rt.sync is not None and rt.sync.sender.running
        rt.technician.unlocked = True
        assert rt.technician.device_status().portal_backlog == 0
        sim.set_down(True)
        queue_dossier(rt.sync.db, 1, steps=1, now=clock.now().timestamp())
        rt.sync.sender.wake()
        deadline = time.monotonic() + 10
        while not rt.sync.sender.last_error and time.monotonic() < deadline:
            time.sleep(0.05)
        status = rt.technician.device_status()
        assert status.portal_backlog == 3 and "unreachable" in status.portal_error
        sim.set_down(False)
        deadline = time.monotonic() + 30
        while rt.sync.db.read(outbox.status).backlog and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rt.technician.device_status().portal_backlog == 0
        assert "000.00.06.H56-261201-0001" in sim.sim.snapshot()["dossiers"]
    finally:
        rt.close()
        sim.stop()


def test_no_portal_section_no_sync_and_nothing_said(config, clock, tmp_path: Path) -> None:
    rt = build_runtime(config, clock, db_path=tmp_path / "c.db", serve=False)
    try:
        assert rt.sync is None
        rt.technician.unlocked = True
        assert rt.technician.device_status().portal_backlog is None
    finally:
        rt.close()


def test_the_ticket_qr_is_the_address_the_embedded_center_listens_on(embedded) -> None:
    """Port 0: only the bound socket knows the port, and the QR carries it; 127.0.0.1 is
    said to be unreachable from phones, naming the key, on the technician screen too."""
    port = embedded.server.port
    flow = embedded.tickets
    flow.choose_field("Tài nguyên và Môi trường")
    flow.skip_id()
    flow.choose_priority(None)
    result = flow.submit()
    assert result.qr_url == f"http://127.0.0.1:{port}/t/{result.info.ticket.public_code}"
    page = httpx.get(result.qr_url, timeout=5)  # the QR leads to the ticket's page
    assert page.status_code == 200 and result.info.ticket.display_number in page.text
    reach = embedded.phone_reach
    assert reach is not None and not reach.ok and reach.key == "[server] host"
    from motcua.pin import hash_pin

    embedded.technician._pin_hash = hash_pin("2468")
    embedded.technician.enter_pin("2468")
    status = embedded.technician.device_status()
    assert not status.phones_ok
    assert f"http://127.0.0.1:{port}" in status.phones_vi and "[server] host" in status.phones_vi


def test_a_joined_kiosk_prints_the_centers_url(embedded, config, clock, tmp_path) -> None:
    token = TokenStore(tmp_path / "center.db").create(role="kiosk", name="kiosk 3")
    joined = build_runtime(
        config, clock, db_path=tmp_path / "k3.db", server_url=embedded.server_url, token=token
    )
    try:
        assert joined.refresh_info() is not None
        assert joined.tickets.info.center.public_url == embedded.server_url
        assert joined.phone_reach is not None and joined.phone_reach.url == embedded.server_url
    finally:
        joined.close()


def test_a_joined_kiosk_takes_in_dossiers_through_the_center(
    embedded, config, clock, tmp_path
) -> None:
    """The intake flow over HttpDossiers: the dossier lives in the hosting center, takes its
    reception ticket there, and a counter across the LAN finds it by that ticket."""
    from motcua.dossier.status import DossierStatus
    from motcua.scanner.documents.samplepages import write_sample_pages
    from motcua.server.client import HttpCenter
    from motcua.server.dossier_client import HttpDossiers
    from motcua.server.tokens import Role

    from .conftest import CARD

    assert embedded.intake is not None and embedded.dossier_service is not None
    glass = tmp_path / "glass"
    glass.mkdir()
    write_sample_pages(glass, 2, dpi=100)
    tokens = TokenStore(tmp_path / "center.db")
    kiosk_token = tokens.create(role="kiosk", name="kiosk 4")
    counter_token = tokens.create(Role.COUNTER, counter=2, name="Quầy 2")
    tokens.close()
    joined = build_runtime(
        config,
        clock,
        db_path=tmp_path / "k4.db",
        server_url=embedded.server_url,
        token=kiosk_token,
        paper_scanner_url=f"sim://?pages={glass}&dpi=100",
    )
    http = HttpCenter(embedded.server_url, counter_token)
    try:
        assert isinstance(joined.dossier_service, HttpDossiers) and joined.paper_scanner
        flow = joined.intake
        assert flow is not None
        flow.choose_procedure("1.000894")
        flow.agree()
        flow.scan_id(CARD)
        d = flow.set_phone("0912345678")
        for n in (1, 2):
            assert flow.scan_paper(n, joined.paper_scanner).state.value == "done"
        flow.skip_paper(3)
        flow.review()
        result = flow.submit()
        assert result.ok and result.dossier is not None
        here = embedded.dossier_service.get(d.code)
        assert here.status is DossierStatus.NEW and here.channel == "kiosk"
        assert [p.present for p in here.papers] == [True, True, False]
        assert here.ticket_number and here.ticket_number == result.dossier.ticket_number
        assert here.history[0].actor == "kiosk:kiosk 4"
        # "Tra cứu hồ sơ" at the joined kiosk reads it from the center too
        assert joined.dossier.look_up(d.code).record is not None
        # a counter joined over HTTP finds what the called ticket carries, with its PDFs
        counter = HttpDossiers(http)
        called = counter.for_ticket(here.ticket_number, clock.now().date())
        assert called is not None and called.code == d.code
        assert counter.paper_pdf(d.code, 1).startswith(b"%PDF-")
        # an abandoned draft at the joined kiosk is discarded at the center
        flow.reset()
        flow.choose_procedure("1.000894")
        flow.agree()
        flow.scan_id(CARD)
        draft = flow.set_phone("")
        flow.abandon()
        assert embedded.dossier_service.get(draft.code).status is DossierStatus.WITHDRAWN
    finally:
        http.close()
        joined.close()


def test_a_kiosk_with_a_chip_reader_chimes_on_its_loudspeaker(config, clock, tmp_path) -> None:
    """[devices] card_reader: the card-left reminder's sound is the guidance's chime, then
    its words ("Xin nhận lại thẻ căn cước trên đầu đọc") from the shipped clip."""
    from dataclasses import replace

    from motcua.voice.guidance_text import CARD_LEFT
    from motcua.voice.sentence import clip_key

    devices = replace(config.devices, card_reader="sim://", audio="sim://")
    rt = build_runtime(
        replace(config, devices=devices), clock, db_path=tmp_path / "c.db",
        host="127.0.0.1", port=0,
    )  # fmt: skip
    try:
        assert rt.chip is not None and rt.chime is not None
        rt.chime()
        assert rt.guide.wait_idle(5)
        assert rt.guide.said() == [("card_left", ["<chime>", clip_key(CARD_LEFT)])]
    finally:
        rt.close()
