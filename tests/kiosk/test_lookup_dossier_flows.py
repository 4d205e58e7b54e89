"""LookupFlow over the real demo catalog; DossierFlow over the center's own store."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.kiosk.dossier_flow import DossierFlow, DossierOutcome
from motcua.kiosk.lookup_flow import LookupFlow
from motcua.sync.dossier_status import DossierStatus


def test_catalog_is_big_enough(catalog) -> None:
    assert len(catalog) >= 1500


def test_accent_insensitive_search_as_you_type(catalog) -> None:
    flow = LookupFlow(catalog)
    for partial in ("dang", "dang ky ket", "dang ky ket hon", "Đăng ký kết hôn"):
        results = flow.search(partial)
        assert results, partial
    assert any(p.name == "Đăng ký kết hôn" for p in flow.search("dang ky ket hon")[:5])
    assert flow.state.query == "dang ky ket hon"


def test_empty_query_shows_the_most_asked_until_a_field_is_chosen(catalog) -> None:
    flow = LookupFlow(catalog)  # nothing configured, nothing opened yet: an empty list
    assert flow.search("") == () and flow.state.suggested
    field = flow.fields()[0]
    browsed = flow.browse(field)
    assert browsed and all(p.field == field for p in browsed)
    narrowed = flow.search("cap")
    assert all(p.field == field for p in narrowed)
    with pytest.raises(ValueError):
        flow.browse("Không có lĩnh vực này")


def test_open_a_procedure_and_reset(catalog) -> None:
    flow = LookupFlow(catalog)
    first = flow.search("dang ky ket hon")[0]
    proc = flow.open(first.code)
    assert proc is not None and proc.papers
    assert flow.state.selected == proc
    flow.reset()
    assert flow.state.selected is None and flow.state.query == ""
    assert flow.state.results == (proc,)  # opened here: now the most asked


def test_dossier_found_by_code_and_by_qr_payload(dossiers, clock) -> None:
    codes = dossiers.seed_demo(clock)
    flow = DossierFlow(dossiers, clock)
    found = flow.look_up(codes[0])
    assert found.outcome == DossierOutcome.FOUND
    assert found.record is not None and found.record.code == codes[0]
    assert found.message_vi == found.record.status.explanation_vi
    via_qr = flow.look_up(f"https://dichvucong.gov.vn/tra-cuu?ma={codes[0]}")
    assert via_qr.outcome == DossierOutcome.FOUND


def test_dossier_not_found_malformed_and_empty(dossiers, clock) -> None:
    dossiers.seed_demo(clock)
    flow = DossierFlow(dossiers, clock)
    missing = flow.look_up("000.00.06.H56-231027-9999")
    assert missing.outcome == DossierOutcome.NOT_FOUND
    assert "Không tìm thấy" in missing.message_vi
    bad = flow.look_up("xin chao")
    assert bad.outcome == DossierOutcome.MALFORMED
    assert "000.00.06.H56" in bad.message_vi and bad.message_en
    assert flow.look_up("   ").outcome == DossierOutcome.EMPTY


def test_overdue_dossier_gets_an_apology(dossiers, clock) -> None:
    codes = dossiers.seed_demo(clock)
    flow = DossierFlow(dossiers, clock)
    open_ones = [
        c
        for c in codes
        if dossiers.lookup(c).status in (DossierStatus.PROCESSING, DossierStatus.RECEIVED)
    ]
    assert open_ones
    clock.advance(timedelta(days=120))
    late = flow.look_up(open_ones[0])
    assert "quá ngày hẹn" in late.message_vi
