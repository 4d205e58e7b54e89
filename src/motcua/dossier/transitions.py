"""What a step writes on a dossier's record: its status and the dates that go with it.

``lifecycle`` says which step may follow which; this says what each one sets (the time
received, accepted with the return date, finished, returned; the last supplement note or
refusal reason), for our own steps and for those pulled from the portal. Pure functions
over values: the service applies them in its transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from motcua.dossier.calendar import WorkCalendar
from motcua.dossier.errors import InvalidDossier, WrongState
from motcua.dossier.lifecycle import RULES, Action
from motcua.dossier.models import Dossier
from motcua.dossier.status import DossierStatus
from motcua.queue.timeutil import to_db

MAX_NOTE = 2000
# The steps whose text is kept on the record as "the last note" (shown at the counter
# and on the slips); a processing step's note stays in the history only.
_KEPT_NOTE = frozenset({Action.SUPPLEMENT, Action.REJECT, Action.STOP, Action.PAYMENT})


def clean_note(action: Action, note: str) -> str:
    """The note with its whitespace folded; InvalidDossier when the step needs one and has
    none, or it is too long."""
    note = " ".join((note or "").split())
    if RULES[action].needs_text and not note:
        raise InvalidDossier(
            f"Cần ghi rõ nội dung cho thao tác “{action.label_vi}”",
            f"'{action.value}' needs a note or reason",
        )
    if len(note) > MAX_NOTE:
        raise InvalidDossier(
            f"Ghi chú quá dài (tối đa {MAX_NOTE} ký tự)", f"note too long (max {MAX_NOTE})"
        )
    return note


def require_papers(d: Dossier) -> None:
    """WrongState (409) while a required paper of ``d`` is not scanned: it cannot be submitted."""
    if d.missing_papers:
        names = "; ".join(p.name for p in d.missing_papers)
        raise WrongState(
            f"Còn thiếu giấy tờ bắt buộc: {names}", f"required papers missing: {names}"
        )


def changes(
    d: Dossier,
    action: Action,
    to: DossierStatus,
    now: datetime,
    calendar: WorkCalendar,
    note: str,
) -> dict[str, Any]:
    """The record's columns our step ``action`` (to status ``to``, at ``now``) sets."""
    sets: dict[str, Any] = {"status": int(to)}
    if action is Action.SUBMIT:
        sets["received_at"] = to_db(now)
    elif action is Action.ACCEPT:
        sets["accepted_at"] = to_db(now)
        if d.working_days >= 0:  # unknown processing time: no date promised
            sets["due_at"] = to_db(calendar.due_at(now, d.working_days))
    elif action is Action.FINISH:
        sets["finished_at"] = to_db(now)
    elif action is Action.RETURN:
        sets["returned_at"] = to_db(now)
    if note and action in _KEPT_NOTE:
        sets["note"] = note
    return sets


def portal_changes(d: Dossier, status: DossierStatus, at: datetime) -> dict[str, Any]:
    """The columns a step recorded elsewhere (pulled from the portal) sets: its status,
    and the date that status stands for when ours has none yet."""
    sets: dict[str, Any] = {"status": int(status)}
    dates = {
        DossierStatus.RECEIVED: ("accepted_at", d.accepted_at),
        DossierStatus.FINISHED: ("finished_at", d.finished_at),
        DossierStatus.RETURNED: ("returned_at", d.returned_at),
    }
    if status in dates and dates[status][1] is None:
        sets[dates[status][0]] = to_db(at)
    return sets
