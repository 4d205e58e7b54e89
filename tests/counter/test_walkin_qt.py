"""pytest-qt: the real counter console takes in a walk-in's dossier (issue 10 item 3) —
"Tiếp nhận hồ sơ trực tiếp" (F10): the procedure, the citizen's consent, the ID card's QR
from the counter's sim ID scanner, the checklist on its sim document scanner, review —
then straight into the reception window: Tiếp nhận prints the receipt at the counter's
sim printer, read back with tesseract and zbar. No queue ticket is issued."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from motcua.catalog.generator import real_procedures
from motcua.catalog.store import Catalog
from motcua.counter.actions import CounterAction
from motcua.counter.console_flow import ConsoleFlow
from motcua.counter.console_qt import ConsoleWindow
from motcua.counter.reception_flow import ReceptionFlow
from motcua.counter.walkin import WalkInDesk
from motcua.dossier.intake_flow import PaperState
from motcua.dossier.lifecycle import Action
from motcua.dossier.scanning import DocumentPaperScanner
from motcua.dossier.status import DossierStatus as S
from motcua.printer.decoder import qr_codes
from motcua.scanner.barcode import SimScanner, open_scanner
from motcua.scanner.documents import CleanSettings
from motcua.scanner.documents.samplepages import write_sample_pages
from tests.kiosk.conftest import CARD

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "printer"))
from printer_readback import find_loosely, fold, read_paper

pytestmark = pytest.mark.slow
CATALOG = Catalog(real_procedures())


@pytest.fixture
def id_scanner() -> Iterator[SimScanner]:
    s = open_scanner("sim://")
    assert isinstance(s, SimScanner)
    yield s
    s.stop()


@pytest.fixture
def console(qtbot, center, dossiers, printer, id_scanner, config, clock, tmp_path: Path):
    glass = tmp_path / "glass"
    glass.mkdir()
    write_sample_pages(glass, 2, dpi=100)
    papers = DocumentPaperScanner(
        f"sim://?pages={glass}&dpi=100", tmp_path, CleanSettings(orient=False)
    )
    desk = WalkInDesk(dossiers, CATALOG.get, CATALOG.search, clock, 3, papers, id_scanner)
    id_scanner.start(desk.id_line)  # as build_console does
    reception = ReceptionFlow(dossiers, printer, config, clock, counter=3)
    win = ConsoleWindow(
        ConsoleFlow(center, 3, clock), retry_ms=50, reception=reception, walkin=desk
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.buttons[CounterAction.CALL_NEXT].isEnabled())
    yield win
    win.close()
    papers.close()


def test_a_walk_in_from_procedure_to_the_printed_receipt(
    qtbot, console: ConsoleWindow, center, dossiers, printer, id_scanner, clock
) -> None:
    assert console.walkin_button.isVisibleTo(console)
    qtbot.mouseClick(console.walkin_button, Qt.LeftButton)
    ww = console.walkin_window
    assert ww is not None and ww.isVisible() and ww.page == "procedure"
    assert "Bước 1/5" in ww.title.text()
    assert not ww.next_button.isEnabled()
    ww.search.setText("kết hôn")
    codes = [ww.procedures.item(i).data(Qt.UserRole) for i in range(ww.procedures.count())]
    ww.procedures.setCurrentRow(codes.index("1.000894"))
    qtbot.mouseClick(ww.next_button, Qt.LeftButton)
    assert ww.page == "consent" and "đồng ý" in ww.consent.text()
    assert ww.next_button.text() == "Công dân đồng ý"
    id_scanner.inject(CARD)  # a card scanned before the consent is not read
    assert ww.flow.card_proof == ""
    qtbot.mouseClick(ww.next_button, Qt.LeftButton)
    assert ww.page == "applicant"
    id_scanner.inject(CARD)  # the counter's ID scanner, relayed to the window
    qtbot.waitUntil(lambda: ww.card.isVisibleTo(ww))
    assert "Nguyễn V. A." in ww.card.text() and "001090123456" not in ww.card.text()
    ww.phone.setText("0912345678")
    qtbot.mouseClick(ww.next_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: ww.page == "papers", timeout=10_000)
    code = ww.flow.dossier.code
    assert dossiers.get(code).channel == "counter"
    assert ww.checklist.papers.count() == 3 and not ww.next_button.isEnabled()
    for row in (0, 1):
        ww.checklist.papers.setCurrentRow(row)
        with qtbot.waitSignal(ww.checklist.changed, timeout=30_000):
            qtbot.mouseClick(ww.checklist.paper_buttons["scan"], Qt.LeftButton)
        assert ww.flow.items[row].state is PaperState.DONE
        assert ww.checklist.thumbs.count() == 2 and not ww.checklist.thumbs.item(0).icon().isNull()
    ww.checklist.papers.setCurrentRow(2)  # "nếu có": skipped
    assert ww.checklist.paper_buttons["skip"].isVisibleTo(ww)
    with qtbot.waitSignal(ww.checklist.changed):
        qtbot.mouseClick(ww.checklist.paper_buttons["skip"], Qt.LeftButton)
    qtbot.waitUntil(ww.next_button.isEnabled)
    qtbot.mouseClick(ww.next_button, Qt.LeftButton)
    assert ww.page == "review" and "Đăng ký kết hôn" in ww.summary.text()
    assert "2 trang" in ww.summary.text()
    before = sum(q.waiting for q in center.snapshot().services)
    with qtbot.waitSignal(ww.submitted, timeout=10_000):
        qtbot.mouseClick(ww.next_button, Qt.LeftButton)
    rw = console.reception_window
    assert rw is not None
    qtbot.waitUntil(lambda: rw.isVisible() and code in rw.code.text(), timeout=10_000)
    qtbot.waitUntil(lambda: sorted(rw.docs) == [1, 2], timeout=10_000)
    assert not ww.isVisible()
    assert dossiers.get(code).status is S.NEW and dossiers.get(code).ticket_number == ""
    assert sum(q.waiting for q in center.snapshot().services) == before
    assert "trực tiếp tại quầy" in rw.info.text()
    clock.advance(minutes=10)
    qtbot.mouseClick(rw.buttons[Action.ACCEPT], Qt.LeftButton)
    qtbot.waitUntil(lambda: "Đã tiếp nhận" in rw.message.text(), timeout=10_000)
    assert dossiers.get(code).status is S.RECEIVED
    (job,) = printer.jobs
    text = read_paper(job.image())
    assert find_loosely(text, fold("GIẤY TIẾP NHẬN HỒ SƠ")) >= 0
    assert find_loosely(text, fold("Nguyễn V. A.")) >= 0
    (qr,) = qr_codes(job.ops)
    assert qr.text.endswith(f"/d/{code}")


def test_cancelling_a_walk_in_discards_the_draft(qtbot, console: ConsoleWindow, dossiers):
    console.open_walkin()
    ww = console.walkin_window
    ww.search.setText("1.000894")
    qtbot.mouseClick(ww.next_button, Qt.LeftButton)
    qtbot.mouseClick(ww.next_button, Qt.LeftButton)  # the citizen agrees
    ww.full_name.setText("Trần Thị Bình")
    ww.id_number.setText("0791")  # too short: said in Vietnamese, nothing made
    qtbot.mouseClick(ww.next_button, Qt.LeftButton)
    assert "Số định danh" in ww.message.text() and ww.flow.dossier is None
    ww.id_number.setText("079195001234")
    qtbot.mouseClick(ww.next_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: ww.page == "papers", timeout=10_000)
    code = ww.flow.dossier.code
    qtbot.mouseClick(ww.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dossiers.get(code).status is S.WITHDRAWN, timeout=10_000)
    assert not (dossiers.papers_dir / code).exists()
