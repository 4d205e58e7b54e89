"""The kiosk's intake as plain Python, against the real DossierService and sim printer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.clock import FakeClock
from motcua.config import Config
from motcua.dossier.errors import DossierError
from motcua.dossier.intake_flow import (
    FlowError,
    IntakeFlow,
    PaperState,
    Step,
)
from motcua.dossier.scanning import ScannedPage, ScannedPaper
from motcua.dossier.service import DossierService
from motcua.dossier.status import DossierStatus as S
from motcua.scanner.cccd_qr import IdCardError
from tests.dossier.conftest import PROCEDURES, open_service, pdf

QR = "038090123456||Nguyễn Văn An|01011990|Nam|Phường Hạc Thành, Thanh Hóa|15042021"


class Glass:
    """Pages laid on the scanner: each scan returns the next prepared paper."""

    def __init__(self, *papers: ScannedPaper) -> None:
        self.papers = list(papers)
        self.scans = 0

    def scan(self, on_progress=None) -> ScannedPaper:
        self.scans += 1
        paper = self.papers.pop(0)
        for i, page in enumerate(paper.pages, 1):
            if on_progress:
                on_progress(i, page.thumbnail_png)
        return paper


def sheet(text: str = "x", blank: bool = False, pages: int = 1) -> ScannedPaper:
    return ScannedPaper(pdf(text), tuple(ScannedPage(b"\x89PNG", blank) for _ in range(pages)))


@pytest.fixture
def dossiers(tmp_path: Path, clock: FakeClock) -> Iterator[DossierService]:
    s = open_service(tmp_path / "d.db", clock, ticket_issuer=lambda d: "1005")
    yield s
    s.close()


def test_intake_from_procedure_to_submitted(dossiers: DossierService, clock: FakeClock) -> None:
    printed = []
    flow = IntakeFlow(
        dossiers, PROCEDURES.get, clock, print_slip=lambda d: printed.append(d) or True
    )
    flow.choose_procedure("1.000894")  # Đăng ký kết hôn: 2 required papers, 1 "nếu"
    # nothing read, scanned or created before the citizen agrees
    with pytest.raises(FlowError):
        flow.scan_id(QR)
    with pytest.raises(FlowError):
        flow.scan_paper(1, Glass(sheet()))
    assert "đồng ý" in flow.consent_text().vi
    agreed_at = clock.now()
    assert flow.agree() is Step.WHO
    clock.advance(seconds=20)
    with pytest.raises(IdCardError):
        flow.scan_id("xin chao")
    flow.scan_id(QR)
    with pytest.raises(DossierError):
        flow.set_phone("12ab")
    assert dossiers.list() == []
    d = flow.set_phone("")
    assert d.status is S.DRAFT and d.consent.accepted_at == agreed_at
    assert [i.paper.required for i in flow.items] == [True, True, False]
    seen: list[int] = []
    flow.scan_paper(1, Glass(sheet("to khai", pages=2)), lambda i, png: seen.append(i))
    assert seen == [1, 2] and flow.item(1).state is PaperState.DONE
    # a blank page: shown, the citizen scans again
    assert flow.scan_paper(2, Glass(sheet(blank=True))).state is PaperState.CHECK_BLANK
    assert not dossiers.get(d.code).papers[1].present
    flow.confirm_blank(2, keep=False)
    flow.scan_paper(2, Glass(sheet("cccd")))
    with pytest.raises(FlowError):
        flow.skip_paper(1)
    flow.skip_paper(3)
    assert flow.review() is Step.REVIEW
    result = flow.submit()
    assert result.ok and result.printed and "1005" in result.message_vi
    assert printed[0].status is S.NEW and printed[0].ticket_number == "1005"
    stored = dossiers.get(d.code)
    assert [p.present for p in stored.papers] == [True, True, False]
    assert stored.papers[0].bytes == len(pdf("to khai"))


def test_review_needs_every_required_paper(dossiers: DossierService, clock: FakeClock) -> None:
    flow = IntakeFlow(dossiers, PROCEDURES.get, clock)
    flow.choose_procedure("1.000894")
    flow.agree()
    flow.scan_id(QR)
    flow.set_phone("0912345678")
    flow.scan_paper(1, Glass(sheet()))
    with pytest.raises(FlowError):
        flow.review()
    assert [i.n for i in flow.missing()] == [2]
    flow.remove_paper(1)
    assert not dossiers.get(flow.dossier.code).papers[0].present  # type: ignore[union-attr]


def test_idle_timeout_deletes_everything_scanned(
    dossiers: DossierService, clock: FakeClock
) -> None:
    flow = IntakeFlow(dossiers, PROCEDURES.get, clock)
    flow.choose_procedure("1.000894")
    flow.agree()
    flow.scan_id(QR)
    d = flow.set_phone("")
    flow.scan_paper(1, Glass(sheet()))
    folder = dossiers.papers_dir / d.code
    assert any(folder.iterdir())
    flow.abandon()
    assert flow.step is Step.PROCEDURE and flow.dossier is None
    assert not folder.exists()
    assert dossiers.get(d.code).status is S.WITHDRAWN


def test_declining_consent_creates_nothing(
    dossiers: DossierService, clock: FakeClock, config: Config
) -> None:
    flow = IntakeFlow(dossiers, PROCEDURES.get, clock)
    flow.choose_procedure("1.000894")
    result = flow.decline()
    assert not result.ok and "quầy" in result.message_vi
    assert dossiers.list() == [] and flow.step is Step.PROCEDURE
