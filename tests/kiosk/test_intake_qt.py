"""pytest-qt: "Nộp hồ sơ" on the real kiosk screens, with the sim document scanner
(``sim://?pages=``), the real DossierService and queue, and the sim printer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.dossier.calendar import WorkCalendar
from motcua.dossier.consent import CURRENT
from motcua.dossier.intake_flow import PaperState, Step
from motcua.dossier.scanning import DocumentPaperScanner
from motcua.dossier.service import DossierService
from motcua.dossier.status import DossierStatus as S
from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.dossier_lookup import ServiceLookup
from motcua.kiosk.runtime import KioskRuntime
from motcua.printer.decoder import QrCode
from motcua.scanner.barcode import SimScanner
from motcua.scanner.documents import CleanSettings
from motcua.scanner.documents.samplepages import write_sample_pages
from tests.dossier.conftest import PERSON, pdf

from .conftest import CARD
from .test_app_qt import click

DPI = 100
MARRIAGE = "1.000894"  # Đăng ký kết hôn: 2 required papers, 1 "nếu có"


@pytest.fixture(scope="module")
def glass(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("glass")
    write_sample_pages(folder, 2, dpi=DPI)
    return folder


class Scanners:
    """The kiosk's document scanner; a test swaps what lies in it (a jam, blank backs)."""

    def __init__(self, glass: Path, tmp: Path) -> None:
        self.glass, self.tmp = glass, tmp
        self.paper = self.load()

    def load(self, **options: object) -> DocumentPaperScanner:
        extra = "".join(f"&{k}={v}" for k, v in options.items())
        url = f"sim://?pages={self.glass}&dpi={DPI}{extra}"
        return DocumentPaperScanner(url, self.tmp, CleanSettings(orient=False))


@pytest.fixture
def scanners(glass: Path, tmp_path: Path) -> Scanners:
    return Scanners(glass, tmp_path)


@pytest.fixture
def dossier_service(tmp_path: Path, clock, catalog, service) -> Iterator[DossierService]:
    def issue(d) -> str:
        return service.issue_ticket("HT").ticket.display_number

    s = DossierService.open(
        tmp_path / "dossiers.db",
        unit_code="000.00.00.H56",
        calendar=WorkCalendar(),
        procedures=catalog.get,
        clock=clock,
        ticket_issuer=issue,
    )
    yield s
    s.close()


@pytest.fixture
def runtime(config, clock, service, printer, catalog, dossiers, dossier_service, scanners):
    return KioskRuntime(
        config=config,
        clock=clock,
        center=service,
        printer=printer,
        catalog=catalog,
        dossiers=ServiceLookup(dossier_service, fallback=dossiers),
        printer_url="sim://",
        scanner_url="sim://",
        dossier_service=dossier_service,
        paper_scanner=scanners.paper,
    )


@pytest.fixture
def win(qtbot, runtime) -> Iterator[KioskWindow]:
    w = KioskWindow(runtime)
    qtbot.addWidget(w)
    scanner = SimScanner()
    w.attach_scanner(scanner)
    w.id_scanner = scanner  # type: ignore[attr-defined]
    w.resize(1080, 1920)
    w.show()
    yield w
    w.shutdown()


def to_checklist(qtbot, win: KioskWindow, phone: str = "") -> None:
    click(qtbot, win.screens["home"].buttons["submit"])
    assert win.current.name == "submit"
    pick = win.screens["submit"]
    assert MARRIAGE in pick.buttons, "the marriage procedure is among the common ones"
    click(qtbot, pick.buttons[MARRIAGE])
    assert win.current.name == "intake_consent"
    consent = win.screens["intake_consent"]
    assert "đồng ý" in consent.text.text()
    # nothing is read before the citizen agrees: a card shown now is ignored
    win.id_scanner.inject(CARD)  # type: ignore[attr-defined]
    qtbot.wait(50)
    assert win.current.name == "intake_consent"
    click(qtbot, consent.agree_button)
    assert win.current.name == "intake_id"
    win.id_scanner.inject("not a card")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: win.screens["intake_id"].error.isVisibleTo(win))
    assert "Chưa đọc được thẻ" in win.screens["intake_id"].error.text()
    win.id_scanner.inject(CARD)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: win.current.name == "intake_phone")
    pad = win.screens["intake_phone"]
    for k in phone:
        click(qtbot, pad.keys[k])
    click(qtbot, pad.next if phone else pad.skip)
    assert win.current.name == "intake_papers"


