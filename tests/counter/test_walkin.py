"""A walk-in at the counter as plain Python (issue 10 item 3): the clerk runs the kiosk's
intake flow with the counter's own sim document scanner; the dossier is the counter's,
takes no queue ticket, and goes straight into reception, whose receipt prints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.catalog.generator import real_procedures
from motcua.catalog.store import Catalog
from motcua.counter.reception_flow import ReceptionFlow
from motcua.counter.walkin import WalkInDesk
from motcua.dossier.errors import InvalidDossier
from motcua.dossier.intake_flow import FlowError, IntakeFlow, PaperState, Step
from motcua.dossier.scanning import DocumentPaperScanner
from motcua.dossier.status import DossierStatus as S
from motcua.printer import SimPrinter
from motcua.printer.decoder import qr_codes
from motcua.scanner.documents import CleanSettings
from motcua.scanner.documents.samplepages import write_sample_pages
from tests.kiosk.conftest import CARD

CATALOG = Catalog(real_procedures())


@pytest.fixture
def scanner(tmp_path: Path) -> Iterator[DocumentPaperScanner]:
    glass = tmp_path / "glass"
    glass.mkdir()
    write_sample_pages(glass, 2, dpi=100)
    s = DocumentPaperScanner(f"sim://?pages={glass}&dpi=100", tmp_path, CleanSettings(orient=False))
    yield s
    s.close()


@pytest.fixture
def desk(dossiers, clock, scanner) -> WalkInDesk:
    return WalkInDesk(dossiers, CATALOG.get, CATALOG.search, clock, 3, scanner)


def waiting(center) -> int:
    return sum(q.waiting for q in center.snapshot().services)


def test_a_walk_in_is_taken_in_then_accepted_with_its_receipt(
    desk: WalkInDesk, dossiers, center, config, clock, scanner, printer: SimPrinter
) -> None:
    assert "1.000894" in [p.code for p in desk.find("kết hôn")]
    flow = desk.start()
    flow.choose_procedure("1.000894")  # Đăng ký kết hôn: 2 papers required, 1 "nếu có"
    with pytest.raises(FlowError):  # nothing is read before the citizen agrees
        flow.scan_id(CARD)
    with pytest.raises(FlowError):
        flow.scan_paper(1, scanner)
    flow.agree()
    agreed = clock.now()
    clock.advance(seconds=20)
    flow.scan_id(CARD)
    d = flow.set_phone("0912 345 678")
    assert d.channel == "counter" and d.walk_in and d.status is S.DRAFT
    assert d.consent.accepted_at == agreed and d.consent.text_version == "2026-11-v1"
    assert d.history[0].actor == "counter:3" and d.applicant.masked_name == "Nguyễn V. A."
    for n in (1, 2):
        assert flow.scan_paper(n, scanner).state is PaperState.DONE
    flow.skip_paper(3)
    flow.review()
    before = waiting(center)
    result = flow.submit()
    assert result.ok and result.dossier is not None, result.message_vi
    code = result.dossier.code
    assert result.dossier.status is S.NEW and result.dossier.ticket_number == ""
    assert "tiếp nhận" in result.message_vi and not result.printed
    assert waiting(center) == before  # the citizen is at the counter: no ticket
    assert [p.present for p in dossiers.get(code).papers] == [True, True, False]
    desk.end(flow)
    assert dossiers.get(code).status is S.NEW  # ending after submit keeps the dossier
    # straight into reception at this counter
    reception = ReceptionFlow(dossiers, printer, config, clock, counter=3)
    reception.take(result.dossier)
    clock.advance(minutes=10)
    r = reception.accept()
    assert r.ok and r.printed is not None and r.printed.ok, r.message_vi
    assert dossiers.get(code).status is S.RECEIVED and dossiers.get(code).due_at is not None
    (job,) = printer.jobs
    (qr,) = qr_codes(job.ops)
    assert qr.text.endswith(f"/d/{code}")


def test_typed_applicant_is_the_clerks_last_resort(
    desk: WalkInDesk, dossiers, clock, caplog
) -> None:
    flow = desk.start()
    flow.choose_procedure("1.000894")
    flow.agree()
    with pytest.raises(InvalidDossier) as bad:
        flow.type_applicant("Trần Thị Bình", "12345")
    assert "Số định danh" in bad.value.message_vi
    with pytest.raises(InvalidDossier):
        flow.type_applicant("  ", "079195001234")
    assert flow.step is Step.WHO
    with caplog.at_level("INFO", logger="motcua.dossier"):
        flow.type_applicant("Trần  Thị Bình", "079195001234", "Xã Tân Phú")
    assert flow.card_proof == "typed"
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "********1234" in logged and "079195" not in logged and "Bình" not in logged
    d = flow.set_phone("")
    assert d.applicant.masked_name == "Trần T. B." and d.applicant.masked_id.endswith("1234")
    assert "079195001234" not in repr(d)
    flow.abandon()  # Huỷ: the draft goes with every page
    assert dossiers.get(d.code).status is S.WITHDRAWN


def test_the_kiosk_never_types_and_declining_makes_nothing(desk: WalkInDesk, dossiers, clock):
    kiosk = IntakeFlow(dossiers, CATALOG.get, clock)
    kiosk.choose_procedure("1.000894")
    kiosk.agree()
    with pytest.raises(FlowError):
        kiosk.type_applicant("Trần Thị Bình", "079195001234")
    flow = desk.start()
    flow.choose_procedure("1.000894")
    result = flow.decline()
    assert not result.ok and "chưa đồng ý" in result.message_vi
    assert flow.step is Step.PROCEDURE and dossiers.list() == []
