"""The dossier's life through the service: create, papers, submit, reception, after."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from motcua.clock import FakeClock
from motcua.dossier.errors import InvalidDossier, PaperTooLarge, UnknownDossier, WrongState
from motcua.dossier.lifecycle import Action
from motcua.dossier.service import ApplicantInput, DossierService
from motcua.dossier.status import DossierStatus as S

from .conftest import PERSON, UNIT, new_dossier, open_service, pdf


def test_codes_restart_daily_per_unit(service: DossierService, clock: FakeClock) -> None:
    a = new_dossier(service, clock)
    b = new_dossier(service, clock)
    assert a.code == f"{UNIT}-261120-0001" and b.code == f"{UNIT}-261120-0002"
    clock.advance(days=1)
    assert new_dossier(service, clock).code == f"{UNIT}-261121-0001"


def test_full_life_kiosk_to_returned(service: DossierService, clock: FakeClock) -> None:
    d = new_dossier(service, clock)  # Đăng ký kết hôn: 1 working day, papers 1, 2 required
    assert d.status is S.DRAFT and [p.required for p in d.papers] == [True, True, False]
    with pytest.raises(WrongState) as err:
        service.submit(d.code, "kiosk")
    assert "Tờ khai" in err.value.message_vi
    service.put_paper(d.code, 1, pdf("to khai"), "kiosk")
    service.put_paper(d.code, 2, [pdf("cccd")[:100], pdf("cccd")[100:]], "kiosk")
    d = service.submit(d.code, "kiosk")
    assert d.status is S.NEW and d.received_at == clock.now()
    # papers still replaceable at the counter until accepted
    clock.advance(minutes=10)  # 09:10 on Friday 20/11/2026
    d = service.accept(d.code, "counter:3")
    assert d.status is S.RECEIVED
    # DOMAIN.md: 09:10 Friday + 1 working day -> 09:15 Monday
    assert d.due_at == datetime(2026, 11, 23, 2, 15, tzinfo=UTC)
    with pytest.raises(WrongState):
        service.put_paper(d.code, 3, pdf(), "counter:3")
    with pytest.raises(WrongState):
        service.return_result(d.code, "counter:3")
    d = service.progress(d.code, "Chuyển phòng Tư pháp", "counter:3")
    d = service.finish(d.code, "counter:3")
    d = service.return_result(d.code, "counter:7")
    assert d.status is S.RETURNED and d.status.closed
    assert [s.action for s in d.history] == [
        Action.CREATE, Action.SUBMIT, Action.ACCEPT, Action.PROGRESS, Action.FINISH,
        Action.RETURN,
    ]  # fmt: skip
    assert [int(s.status) for s in d.history] == [0, 1, 2, 4, 9, 10]
    assert d.history[1].actor == "kiosk" and d.history[2].actor == "counter:3"


def test_json_never_holds_the_full_id_or_name(service: DossierService, clock: FakeClock) -> None:
    d = new_dossier(service, clock)
    text = json.dumps(d.to_dict(), ensure_ascii=False)
    assert "038090123456" not in text and "Nguyễn Văn An" not in text
    assert d.to_dict()["applicant"] == {
        "name": "Nguyễn V. A.",
        "id_number": "********3456",
        "phone": "0912345678",
    }
    for key in ("code", "procedure_code", "working_days", "status", "received_at",
                "accepted_at", "due_at", "papers"):  # fmt: skip
        assert key in d.to_dict()


def test_supplement_then_accept_and_reject_needs_reason(
    service: DossierService, clock: FakeClock
) -> None:
    d = new_dossier(service, clock, "1.004873")  # 3 working days
    service.put_paper(d.code, 1, pdf(), "kiosk")
    service.put_paper(d.code, 2, pdf(), "kiosk")
    service.submit(d.code, "kiosk")
    with pytest.raises(InvalidDossier):
        service.supplement(d.code, "  ", "counter:1")
    d = service.supplement(d.code, "Thiếu quyết định ly hôn", "counter:1")
    assert d.status is S.SUPPLEMENT_REQUIRED and d.note == "Thiếu quyết định ly hôn"
    service.put_paper(d.code, 3, pdf("ly hon"), "counter:1")
    d = service.accept(d.code, "counter:1")
    assert d.status is S.RECEIVED and d.papers[2].present
    # after reception a rejection is no longer possible: 409
    with pytest.raises(WrongState):
        service.reject(d.code, "sai", "counter:1")
    e = new_dossier(service, clock, "1.004873")
    service.put_paper(e.code, 1, pdf(), "kiosk")
    service.put_paper(e.code, 2, pdf(), "kiosk")
    service.submit(e.code, "kiosk")
    with pytest.raises(InvalidDossier):
        service.reject(e.code, "", "counter:1")
    e = service.reject(e.code, "Không thuộc thẩm quyền", "counter:1")
    assert e.status is S.NOT_ACCEPTED and e.due_at is None


def test_papers_must_be_pdf_and_bounded(tmp_path, clock: FakeClock) -> None:
    s = open_service(tmp_path / "d.db", clock, max_paper_bytes=50_000)
    d = new_dossier(s, clock)
    with pytest.raises(InvalidDossier):
        s.put_paper(d.code, 1, b"GIF89a not a pdf", "kiosk")
    with pytest.raises(PaperTooLarge):
        s.put_paper(d.code, 1, [b"%PDF-" + b"0" * 30_000, b"0" * 30_000], "kiosk")
    with pytest.raises(UnknownDossier):
        s.put_paper(d.code, 9, pdf(), "kiosk")
    d = s.put_paper(d.code, 1, pdf("a"), "kiosk")
    first = s.paper_path(d.code, 1)
    d = s.put_paper(d.code, 1, pdf("b"), "kiosk")  # replaced: the old file goes
    assert not first.exists() and s.paper_path(d.code, 1).read_bytes() == pdf("b")
    d = s.delete_paper(d.code, 1, "kiosk")
    assert not d.papers[0].present
    folder = tmp_path / "d-papers" / d.code
    assert [f.name for f in folder.iterdir()] == []  # no temporary files left behind
    s.close()


def test_discard_deletes_every_scanned_page(service: DossierService, clock: FakeClock) -> None:
    d = new_dossier(service, clock)
    service.put_paper(d.code, 1, pdf(), "kiosk")
    folder = service.papers_dir / d.code
    assert any(folder.iterdir())
    d = service.discard(d.code, "kiosk")
    assert d.status is S.WITHDRAWN and not folder.exists()
    assert not any(p.present for p in d.papers)
    # the code is never handed out again
    assert new_dossier(service, clock).code.endswith("-0002")


def test_bad_input_is_refused_in_both_languages(service: DossierService, clock: FakeClock):
    now = clock.now()
    cases = [
        dict(procedure_code="9.999999"),
        dict(applicant=ApplicantInput("Nguyễn Văn An", "12345")),
        dict(applicant=ApplicantInput("", "038090123456")),
        dict(consent_version="old"),
        dict(consent_at=now + timedelta(minutes=5)),
        dict(phone="12ab"),
        dict(channel="web"),
    ]
    for case in cases:
        args = dict(
            procedure_code="1.000894", applicant=PERSON, consent_version="2026-11-v1",
            consent_at=now, phone="", channel="kiosk",
        )  # fmt: skip
        args.update(case)
        with pytest.raises(InvalidDossier) as err:
            service.create(**args)  # type: ignore[arg-type]
        assert err.value.message_vi and err.value.message_en != err.value.message_vi, case
    assert service.list() == []


def test_history_is_append_only(service: DossierService, clock: FakeClock) -> None:
    import sqlite3

    new_dossier(service, clock)
    con = sqlite3.connect(service.db.path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE dossier_steps SET note = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM dossier_steps")
    con.close()


def test_on_change_runs_in_the_same_transaction(tmp_path, clock: FakeClock) -> None:
    seen: list[tuple[str, int]] = []

    def outbox(tx, dossier, step) -> None:
        tx.run("INSERT INTO dossier_meta (key, value) VALUES (?, ?)",
               (f"outbox-{dossier.code}-{step.seq}", b"x"))  # fmt: skip
        seen.append((dossier.code, int(step.status)))
        if step.action is Action.SUBMIT:
            raise RuntimeError("outbox full")

    s = open_service(tmp_path / "d.db", clock, on_change=outbox)
    d = new_dossier(s, clock)
    s.put_paper(d.code, 1, pdf(), "kiosk")
    s.put_paper(d.code, 2, pdf(), "kiosk")
    with pytest.raises(RuntimeError):
        s.submit(d.code, "kiosk")
    # the failed outbox write took the status change with it
    assert s.get(d.code).status is S.DRAFT and len(s.get(d.code).history) == 1
    assert seen == [(d.code, 0), (d.code, 1)]
    s.close()


def test_ticket_issued_at_submit(tmp_path, clock: FakeClock) -> None:
    issued: list[str] = []

    def issue(d) -> str:
        issued.append(d.code)
        return "1001"

    s = open_service(tmp_path / "d.db", clock, ticket_issuer=issue)
    d = new_dossier(s, clock, "1.000656")
    for p in d.papers:
        s.put_paper(d.code, p.n, pdf(), "kiosk")
    d = s.submit(d.code, "kiosk")
    assert d.ticket_number == "1001" and issued == [d.code]
    with pytest.raises(WrongState):
        s.submit(d.code, "kiosk")
    s.close()


def test_list_by_day_and_status(service: DossierService, clock: FakeClock) -> None:
    a = new_dossier(service, clock)
    clock.advance(days=3)
    b = new_dossier(service, clock)
    assert [d.code for d in service.list()] == [b.code, a.code]
    assert [d.code for d in service.list(day=a.created_at.date())] == [a.code]
    assert service.list(status=S.NEW) == []
    assert service.find(f"https://x/d/{a.code}").code == a.code  # type: ignore[union-attr]
