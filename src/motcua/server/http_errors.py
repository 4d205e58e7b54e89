"""Every failure becomes a small JSON body: ``{error, message (Vietnamese), message_en}``.

Bilingual errors (``MotcuaError``) carry their own status and texts; request validation
becomes 422 with a Vietnamese explanation naming the field; unknown routes and methods
get the same shape. Bad input from the wire must never surface as a 500 or a traceback.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match

from motcua.errors import MotcuaError

log = logging.getLogger(__name__)


class JsonResponse(JSONResponse):
    """Compact UTF-8 JSON (Vietnamese stays readable; no jsonable_encoder pass).

    A ``JSONResponse`` so that FastAPI writes a route's ``response_model`` into the
    OpenAPI document (for any other response class it declares a string)."""

    def render(self, content: Any) -> bytes:
        return json_bytes(content)


def json_bytes(content: Any) -> bytes:
    """The one JSON encoding of the API: compact UTF-8, Vietnamese unescaped."""
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error_body(code: str, message_vi: str, message_en: str, **extra: Any) -> dict[str, Any]:
    return {"error": code, "message": message_vi, "message_en": message_en, **extra}


_FIELD_PROBLEMS_VI = {
    "missing": "bị thiếu",
    "string_too_long": "quá dài",
    "string_too_short": "quá ngắn hoặc để trống",
    "string_pattern_mismatch": "không đúng định dạng",
    "string_type": "phải là chuỗi ký tự",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là true/false",
    "less_than_equal": "quá lớn",
    "less_than": "quá lớn",
    "greater_than_equal": "quá nhỏ",
    "greater_than": "quá nhỏ",
    "enum": "không thuộc các giá trị cho phép",
    "literal_error": "không thuộc các giá trị cho phép",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "datetime_parsing": "phải là ngày giờ ISO 8601",
    "datetime_from_date_parsing": "phải là ngày giờ ISO 8601",
    "timezone_aware": "phải có múi giờ (ví dụ +07:00)",
    "json_invalid": "JSON không hợp lệ",
    "model_type": "phải là một đối tượng JSON",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
}


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) if parts else "nội dung yêu cầu"


def validation_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    details = []
    vi, en = [], []
    for err in errors[:10]:
        where = _where(err.get("loc", ()))
        problem = _FIELD_PROBLEMS_VI.get(str(err.get("type", "")), "không hợp lệ")
        vi.append(f"'{where}' {problem}")
        en.append(f"'{where}': {err.get('msg', 'invalid')}")
        details.append({"field": where, "type": err.get("type", "")})
    return error_body(
        "invalid_request",
        "Yêu cầu không hợp lệ: " + "; ".join(vi),
        "Invalid request: " + "; ".join(en),
        details=details,
    )


_HTTP_TEXTS = {
    400: (
        "invalid_request",
        "Không đọc được nội dung yêu cầu (cần JSON UTF-8).",
        "The request body cannot be read (UTF-8 JSON expected).",
    ),
    404: ("not_found", "Không tìm thấy địa chỉ này.", "Not found."),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ.", "Method not allowed."),
    401: ("unauthorized", "Cần đăng nhập bằng token thiết bị.", "A device token is required."),
    403: ("forbidden", "Thiết bị này không được phép.", "This device may not do that."),
}


def allowed_methods(request: Request) -> str:
    """The ``Allow`` of a 405: the methods of every route on the request's path.

    Starlette names only the first route whose path matched; FastAPI makes one route per
    method, so ``GET /api/v1/dossiers`` and ``POST /api/v1/dossiers`` are two, and a
    ``PUT`` there was told ``Allow: POST``."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(MotcuaError)
    async def _queue_error(request: Request, exc: MotcuaError) -> Response:
        return JsonResponse(exc.to_dict(), status_code=exc.http_status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return JsonResponse(validation_body(list(exc.errors())), status_code=422)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 413:  # raised by motcua.server.limits with the limit as detail
            body = error_body(
                "payload_too_large",
                f"Nội dung yêu cầu quá lớn (tối đa {exc.detail}).",
                f"The request body is too large (at most {exc.detail}).",
            )
            return JsonResponse(body, status_code=413, headers=exc.headers)
        code, vi, en = _HTTP_TEXTS.get(
            exc.status_code, ("http_error", "Yêu cầu không thực hiện được.", str(exc.detail))
        )
        headers = exc.headers
        if exc.status_code == 405:
            headers = {**(exc.headers or {}), "Allow": allowed_methods(request)}
        return JsonResponse(error_body(code, vi, en), status_code=exc.status_code, headers=headers)

    @app.exception_handler(ValueError)
    async def _bad_value(request: Request, exc: ValueError) -> Response:
        # The domain rejected a value the schema let through (e.g. a number SQLite
        # cannot hold): the request is at fault, so 422, never a 500.
        log.info("rejected a request value on %s: %s", request.url.path, type(exc).__name__)
        return JsonResponse(
            error_body(
                "invalid_request",
                "Yêu cầu có giá trị không hợp lệ.",
                "The request holds an invalid value.",
            ),
            status_code=422,
        )

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError) -> Response:
        return JsonResponse(
            error_body("invalid_request", "Số quá lớn.", "Number too large."), status_code=422
        )
