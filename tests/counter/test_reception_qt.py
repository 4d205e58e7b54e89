"""pytest-qt: the real counter console, joined to a center over HTTP, receives dossiers a
kiosk (also over HTTP, with the sim document scanner) took in: the called ticket opens its
dossier with thumbnails and PDFs; Tiếp nhận prints the receipt at the counter's sim
printer, Yêu cầu bổ sung and Từ chối print their slips."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from motcua.catalog.generator import real_procedures
from motcua.counter.actions import CounterAction
from motcua.counter.console_flow import ConsoleFlow
from motcua.counter.console_qt import ConsoleWindow
from motcua.counter.reception_flow import ReceptionFlow
from motcua.dossier.intake_flow import IntakeFlow
from motcua.dossier.lifecycle import Action
from motcua.dossier.scanning import DocumentPaperScanner
from motcua.dossier.status import DossierStatus as S
from motcua.printer.decoder import qr_codes
from motcua.scanner.documents import CleanSettings
from motcua.scanner.documents.samplepages import write_sample_pages
from motcua.server.client import HttpCenter
from motcua.server.dossier_client import HttpDossiers
from tests.kiosk.conftest import CARD

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "printer"))
from printer_readback import find_loosely, fold, read_paper

pytestmark = pytest.mark.slow
PROCEDURES = {p.code: p for p in real_procedures()}


@pytest.fixture(scope="module")
def glass(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("glass")
    write_sample_pages(folder, 2, dpi=100)
    return folder


@pytest.fixture
def kiosk_intake(http_server, glass: Path, tmp_path: Path, clock):
    """What a joined kiosk does: the intake flow over HttpDossiers, the sim scanner."""
    http = HttpCenter(http_server.url, http_server.kiosk)
    scanner = DocumentPaperScanner(
        f"sim://?pages={glass}&dpi=100", tmp_path, CleanSettings(orient=False)
    )

    def take_in() -> str:
        flow = IntakeFlow(HttpDossiers(http), PROCEDURES.get, clock)
        flow.choose_procedure("1.000894")  # Đăng ký kết hôn: 2 papers, 1 "nếu có"
        flow.agree()
        flow.scan_id(CARD)
        flow.set_phone("0912345678")
        for n in (1, 2):
            flow.scan_paper(n, scanner)
        flow.skip_paper(3)
        flow.review()
        result = flow.submit()
        assert result.ok and result.dossier is not None and result.dossier.ticket_number
        return result.dossier.code

    yield take_in
    scanner.close()
    http.close()


@pytest.fixture
def console(qtbot, http_server, printer, config, clock):
    http = HttpCenter(http_server.url, http_server.counter3)
    reception = ReceptionFlow(HttpDossiers(http), printer, config, clock, counter=3)
    win = ConsoleWindow(ConsoleFlow(http, 3, clock), retry_ms=50, reception=reception)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.buttons[CounterAction.CALL_NEXT].isEnabled())
    yield win
    win.close()
    http.close()


def call(qtbot, win: ConsoleWindow, code: str):
    """F1 on the console: the ticket's dossier opens in the reception window."""
    qtbot.mouseClick(win.buttons[CounterAction.CALL_NEXT], Qt.LeftButton)
    qtbot.waitUntil(lambda: win.dossier_line.isVisibleTo(win), timeout=10_000)
    assert code in win.dossier_line.text()
    rw = win.reception_window
    assert rw is not None
    qtbot.waitUntil(lambda: rw.isVisible() and code in rw.code.text())
    return rw


