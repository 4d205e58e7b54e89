"""Who may call what: ``Authorization: Bearer <token>`` checked against the TokenStore.

Route handlers declare the roles they accept; counter routes also check that a
counter token acts only for its own counter number.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from motcua.queue.errors import Forbidden, Unauthorized
from motcua.queue.models import Ticket
from motcua.server.manage.sessions import COOKIE as SESSION_COOKIE
from motcua.server.tokens import Device, Role, TokenStore

ANY_DEVICE = (Role.KIOSK, Role.COUNTER, Role.DISPLAY, Role.MANAGER, Role.ADMIN)


def parse_bearer(header: str) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _, token = header.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def may(device: Device, *roles: Role) -> bool:
    """The one rule for roles: a device of ``roles`` may, and an admin always may."""
    return device.role is Role.ADMIN or device.role in roles


def may_act_for(device: Device, counter: int) -> bool:
    """A counter token acts only for its own counter; admins for any."""
    return device.role is Role.ADMIN or (device.role is Role.COUNTER and device.counter == counter)


UNAUTHORIZED_MISSING = (
    "Thiếu token thiết bị (Authorization: Bearer ...).",
    "Missing device token (Authorization: Bearer ...).",
)
UNAUTHORIZED_INVALID = (
    "Token thiết bị không hợp lệ hoặc đã bị thu hồi.",
    "The device token is invalid or revoked.",
)


def bearer_token(request: Request) -> str:
    token = parse_bearer(request.headers.get("authorization", ""))
    if token is None:
        raise Unauthorized(*UNAUTHORIZED_MISSING)
    return token


def authenticate(tokens: TokenStore, request: Request) -> Device:
    """The device of the request's bearer token — or, for a read (GET/HEAD) with no
    Authorization header, of the manager's session cookie set by /manage/login."""
    if "authorization" not in request.headers and request.method in ("GET", "HEAD"):
        sessions = getattr(request.app.state, "manager_sessions", None)
        session = request.cookies.get(SESSION_COOKIE, "")
        if sessions is not None and session:
            digest = sessions.token_hash(session)
            device = tokens.by_digest(digest) if digest else None
            if device is None:
                raise Unauthorized(
                    "Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.",
                    "The session has expired; please log in again.",
                )
            return device
    device = tokens.verify(bearer_token(request))
    if device is None:
        raise Unauthorized(*UNAUTHORIZED_INVALID)
    return device


class Require:
    """A FastAPI dependency admitting devices of ``roles`` (admin always); ``roles`` is
    also what the OpenAPI document lists for the route (``x-roles``, 401/403)."""

    def __init__(self, tokens: TokenStore, *roles: Role) -> None:
        self.tokens = tokens
        self.roles = frozenset((*roles, Role.ADMIN))

    async def __call__(self, request: Request) -> Device:
        device = authenticate(self.tokens, request)
        if not may(device, *self.roles):
            raise Forbidden(
                f"Thiết bị loại '{device.role.value}' không được làm việc này.",
                f"A '{device.role.value}' device may not do this.",
            )
        return device


def require(tokens: TokenStore, *roles: Role) -> Require:
    """A FastAPI dependency admitting devices of ``roles`` (admin always)."""
    return Require(tokens, *roles)


def check_counter(device: Device, counter: int) -> None:
    """Raise Forbidden unless ``may_act_for(device, counter)``."""
    if may_act_for(device, counter):
        return
    raise Forbidden(
        f"Token của quầy {device.counter} không được thao tác cho quầy {counter}.",
        f"The token of counter {device.counter} may not act for counter {counter}.",
    )


def check_ticket_counter(device: Device, ticket: Ticket) -> None:
    """Raise Forbidden unless ``ticket`` is at, or was sent to, ``device``'s counter."""
    if device.role is Role.ADMIN:
        return
    if device.role is Role.COUNTER and device.counter in (ticket.counter, ticket.target_counter):
        return
    raise Forbidden(
        f"Số {ticket.display_number} không ở quầy {device.counter}; "
        "quầy chỉ thao tác số thứ tự của quầy mình.",
        f"Ticket {ticket.display_number} is not at counter {device.counter}; "
        "a counter acts only on its own tickets.",
    )


def check_rating_source(device: Device, ticket: Ticket, public_code: str | None) -> None:
    """A rating comes from the counter that served the ticket (its rating tablet holds
    that counter's token) or carries the ticket's public code (printed on the paper)."""
    if device.role is Role.ADMIN:
        return
    if public_code is not None and hmac.compare_digest(public_code, ticket.public_code):
        return
    if device.role is Role.COUNTER and device.counter == ticket.counter:
        return
    raise Forbidden(
        "Chỉ đánh giá được số thứ tự đã phục vụ tại quầy này, "
        "hoặc bằng mã trên phiếu (quét mã QR trên phiếu).",
        "Only a ticket served at this counter can be rated here, "
        "or with the code printed on the ticket (scan its QR).",
    )
