"""The center's dossiers as the portal sees them, both ways.

- Intake: ``intake_hook`` seals the applicant's full values for the portal (``personal``).
- Out: ``portal_outbox`` is the dossier service's ``on_change`` hook: the outbox rows of a
  change, in the change's own transaction (create at submit; an update after the steps
  that change the content; a step row for every step after submit).
- In: ``status_puller`` reads the open dossiers back (``DossierService.list_open``) and
  records the steps the portal holds and we do not (``record_portal_step``: history and
  status, never sent back). A pulled step keeps the portal's own JSON, so ``our_steps``
  offers it verbatim and the next pass does not take it again.

One rule decides which of our steps the portal has been sent (``sent_to_portal``), used by
the hook and by the pull's comparison alike.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime

from motcua.dossier.lifecycle import Action
from motcua.dossier.models import Dossier, Step
from motcua.dossier.service import ApplicantInput, DossierService
from motcua.dossier.status import DossierStatus
from motcua.storage import Tx
from motcua.sync import outbox, personal
from motcua.sync.personal import Sealer
from motcua.sync.portal import DossierPayload, Portal, StepPayload
from motcua.sync.pulls import StatusPuller

# Steps after which the portal also gets the dossier's new content (dates, status).
_CONTENT_CHANGES = (Action.ACCEPT, Action.REJECT, Action.FINISH, Action.RETURN)


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def portal_payload(d: Dossier, unit: str) -> DossierPayload:
    """The dossier as the portal needs it, with the masked name and ID number: the sender
    puts the full ones in just before sending (``motcua.sync.personal``)."""
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


def sent_to_portal(d: Dossier, step: Step) -> bool:
    """Is ``step`` one the portal gets as a processing step from us? (Not a draft's, not
    the creation or the submission — that is the dossier itself —, not a pulled one.)"""
    return (
        step.status is not DossierStatus.DRAFT
        and d.received_at is not None
        and step.action not in (Action.CREATE, Action.SUBMIT)
        and not step.from_portal
    )


def step_payload(d: Dossier, step: Step) -> StepPayload:
    return StepPayload(
        dossier_code=d.code,
        actor=step.actor,
        title="",
        at=step.at.isoformat(),
        department="",
        content=step.note or step.action.label_vi,
        status=int(step.status),
        started_at=_iso(d.accepted_at),
        due_at=_iso(d.due_at),
    )


def our_steps(d: Dossier) -> list[StepPayload]:
    """The dossier's steps as the portal should hold them, in order: ours as we sent
    them, pulled ones as the portal gave them."""
    out = []
    for s in d.history:
        if s.from_portal:
            out.append(StepPayload.from_json(json.loads(s.portal_step)))
        elif sent_to_portal(d, s):
            out.append(step_payload(d, s))
    return out


def portal_outbox(unit: str) -> Callable[[Tx, Dossier, Step], None]:
    """The ``on_change`` hook: outbox rows in the dossier change's own transaction."""

    def on_change(tx: Tx, d: Dossier, step: Step) -> None:
        if d.received_at is None and d.status.closed:
            personal.erase(tx, d.code)  # a discarded draft: its sealed values go
        if step.status is DossierStatus.DRAFT or d.received_at is None:
            return  # still being assembled at the kiosk (or discarded): the portal never hears
        now = step.at.timestamp()
        if step.action is Action.SUBMIT:
            outbox.enqueue_dossier(tx, portal_payload(d, unit), created=True, now=now)
            return
        if step.action in _CONTENT_CHANGES:
            outbox.enqueue_dossier(tx, portal_payload(d, unit), created=False, now=now)
        if sent_to_portal(d, step):
            outbox.enqueue_step(tx, step_payload(d, step), now=now)

    return on_change


def intake_hook(sealer: Sealer) -> Callable[[Tx, str, ApplicantInput], None]:
    """The dossier service's ``on_intake``: the full values sealed for the portal."""

    def on_intake(tx: Tx, code: str, who: ApplicantInput) -> None:
        personal.keep(
            tx,
            sealer,
            code,
            name=who.full_name,
            id_number=who.id_number,
            address=who.address,
            now=time.time(),
        )

    return on_intake


def record_pulled(service: DossierService, code: str, step: StepPayload) -> None:
    """Record a step the portal holds and we do not (recorded elsewhere)."""
    try:
        status = DossierStatus(step.status)
    except ValueError:
        status = DossierStatus.PROCESSING  # a status we do not know: still being processed
    if not status.on_portal:
        status = DossierStatus.PROCESSING
    try:
        at = datetime.fromisoformat(step.at)
    except ValueError:
        at = service.clock.now()
    if at.tzinfo is None:
        at = at.replace(tzinfo=service.calendar.tz)
    raw = json.dumps(step.to_json(), ensure_ascii=False, sort_keys=True)
    service.record_portal_step(code, at, status, step.actor, step.content, raw)


def status_puller(
    portal: Portal,
    service: DossierService,
    *,
    per_minute: int,
    sleep: Callable[[float], object],
    stopping: Callable[[], bool] = lambda: False,
) -> StatusPuller:
    """A ``StatusPuller`` over the center's open dossiers."""

    def open_dossiers() -> list[tuple[str, list[StepPayload]]]:
        return [(d.code, our_steps(d)) for d in service.list_open()]

    def apply(code: str, step: StepPayload) -> None:
        record_pulled(service, code, step)

    return StatusPuller(
        portal, open_dossiers, apply, per_minute=per_minute, sleep=sleep, stopping=stopping
    )
