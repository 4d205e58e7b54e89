"""The dossier service: the one place every dossier change goes through.

Every write method runs inside ONE storage transaction and ends in ``_record``, which
appends the history step and then calls ``on_change(tx, dossier, step)`` in that same
transaction. That hook is where the portal outbox (issue 11, ``motcua.sync.outbox``)
enqueues its row, so a change and its outbox row commit together or not at all.

The service is the door; the rules sit beside it, one seam each: the rows
(``records``), the papers on disk (``paper_files``: streamed, fsynced, renamed inside
the recording transaction), what creating checks (``intake``), which step may follow
which (``lifecycle``) and what a step writes (``transitions``). Submitting refuses while
a required paper is missing.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from motcua.catalog.papers import Paper
from motcua.catalog.procedure import Procedure
from motcua.clock import Clock, SystemClock
from motcua.dossier import records
from motcua.dossier.calendar import WorkCalendar
from motcua.dossier.codes import split_dossier_code
from motcua.dossier.consent import check_consent
from motcua.dossier.errors import InvalidDossier, PaperTooLarge, WrongState
from motcua.dossier.indicators import DossierIndicators, indicators
from motcua.dossier.intake import (
    CHANNELS,
    ApplicantInput,
    check_channel,
    check_unit_code,
    checked_applicant,
    new_dossier,
    normalise_phone,
)
from motcua.dossier.lifecycle import ACTION_FOR_STATUS, Action, next_status
from motcua.dossier.models import Dossier, Step
from motcua.dossier.paper_files import MAX_PAPER_BYTES, PaperFiles
from motcua.dossier.schema import AREA
from motcua.dossier.status import DossierStatus
from motcua.dossier.transitions import changes, clean_note, portal_changes, require_papers
from motcua.storage import Store, Tx

log = logging.getLogger(__name__)

OnChange = Callable[[Tx, Dossier, Step], None]
# Called in the creating transaction with the full applicant values the center does not
# keep itself (the portal sync seals them until the portal has them: sync/personal.py).
OnIntake = Callable[[Tx, str, ApplicantInput], None]
TicketIssuer = Callable[[Dossier], str]


class DossierService:
    def __init__(
        self,
        db: Store,
        papers_dir: str | Path,
        unit_code: str,
        calendar: WorkCalendar,
        procedures: Callable[[str], Procedure | None],
        clock: Clock | None = None,
        on_change: OnChange | None = None,
        ticket_issuer: TicketIssuer | None = None,
        max_paper_bytes: int = MAX_PAPER_BYTES,
        owns_db: bool = True,
        on_intake: OnIntake | None = None,
    ) -> None:
        """``owns_db=False``: ``db`` is the center's shared store (its queue owns and
        closes it); ``close()`` then leaves it open."""
        self.db = db
        self.unit_code = check_unit_code(unit_code)
        self.calendar = calendar
        self._procedures = procedures
        self.clock = clock or SystemClock()
        self.files = PaperFiles(db, papers_dir, self.clock, max_paper_bytes)
        self.papers_dir = self.files.root
        self.on_change = on_change
        self.ticket_issuer = ticket_issuer
        self.max_paper_bytes = max_paper_bytes
        self._owns_db = owns_db
        self.on_intake = on_intake
        self._secret = self.db.write(self._load_secret)

    @classmethod
    def open(cls, path: str | Path, **kwargs: Any) -> DossierService:
        """The service over its own file ``path`` (papers beside it unless told)."""
        path = Path(path)
        kwargs.setdefault("papers_dir", path.with_name(path.stem + "-papers"))
        return cls(Store(path, [AREA]), **kwargs)

    def close(self) -> None:
        if self._owns_db:
            self.db.close()

    @staticmethod
    def _load_secret(tx: Tx) -> bytes:
        row = tx.one("SELECT value FROM dossier_meta WHERE key = 'id_secret'")
        if row is not None:
            return bytes(row["value"])
        value = secrets.token_bytes(32)
        tx.run("INSERT INTO dossier_meta (key, value) VALUES ('id_secret', ?)", (value,))
        return value

    # ------------------------------------------------------------------ reads
    def get(self, code: str) -> Dossier:
        code = records.normal_code(code)
        return self.db.read(lambda tx: records.require(tx, code))

    def find(self, code_or_qr: str) -> Dossier | None:
        """The dossier a code or receipt QR names, None when unknown (DossierCodeError if none)."""
        code = str(split_dossier_code(code_or_qr))
        return self.db.read(lambda tx: records.load(tx, code))

    def list_open(self, limit: int = 5000) -> list[Dossier]:
        """Dossiers the portal knows that are not closed (status 1, 2, 4, 5, 6, 9),
        oldest first: the ones whose status may move elsewhere (status pulls)."""
        return self.db.read(lambda tx: records.select_open(tx, limit))

    def list(
        self,
        day: date | None = None,
        status: DossierStatus | None = None,
        limit: int = 500,
        ticket: str | None = None,
    ) -> list[Dossier]:
        """Newest first; ``ticket``: the dossiers that took this reception ticket number."""
        return self.db.read(lambda tx: records.select(tx, day, status, ticket, limit))

    def for_ticket(self, ticket_number: str, day: date) -> Dossier | None:
        """The dossier a called reception ticket carries: the one that took ticket
        ``ticket_number`` at submit on center-local ``day`` (numbers restart daily)."""
        if not ticket_number:
            return None
        found = self.list(day=day, ticket=ticket_number, limit=1)
        return found[0] if found else None

    def indicators(self, first: date, last: date) -> DossierIndicators:
        """Decision 766's figures over center-local days ``first``..``last`` (see
        ``motcua.dossier.indicators``); counts only."""
        now = self.clock.now()
        tz = self.calendar.tz
        return self.db.read(lambda tx: indicators(tx, first, last, tz, now))

    def paper_path(self, code: str, n: int) -> Path:
        return self.files.path(self.get(code), n)

    def paper_pdf(self, code: str, n: int) -> bytes:
        """Paper ``n``'s PDF (the counter shows it); UnknownDossier when not scanned."""
        return self.paper_path(code, n).read_bytes()

    # ------------------------------------------------------------------ create
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
        procedure = self._procedures((procedure_code or "").strip())
        if procedure is None:
            raise InvalidDossier(
                f"Không có thủ tục mã {procedure_code!r}", f"no procedure {procedure_code!r}"
            )
        check_channel(channel)
        applicant = checked_applicant(applicant)
        now = self.clock.now()
        consent = check_consent(consent_version, consent_at, now)
        phone = normalise_phone(phone)
        day = now.astimezone(self.calendar.tz).date()

        def op(tx: Tx) -> Dossier:
            code = records.next_code(tx, self.unit_code, day)
            draft = new_dossier(
                str(code), self.unit_code, procedure, applicant, self._secret, phone, channel,
                consent, now,
            )  # fmt: skip
            records.insert(tx, draft, code.sequence, day)
            if self.on_intake is not None:
                self.on_intake(tx, draft.code, applicant)
            return self._record(tx, draft.code, Action.CREATE, DossierStatus.DRAFT, actor, "", now)

        return self.db.write(op)

    # ------------------------------------------------------------------ papers
    def upload_target(self, code: str) -> Path:
        """A fresh temporary file inside the dossier's folder for a streamed upload."""
        return self.files.upload_target(code)

    def put_paper(self, code: str, n: int, data: bytes | Iterable[bytes], actor: str) -> Dossier:
        """Store paper ``n`` from bytes or chunks (in-process callers: the kiosk, tests)."""
        return self.files.put(code, n, data)

    def too_large(self) -> PaperTooLarge:
        return self.files.too_large()

    def attach_paper(self, code: str, n: int, part: Path, actor: str) -> Dossier:
        """Record the uploaded file ``part`` (from ``upload_target``) as paper ``n``."""
        return self.files.attach(code, n, part)

    def delete_paper(self, code: str, n: int, actor: str) -> Dossier:
        return self.files.delete(code, n)

    def discard(self, code: str, actor: str, note: str = "hết thời gian chờ") -> Dossier:
        """Withdraw a draft and delete every page scanned for it (the kiosk's idle timeout)."""
        d = self.get(code)
        if d.status is not DossierStatus.DRAFT:
            raise WrongState(
                f"Hồ sơ {d.code} đã nộp, không hủy được ở đây",
                f"dossier {d.code} is already submitted and cannot be discarded here",
            )
        now = self.clock.now()

        def op(tx: Tx) -> Dossier:
            records.clear_papers(tx, d.code)
            records.update(tx, d.code, {"status": int(DossierStatus.WITHDRAWN)})
            return self._record(tx, d.code, Action.WITHDRAW, DossierStatus.WITHDRAWN, actor,
                                note, now)  # fmt: skip

        result = self.db.write(op)
        self.files.remove_all(d.code)
        return result

    # ------------------------------------------------------------------ lifecycle
    def submit(self, code: str, actor: str) -> Dossier:
        """Status 1 (Mới đăng ký) and a ticket for the reception counter — none for a
        dossier taken in at a counter (``Dossier.walk_in``): the citizen is there."""
        d = self.get(code)
        if not (d.status is DossierStatus.NEW and not d.ticket_number):
            if d.status is DossierStatus.DRAFT:
                require_papers(d)
            d = self.transition(code, Action.SUBMIT, actor)
        if d.walk_in:
            return d
        if self.ticket_issuer is not None and not d.ticket_number:
            number = self.ticket_issuer(d)
            self.db.write(lambda tx: records.update(tx, d.code, {"ticket_number": number}))
            d = self.get(code)
        return d

    def accept(self, code: str, actor: str, note: str = "") -> Dossier:
        return self.transition(code, Action.ACCEPT, actor, note)

    def supplement(self, code: str, note: str, actor: str) -> Dossier:
        return self.transition(code, Action.SUPPLEMENT, actor, note)

    def reject(self, code: str, reason: str, actor: str) -> Dossier:
        return self.transition(code, Action.REJECT, actor, reason)

    def progress(self, code: str, note: str, actor: str) -> Dossier:
        return self.transition(code, Action.PROGRESS, actor, note)

    def finish(self, code: str, actor: str, note: str = "") -> Dossier:
        return self.transition(code, Action.FINISH, actor, note)

    def return_result(self, code: str, actor: str, note: str = "") -> Dossier:
        return self.transition(code, Action.RETURN, actor, note)

    def transition(self, code: str, action: Action, actor: str, note: str = "") -> Dossier:
        note = clean_note(action, note)
        code = records.normal_code(code)
        now = self.clock.now()

        def op(tx: Tx) -> Dossier:
            d = records.require(tx, code)
            to = next_status(d.status, action, accepted=d.accepted_at is not None)
            if action is Action.SUBMIT:
                require_papers(d)
            records.update(tx, code, changes(d, action, to, now, self.calendar, note))
            return self._record(tx, code, action, to, actor, note, now)

        return self.db.write(op)

    def record_portal_step(
        self, code: str, at: datetime, status: DossierStatus, actor: str, note: str, raw: str
    ) -> Dossier:
        """A step recorded elsewhere and pulled from the portal (``raw``: the step as the
        portal holds it): appended to the history, the dossier takes its status, and
        ``on_change`` is NOT called — the portal already has it, it must not go back."""
        code = records.normal_code(code)

        def op(tx: Tx) -> Dossier:
            d = records.require(tx, code)
            records.update(tx, code, portal_changes(d, status, at))
            records.add_step(tx, code, at, ACTION_FOR_STATUS[status], status, actor, note, raw)
            return records.require(tx, code)

        return self.db.write(op)

    # ------------------------------------------------------------------ helpers
    def _record(
        self,
        tx: Tx,
        code: str,
        action: Action,
        status: DossierStatus,
        actor: str,
        note: str,
        now: datetime,
    ) -> Dossier:
        """Append the step and tell ``on_change``, in ``tx``."""
        records.add_step(tx, code, now, action, status, actor, note)
        d = records.require(tx, code)
        if self.on_change is not None:
            self.on_change(tx, d, d.history[-1])
        return d


__all__ = [
    "CHANNELS",
    "MAX_PAPER_BYTES",
    "ApplicantInput",
    "DossierService",
    "Paper",
    "normalise_phone",
]
