"""schemathesis against /openapi.json of a live server: the answers are what it says.

Positive and negative examples for every operation (bounded, so the whole run stays
well under a minute on a loaded machine), each sent with a token drawn per example from
the roles the operation lists (``x-roles``), a role it refuses, or none, so that the
answers include the 2xx a role gets as well as the 401/403 the others get. Every answer
is checked by schemathesis for response-schema, status-code and content-type conformance
(and never a 500). The SSE stream is left out (it never ends); test_sse.py covers it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import schemathesis

# Imported at collection, not lazily inside the first test: in the full suite that lazy
# import (pytest rewrites schemathesis, a plugin) hit CPython 3.11's "AST constructor
# recursion depth mismatch" SystemError deep in the test's stack.
import schemathesis.specs.openapi.schemas
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from motcua.catalog.generator import real_procedures
from motcua.catalog.store import Catalog
from motcua.clock import SystemClock
from motcua.config import load_config
from motcua.dossier.service import ApplicantInput
from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.dossier_setup import open_dossier_service
from motcua.server.embedded import EmbeddedServer
from motcua.server.tokens import Role, TokenStore
from tests.dossier.conftest import pdf

pytestmark = pytest.mark.slow

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@schemathesis.serializer("application/pdf")
def _pdf(ctx, value) -> bytes:
    """A paper upload's body as generated (the server checks it is a PDF)."""
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


@dataclass
class Live:
    url: str
    tokens: dict[str, str]  # role -> token (the counter's is counter 1's)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    db = tmp_path_factory.mktemp("fuzz") / "center.db"
    config = load_config(None, env={})
    clock = SystemClock()
    service = QueueService.open(config, db, clock=clock)
    tokens = TokenStore(db)
    dossiers = open_dossier_service(config, db, clock, Catalog(real_procedures()), service)
    by_role = {
        "admin": tokens.create(Role.ADMIN, name="schemathesis"),
        "kiosk": tokens.create(Role.KIOSK, name="Kiosk"),
        "counter": tokens.create(Role.COUNTER, counter=1),
        "display": tokens.create(Role.DISPLAY, name="Màn hình"),
        "manager": tokens.create(Role.MANAGER, name="Quản lý"),
    }
    for code in ("HT", "CT", "DD", "HT"):  # something to act on
        service.issue_ticket(code)
    who = ApplicantInput("Nguyễn Văn An", "001090123456", "Hà Nội")
    dossiers.create("1.000894", who, "2026-11-v1", datetime.now(UTC))
    app = create_app(service, tokens, config, clock=clock, dossiers=dossiers)
    with EmbeddedServer(app) as srv:
        yield Live(srv.url, by_role)
    dossiers.close()
    service.close()
    tokens.close()


def operations(url: str) -> list:
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    ops = [result.ok() for result in schema.get_all_operations()]
    return [op for op in ops if op.path != "/api/v1/events"]


def tokens_for(op, live: Live) -> list[str | None]:
    """The tokens of the roles the operation admits, one of a role it refuses, none."""
    roles = op.definition.raw.get("x-roles")
    if roles is None:
        return [None]
    allowed = [live.tokens[r] for r in roles]
    refused = [t for r, t in live.tokens.items() if r not in roles][:1]
    return [*allowed, *refused, None]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_answers_conform_to_the_document(live: Live, mode: GenerationMode):
    ops = operations(live.url)
    assert len(ops) >= 40  # every endpoint of the API (queue and dossiers) is exercised
    seen: dict[int, int] = {}

    for op in ops:

        @given(
            case=op.as_strategy(generation_mode=mode), token=st.sampled_from(tokens_for(op, live))
        )
        @settings(
            max_examples=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case, token) -> None:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            response = case.call(base_url=live.url, headers=headers, timeout=10)
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
            case.validate_response(response, checks=CHECKS)
            if response.status_code >= 400 and "json" in response.headers["content-type"]:
                body = response.json()
                assert body["error"] and body["message"] and body["message_en"], body

        try:
            check()
        except Unsatisfiable:
            # No invalid input exists for an operation without parameters or body.
            assert mode is GenerationMode.NEGATIVE and not op.body and not op.path_parameters
    assert any(200 <= status < 300 for status in seen), seen  # roles got through
    assert {401, 422} <= set(seen), seen  # and bad tokens and input were answered


