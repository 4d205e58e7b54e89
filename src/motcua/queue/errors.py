"""Queue errors: each carries a stable code and a message in Vietnamese and English.

The server maps them to 4xx responses; the HTTP client maps the responses back
to the same classes, so apps handle one set of errors whether the center is
in-process or across the LAN.
"""

from __future__ import annotations


class QueueError(Exception):
    code = "queue_error"
    http_status = 400

    def __init__(self, message_vi: str, message_en: str = "") -> None:
        super().__init__(message_en or message_vi)
        self.message_vi = message_vi
        self.message_en = message_en or message_vi

    def to_dict(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message_vi, "message_en": self.message_en}


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


class StorageError(QueueError):
    """The database could not record the change (disk full, read-only, locked too long)."""

    code = "storage_error"
    http_status = 503


class CenterUnavailable(QueueError):
    """Raised by remote clients when the center server cannot be reached."""

    code = "center_unavailable"
    http_status = 503


ERRORS_BY_CODE: dict[str, type[QueueError]] = {
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
