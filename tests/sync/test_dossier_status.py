"""Dossier codes, statuses and the center's own dossier store."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from motcua.clock import FakeClock
from motcua.sync.dossier_status import (
    DossierCodeError,
    DossierLookup,
    DossierNotFound,
    DossierRecord,
    DossierStatus,
    LocalDossierStore,
    parse_dossier_code,
    split_dossier_code,
)

CODE = "000.00.06.H56-231027-0361"


def test_ten_statuses_with_labels_and_explanations() -> None:
    # 0 (DRAFT, being assembled at the kiosk) is ours and never sent to the portal
    assert [s.value for s in DossierStatus if s.on_portal] == list(range(1, 11))
    assert DossierStatus(4).label_vi == "Đang xử lý"
    assert DossierStatus(5).label_vi == "Yêu cầu bổ sung giấy tờ"
    assert DossierStatus(6).label_vi == "Yêu cầu thực hiện nghĩa vụ tài chính"
    assert DossierStatus(10).label_vi == "Đã trả kết quả"
    assert DossierStatus.PROCESSING.explanation_vi.startswith("Hồ sơ đang được xử lý")
    labels = {s.label_vi for s in DossierStatus}
    assert len(labels) == 11
    for s in DossierStatus:
        assert s.explanation_vi and s.explanation_en and s.label_en
    assert DossierStatus.FINISHED.needs_citizen and not DossierStatus.PROCESSING.needs_citizen
    assert DossierStatus.RETURNED.closed and not DossierStatus.RECEIVED.closed


@pytest.mark.parametrize(
    "text",
    [
        CODE,
        f"  {CODE}\r\n",
        "000.00.06.h56-231027-0361",
        "000.00.06.H56 - 231027 - 0361",
        f"https://dichvucong.thanhhoa.gov.vn/tra-cuu-ho-so?maHoSo={CODE}",
        "https://example.vn/tra-cuu?ma=000.00.06.H56%2D231027%2D0361&x=1",
        f"Mã hồ sơ: {CODE}. Tra cứu tại dichvucong.gov.vn",
    ],
)
def test_code_found_in_qr_payloads(text: str) -> None:
    assert parse_dossier_code(text) == CODE


def test_code_parts() -> None:
    parts = split_dossier_code(CODE)
    assert parts.unit_code == "000.00.06.H56"
    assert parts.received_on == date(2023, 10, 27)
    assert parts.sequence == 361


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "000.00.06.H56-231027",
        "000.00.06.H56-231027-036",
        "000.00.06-231027-0361",
        "000.00.06.H56-231327-0361",  # month 13
        "000.00.06.H56-230230-0361",  # 30 February
        "000.00.06.H56-231027-0000",
        "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021",
        "1000.00.06.H56-231027-0361",
    ],
)
def test_malformed_codes_explained(text: str) -> None:
    with pytest.raises(DossierCodeError) as err:
        parse_dossier_code(text)
    assert "Mã hồ sơ" in err.value.message_vi
    assert "000.00.06.H56-231027-0361" in err.value.message_vi


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> LocalDossierStore:
    return LocalDossierStore(tmp_path / "dossiers.sqlite", clock=clock)


def received(clock: FakeClock) -> tuple[datetime, datetime]:
    now = clock.now()
    return now, now + timedelta(days=7)


def test_add_and_lookup_masks_the_name(store: LocalDossierStore, clock: FakeClock) -> None:
    at, due = received(clock)
    store.add(CODE, "Đăng ký thường trú", "Lê Minh Tuấn", at, due)
    record = store.lookup(f"https://x.vn/?ma={CODE}")
    assert isinstance(record, DossierRecord)
    assert record.code == CODE
    assert record.applicant_name == "Lê M. T."
    assert record.status is DossierStatus.RECEIVED
    assert record.status_label_vi == "Được tiếp nhận"
    assert record.received_at == at and record.due_at == due


def test_already_masked_name_kept(store: LocalDossierStore, clock: FakeClock) -> None:
    at, due = received(clock)
    assert store.add(CODE, "X", "Nguyễn V. A.", at, due).applicant_name == "Nguyễn V. A."


def test_unknown_code_is_none_malformed_raises(store: LocalDossierStore) -> None:
    assert store.lookup("000.00.06.H56-231027-0362") is None
    with pytest.raises(DossierCodeError):
        store.lookup("not a code")


def test_update_status_and_history(store: LocalDossierStore, clock: FakeClock) -> None:
    at, due = received(clock)
    store.add(CODE, "Đăng ký thường trú", "Lê Minh Tuấn", at, due)
    clock.advance(hours=3)
    rec = store.update_status(CODE, DossierStatus.SUPPLEMENT_REQUIRED, "Bổ sung giấy tờ nhà ở.")
    assert rec.status is DossierStatus.SUPPLEMENT_REQUIRED
    assert rec.note == "Bổ sung giấy tờ nhà ở."
    clock.advance(days=2)
    rec = store.update_status(CODE, DossierStatus.PROCESSING)
    assert rec.note == "Bổ sung giấy tờ nhà ở."  # kept when no new note
    history = store.history(CODE)
    assert [h[0] for h in history] == [
        DossierStatus.RECEIVED,
        DossierStatus.SUPPLEMENT_REQUIRED,
        DossierStatus.PROCESSING,
    ]
    assert history[2][1] - history[0][1] == timedelta(days=2, hours=3)


def test_update_unknown_raises(store: LocalDossierStore) -> None:
    with pytest.raises(DossierNotFound):
        store.update_status(CODE, DossierStatus.FINISHED)


def test_naive_times_rejected(store: LocalDossierStore) -> None:
    with pytest.raises(ValueError):
        store.add(CODE, "X", "Y Z", datetime(2026, 1, 1), datetime(2026, 1, 2))


def test_data_survives_reopen(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "d.sqlite"
    at, due = received(clock)
    LocalDossierStore(path, clock).add(CODE, "Đăng ký khai tử", "Hà Văn Sơn", at, due)
    again = LocalDossierStore(path, clock).lookup(CODE)
    assert again is not None and again.procedure_name == "Đăng ký khai tử"


def test_seed_demo_various_statuses_idempotent(store: LocalDossierStore, clock: FakeClock) -> None:
    codes = store.seed_demo(clock)
    assert len(codes) >= 5 and len(store) == len(codes)
    records = [store.lookup(c) for c in codes]
    assert all(r is not None for r in records)
    statuses = {r.status for r in records if r}
    assert len(statuses) >= 5
    for r in records:
        assert r is not None
        parts = r.applicant_name.split()
        assert all(p.endswith(".") for p in parts[1:])  # masked
        assert r.due_at >= r.received_at
    # dated relative to the clock: the newest was received today (Asia/Ho_Chi_Minh)
    assert any(split_dossier_code(c).received_on == date(2026, 11, 20) for c in codes)
    assert store.seed_demo(clock) == codes and len(store) == len(codes)


def test_overdue(store: LocalDossierStore, clock: FakeClock) -> None:
    at, due = received(clock)
    rec = store.add(CODE, "X", "Y Z", at, due, DossierStatus.PROCESSING)
    assert not rec.overdue(clock.now())
    assert rec.overdue(due + timedelta(minutes=1))
    done = store.update_status(CODE, DossierStatus.FINISHED)
    assert not done.overdue(due + timedelta(days=3))


def test_store_is_a_lookup_usable_from_threads(store: LocalDossierStore, clock: FakeClock) -> None:
    lookup: DossierLookup = store
    at, due = received(clock)
    store.add(CODE, "X", "Y Z", at, due)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(20):
                assert lookup.lookup(CODE) is not None
        except BaseException as exc:  # collected for the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert datetime(2026, 11, 20, 2, 0, tzinfo=UTC) == clock.now()