def scan(qtbot, win: KioskWindow, n: int, button: str = "start") -> None:
    papers = win.screens["intake_papers"]
    if win.current.name == "intake_papers":
        click(qtbot, papers.rows[n]["scan"])
    screen = win.screens["intake_scan"]
    assert win.current.name == "intake_scan" and screen.n == n
    click(qtbot, screen.buttons[button])
    qtbot.waitUntil(lambda: not screen.scanning and win.runner.pending == 0, timeout=60_000)


def test_intake_from_home_to_the_printed_slip(qtbot, win, runtime, printer, dossier_service):
    to_checklist(qtbot, win, phone="0912345678")
    papers = win.screens["intake_papers"]
    assert len(papers.rows) == 3 and not papers.review_button.isEnabled()
    scan(qtbot, win, 1)
    screen = win.screens["intake_scan"]
    # the progress showed each page, and the pages stay as thumbnails
    assert screen.thumbs_box.count() == 2
    assert "2 trang" in screen.progress.text()
    assert screen.buttons["done"].isVisibleTo(win)
    click(qtbot, screen.buttons["done"])
    assert win.current.name == "intake_papers"
    assert "Đã quét 2 trang" in papers.rows[1]["state"].text()
    scan(qtbot, win, 2)
    click(qtbot, screen.buttons["done"])
    click(qtbot, papers.rows[3]["skip"])  # "nếu có": not brought
    assert papers.review_button.isEnabled()
    click(qtbot, papers.review_button)
    assert win.current.name == "intake_review"
    review = win.screens["intake_review"]
    assert "Nguyễn" in review.summary.text() and "0912345678" in review.summary.text()
    assert "Nguyễn Văn An" not in review.summary.text()  # masked
    click(qtbot, review.submit_button)
    qtbot.waitUntil(lambda: win.current.name == "intake_done", timeout=30_000)
    done = win.screens["intake_done"]
    d = done.result.dossier
    assert done.code.text() == d.code and done.ticket.text() == "1001"
    assert done.printed.isVisibleTo(win) and not done.not_printed.isVisibleTo(win)
    assert not done.reprint_button.isVisibleTo(win)
    assert dossier_service.get(d.code).status is S.NEW
    assert [p.present for p in dossier_service.get(d.code).papers] == [True, True, False]
    qrs = [op for op in printer.jobs[-1].ops if isinstance(op, QrCode)]
    assert qrs and qrs[0].text.endswith(f"/d/{d.code}")
    assert done.qr.data == qrs[0].text
    # the idle timeout goes home and keeps the submitted dossier
    runtime.clock.advance(seconds=runtime.config.kiosk.idle_timeout_seconds + 1)
    assert win.check_idle() and win.current.name == "home"
    assert dossier_service.get(d.code).status is S.NEW


def test_a_slip_that_did_not_print_never_looks_printed(qtbot, win, printer):
    to_checklist(qtbot, win)
    papers = win.screens["intake_papers"]
    for n in (1, 2):
        scan(qtbot, win, n)
        click(qtbot, win.screens["intake_scan"].buttons["done"])
    click(qtbot, papers.rows[3]["skip"])
    click(qtbot, papers.review_button)
    printer.set_paper_out(True)
    click(qtbot, win.screens["intake_review"].submit_button)
    qtbot.waitUntil(lambda: win.current.name == "intake_done", timeout=30_000)
    done = win.screens["intake_done"]
    assert not done.result.printed
    assert done.not_printed.isVisibleTo(win) and not done.printed.isVisibleTo(win)
    assert "CHƯA IN" in done.not_printed.text() and done.reprint_button.isVisibleTo(win)
    printer.set_paper_out(False)
    jobs = len(printer.jobs)
    click(qtbot, done.reprint_button)
    qtbot.waitUntil(lambda: done.printed.isVisibleTo(win), timeout=30_000)
    assert len(printer.jobs) == jobs + 1 and not done.reprint_button.isVisibleTo(win)


