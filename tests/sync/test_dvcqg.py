"""The dvcqg adapter against the reference portal: the protocol, sessions, faults."""

from __future__ import annotations

import base64
import http.server
import threading
from typing import ClassVar

import pytest

from motcua.sync.dvcqg import DvcqgPortal, from_wire_date, is_success, to_wire_date
from motcua.sync.portal import DossierPayload, PortalError, StepPayload
from motcua.sync.sim import PortalSim, SimServer, SimSettings

CODE = "000.00.06.H56-261201-0001"


def dossier(code: str = CODE, status: int = 2) -> DossierPayload:
    return DossierPayload(
        code=code,
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        received_at="2026-12-01T02:00:00+00:00",
        due_at="2026-12-03T10:00:00+00:00",
        status=status,
        applicant_name="Nguyễn Văn An",
        applicant_id="001090123456",
        address="12 Lê Lợi, Thanh Hóa",
    )


def step(n: int, code: str = CODE) -> StepPayload:
    return StepPayload(
        code,
        "Lê Thị B",
        "Chuyên viên",
        f"2026-12-01T0{n}:00:00+00:00",
        "Bộ phận một cửa",
        f"Bước {n}",
        4,
    )


@pytest.fixture
def sim():
    server = SimServer(PortalSim(SimSettings(username="u", password="p", unit_code="H56"))).start()
    yield server
    server.stop()


def portal(server: SimServer, **kw) -> DvcqgPortal:
    return DvcqgPortal(server.url, "u", "p", "H56", timeout_s=kw.pop("timeout_s", 2.0), **kw)


def test_dates_are_local_vietnam_time_without_separators():
    assert to_wire_date("2026-12-01T02:03:04+00:00") == "20261201090304"
    assert from_wire_date("20261201090304") == "2026-12-01T09:03:04+07:00"
    assert to_wire_date("") == "" and from_wire_date("bad") == ""


def test_success_codes():
    assert is_success(0) and is_success("0") and is_success("00")
    assert not is_success("1") and not is_success(None) and not is_success("99")


def test_create_update_steps_and_read_back(sim):
    p = portal(sim)
    assert p.get_dossier(CODE) is None
    p.create_dossier(dossier())
    p.add_steps([step(3), step(4)])
    p.update_dossier(dossier(status=9))
    back = p.get_dossier(CODE)
    assert back is not None and back.status == 9
    assert [s.content for s in back.steps] == ["Bước 3", "Bước 4"]
    raw = sim.sim.snapshot()["dossiers"][CODE]
    assert raw["MaDoiTuong"] == "001090123456"  # personal data reaches the portal in full
    assert raw["NgayTiepNhan"] == "20261201090000"
    with pytest.raises(PortalError) as err:
        p.create_dossier(dossier())
    assert err.value.kind == "refused" and err.value.code == "409"
    p.close()


def test_refusal_with_http_200_is_a_failure(sim):
    p = portal(sim)
    with pytest.raises(PortalError) as err:
        p.add_steps([step(1, code="000.00.06.H56-261201-9999")])
    assert err.value.kind == "refused" and not err.value.maybe_applied


def test_invalid_data_is_a_permanent_refusal(sim):
    p = portal(sim)
    with pytest.raises(PortalError) as err:
        p.create_dossier(dossier(status=42))
    assert err.value.permanent and err.value.code == "422"


def test_session_renewed_once_when_it_expires(sim):
    sim.sim.control({"session_calls": 2})
    p = portal(sim)
    p.create_dossier(dossier())
    for n in range(1, 6):
        p.add_steps([step(n)])
    assert len(p.get_dossier(CODE).steps) == 5
    assert sim.sim.snapshot()["logins"] >= 3


def test_wrong_password_is_an_auth_failure(sim):
    p = DvcqgPortal(sim.url, "u", "wrong", "H56", timeout_s=2)
    with pytest.raises(PortalError) as err:
        p.get_dossier(CODE)
    assert err.value.kind == "auth"
    assert "wrong" not in repr(p)


@pytest.mark.parametrize(
    ("fault", "kind", "applied"),
    [
        ("refuse", "refused", False),
        ("502", "http", True),
        ("reset", "reset", True),
        ("lost", "reset", True),
        ("timeout", "timeout", True),
    ],
)
def test_faults_are_reported_with_what_the_sender_may_conclude(sim, fault, kind, applied):
    p = portal(sim, timeout_s=0.5)
    p.get_dossier(CODE)  # log in first, without faults
    sim.sim.control({"fail_rate": 1.0, "faults": [fault], "hang_s": 1.0})
    with pytest.raises(PortalError) as err:
        p.create_dossier(dossier())
    assert err.value.kind == kind and err.value.maybe_applied is applied
    sim.sim.control({"fail_rate": 0.0})
    held = CODE in sim.sim.snapshot()["dossiers"]
    if fault in ("refuse", "502", "reset"):
        assert not held
    if fault == "lost":
        assert held


def test_down_portal_is_unreachable(sim):
    p = portal(sim)
    sim.set_down(True)
    with pytest.raises(PortalError) as err:
        p.get_dossier(CODE)
    assert err.value.kind in ("unreachable", "reset")
    sim.set_down(False)
    assert p.get_dossier(CODE) is None


def test_catalog_calls(sim):
    p = portal(sim)
    procedures = p.list_procedures()
    assert len(procedures) > 5
    one = p.get_procedure(procedures[0].code)
    assert one is not None and one.name == procedures[0].name
    assert p.get_procedure("9.999999") is None


def test_statistics_push(sim):
    p = portal(sim)
    p.push_statistics("2026-12-01", {"tickets": 120})
    stats = sim.sim.snapshot()["statistics"]
    assert stats[0]["ngay"] == "20261201" and stats[0]["data"] == {"tickets": 120}


class _TokenEndpoint(http.server.BaseHTTPRequestHandler):
    """A provincial LGSP's OAuth2 token URL: client credentials in Basic auth, a form body."""

    seen: ClassVar[list[tuple[str, str, str]]] = []
    answer: ClassVar[tuple[int, bytes]] = (200, b'{"access_token": "tok-1", "expires_in": 300}')

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.seen.append((self.headers["Authorization"], self.headers["Content-Type"], body))
        status, payload = self.answer
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def lgsp():
    _TokenEndpoint.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _TokenEndpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/token", _TokenEndpoint
    server.shutdown()


def test_lgsp_token_by_client_credentials_once_for_many_calls(sim, lgsp):
    url, endpoint = lgsp
    endpoint.answer = (200, b'{"access_token": "tok-1", "expires_in": 300}')
    p = portal(sim, lgsp_token_url=url, lgsp_client_id="motcua", lgsp_client_secret="s3cret")
    p.create_dossier(dossier())
    assert p.get_dossier(CODE) is not None
    basic = "Basic " + base64.b64encode(b"motcua:s3cret").decode()
    assert endpoint.seen == [
        (basic, "application/x-www-form-urlencoded", "grant_type=client_credentials")
    ]


def test_lgsp_refusing_the_client_is_an_auth_failure(sim, lgsp):
    url, endpoint = lgsp
    endpoint.answer = (401, b"{}")
    p = portal(sim, lgsp_token_url=url, lgsp_client_id="motcua", lgsp_client_secret="bad")
    with pytest.raises(PortalError) as err:
        p.get_dossier(CODE)
    assert err.value.kind == "auth"
