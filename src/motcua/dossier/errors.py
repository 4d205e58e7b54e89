"""Errors of the dossier domain, on motcua's one bilingual base (``MotcuaError``).

The server answers each with its ``http_status``: ``InvalidDossier`` 422,
``UnknownDossier`` 404, ``WrongState`` 409, ``PaperTooLarge`` 413.
"""

from __future__ import annotations

from motcua.errors import MotcuaError


class DossierError(MotcuaError):
    code = "invalid_dossier"
    http_status = 400


class InvalidDossier(DossierError):
    code = "invalid_dossier"
    http_status = 422


class UnknownDossier(DossierError):
    code = "dossier_not_found"
    http_status = 404


class WrongState(DossierError):
    code = "wrong_state"
    http_status = 409


class PaperTooLarge(DossierError):
    code = "payload_too_large"
    http_status = 413
