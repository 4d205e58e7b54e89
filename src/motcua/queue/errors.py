"""Queue errors: each carries a stable code and a message in Vietnamese and English.

They derive from the one bilingual base, ``motcua.errors.MotcuaError``. The server maps
them to 4xx/5xx responses; the HTTP client maps the responses back to the same classes,
so apps handle one set of errors whether the center is in-process or across the LAN.
``StorageError`` (raised by ``motcua.storage``) is not a QueueError: code that must
handle every failure of a Center call catches ``MotcuaError``.
"""

from __future__ import annotations

from motcua.errors import MotcuaError, StorageError


class QueueError(MotcuaError):
    code = "queue_error"
    http_status = 400


class NotFound(QueueError):
    code = "not_found"
    http_status = 404


class UnknownService(NotFound):
    code = "unknown_service"


class UnknownCounter(NotFound):
    code = "unknown_counter"


class UnknownTicket(NotFound):
    code = "unknown_ticket"


class UnknownAppointment(NotFound):
    code = "unknown_appointment"


class UnknownPriorityGroup(QueueError):
    code = "unknown_priority_group"
    http_status = 422


class InvalidTransition(QueueError):
    """The ticket is not in a state that allows this action (e.g. finish a waiting ticket)."""

    code = "invalid_transition"
    http_status = 409


class NoCurrentTicket(QueueError):
    code = "no_current_ticket"
    http_status = 409


class CounterPaused(QueueError):
    code = "counter_paused"
    http_status = 409


class AlreadyRated(QueueError):
    code = "already_rated"
    http_status = 409


class ReasonRequired(QueueError):
    code = "reason_required"
    http_status = 422


class InvalidRequest(QueueError):
    code = "invalid_request"
    http_status = 422


class Forbidden(QueueError):
    """A device token may not do this (e.g. counter 3 acting for counter 5)."""

    code = "forbidden"
    http_status = 403


class Unauthorized(QueueError):
    code = "unauthorized"
    http_status = 401


class NumbersExhausted(QueueError):
    """Every number of a service's range is held by a live ticket today (no duplicate is made)."""

    code = "numbers_exhausted"
    http_status = 409


class CenterUnavailable(QueueError):
    """Raised by remote clients when the center server cannot be reached."""

    code = "center_unavailable"
    http_status = 503


ERRORS_BY_CODE: dict[str, type[MotcuaError]] = {
    cls.code: cls
    for cls in (
        QueueError,
        NotFound,
        UnknownService,
        UnknownCounter,
        UnknownTicket,
        UnknownAppointment,
        UnknownPriorityGroup,
        InvalidTransition,
        NoCurrentTicket,
        CounterPaused,
        AlreadyRated,
        ReasonRequired,
        InvalidRequest,
        Forbidden,
        Unauthorized,
        NumbersExhausted,
        StorageError,
        CenterUnavailable,
    )
}
