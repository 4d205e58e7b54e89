"""The OpenAPI document says what the server answers: real bodies, every error status.

Before: every JSON answer was declared ``{"type": "string"}``, 422 was FastAPI's
``HTTPValidationError`` (``{"detail": [...]}``, a body this server never sends) and no
route listed 401, 403, 404, 409, 413 or 503. test_openapi_fuzz.py checks the answers
against this document; this file checks the document itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from motcua.catalog.generator import real_procedures
from motcua.catalog.store import Catalog
from motcua.clock import FakeClock
from motcua.config import Config
from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.dossier_setup import open_dossier_service
from motcua.server.tokens import Role, TokenStore

METHODS = ("get", "post", "put", "delete", "patch")


@pytest.fixture
def doc(config: Config, tmp_path: Path, clock: FakeClock) -> Any:
    db = tmp_path / "center.db"
    service = QueueService.open(config, db, clock=clock)
    tokens = TokenStore(db)
    dossiers = open_dossier_service(config, db, clock, Catalog(real_procedures()), service)
    try:
        yield create_app(service, tokens, config, clock=clock, dossiers=dossiers).openapi()
    finally:
        dossiers.close()
        tokens.close()
        service.close()


def operations(doc: dict[str, Any]):
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def resolve(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        *_, kind, name = node["$ref"].split("/")
        node = doc["components"][kind][name]
    return node


def json_schema(doc: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any] | None:
    content = resolve(doc, answer).get("content", {})
    if "application/json" not in content:
        return None
    return resolve(doc, content["application/json"]["schema"])


def test_every_json_answer_has_a_real_schema(doc):
    seen = 0
    for path, method, op in operations(doc):
        for status, answer in op["responses"].items():
            schema = json_schema(doc, answer)
            if schema is None:
                continue
            seen += 1
            assert schema.get("type") in ("object", "array"), (method, path, status, schema)
            if schema["type"] == "object":
                assert schema["properties"], (method, path, status)
    assert seen > 200


def test_errors_are_the_real_envelope(doc):
    schemas = doc["components"]["schemas"]
    assert "HTTPValidationError" not in schemas  # FastAPI's {"detail": [...]}: never sent
    error = schemas["ErrorOut"]
    assert set(error["required"]) == {"error", "message", "message_en"}
    invalid = schemas["ValidationErrorOut"]
    assert "details" in invalid["properties"]
    for path, method, op in operations(doc):
        for status, answer in op["responses"].items():
            if status.startswith(("4", "5")) and json_schema(doc, answer) is not None:
                schema = json_schema(doc, answer)
                want = "ValidationErrorOut" if status == "422" else "ErrorOut"
                if path == "/health" and status == "503":
                    want = "HealthOut"
                assert schema["title"] == want, (method, path, status)


def test_every_error_status_the_server_answers_is_listed(doc):
    def statuses(path: str, method: str) -> set[str]:
        return set(doc["paths"][path][method]["responses"])

    everywhere = {"503", "431", "408"}
    for path, method, _ in operations(doc):
        assert everywhere <= statuses(path, method), (method, path)
    # behind a token: 401; for some roles only: 403; with a body: 413; bad input: 422
    assert {"401", "403", "404", "409", "413", "422"} <= statuses("/api/v1/tickets", "post")
    assert {"401", "403", "404", "409", "413"} <= statuses(
        "/api/v1/counters/{counter}/call-next", "post"
    )
    assert {"401", "403", "404", "409"} <= statuses("/api/v1/tickets/{ticket_id}/cancel", "post")
    assert {"401", "404"} <= statuses("/api/v1/tickets/by-code/{public_code}", "get")
    assert "403" not in statuses("/api/v1/queue", "get")  # any device may read it
    assert {"404", "409", "413", "422"} <= statuses("/api/v1/dossiers/{code}/papers/{n}", "put")
    assert "401" not in statuses("/api/v1/public/tickets/{public_code}", "get")
    assert {"200", "503"} <= statuses("/health", "get")


def test_routes_say_who_may_call_them(doc):
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    ops = {(p, m): op for p, m, op in operations(doc)}
    assert ops[("/api/v1/tickets", "post")]["x-roles"] == ["admin", "kiosk"]
    assert ops[("/api/v1/counters/{counter}/finish", "post")]["x-roles"] == ["admin", "counter"]
    assert ops[("/api/v1/tickets", "post")]["security"] == [{"bearer": []}]
    assert "security" not in ops[("/health", "get")]


def test_success_bodies_name_their_models(doc):
    def ok(path: str, method: str, status: str = "200") -> dict[str, Any]:
        schema = json_schema(doc, doc["paths"][path][method]["responses"][status])
        assert schema is not None
        return schema

    issued = ok("/api/v1/tickets", "post", "201")
    assert set(issued["required"]) >= {"ticket", "people_ahead", "url", "existing"}
    ticket = resolve(doc, issued["properties"]["ticket"])
    assert "recalls" in ticket["required"]  # fields with defaults are always sent
    assert ok("/api/v1/events/log", "get")["type"] == "array"
    assert "totals" in ok("/api/v1/stats", "get")["required"]
    assert "papers" in ok("/api/v1/dossiers/{code}", "get")["required"]
    assert set(ok("/api/v1/dossiers/indicators", "get")["required"]) >= {"from", "to"}


def _concrete(path: str) -> str:
    """A path of the document with its parameters filled in (numbers where numbers go)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return "1" if name in ("ticket_id", "counter", "n", "device_id", "token_id") else "x"

    return re.sub(r"\{([^}]+)\}", value, path)


def test_a_method_a_path_lacks_is_the_documented_405(dapi, token_store: TokenStore) -> None:
    """405 cannot sit on an operation (it answers the ones that do not exist): it is the
    shared ``MethodNotAllowed`` answer, and every path answers it as documented, with an
    ``Allow`` header that names the methods the document lists for that path."""
    admin = token_store.create(Role.ADMIN, name="admin")
    doc = dapi.get("/openapi.json").json()
    shared = doc["components"]["responses"]["MethodNotAllowed"]
    assert "Allow" in shared["headers"]
    assert "405" in doc["info"]["description"] and "MethodNotAllowed" in doc["info"]["description"]
    schema = resolve(doc, shared["content"]["application/json"]["schema"])
    tried = 0
    for path, item in doc["paths"].items():
        listed = {m for m in METHODS if m in item}
        other = next((m for m in METHODS if m not in listed), None)
        if other is None:
            continue
        resp = dapi.call(other.upper(), _concrete(path), admin)
        assert resp.status_code == 405, (other, path, resp.status_code, resp.text)
        body = resp.json()
        assert set(body) == set(schema["required"]), body
        assert body["error"] == "method_not_allowed"
        assert body["message"] == "Phương thức không được hỗ trợ."  # Vietnamese first
        allowed = {m.strip().lower() for m in resp.headers["Allow"].split(",")}
        assert listed <= allowed, (path, listed, allowed)
        tried += 1
    assert tried > 20
