"""Build the center's ``DossierService`` from the configuration (the composition root's part).

It lives in ``server/`` because it joins areas: the dossiers live in the center's
database beside the portal outbox (``motcua.sync.outbox``), and every change a portal must
hear of enqueues its row in the SAME transaction (``portal_outbox`` below); a submitted
dossier takes a queue ticket for the reception counter of its procedure's field (issued
right after the dossier's commit through the queue's own API; a failed issue is retried
by submitting again).
"""

from __future__ import annotations

from pathlib import Path

from motcua.catalog.store import Catalog
from motcua.clock import Clock
from motcua.config import Config
from motcua.dossier.calendar import calendar_from_config
from motcua.dossier.lifecycle import Action
from motcua.dossier.models import Dossier, Step
from motcua.dossier.schema import AREA
from motcua.dossier.service import DossierService
from motcua.dossier.status import DossierStatus
from motcua.queue.api import Center
from motcua.storage import Store, Tx
from motcua.sync import outbox
from motcua.sync.portal import DossierPayload, StepPayload

# Steps after which the portal also gets the dossier's new content (dates, status).
_CONTENT_CHANGES = (Action.ACCEPT, Action.REJECT, Action.FINISH, Action.RETURN)


def _iso(value) -> str:
    return value.isoformat() if value else ""


def portal_payload(d: Dossier, unit: str) -> DossierPayload:
    """The dossier as the portal needs it. The center keeps no full ID number or name,
    so the portal gets the masked ones (DOMAIN: MaDoiTuong is the ID number; see docs)."""
    return DossierPayload(
        code=d.code,
        procedure_code=d.procedure_code,
        procedure_name=d.procedure_name,
        received_at=_iso(d.received_at or d.created_at),
        due_at=_iso(d.due_at),
        status=int(d.status),
        applicant_name=d.applicant.masked_name,
        applicant_id=d.applicant.masked_id,
        phone=d.applicant.phone,
        field_name=d.field,
        receipt_number=d.code,
        summary=d.procedure_name,
        channel=1,
        returned_at=_iso(d.returned_at),
        finished_at=_iso(d.finished_at),
        unit=unit,
        note=d.note,
        papers=tuple({"name": p.name, "form": p.form.value} for p in d.papers if p.present),
    )


def portal_outbox(unit: str):
    """The ``on_change`` hook: outbox rows in the dossier change's own transaction."""

    def on_change(tx: Tx, d: Dossier, step: Step) -> None:
        if step.status is DossierStatus.DRAFT or d.received_at is None:
            return  # still being assembled at the kiosk (or discarded): the portal never hears
        now = step.at.timestamp()
        if step.action is Action.SUBMIT:
            outbox.enqueue_dossier(tx, portal_payload(d, unit), created=True, now=now)
            return
        if step.action in _CONTENT_CHANGES:
            outbox.enqueue_dossier(tx, portal_payload(d, unit), created=False, now=now)
        outbox.enqueue_step(
            tx,
            StepPayload(
                dossier_code=d.code,
                actor=step.actor,
                title="",
                at=step.at.isoformat(),
                department="",
                content=step.note or step.action.label_vi,
                status=int(step.status),
                started_at=_iso(d.accepted_at),
                due_at=_iso(d.due_at),
            ),
            now=now,
        )

    return on_change


def reception_service(config: Config, field: str) -> str:
    """The service whose counters receive a dossier of ``field``."""
    d = config.dossier
    return dict(d.reception_by_field).get(field) or d.reception_service or config.services[0].code


def return_service(config: Config) -> str:
    """The service whose counters hand finished results back ("Trả kết quả")."""
    d = config.dossier
    return d.return_service or d.reception_service or config.services[0].code


def open_dossier_service(
    config: Config, db_path: str | Path, clock: Clock, catalog: Catalog, center: Center | None
) -> DossierService:
    db = Path(db_path)
    d = config.dossier

    def issue(dossier: Dossier) -> str:
        assert center is not None
        info = center.issue_ticket(reception_service(config, dossier.field))
        return info.ticket.display_number

    return DossierService(
        Store(db, [AREA, outbox.AREA]),
        papers_dir=d.papers_dir or db.with_name(db.stem + "-papers"),
        unit_code=config.center.unit_code,
        calendar=calendar_from_config(
            config.center.timezone, d.office_hours, d.days_off, d.working_days
        ),
        procedures=catalog.get,
        clock=clock,
        ticket_issuer=issue if center is not None else None,
        max_paper_bytes=d.max_paper_mb * 1024 * 1024,
        on_change=portal_outbox(config.center.unit_code),
    )
