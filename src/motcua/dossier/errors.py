"""Errors of the dossier domain, each with a Vietnamese and an English message.

The server maps them by kind: ``InvalidDossier`` → 400 (422 for validation),
``UnknownDossier`` → 404, ``WrongState`` → 409, ``PaperTooLarge`` → 413.
"""

from __future__ import annotations


class DossierError(Exception):
    status_code = 400
    code = "invalid"

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en

    def to_dict(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message_vi, "message_en": self.message_en}


class InvalidDossier(DossierError):
    status_code = 422
    code = "invalid"


class UnknownDossier(DossierError):
    status_code = 404
    code = "not_found"


class WrongState(DossierError):
    status_code = 409
    code = "wrong_state"


class PaperTooLarge(DossierError):
    status_code = 413
    code = "too_large"