def test_blank_pages_are_shown_and_left_out(qtbot, win, runtime, scanners, dossier_service):
    to_checklist(qtbot, win)
    runtime.paper_scanner = scanners.load(blank=1)  # a blank back after every sheet
    scan(qtbot, win, 1)
    screen = win.screens["intake_scan"]
    flow = runtime.intake
    assert flow.item(1).state is PaperState.CHECK_BLANK
    assert "trang trắng" in screen.warning.text()
    blanks = [
        screen.thumbs_box.itemAt(i).widget().property("blank")
        for i in range(screen.thumbs_box.count())
    ]
    assert blanks == ["false", "true", "false", "true"]
    click(qtbot, screen.buttons["drop_blank"])
    assert flow.item(1).state is PaperState.DONE
    assert screen.thumbs_box.count() == 2 and "2 trang" in screen.progress.text()
    assert dossier_service.get(flow.dossier.code).papers[0].present


def test_a_jam_is_explained_and_the_pages_before_it_are_kept(qtbot, win, runtime, scanners):
    to_checklist(qtbot, win)
    runtime.paper_scanner = scanners.load(jam_after=1)
    scan(qtbot, win, 1)
    screen = win.screens["intake_scan"]
    flow = runtime.intake
    assert flow.item(1).state is PaperState.STOPPED
    assert "kẹt giấy" in screen.warning.text().lower()
    assert "1 trang" in screen.progress.text() and screen.thumbs_box.count() == 1
    assert screen.buttons["more"].isVisibleTo(win)
    # the jam cleared, the citizen puts the whole stack back: the rest comes after page 1
    runtime.paper_scanner = scanners.load()
    click(qtbot, screen.buttons["more"])
    qtbot.waitUntil(lambda: not screen.scanning and win.runner.pending == 0, timeout=60_000)
    assert flow.item(1).state is PaperState.DONE
    assert len(flow.item(1).scan.pages) == 3 and screen.thumbs_box.count() == 3


def test_back_on_every_step_and_home_discards_the_draft(qtbot, win, runtime, dossier_service):
    to_checklist(qtbot, win)
    code = runtime.intake.dossier.code
    scan(qtbot, win, 1)
    click(qtbot, win.back_button)  # scan -> papers
    assert win.current.name == "intake_papers"
    click(qtbot, win.back_button)  # asks first
    assert win.current.name == "intake_papers"
    assert win.screens["intake_papers"].confirm_cancel.isVisibleTo(win)
    click(qtbot, win.back_button)  # cancels: the draft and its pages go
    assert win.current.name == "submit"
    assert dossier_service.get(code).status is S.WITHDRAWN
    assert not (dossier_service.papers_dir / code).exists()
    click(qtbot, win.screens["submit"].buttons[MARRIAGE])
    click(qtbot, win.back_button)
    assert win.current.name == "submit"
    click(qtbot, win.screens["submit"].buttons[MARRIAGE])
    click(qtbot, win.screens["intake_consent"].agree_button)
    click(qtbot, win.back_button)
    assert win.current.name == "intake_consent"
    click(qtbot, win.screens["intake_consent"].agree_button)
    win.id_scanner.inject(CARD)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: win.current.name == "intake_phone")
    click(qtbot, win.back_button)
    assert win.current.name == "intake_id"
    win.id_scanner.inject(CARD)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: win.current.name == "intake_phone")
    click(qtbot, win.screens["intake_phone"].skip)
    second = runtime.intake.dossier.code
    runtime.clock.advance(seconds=runtime.config.kiosk.idle_timeout_seconds + 1)
    assert win.check_idle() and win.current.name == "home"
    assert dossier_service.get(second).status is S.WITHDRAWN


