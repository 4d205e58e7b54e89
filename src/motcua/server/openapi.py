"""The OpenAPI document says what the server really answers, errors included.

FastAPI writes the success bodies from each route's ``response_model`` (the models of
``motcua.server.responses``) and the 404/409 a route declares with ``errors(...)``. The
answers that come from below the routes are added here, once, from what produces them,
so no route can forget one:

- 401 and ``security`` for every route behind ``auth.Require`` (and for every body
  request to ``/api/``, which ``limits.BodyGuard`` checks before reading it); 403 when
  the route admits only some roles (``x-roles`` lists them);
- 413 for every request with a body (``BodyGuard``); 400 for a JSON body that is not
  UTF-8 JSON (FastAPI cannot decode it; ``http_errors`` words the answer);
- 422 with the real body (``http_errors.validation_body``), not FastAPI's default;
- 503 (storage) everywhere: every route reads the database, if only for the token;
- 431 and 408, answered by ``limits.GuardedHttpToolsProtocol`` before any route;
- 405 for a method a path does not list (the router, worded by ``http_errors``): no
  operation can carry it (it answers the operations that do not exist), so it is the
  shared response ``MethodNotAllowed`` with its ``Allow`` header, named in ``info``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import BaseModel

from motcua.server.auth import Require
from motcua.server.responses import WHEN, ErrorOut, ValidationErrorOut
from motcua.server.tokens import Role

_BODY_METHODS = frozenset({"post", "put", "patch", "delete"})
_PUBLIC_PREFIXES = ("/api/v1/public/",)
_REF = "#/components/schemas/{model}"

_PROTOCOL_ANSWERS = {
    "431": (
        "HeadersTooLarge",
        "Phần đầu yêu cầu quá lớn / the request head is over 64 KB or 100 fields "
        "(error: headers_too_large; the connection is closed)",
    ),
    "408": (
        "RequestTimeout",
        "Yêu cầu gửi quá chậm / the request head was not complete in time "
        "(error: request_timeout; the connection is closed)",
    ),
}


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` (and ``/openapi.json``) the completed document."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            complete(build(), app)
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _schema(doc: dict[str, Any], model: type[BaseModel]) -> dict[str, str]:
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schema = model.model_json_schema(ref_template=_REF, mode="serialization")
    for name, sub in schema.pop("$defs", {}).items():
        schemas.setdefault(name, sub)
    schemas.setdefault(model.__name__, schema)
    return {"$ref": _REF.format(model=model.__name__)}


def _json(ref: dict[str, str], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def _roles(route: APIRoute) -> frozenset[Role] | None:
    for dep in route.dependant.dependencies:
        if isinstance(dep.call, Require):
            return dep.call.roles
    return None


def complete(doc: dict[str, Any], app: FastAPI) -> None:
    """Add the answers from below the routes to ``doc`` (in place)."""
    error = _schema(doc, ErrorOut)
    invalid = _schema(doc, ValidationErrorOut)
    components = doc["components"]
    components["securitySchemes"] = {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "A device token (`motcua token create ROLE`). The manager's "
            "pages' session cookie also admits GET requests.",
        }
    }
    shared = components.setdefault("responses", {})
    for name, description in _PROTOCOL_ANSWERS.values():
        shared[name] = _json(error, description)
    shared["MethodNotAllowed"] = {
        **_json(error, WHEN[405]),
        "headers": {
            "Allow": {
                "description": "The methods this path has (as listed here), comma-separated",
                "schema": {"type": "string"},
            }
        },
    }
    info = doc.setdefault("info", {})
    info["description"] = (
        info.get("description", "")
        + "\n\nMột phương thức mà đường dẫn không có: 405 (`method_not_allowed`), tiêu đề"
        " `Allow` liệt kê các phương thức của đường dẫn. A method a path does not list is"
        " answered 405 with the `Allow` header (`components/responses/MethodNotAllowed`)."
    ).strip()
    every_role = frozenset(Role)

    for route in app.routes:
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        roles = _roles(route)
        for method in route.methods or ():
            op = doc["paths"].get(route.path_format, {}).get(method.lower())
            if op is None:
                continue
            answers: dict[str, Any] = op.setdefault("responses", {})
            has_body = method.lower() in _BODY_METHODS
            guarded = route.path_format.startswith("/api/") and not route.path_format.startswith(
                _PUBLIC_PREFIXES
            )
            if roles is not None:
                op["security"] = [{"bearer": []}]
                op["x-roles"] = sorted(role.value for role in roles)
                if roles != every_role:
                    answers.setdefault("403", _json(error, WHEN[403]))
            if roles is not None or (has_body and guarded):
                answers.setdefault("401", _json(error, WHEN[401]))
            if has_body:
                answers.setdefault("413", _json(error, WHEN[413]))
            if "application/json" in op.get("requestBody", {}).get("content", {}):
                answers.setdefault("400", _json(error, WHEN[400]))
            if "422" in answers:
                answers["422"] = _json(invalid, WHEN[422])
            answers.setdefault("503", _json(error, WHEN[503]))
            for status, (name, _) in _PROTOCOL_ANSWERS.items():
                answers[status] = {"$ref": f"#/components/responses/{name}"}

    # FastAPI's own 422 models describe a body this server never sends.
    text = repr(doc["paths"])
    for name in ("HTTPValidationError", "ValidationError"):
        if f"/{name}'" not in text:
            components["schemas"].pop(name, None)
