"""Reception at the counter as plain Python: accept prints the receipt, supplement and
reject print their slips; all read back with tesseract and zbar."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.clock import FakeClock
from motcua.config import Config
from motcua.counter.reception_flow import ReceptionFlow
from motcua.dossier.lifecycle import Action
from motcua.dossier.service import DossierService
from motcua.dossier.status import DossierStatus as S
from motcua.printer import open_printer
from motcua.printer.decoder import qr_codes, texts
from tests.dossier.conftest import new_dossier, open_service, pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "printer"))
from printer_readback import find_loosely, fold, read_paper


@pytest.fixture
def dossiers(tmp_path: Path, clock: FakeClock) -> Iterator[DossierService]:
    s = open_service(tmp_path / "d.db", clock, ticket_issuer=lambda d: "1005")
    yield s
    s.close()


def submitted(dossiers: DossierService, clock: FakeClock) -> str:
    d = new_dossier(dossiers, clock)
    dossiers.put_paper(d.code, 1, pdf(), "kiosk")
    dossiers.put_paper(d.code, 2, pdf(), "kiosk")
    return dossiers.submit(d.code, "kiosk").code


def test_accept_prints_the_receipt(dossiers, clock: FakeClock, config: Config) -> None:
    printer = open_printer("sim://")
    flow = ReceptionFlow(dossiers, printer, config, clock, counter=3, clerk_name="Lê Thị Hoa")
    code = submitted(dossiers, clock)
    flow.open(code)
    assert flow.actions() == [Action.ACCEPT, Action.SUPPLEMENT, Action.REJECT]
    clock.advance(minutes=10)
    r = flow.accept()
    assert r.ok and r.dossier is not None and r.dossier.status is S.RECEIVED
    assert r.printed is not None and r.printed.ok
    ops = printer.jobs[0].ops
    text = read_paper(printer.jobs[0].image())  # Vietnamese as printer text (udc.py)
    assert find_loosely(text, fold("GIẤY TIẾP NHẬN HỒ SƠ")) >= 0
    assert find_loosely(text, fold("Nguyễn V. A.")) >= 0
    assert "3456" in text and "038090123456" not in text
    # 09:10 Friday + 1 working day -> Monday 09:15. Digits print as the printer's own
    # characters (tesseract reads DejaVu Sans Mono's dotted 0 as 9): checked in the bytes.
    assert any(b"23/11/2026" in t.data and not t.glyph(ord("2")) for t in texts(ops))
    (qr,) = qr_codes(ops)
    assert qr.text.endswith(f"/d/{code}")
    assert flow.actions() == [Action.SUPPLEMENT, Action.PROGRESS, Action.FINISH]
    assert flow.progress("Chuyển phòng Tư pháp").ok
    assert flow.finish().ok and flow.return_result().ok
    assert flow.dossier is not None and flow.dossier.status is S.RETURNED


def test_supplement_and_reject_print_slips(dossiers, clock: FakeClock, config: Config) -> None:
    printer = open_printer("sim://")
    flow = ReceptionFlow(dossiers, printer, config, clock, counter=1)
    flow.open(submitted(dossiers, clock))
    bad = flow.supplement("")
    assert not bad.ok and bad.message_vi and printer.jobs == []
    r = flow.supplement("Giấy xác nhận tình trạng hôn nhân")
    assert r.ok and r.dossier.status is S.SUPPLEMENT_REQUIRED  # type: ignore[union-attr]
    text = read_paper(printer.jobs[0].image())
    assert find_loosely(text, fold("SUNG HỒ SƠ")) >= 0  # OCR: BỔ may read BỐ
    assert find_loosely(text, fold("tình trạng hôn")) >= 0
    r = flow.reject("Không thuộc thẩm quyền giải quyết")
    assert r.ok and r.dossier.status is S.NOT_ACCEPTED  # type: ignore[union-attr]
    text = read_paper(printer.jobs[1].image())
    assert find_loosely(text, fold("TỪ CHỐI")) >= 0
    assert find_loosely(text, fold("thẩm quyền")) >= 0
    wrong = flow.accept()
    assert not wrong.ok and "trạng thái" in wrong.message_vi  # 409 in the API


def test_a_receipt_that_did_not_print_is_said_and_printed_again(
    dossiers, clock: FakeClock, config: Config
) -> None:
    printer = open_printer("sim://")
    flow = ReceptionFlow(dossiers, printer, config, clock, counter=2)
    code = submitted(dossiers, clock)
    flow.open(code)
    assert not flow.can_reprint()  # nothing is printed for a dossier not received yet
    printer.set_paper_out(True)
    r = flow.accept()
    assert r.ok and r.printed is not None and not r.printed.ok  # accepted all the same
    assert "chưa in được" in r.message_vi and dossiers.get(code).status is S.RECEIVED
    assert flow.can_reprint()
    printer.set_paper_out(False)
    again = flow.reprint()
    assert again.ok and again.printed is not None and again.printed.ok
    text = read_paper(printer.jobs[-1].image())
    assert find_loosely(text, fold("GIẤY TIẾP NHẬN HỒ SƠ")) >= 0


def test_the_center_unreachable_is_a_result_not_a_crash(
    dossiers, clock: FakeClock, config: Config
) -> None:
    from motcua.server.client import HttpCenter
    from motcua.server.dossier_client import HttpDossiers

    code = submitted(dossiers, clock)
    http = HttpCenter("http://127.0.0.1:9", "t")  # nothing listens on the discard port
    try:
        flow = ReceptionFlow(HttpDossiers(http), None, config, clock, counter=2)
        assert not flow.accept().ok  # nothing open yet
        flow.dossier = dossiers.get(code)  # opened before the network went
        r = flow.accept()
        assert not r.ok and "Không kết nối được" in r.message_vi
        assert r.dossier is not None and r.dossier.status is S.NEW  # shown as it was
    finally:
        http.close()