def test_declining_consent_reads_nothing(qtbot, win, dossier_service):
    click(qtbot, win.screens["home"].buttons["submit"])
    click(qtbot, win.screens["submit"].buttons[MARRIAGE])
    consent = win.screens["intake_consent"]
    click(qtbot, consent.decline_button)
    assert consent.declined.isVisibleTo(win) and "quầy" in consent.declined.text()
    assert not consent.agree_button.isEnabled()
    assert dossier_service.list() == []


def test_without_a_document_scanner_the_kiosk_sends_to_the_counter(qtbot, win, runtime):
    runtime.paper_scanner = None
    click(qtbot, win.screens["home"].buttons["submit"])
    pick = win.screens["submit"]
    assert pick.unavailable.isVisibleTo(win) and pick.take.isVisibleTo(win)
    assert not pick.list_area.isVisibleTo(win)


def test_a_finished_dossier_offers_the_return_counter_in_two_taps(
    qtbot, win, runtime, printer, dossier_service, service
):
    d = dossier_service.create(MARRIAGE, PERSON, CURRENT, runtime.clock.now())
    for n in (1, 2):
        dossier_service.put_paper(d.code, n, pdf(f"p{n}"), "kiosk")
    dossier_service.submit(d.code, "kiosk")
    dossier_service.accept(d.code, "clerk")
    # accepted, not finished: no return ticket offered
    click(qtbot, win.screens["home"].buttons["dossier"])
    look = win.screens["dossier"]
    win.id_scanner.inject(d.code)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: look.card.isVisibleTo(win))
    assert not look.return_button.isVisibleTo(win)
    dossier_service.finish(d.code, "clerk")
    win.id_scanner.inject(d.code)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: look.return_button.isVisibleTo(win))
    assert "quầy trả kết quả" in look.explain.text()
    jobs = len(printer.jobs)
    click(qtbot, look.return_button)  # tap 1
    assert win.current.name == "confirm"
    click(qtbot, win.screens["confirm"].print_button)  # tap 2
    qtbot.waitUntil(lambda: win.current.name == "result", timeout=30_000)
    assert len(printer.jobs) == jobs + 1
    ticket = win.screens["result"].result.info.ticket
    assert ticket.service_code == runtime.config.services[0].code  # the reception service


# ------------------------------------------------------------------ the chip at intake
@pytest.fixture
def chip_win(qtbot, runtime, chip) -> Iterator[KioskWindow]:
    """The kiosk with a chip reader (the sim reader, its card read by chip_of_the_card)."""
    runtime.chip = chip
    w = KioskWindow(runtime)
    qtbot.addWidget(w)
    w.resize(1080, 1920)
    w.show()
    yield w
    w.shutdown()


def to_who(qtbot, win: KioskWindow) -> None:
    click(qtbot, win.screens["home"].buttons["submit"])
    click(qtbot, win.screens["submit"].buttons[MARRIAGE])
    click(qtbot, win.screens["intake_consent"].agree_button)
    assert win.current.name == "intake_id"


