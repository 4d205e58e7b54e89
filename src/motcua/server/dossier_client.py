"""``HttpDossiers``: the center's dossiers over its HTTP API (issue 10's paths).

A kiosk or counter console joined to a center across the LAN holds one of these where an
embedded center holds its ``DossierService``; the intake and reception flows call the same
methods on either. It rides on the app's ``HttpCenter`` (one session per thread, one token,
the same error mapping): the server's dossier errors come back as the same
``DossierError`` subclasses (``wrong_state`` is ``WrongState``, 409), an unreachable
server as ``CenterUnavailable``. Dossiers come back from their JSON (``Dossier.from_dict``),
so the applicant is only ever the masked name and number.

Who acts is the token's device (the server names it: ``counter:5``, ``kiosk:Sảnh A``), so
the ``actor`` and ``channel`` arguments the in-process service takes are accepted and
not sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from motcua.dossier.codes import DossierCodeError, split_dossier_code
from motcua.dossier.errors import InvalidDossier, PaperTooLarge, UnknownDossier, WrongState
from motcua.dossier.models import Dossier
from motcua.dossier.service import ApplicantInput
from motcua.dossier.status import DossierStatus
from motcua.errors import MotcuaError
from motcua.queue.errors import CenterUnavailable
from motcua.server.client import HttpCenter

# The server's error codes on the dossier routes -> the classes the flows catch. A 422
# from the request's own checks (an empty reason) is a bad dossier request too.
DOSSIER_ERRORS: dict[str, type[MotcuaError]] = {
    InvalidDossier.code: InvalidDossier,
    "invalid_request": InvalidDossier,
    UnknownDossier.code: UnknownDossier,
    "not_found": UnknownDossier,
    WrongState.code: WrongState,
    PaperTooLarge.code: PaperTooLarge,
}
UPLOAD_TIMEOUT = 120.0  # seconds for a paper of up to 20 MB on a slow LAN


class HttpDossiers:
    """The dossier calls of ``DossierService`` that apps make, over ``http``."""

    def __init__(self, http: HttpCenter) -> None:
        self.http = http

    # ------------------------------------------------------------------ transport
    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        return self.http.request_json(method, "/dossiers" + path, errors=DOSSIER_ERRORS, **kwargs)

    def _dossier(self, method: str, path: str, **kwargs: Any) -> Dossier:
        data = self._call(method, path, **kwargs)
        try:
            return Dossier.from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise CenterUnavailable(
                "Máy chủ trung tâm trả lời không đúng định dạng.",
                f"Unexpected dossier from the center server: {exc!r}",
            ) from exc

    @staticmethod
    def _code(code: str) -> str:
        """The normalised code for the path (a malformed one is unknown, as in-process)."""
        try:
            return quote(str(split_dossier_code(code)), safe="")
        except DossierCodeError as exc:
            raise UnknownDossier(exc.message_vi, exc.message_en) from None

    # ------------------------------------------------------------------ reads
    def get(self, code: str) -> Dossier:
        return self._dossier("GET", f"/{self._code(code)}")

    def find(self, code_or_qr: str) -> Dossier | None:
        """The dossier a code or receipt QR names, None when the center has none
        (DossierCodeError when the text holds no code, as in-process)."""
        code = str(split_dossier_code(code_or_qr))
        try:
            return self.get(code)
        except UnknownDossier:
            return None

    def list(
        self,
        day: date | None = None,
        status: DossierStatus | None = None,
        limit: int = 500,
        ticket: str | None = None,
    ) -> list[Dossier]:
        params: dict[str, Any] = {"limit": int(limit)}
        if day is not None:
            params["date"] = day.isoformat()
        if status is not None:
            params["status"] = int(status)
        if ticket is not None:
            params["ticket"] = ticket
        return [Dossier.from_dict(d) for d in self._call("GET", "", params=params)]

    def for_ticket(self, ticket_number: str, day: date) -> Dossier | None:
        if not ticket_number:
            return None
        found = self.list(day=day, ticket=ticket_number, limit=1)
        return found[0] if found else None

    def paper_pdf(self, code: str, n: int) -> bytes:
        resp = self.http.request(
            "GET",
            f"/dossiers/{self._code(code)}/papers/{int(n)}",
            headers={"Accept": "application/pdf"},
            timeout=UPLOAD_TIMEOUT,
            errors=DOSSIER_ERRORS,
        )
        return resp.content

    # ------------------------------------------------------------------ intake
    def create(
        self,
        procedure_code: str,
        applicant: ApplicantInput,
        consent_version: str,
        consent_at: datetime,
        phone: str = "",
        channel: str = "kiosk",
        actor: str = "kiosk",
    ) -> Dossier:
        body = {
            "procedure_code": procedure_code,
            "applicant": {
                "full_name": applicant.full_name,
                "id_number": applicant.id_number,
                "address": applicant.address,
            },
            "phone": phone or None,
            "consent": {"text_version": consent_version, "accepted_at": consent_at.isoformat()},
        }
        return self._dossier("POST", "", json=body)

    def put_paper(self, code: str, n: int, data: bytes | Iterable[bytes], actor: str) -> Dossier:
        raw = data if isinstance(data, bytes) else b"".join(data)
        return self._dossier(
            "PUT",
            f"/{self._code(code)}/papers/{int(n)}",
            data=raw,
            headers={"Content-Type": "application/pdf"},
            timeout=UPLOAD_TIMEOUT,
        )

    def delete_paper(self, code: str, n: int, actor: str) -> Dossier:
        return self._dossier("DELETE", f"/{self._code(code)}/papers/{int(n)}")

    def submit(self, code: str, actor: str) -> Dossier:
        return self._dossier("POST", f"/{self._code(code)}/submit")

    def discard(self, code: str, actor: str, note: str = "") -> Dossier:
        return self._dossier("POST", f"/{self._code(code)}/discard")

    # ------------------------------------------------------------------ reception
    def accept(self, code: str, actor: str, note: str = "") -> Dossier:
        return self._dossier("POST", f"/{self._code(code)}/accept")

    def supplement(self, code: str, note: str, actor: str) -> Dossier:
        return self._dossier("POST", f"/{self._code(code)}/supplement", json={"note": note})

    def reject(self, code: str, reason: str, actor: str) -> Dossier:
        return self._dossier("POST", f"/{self._code(code)}/reject", json={"reason": reason})

    def progress(self, code: str, note: str, actor: str) -> Dossier:
        return self._dossier("POST", f"/{self._code(code)}/progress", json={"note": note})

    def finish(self, code: str, actor: str, note: str = "") -> Dossier:
        return self._dossier("POST", f"/{self._code(code)}/finish")

    def return_result(self, code: str, actor: str, note: str = "") -> Dossier:
        return self._dossier("POST", f"/{self._code(code)}/return")
