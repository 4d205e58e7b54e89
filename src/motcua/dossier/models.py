"""A dossier as the rest of the code sees it: plain frozen values, JSON without personal data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from motcua.catalog.papers import PaperForm
from motcua.dossier.codes import split_dossier_code
from motcua.dossier.consent import Consent
from motcua.dossier.lifecycle import Action, actions_from
from motcua.dossier.status import DossierStatus


@dataclass(frozen=True)
class Applicant:
    """Who submits. Only the masked name, the masked and the keyed hash of the ID number."""

    masked_name: str  # "Nguyễn V. A."
    masked_id: str  # "********3456"
    id_hash: str  # HMAC-SHA256 with the center's secret
    phone: str = ""


@dataclass(frozen=True)
class DossierPaper:
    """Paper ``n`` (1-based) of the dossier's checklist and, once scanned, its PDF."""

    n: int
    name: str
    form: PaperForm
    copies: int
    required: bool
    file: str = ""  # name of the PDF inside the dossier's folder; "" = not scanned
    bytes: int = 0
    sha256: str = ""
    uploaded_at: datetime | None = None

    @classmethod
    def from_record(cls, m: Mapping[str, Any], file: str) -> DossierPaper:
        """The paper from a ``dossier_papers`` row or its API JSON (``to_dict``), which
        share their field names. ``file``: the stored file's name; "" = not scanned (the
        JSON has no name: an app across the LAN passes the digest, see ``Dossier.from_dict``)."""
        return cls(
            n=int(m["n"]),
            name=m["name"],
            form=PaperForm(m["form"]),
            copies=int(m["copies"]),
            required=bool(m["required"]),
            file=file,
            bytes=int(m.get("bytes") or 0),
            sha256=m.get("sha256") or "",
            uploaded_at=_when(m.get("uploaded_at")),
        )

    @property
    def present(self) -> bool:
        return bool(self.file)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "name": self.name,
            "form": self.form.value,
            "form_label": self.form.label_vi,
            "copies": self.copies,
            "required": self.required,
            "present": self.present,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "uploaded_at": self.uploaded_at.isoformat() if self.uploaded_at else None,
        }


@dataclass(frozen=True)
class Step:
    """One line of the append-only history: who did what when, and the status after it."""

    seq: int
    at: datetime
    action: Action
    status: DossierStatus
    actor: str
    note: str = ""
    portal_step: str = ""  # JSON of the step as the portal holds it: pulled from there

    @classmethod
    def from_record(cls, m: Mapping[str, Any], seq: int, portal_step: str) -> Step:
        """The step from a ``dossier_steps`` row or its API JSON (``to_dict``), which share
        their field names; ``seq`` and ``portal_step`` are where they differ."""
        return cls(
            seq=seq,
            at=datetime.fromisoformat(m["at"]),
            action=Action(m["action"]),
            status=DossierStatus(int(m["status"])),
            actor=m.get("actor") or "",
            note=m.get("note") or "",
            portal_step=portal_step,
        )

    @property
    def from_portal(self) -> bool:
        """Recorded elsewhere and pulled from the national portal (not one of ours)."""
        return bool(self.portal_step)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "action": self.action.value,
            "action_label": self.action.label_vi,
            "status": int(self.status),
            "actor": self.actor,
            "note": self.note,
            "from_portal": self.from_portal,
        }