def test_the_chip_at_intake_fills_the_qr_fields_as_the_stronger_proof(
    qtbot, chip_win, runtime, dossier_service
) -> None:
    from tests.scanner.chip import chipdata

    win = chip_win
    to_who(qtbot, win)
    who = win.screens["intake_id"]
    assert who.chip_button.isVisibleTo(win)
    assert "đầu đọc chip" in who.explain.text()
    click(qtbot, who.chip_button)
    assert win.current.name == "chip"
    screen = win.screens["chip"]
    click(qtbot, win.back_button)  # Back returns to the intake's card step
    assert win.current.name == "intake_id"
    click(qtbot, who.chip_button)
    screen.pad.type(chipdata.CAN)
    click(qtbot, screen.read_button)
    qtbot.waitUntil(lambda: win.current.name == "intake_phone", timeout=5000)
    flow = runtime.intake
    assert flow.card_proof == "chip"
    card = flow.s.card
    assert card.full_name == "Nguyễn Văn An" and card.id_number == "001090123456"
    assert runtime.tickets.card is None  # the ticket flow is not touched
    click(qtbot, win.screens["intake_phone"].skip)
    d = flow.dossier
    # the dossier keeps what the QR would give (masked name and ID, the ID's keyed hash)
    assert d.applicant.masked_name == card.masked_name and d.applicant.masked_id.endswith("3456")
    assert dossier_service.get(d.code).applicant == d.applicant
    # the review says the card was read from its chip
    flow.s.step = Step.REVIEW  # straight to the review (the papers are tested above)
    win.go("intake_review")
    assert "Đọc từ chip thẻ căn cước" in win.screens["intake_review"].summary.text()
    # the idle timeout forgets the chip with the dossier being assembled
    runtime.clock.advance(seconds=runtime.config.kiosk.idle_timeout_seconds + 1)
    assert win.check_idle() and win.current.name == "home"
    assert flow.s.card is None and flow.card_proof == "" and runtime.chip.last is None


def test_the_qr_at_intake_is_the_weaker_proof(qtbot, chip_win, runtime) -> None:
    from motcua.kiosk.chip_reader import KioskChipReader

    assert isinstance(runtime.chip, KioskChipReader)
    to_who(qtbot, chip_win)
    scanner = SimScanner()
    chip_win.attach_scanner(scanner)
    scanner.inject(CARD)
    qtbot.waitUntil(lambda: chip_win.current.name == "intake_phone")
    assert runtime.intake.card_proof == "qr"


def test_no_reader_no_chip_button_at_intake(qtbot, win) -> None:
    to_who(qtbot, win)
    assert not win.screens["intake_id"].chip_button.isVisibleTo(win)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_the_papers_checklist_takes_the_height_there_is(qtbot, win, size) -> None:
    """Landscape once showed two of three papers in a small scroll box over empty space:
    the list takes the page's height, every row and its button shown, nothing to scroll."""
    from PySide6.QtCore import QPoint, QRect

    win.resize(*size)
    to_checklist(qtbot, win)
    papers = win.screens["intake_papers"]
    qtbot.waitUntil(lambda: len(papers.rows) == 3)
    area = papers.list_area
    viewport = area.viewport()
    assert area.verticalScrollBar().maximum() == 0, "the checklist scrolls"
    assert papers.page_area.verticalScrollBar().maximum() == 0, "the page scrolls"
    shown = QRect(QPoint(0, 0), viewport.size())
    for row in papers.rows.values():
        for w in row.values():
            if hasattr(w, "isVisibleTo") and w.isVisibleTo(win) and hasattr(w, "mapTo"):
                r = QRect(w.mapTo(viewport, QPoint(0, 0)), w.size())
                assert shown.contains(r), f"{w!r} at {r.getRect()} is cut off"
    # the list reaches down to the page's bottom (only the hidden message is under it)
    page = papers.page_area.viewport()
    bottom = area.mapTo(page, QPoint(0, area.height())).y()
    assert page.height() - bottom < 60, (page.height(), bottom)


def test_a_paper_reads_in_english_with_its_form_in_english() -> None:
    """The English line said "Bản chính": the form was looked up in a lower-case copy of
    the form names that never matched PaperForm's labels."""
    from motcua.catalog.papers import Paper, PaperForm
    from motcua.kiosk.screens.intake_common import paper_line

    vi, en = paper_line(Paper("Giấy chứng sinh", PaperForm.CERTIFIED_COPY, copies=2))
    assert vi == "Giấy chứng sinh — Bản sao có chứng thực, 02 bản"
    assert en == "Giấy chứng sinh — Certified copy, 2 copies"
    vi, en = paper_line(Paper("Hộ chiếu cũ", required=False, condition="đã cấp"))
    assert vi == "Hộ chiếu cũ — Bản chính (nếu có: đã cấp)"
    assert en == "Hộ chiếu cũ — Original (if applicable)"
