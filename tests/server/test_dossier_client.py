"""HttpDossiers against a live center on loopback: the kiosk's intake and the counter's
reception over HTTP give what the in-process DossierService gives, errors included."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from motcua.clock import FakeClock
from motcua.dossier.consent import CURRENT
from motcua.dossier.errors import InvalidDossier, UnknownDossier, WrongState
from motcua.dossier.models import Dossier
from motcua.dossier.service import DossierService
from motcua.dossier.status import DossierStatus as S
from motcua.queue.errors import CenterUnavailable, Forbidden
from motcua.server.client import HttpCenter
from motcua.server.dossier_client import HttpDossiers
from tests.dossier.conftest import PERSON, pdf

from .conftest import Api, Tokens


def _client(base: str, token: str) -> tuple[HttpCenter, HttpDossiers]:
    http = HttpCenter(base, token)
    return http, HttpDossiers(http)


@pytest.fixture
def kiosk(dapi: Api, tokens: Tokens) -> Iterator[HttpDossiers]:
    http, client = _client(dapi.base, tokens.kiosk)
    yield client
    http.close()


@pytest.fixture
def counter(dapi: Api, tokens: Tokens) -> Iterator[HttpDossiers]:
    http, client = _client(dapi.base, tokens.counter3)
    yield client
    http.close()


def _new(client, clock: FakeClock, procedure: str = "1.000894") -> Dossier:
    return client.create(procedure, PERSON, CURRENT, clock.now(), phone="0912 345 678")


def test_intake_then_reception_over_http(
    kiosk: HttpDossiers, counter: HttpDossiers, dossiers: DossierService, clock: FakeClock
) -> None:
    d = _new(kiosk, clock)
    assert d.status is S.DRAFT and d.channel == "kiosk" and len(d.papers) == 3
    assert d.applicant.masked_name == "Nguyễn V. A." and "038090" not in d.applicant.masked_id
    d = kiosk.put_paper(d.code, 1, pdf("a"), "kiosk")
    d = kiosk.put_paper(d.code, 2, [pdf("b")[:10], pdf("b")[10:]], "kiosk")  # chunks too
    assert [p.present for p in d.papers] == [True, True, False]
    d = kiosk.submit(d.code, "kiosk")
    assert d.status is S.NEW and d.ticket_number  # the reception ticket, issued by the center
    # the counter that calls that ticket finds the dossier it carries
    found = counter.for_ticket(d.ticket_number, clock.now().date())
    assert found is not None and found.code == d.code
    assert counter.for_ticket("9999", clock.now().date()) is None
    assert counter.paper_pdf(d.code, 1) == pdf("a")
    with pytest.raises(UnknownDossier):
        counter.paper_pdf(d.code, 3)  # "nếu có", not brought
    clock.advance(minutes=10)
    d = counter.accept(d.code, "ignored: the token names the counter")
    assert d.status is S.RECEIVED and d.due_at is not None and d.accepted_at is not None
    assert d.history[-1].actor == "counter:3"
    assert counter.progress(d.code, "Chuyển phòng Tư pháp", "").status is S.PROCESSING
    assert counter.finish(d.code, "").status is S.FINISHED
    assert counter.return_result(d.code, "").status is S.RETURNED
    # what the HTTP client rebuilt is what the service holds, less what never leaves it
    local = dossiers.get(d.code)
    remote = counter.get(d.code)
    assert replace(remote, papers=(), applicant=local.applicant) == replace(local, papers=())
    assert [(p.n, p.present, p.sha256) for p in remote.papers] == [
        (p.n, p.present, p.sha256) for p in local.papers
    ]
    assert counter.find(f"https://x/d/{d.code}") == remote
    assert counter.find("000.00.00.H56-261120-0999") is None
    assert [x.code for x in counter.list(status=S.RETURNED)] == [d.code]


def test_errors_come_back_as_the_domain_classes(
    kiosk: HttpDossiers, counter: HttpDossiers, dapi: Api, tokens: Tokens, clock: FakeClock
) -> None:
    d = _new(kiosk, clock)
    with pytest.raises(WrongState) as wrong:
        kiosk.submit(d.code, "kiosk")  # required papers missing
    assert "Còn thiếu giấy tờ" in wrong.value.message_vi
    with pytest.raises(Forbidden):
        kiosk.accept(d.code, "kiosk")  # a kiosk does not receive dossiers
    with pytest.raises(WrongState):
        counter.accept(d.code, "")  # a draft is not submitted yet
    with pytest.raises(InvalidDossier) as bad:
        counter.supplement(d.code, "", "")
    assert bad.value.message_vi and bad.value.message_en
    with pytest.raises(InvalidDossier):
        kiosk.put_paper(d.code, 1, b"not a pdf", "kiosk")
    with pytest.raises(UnknownDossier):
        counter.get("000.00.00.H56-261120-0999")
    with pytest.raises(UnknownDossier):
        counter.get("not a code")
    with pytest.raises(InvalidDossier):
        kiosk.create("9.999999", PERSON, CURRENT, clock.now())
    # the idle timeout at a joined kiosk: the draft and its pages go
    kiosk.put_paper(d.code, 1, pdf(), "kiosk")
    gone = kiosk.discard(d.code, "kiosk")
    assert gone.status is S.WITHDRAWN and not any(p.present for p in gone.papers)
    with pytest.raises(WrongState):
        kiosk.discard(d.code, "kiosk")
    http, down = _client("http://127.0.0.1:9", tokens.counter3)  # nothing listens there
    with pytest.raises(CenterUnavailable) as off:
        down.get(d.code)
    assert "Không kết nối được" in off.value.message_vi
    http.close()


def test_from_dict_is_to_dict_back(dossiers: DossierService, clock: FakeClock) -> None:
    d = _new(dossiers, clock)
    dossiers.put_paper(d.code, 1, pdf(), "kiosk")
    d = dossiers.get(d.code)
    back = Dossier.from_dict(d.to_dict())
    assert back.to_dict() == d.to_dict()
    assert back.applicant.id_hash == ""  # the keyed hash never leaves the center
