"""The kiosk's "Tra cứu hồ sơ" reads the center's real dossiers."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from motcua.clock import FakeClock
from motcua.kiosk.dossier_flow import DossierFlow, DossierOutcome
from motcua.kiosk.dossier_lookup import ServiceLookup
from tests.dossier.conftest import new_dossier, open_service, pdf


def test_lookup_reads_real_dossiers_and_apologises_when_late(
    tmp_path: Path, clock: FakeClock
) -> None:
    s = open_service(tmp_path / "d.db", clock)
    flow = DossierFlow(ServiceLookup(s), clock)
    d = new_dossier(s, clock)
    assert flow.look_up(d.code).outcome is DossierOutcome.NOT_FOUND  # a draft is not yet one
    s.put_paper(d.code, 1, pdf(), "kiosk")
    s.put_paper(d.code, 2, pdf(), "kiosk")
    s.submit(d.code, "kiosk")
    r = flow.look_up(f"http://127.0.0.1:8080/d/{d.code}")
    assert r.outcome is DossierOutcome.FOUND and r.record is not None
    assert r.record.due_at is None and "xin lỗi" not in r.message_vi
    s.accept(d.code, "counter:1")
    clock.advance(timedelta(days=5))
    r = flow.look_up(d.code)
    assert r.record is not None and r.record.applicant_name == "Nguyễn V. A."
    assert "xin lỗi" in r.message_vi  # past the return date, not finished
    s.finish(d.code, "counter:1")
    r = flow.look_up(d.code)
    assert "quầy trả kết quả" in r.message_vi and "xin lỗi" not in r.message_vi
    s.close()