@dataclass(frozen=True)
class Dossier:
    code: str
    unit_code: str
    procedure_code: str
    procedure_name: str
    field: str
    working_days: int
    channel: str  # "kiosk" | "counter"
    status: DossierStatus
    applicant: Applicant
    consent: Consent
    created_at: datetime
    papers: tuple[DossierPaper, ...]
    received_at: datetime | None = None  # submitted (status 1)
    accepted_at: datetime | None = None  # Được tiếp nhận (status 2)
    due_at: datetime | None = None  # ngày hẹn trả
    finished_at: datetime | None = None
    returned_at: datetime | None = None
    ticket_number: str = ""  # the reception ticket issued at submit
    note: str = ""  # the last supplement note / refusal reason
    history: tuple[Step, ...] = ()

    @property
    def walk_in(self) -> bool:
        """Taken in at a counter for a citizen standing there: submitting it issues no
        queue ticket (the citizen is already served), the clerk goes on to reception."""
        return self.channel == "counter"

    @property
    def missing_papers(self) -> list[DossierPaper]:
        return [p for p in self.papers if p.required and not p.present]

    def paper(self, n: int) -> DossierPaper | None:
        return next((p for p in self.papers if p.n == n), None)

    def overdue(self, now: datetime) -> bool:
        """Past its return date and not finished (time waiting for a supplement aside)."""
        return (
            self.due_at is not None
            and now > self.due_at
            and self.status not in (DossierStatus.FINISHED, DossierStatus.RETURNED)
            and not self.status.closed
        )

    def to_dict(self) -> dict[str, Any]:
        """The API's dossier JSON: never the full ID number or name."""

        def iso(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "code": self.code,
            "procedure_code": self.procedure_code,
            "procedure_name": self.procedure_name,
            "field": self.field,
            "working_days": self.working_days,
            "channel": self.channel,
            "status": int(self.status),
            "status_label": self.status.label_vi,
            "status_label_en": self.status.label_en,
            "applicant": {
                "name": self.applicant.masked_name,
                "id_number": self.applicant.masked_id,
                "phone": self.applicant.phone,
            },
            "consent": self.consent.to_dict(),
            "created_at": iso(self.created_at),
            "received_at": iso(self.received_at),
            "accepted_at": iso(self.accepted_at),
            "due_at": iso(self.due_at),
            "finished_at": iso(self.finished_at),
            "returned_at": iso(self.returned_at),
            "ticket_number": self.ticket_number,
            "note": self.note,
            "papers": [p.to_dict() for p in self.papers],
            "missing_papers": [p.n for p in self.missing_papers],
            "actions": [
                a.value for a in actions_from(self.status, accepted=self.accepted_at is not None)
            ],
            "history": [s.to_dict() for s in self.history],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dossier:
        """The dossier back from its API JSON (``to_dict``), as an app across the LAN
        sees it: the masked applicant only (no keyed hash), a paper's file marked by its
        digest (fetch its PDF from the center), a step pulled from the portal marked so."""

        who = data.get("applicant") or {}
        consent = data.get("consent") or {}
        return cls(
            code=data["code"],
            unit_code=split_dossier_code(data["code"]).unit_code,
            procedure_code=data["procedure_code"],
            procedure_name=data.get("procedure_name", ""),
            field=data.get("field", ""),
            working_days=int(data["working_days"]),
            channel=data.get("channel", ""),
            status=DossierStatus(int(data["status"])),
            applicant=Applicant(
                who.get("name", ""), who.get("id_number", ""), "", who.get("phone", "")
            ),
            consent=Consent(
                consent.get("text_version", ""), datetime.fromisoformat(consent["accepted_at"])
            ),
            created_at=datetime.fromisoformat(data["created_at"]),
            papers=tuple(
                DossierPaper.from_record(
                    p, (p.get("sha256") or "remote") if p.get("present") else ""
                )
                for p in data.get("papers", ())
            ),
            received_at=_when(data.get("received_at")),
            accepted_at=_when(data.get("accepted_at")),
            due_at=_when(data.get("due_at")),
            finished_at=_when(data.get("finished_at")),
            returned_at=_when(data.get("returned_at")),
            ticket_number=data.get("ticket_number", ""),
            note=data.get("note", ""),
            history=tuple(
                Step.from_record(s, int(s["seq"]), "portal" if s.get("from_portal") else "")
                for s in data.get("history", ())
            ),
        )


def _when(v: Any) -> datetime | None:
    """A moment as stored or sent (ISO 8601 with its offset); None/"" = not yet."""
    return datetime.fromisoformat(v) if v else None