def test_accept_shows_the_papers_and_prints_the_receipt(
    qtbot, console, kiosk_intake, printer, dossiers, clock
) -> None:
    code = kiosk_intake()
    rw = call(qtbot, console, code)
    with qtbot.waitSignal(rw.papers_loaded, timeout=10_000):
        pass
    assert "Nguyễn V. A." in rw.info.text() and "Đăng ký kết hôn" in rw.info.text()
    assert "001090123456" not in rw.info.text() and "Nguyễn Văn An" not in rw.info.text()
    assert rw.papers.count() == 3
    assert not rw.papers.item(0).icon().isNull() and not rw.papers.item(1).icon().isNull()
    assert rw.papers.item(2).icon().isNull() and "CHƯA NỘP" in rw.papers.item(2).text()
    assert sorted(rw.docs) == [1, 2] and rw.docs[1].pageCount() == 2  # the sim's 2 pages
    assert rw.view.document() is rw.docs[1]
    rw.papers.setCurrentRow(1)
    assert rw.view.document() is rw.docs[2]
    shown = {a for a, b in rw.buttons.items() if b.isEnabled()}
    assert shown == {Action.ACCEPT, Action.SUPPLEMENT, Action.REJECT}
    clock.advance(minutes=10)
    qtbot.mouseClick(rw.buttons[Action.ACCEPT], Qt.LeftButton)
    qtbot.waitUntil(lambda: "Đã tiếp nhận" in rw.message.text(), timeout=10_000)
    assert dossiers.get(code).status is S.RECEIVED
    assert "Hẹn trả" in rw.info.text() and "23/11/2026" in rw.info.text()
    (job,) = printer.jobs
    text = read_paper(job.image())  # Vietnamese as printer text (udc.py)
    assert find_loosely(text, fold("GIẤY TIẾP NHẬN HỒ SƠ")) >= 0
    assert find_loosely(text, fold("Nguyễn V. A.")) >= 0
    (qr,) = qr_codes(job.ops)
    assert qr.text.endswith(f"/d/{code}")
    # after reception: a processing step, finished, returned
    assert rw.buttons[Action.PROGRESS].isEnabled() and not rw.buttons[Action.ACCEPT].isEnabled()
    qtbot.mouseClick(rw.buttons[Action.PROGRESS], Qt.LeftButton)
    qtbot.waitUntil(lambda: rw.dialog is not None)
    assert not rw.dialog.ok_button.isEnabled()  # nothing written yet
    rw.dialog.edit.setPlainText("Chuyển phòng Tư pháp thẩm định")
    rw.dialog.ok_button.click()
    qtbot.waitUntil(lambda: dossiers.get(code).status is S.PROCESSING, timeout=10_000)
    qtbot.waitUntil(lambda: rw.buttons[Action.FINISH].isEnabled())
    qtbot.mouseClick(rw.buttons[Action.FINISH], Qt.LeftButton)
    qtbot.waitUntil(lambda: rw.buttons[Action.RETURN].isEnabled(), timeout=10_000)
    qtbot.mouseClick(rw.buttons[Action.RETURN], Qt.LeftButton)
    qtbot.waitUntil(lambda: dossiers.get(code).status is S.RETURNED, timeout=10_000)
    assert len(printer.jobs) == 1  # steps after reception print nothing


