"""schemathesis against /openapi.json of a live server: no input gives a 500.

Positive and negative examples for every operation (bounded, so the whole run stays
well under a minute), sent with an admin token so they reach the queue, not just the
token check. The SSE stream is left out (it never ends); test_sse.py covers it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from motcua.config import load_config
from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.embedded import EmbeddedServer
from motcua.server.tokens import TokenStore

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    db = tmp_path_factory.mktemp("fuzz") / "center.db"
    config = load_config(None, env={})
    service = QueueService.open(config, db)
    tokens = TokenStore(db)
    admin = tokens.create("admin", name="schemathesis")
    for code in ("HT", "CT", "DD", "HT"):  # something to act on
        service.issue_ticket(code)
    with EmbeddedServer(create_app(service, tokens, config)) as srv:
        yield srv.url, admin
    service.close()
    tokens.close()


def operations(url: str) -> list:
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    ops = [result.ok() for result in schema.get_all_operations()]
    return [op for op in ops if op.path != "/api/v1/events"]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_makes_a_server_error(live: tuple[str, str], mode: GenerationMode):
    url, admin = live
    ops = operations(url)
    assert len(ops) >= 25  # every endpoint of the API is exercised
    seen: dict[int, int] = {}

    for op in ops:

        @given(case=op.as_strategy(generation_mode=mode))
        @settings(
            max_examples=15,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case) -> None:
            response = case.call(
                base_url=url, headers={"Authorization": f"Bearer {admin}"}, timeout=10
            )
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            case.validate_response(response, checks=[not_a_server_error])
            if response.status_code >= 400 and "json" in response.headers["content-type"]:
                body = response.json()
                assert body["error"] and body["message"] and body["message_en"], body

        try:
            check()
        except Unsatisfiable:
            # No invalid input exists for an operation without parameters or body.
            assert mode is GenerationMode.NEGATIVE and not op.body and not op.path_parameters
    assert any(400 <= status < 500 for status in seen), seen  # it did send bad input
