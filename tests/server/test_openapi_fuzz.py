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
