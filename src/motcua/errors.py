"""The one bilingual error base of motcua.

Every error a person may read (a citizen at the kiosk, a clerk, a technician) carries a
stable ``code``, a Vietnamese message (shown first) and an English one (second, and in
logs). Each area derives its own errors from ``MotcuaError`` (``QueueError``,
``DossierCodeError``, ...); the server maps ``http_status`` to a response and the HTTP
client maps the code back to the class, so apps handle one set of errors whether the
center is in-process or across the LAN.

This module sits below everything (it imports nothing of motcua), so the storage layer
can raise ``StorageError`` without knowing any domain.
"""

from __future__ import annotations


class MotcuaError(Exception):
    """A failure with a stable code and a message in Vietnamese and in English."""

    code = "error"
    http_status = 400

    def __init__(self, message_vi: str, message_en: str = "") -> None:
        self.message_vi = message_vi
        self.message_en = message_en or message_vi
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """Both languages, Vietnamese first: what a log line or a CLI prints."""
        if self.message_en and self.message_en != self.message_vi:
            return f"{self.message_vi} / {self.message_en}"
        return self.message_vi

    def to_dict(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message_vi, "message_en": self.message_en}


class StorageError(MotcuaError):
    """The database could not record the change (disk full, read-only, locked too long)."""

    code = "storage_error"
    http_status = 503
