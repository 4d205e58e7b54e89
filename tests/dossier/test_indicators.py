"""Decision 766's indicators from real dossiers walked through their lifecycle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from motcua.clock import FakeClock
from motcua.dossier.indicators import DossierIndicators, paused
from motcua.dossier.service import DossierService
from tests.dossier.conftest import new_dossier, pdf


def _submitted(service: DossierService, clock: FakeClock, procedure: str = "1.000894") -> str:
    d = new_dossier(service, clock, procedure)  # 1 working day; papers 1, 2 required
    service.put_paper(d.code, 1, pdf(), "kiosk")
    service.put_paper(d.code, 2, pdf(), "kiosk")
    service.submit(d.code, "kiosk")
    return d.code


def test_paused_counts_supplement_waits_after_acceptance_only() -> None:
    t = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    h = timedelta(hours=1)
    steps = [
        (t, "submit"),
        (t + h, "supplement"),  # before acceptance: reception's own wait, not a pause
        (t + 2 * h, "accept"),
        (t + 3 * h, "supplement"),
        (t + 7 * h, "progress"),  # 4 h paused
        (t + 8 * h, "supplement"),  # still paused at `until`
    ]
    assert paused(steps, t + 10 * h) == 6 * h
    assert paused(steps, t + 8 * h) == 4 * h


def test_received_on_time_late_overdue(service: DossierService, clock: FakeClock) -> None:
    # Friday 20/11/2026 09:00 local (the root conftest's clock)
    day = clock.now().astimezone(service.calendar.tz).date()
    on_time = _submitted(service, clock)
    late = _submitted(service, clock)
    paused_one = _submitted(service, clock)
    overdue = _submitted(service, clock)
    refused = _submitted(service, clock)
    for code in (on_time, late, paused_one, overdue):
        service.accept(code, "counter:3")  # due Monday 09:15 (DOMAIN.md's example)
    service.reject(refused, "Không thuộc thẩm quyền", "counter:3")
    service.supplement(paused_one, "Thiếu bản sao giấy khai sinh", "counter:3")
    clock.advance(days=2)  # Sunday: the citizen brings the paper
    service.progress(paused_one, "Đã bổ sung", "counter:3")  # 2 days paused
    clock.advance(hours=1)
    service.finish(on_time, "counter:3")
    clock.advance(days=2)  # Tuesday 10:00: past Monday 09:15
    service.finish(late, "counter:3")
    service.finish(paused_one, "counter:3")  # due + 2 days paused: Wednesday 09:15
    got = service.indicators(day - timedelta(days=1), day + timedelta(days=5))
    assert got == DossierIndicators(
        received=5, digitized=5, finished=4, on_time=2, late=1, overdue=1
    )
    assert got.on_time_rate == round(2 / 3, 4)
    assert got.digitized_rate == 1.0
    # only the days asked for: nothing was received on the Tuesday
    tuesday = service.indicators(day + timedelta(days=4), day + timedelta(days=4))
    assert (tuesday.received, tuesday.finished, tuesday.late) == (0, 2, 1)


def test_nothing_to_divide(service: DossierService, clock: FakeClock) -> None:
    day = clock.now().date()
    got = service.indicators(day, day)
    assert got == DossierIndicators()
    assert got.on_time_rate is None and got.digitized_rate is None


def test_digitized_counts_dossiers_whose_required_papers_are_all_scanned(
    service: DossierService, clock: FakeClock
) -> None:
    """Hồ sơ số hóa: a dossier received counts as digitized while every required paper
    of it is scanned in; a scan the clerk removes (a supplement asked for) takes it out
    until the new scan is in."""
    day = clock.now().astimezone(service.calendar.tz).date()
    codes = [_submitted(service, clock) for _ in range(3)]
    for code in codes:
        service.accept(code, "counter:3")
    service.supplement(codes[2], "Bản sao giấy khai sinh không rõ", "counter:3")
    service.delete_paper(codes[2], 2, "counter:3")  # the unreadable scan
    got = service.indicators(day, day)
    assert (got.received, got.digitized, got.digitized_rate) == (3, 2, round(2 / 3, 4))
    service.put_paper(codes[2], 2, pdf("rescanned"), "counter:3")
    got = service.indicators(day, day)
    assert (got.received, got.digitized, got.digitized_rate) == (3, 3, 1.0)
