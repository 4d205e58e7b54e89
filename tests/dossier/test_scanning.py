"""The dossier's paper scanner over the real document pipeline, on ``sim://?pages=``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from motcua.clock import FakeClock
from motcua.dossier.intake_flow import IntakeFlow, PaperState
from motcua.dossier.scanning import DocumentPaperScanner, ScannedPaper
from motcua.dossier.service import DossierService
from motcua.dossier.status import DossierStatus as S
from motcua.scanner.documents import CleanSettings
from motcua.scanner.documents.samplepages import write_sample_pages
from tests.dossier.conftest import PROCEDURES, open_service

DPI = 100
FAST = CleanSettings(orient=False)  # tesseract's page turning is the pipeline's own test
QR = "038090123456||Nguyễn Văn An|01011990|Nam|Phường Hạc Thành, Thanh Hóa|15042021"


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("glass")
    write_sample_pages(folder, 3, dpi=DPI)
    return folder


def sim(folder: Path, **options: object) -> str:
    extra = "".join(f"&{k}={v}" for k, v in options.items())
    return f"sim://?pages={folder}&dpi={DPI}{extra}"


def pages_of(pdf: bytes) -> int:
    import io

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def test_a_paper_is_one_pdf_with_thumbnails_and_progress(papers: Path, tmp_path: Path) -> None:
    scanner = DocumentPaperScanner(sim(papers), tmp_path, FAST, title="Tờ khai")
    seen: list[int] = []
    paper = scanner.scan(lambda n, png: seen.append(n) or png.startswith(b"\x89PNG") or 1 / 0)
    assert seen == [1, 2, 3]
    assert paper.pdf.startswith(b"%PDF-") and pages_of(paper.pdf) == 3
    assert [p.blank for p in paper.pages] == [False] * 3 and not paper.failed
    assert paper.pdf_without_blank is None
    assert all(p.thumbnail_png.startswith(b"\x89PNG") for p in paper.pages)
    # the pages are on disk (for continuing a paper) until the intake forgets them
    files = [p.file for p in paper.pages]
    assert all(f is not None and f.exists() for f in files)
    scanner.forget()
    assert not any(f is not None and f.exists() for f in files)


def test_blank_sheets_are_flagged_and_a_pdf_without_them_is_ready(
    papers: Path, tmp_path: Path
) -> None:
    paper = DocumentPaperScanner(sim(papers, blank=1), tmp_path, FAST).scan()
    assert paper.blank_pages == [2, 4, 6]
    assert pages_of(paper.pdf) == 6
    assert paper.pdf_without_blank is not None and pages_of(paper.pdf_without_blank) == 3


def test_a_jam_keeps_the_pages_before_it_and_the_rest_continues_the_paper(
    papers: Path, tmp_path: Path
) -> None:
    jammed = DocumentPaperScanner(sim(papers, jam_after=2), tmp_path, FAST)
    first = jammed.scan()
    assert first.failed and first.failure_reason == "jammed"
    assert "kẹt giấy" in first.failure_vi.lower() and "jam" in first.failure_en.lower()
    assert len(first.pages) == 2 and pages_of(first.pdf) == 2
    # the citizen clears the jam and puts the last sheet back: the paper goes on from page 3
    rest = tmp_path / "rest"
    rest.mkdir()
    (rest / "page-0003.png").write_bytes((papers / "page-0003.png").read_bytes())
    seen: list[int] = []
    whole = DocumentPaperScanner(sim(rest), tmp_path, FAST).scan(
        lambda n, _png: seen.append(n), after=first
    )
    assert seen == [3] and not whole.failed
    assert len(whole.pages) == 3 and pages_of(whole.pdf) == 3


def test_an_empty_feeder_is_a_clear_message_not_an_empty_paper(tmp_path: Path) -> None:
    paper = DocumentPaperScanner("sim://?empty=1", tmp_path, FAST).scan()
    assert paper.failed and paper.failure_reason == "no_docs" and paper.pages == ()
    assert "khay" in paper.failure_vi.lower()


@pytest.fixture
def dossiers(tmp_path: Path, clock: FakeClock) -> Iterator[DossierService]:
    s = open_service(tmp_path / "d.db", clock, ticket_issuer=lambda d: "1005")
    yield s
    s.close()


def test_intake_with_the_sim_scanner_stores_real_pdfs(
    papers: Path, tmp_path: Path, dossiers: DossierService, clock: FakeClock
) -> None:
    flow = IntakeFlow(dossiers, PROCEDURES.get, clock)
    flow.choose_procedure("1.000894")
    flow.agree()
    flow.scan_id(QR)
    d = flow.set_phone("")
    # paper 1: a jam after one sheet; the citizen keeps what came through and goes on
    it = flow.scan_paper(1, DocumentPaperScanner(sim(papers, jam_after=1), tmp_path, FAST))
    assert it.state is PaperState.STOPPED and it.scan is not None and len(it.scan.pages) == 1
    assert not dossiers.get(d.code).papers[0].present  # nothing stored while stopped
    it = flow.scan_paper(1, DocumentPaperScanner(sim(papers), tmp_path, FAST), more=True)
    assert it.state is PaperState.DONE and it.scan is not None and len(it.scan.pages) == 4
    # paper 2 with blank backs: the citizen leaves them out
    it = flow.scan_paper(2, DocumentPaperScanner(sim(papers, blank=1), tmp_path, FAST))
    assert it.state is PaperState.CHECK_BLANK
    it = flow.drop_blank(2)
    assert it.state is PaperState.DONE
    flow.skip_paper(3)
    flow.review()
    assert flow.submit().ok
    stored = dossiers.get(d.code)
    assert stored.status is S.NEW
    assert pages_of(dossiers.paper_path(d.code, 1).read_bytes()) == 4
    assert pages_of(dossiers.paper_path(d.code, 2).read_bytes()) == 3


def test_keeping_what_came_through_before_a_jam(
    papers: Path, tmp_path: Path, dossiers: DossierService, clock: FakeClock
) -> None:
    flow = IntakeFlow(dossiers, PROCEDURES.get, clock)
    flow.choose_procedure("1.000894")
    flow.agree()
    flow.scan_id(QR)
    d = flow.set_phone("")
    it = flow.scan_paper(2, DocumentPaperScanner(sim(papers, jam_after=2), tmp_path, FAST))
    assert it.state is PaperState.STOPPED
    assert flow.keep_scanned(2).state is PaperState.DONE
    assert pages_of(dossiers.paper_path(d.code, 2).read_bytes()) == 2
    assert isinstance(it.scan, ScannedPaper) and not it.scan.failed