def test_supplement_and_reject_print_their_slips(
    qtbot, console, kiosk_intake, printer, dossiers
) -> None:
    first, second = kiosk_intake(), kiosk_intake()
    rw = call(qtbot, console, first)
    qtbot.mouseClick(rw.buttons[Action.SUPPLEMENT], Qt.LeftButton)
    qtbot.waitUntil(lambda: rw.dialog is not None)
    rw.dialog.edit.setPlainText("Giấy xác nhận tình trạng hôn nhân")
    rw.dialog.ok_button.click()
    qtbot.waitUntil(lambda: "bổ sung" in rw.message.text(), timeout=10_000)
    d = dossiers.get(first)
    assert d.status is S.SUPPLEMENT_REQUIRED and d.note == "Giấy xác nhận tình trạng hôn nhân"
    text = read_paper(printer.jobs[-1].image())
    assert find_loosely(text, fold("SUNG HỒ SƠ")) >= 0  # OCR may read BỔ as BỐ
    assert find_loosely(text, fold("tình trạng hôn")) >= 0
    # the next citizen: the reception window follows the newly called ticket
    qtbot.mouseClick(console.buttons[CounterAction.FINISH], Qt.LeftButton)  # done with it
    qtbot.waitUntil(lambda: not console.dossier_line.isVisibleTo(console))
    rw = call(qtbot, console, second)
    qtbot.mouseClick(rw.buttons[Action.REJECT], Qt.LeftButton)
    qtbot.waitUntil(lambda: rw.dialog is not None)
    rw.dialog.reject()  # cancelled: nothing happens
    qtbot.waitUntil(lambda: rw.dialog is None)
    assert dossiers.get(second).status is S.NEW and len(printer.jobs) == 1
    qtbot.mouseClick(rw.buttons[Action.REJECT], Qt.LeftButton)
    qtbot.waitUntil(lambda: rw.dialog is not None)
    rw.dialog.edit.setPlainText("Không thuộc thẩm quyền giải quyết")
    rw.dialog.ok_button.click()
    qtbot.waitUntil(lambda: dossiers.get(second).status is S.NOT_ACCEPTED, timeout=10_000)
    qtbot.waitUntil(lambda: len(printer.jobs) == 2)
    text = read_paper(printer.jobs[-1].image())
    assert find_loosely(text, fold("TỪ CHỐI")) >= 0
    assert find_loosely(text, fold("thẩm quyền")) >= 0
    assert not any(b.isEnabled() for b in rw.buttons.values())  # refused: nothing follows


def test_a_plain_ticket_opens_nothing_and_errors_are_shown(
    qtbot, console, center, kiosk_intake, http_server, dossiers
) -> None:
    t = center.issue_ticket("HT").ticket  # no dossier
    earlier = kiosk_intake()  # its ticket waits behind the plain one
    qtbot.mouseClick(console.buttons[CounterAction.CALL_NEXT], Qt.LeftButton)
    qtbot.waitUntil(lambda: console.number.text() == t.display_number)
    qtbot.wait(200)
    assert not console.dossier_line.isVisible() and console.reception_window is None
    # a citizen back with a slip: F9 asks for its code (the slip's QR, scanned into it)
    qtbot.keyClick(console, Qt.Key_F9)
    qtbot.waitUntil(lambda: console.code_dialog is not None)
    console.code_dialog.setTextValue("not a code")
    console.code_dialog.accept()
    qtbot.waitUntil(lambda: "Chưa mở được hồ sơ" in console.dossier_line.text())
    console.activateWindow()  # a closed dialog leaves no active window offscreen
    qtbot.waitUntil(console.isActiveWindow)
    qtbot.keyClick(console, Qt.Key_F9)
    qtbot.waitUntil(lambda: console.code_dialog is not None)
    console.code_dialog.setTextValue(f"http://center/d/{earlier}")
    console.code_dialog.accept()
    qtbot.waitUntil(lambda: console.reception_window is not None, timeout=10_000)
    qtbot.waitUntil(lambda: earlier in console.reception_window.code.text())
    assert console.reception_window.buttons[Action.ACCEPT].isEnabled()
    console.reception_window.close()
    qtbot.mouseClick(console.buttons[CounterAction.FINISH], Qt.LeftButton)
    qtbot.waitUntil(lambda: console.number.text() != t.display_number)
    code = earlier  # its own ticket is called now
    rw = call(qtbot, console, code)
    dossiers.reject(code, "Đã xử lý ở quầy khác", "counter:1")  # meanwhile, elsewhere
    qtbot.mouseClick(rw.buttons[Action.ACCEPT], Qt.LeftButton)
    qtbot.waitUntil(lambda: rw.message.objectName() == "msg_error", timeout=10_000)
    assert "trạng thái" in rw.message.text()  # 409, in Vietnamese