QR = "038090123456|012345678|Nguyễn Văn An|01011990|Nam|Phường Hạc Thành, Thanh Hóa|15042021"


class Day:
    """A day at the center through every operation, each answer checked by schemathesis.

    Generated examples rarely reach a route's success (random ids are unknown tickets):
    this walks real tickets and dossiers through their lifecycles so that every
    operation's 2xx body is checked against its model too."""

    def __init__(self, live: Live) -> None:
        self.live = live
        self.schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
        self.succeeded: set[tuple[str, str]] = set()

    def __call__(self, method: str, path: str, role: str | None, expect: int = 200, **parts):
        op = self.schema[path][method]
        case = op.Case(**parts)
        token = self.live.tokens[role] if role else None
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = case.call(base_url=self.live.url, headers=headers, timeout=10)
        assert response.status_code == expect, (method, path, response.text)
        case.validate_response(response, checks=CHECKS)
        if 200 <= response.status_code < 300:
            self.succeeded.add((method.upper(), path))
        try:
            return response.json()
        except ValueError:  # a page, a PDF, CSV, metrics, 204
            return None


def test_every_success_conforms_to_the_document(live: Live):
    day = Day(live)
    today = datetime.now(UTC).astimezone(load_config(None, env={}).center.tz)
    counter = {"counter": 1}
    day("GET", "/health", None)
    day("GET", "/metrics", None)
    day("GET", "/api/v1/info", "display")
    day("GET", "/api/v1/queue", "display")
    day("POST", "/api/v1/counters/{counter}/pause", "counter", path_parameters=counter)
    day("POST", "/api/v1/counters/{counter}/resume", "counter", path_parameters=counter)
    day("POST", "/api/v1/close-day", "admin")  # the fixture's and the fuzzers' tickets go
    day("GET", "/api/v1/clock", "admin")
    day("POST", "/api/v1/clock/confirm", "admin")

    def issue() -> dict:
        return day("POST", "/api/v1/tickets", "kiosk", 201, body={"service": "HT"})["ticket"]

    def call_next() -> dict:
        return day(
            "POST", "/api/v1/counters/{counter}/call-next", "counter", path_parameters=counter
        )["ticket"]

    # served and rated
    t = issue()
    code, tid = {"public_code": t["public_code"]}, {"ticket_id": t["id"]}
    day("GET", "/api/v1/tickets/by-code/{public_code}", "kiosk", path_parameters=code)
    day("GET", "/api/v1/public/tickets/{public_code}", None, path_parameters=code)
    day("GET", "/t/{public_code}", None, path_parameters=code)
    day("GET", "/api/v1/tickets/{ticket_id}", "counter", path_parameters=tid)
    assert call_next()["id"] == t["id"]
    for action in ("recall", "start", "finish"):
        day("POST", "/api/v1/counters/{counter}/" + action, "counter", path_parameters=counter)
    rating = {"level": "hai_long", "reason": ""}
    day(
        "POST",
        "/api/v1/tickets/{ticket_id}/rating",
        "counter",
        201,
        path_parameters=tid,
        body=rating,
    )
    # no show, restored
    t = issue()
    assert call_next()["id"] == t["id"]
    day("POST", "/api/v1/counters/{counter}/no-show", "counter", path_parameters=counter)
    day(
        "POST",
        "/api/v1/tickets/{ticket_id}/restore",
        "counter",
        path_parameters={"ticket_id": t["id"]},
    )
    # transferred; cancelled
    call_next()
    day(
        "POST",
        "/api/v1/counters/{counter}/transfer",
        "counter",
        path_parameters=counter,
        body={"to_service": "CT"},
    )
    t = issue()
    day(
        "POST",
        "/api/v1/tickets/{ticket_id}/cancel",
        "admin",
        path_parameters={"ticket_id": t["id"]},
    )
    slot = today.replace(hour=15, minute=0, second=0, microsecond=0).isoformat()
    appointment = {"code": "LH-0001", "service": "HT", "slot_at": slot}
    day("POST", "/api/v1/appointments", "admin", 201, body=appointment)
    # figures, devices
    iso = {"from": today.date().isoformat(), "to": today.date().isoformat()}
    day("GET", "/api/v1/events/log", "display", query={"after": 0, "limit": 50})
    day("GET", "/api/v1/stats", "display")
    day("GET", "/api/v1/stats.csv", "display", query={"date": iso["from"]})
    day("GET", "/api/v1/ratings", "manager", query=iso)
    printer = {"device": "printer", "kind": "printer", "state": "ok", "reason": "ready"}
    day("POST", "/api/v1/devices/health", "kiosk", 204, body={"devices": [printer]})
    day("GET", "/api/v1/devices", "admin")
    day("GET", "/api/v1/devices/alerts", "display")
    # dossiers
    consent = {"text_version": "2026-11-v1", "accepted_at": today.isoformat()}
    new = {"procedure_code": "1.000894", "applicant": {"cccd_qr": QR}, "consent": consent}

    def create() -> dict:
        return day("POST", "/api/v1/dossiers", "kiosk", 201, body=new)

    def papers(code: str, role: str = "kiosk") -> None:
        for n in (1, 2):
            day(
                "PUT",
                "/api/v1/dossiers/{code}/papers/{n}",
                role,
                path_parameters={"code": code, "n": n},
                body=pdf(),
                media_type="application/pdf",
            )

    def step(action: str, role: str = "counter", **parts) -> dict:
        return day("POST", "/api/v1/dossiers/{code}/" + action, role, **parts)

    d = create()
    at = {"code": d["code"]}
    papers(d["code"])
    paper = {"code": d["code"], "n": 2}
    day("GET", "/api/v1/dossiers/{code}/papers/{n}", "counter", path_parameters=paper)
    day("DELETE", "/api/v1/dossiers/{code}/papers/{n}", "kiosk", path_parameters=paper)
    papers(d["code"])
    step("submit", "kiosk", path_parameters=at)
    step("accept", path_parameters=at)
    step("supplement", path_parameters=at, body={"note": "Thiếu bản sao"})
    step("progress", path_parameters=at, body={"note": "Thẩm định"})
    step("finish", path_parameters=at)
    step("return", path_parameters=at)
    day("GET", "/api/v1/dossiers/{code}", "kiosk", path_parameters=at)
    day("GET", "/d/{code}", None, path_parameters=at)
    refused = create()
    papers(refused["code"])
    step("submit", "kiosk", path_parameters={"code": refused["code"]})
    step("reject", path_parameters={"code": refused["code"]}, body={"reason": "Sai thủ tục"})
    step("discard", "kiosk", path_parameters={"code": create()["code"]})
    # a walk-in taken in at the counter (channel "counter"): submitted without a ticket
    walk = day("POST", "/api/v1/dossiers", "counter", 201, body=new)
    papers(walk["code"], "counter")
    walked = {"code": walk["code"]}
    day("POST", "/api/v1/dossiers/{code}/submit", "kiosk", 403, path_parameters=walked)
    assert step("submit", path_parameters=walked)["ticket_number"] == ""
    step("accept", path_parameters=walked)
    day("GET", "/api/v1/dossiers", "counter", query={"date": iso["from"]})
    day("GET", "/api/v1/dossiers/indicators", "manager", query=iso)

    every = {(op.method.upper(), op.path) for op in operations(live.url)}
    # Each operation's success body was checked; a new route joins this walk.
    missed = every - day.succeeded
    assert not missed, f"add a successful call of {sorted(missed)} to this day"
