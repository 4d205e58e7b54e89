"""The kiosk's "Tra cứu hồ sơ" over the center's real dossiers.

``ServiceLookup`` answers the ``DossierLookup`` protocol from the center's dossiers (a
``DossierService`` in this process, ``HttpDossiers`` on a joined kiosk); the
demo store (``LocalDossierStore``) is only asked when the real one does not know the
code (a demo kiosk keeps its sample dossiers).
"""

from __future__ import annotations

from typing import Protocol

from motcua.dossier.models import Dossier
from motcua.sync.dossier_status import DossierLookup, DossierRecord


class FindsDossiers(Protocol):
    def find(self, code_or_qr: str) -> Dossier | None: ...


class ServiceLookup:
    def __init__(self, service: FindsDossiers, fallback: DossierLookup | None = None) -> None:
        self._service = service
        self._fallback = fallback

    def lookup(self, code_or_qr_payload: str) -> DossierRecord | None:
        d = self._service.find(code_or_qr_payload)  # DossierCodeError when malformed
        if d is None or not d.status.on_portal:  # a draft is not a dossier yet
            return self._fallback.lookup(code_or_qr_payload) if self._fallback else None
        return DossierRecord(
            code=d.code,
            procedure_name=d.procedure_name,
            applicant_name=d.applicant.masked_name,
            received_at=d.received_at or d.created_at,
            due_at=d.due_at,
            status=d.status,
            status_label_vi=d.status.label_vi,
            note=d.note,
        )
