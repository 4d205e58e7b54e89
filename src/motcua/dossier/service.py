"""The dossier service: the one place every dossier change goes through.

Every write method runs inside ONE storage transaction and ends in ``_record``, which
appends the history step and then calls ``on_change(tx, dossier, step)`` in that same
transaction. That hook is where the portal outbox (issue 11, ``motcua.sync.outbox``)
enqueues its row, so a change and its outbox row commit together or not at all.

Papers are PDFs on disk, one folder per dossier. An upload is streamed into a temporary
file in that folder, checked, fsynced, and renamed to a fresh name inside the
transaction that records it; a crash at any point leaves either the old paper or the
new one recorded, never a dossier that claims a paper it does not have. Submitting
refuses while a required paper is missing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from motcua.catalog.papers import Paper, PaperForm
from motcua.catalog.procedure import Procedure
from motcua.clock import Clock, SystemClock
from motcua.dossier.calendar import WorkCalendar
from motcua.dossier.codes import DossierCode, DossierCodeError, split_dossier_code
from motcua.dossier.consent import Consent, check_consent
from motcua.dossier.errors import InvalidDossier, PaperTooLarge, UnknownDossier, WrongState
from motcua.dossier.indicators import DossierIndicators, indicators
from motcua.dossier.lifecycle import ACTION_FOR_STATUS, RULES, Action, next_status
from motcua.dossier.models import Applicant, Dossier, DossierPaper, Step
from motcua.dossier.schema import AREA
from motcua.dossier.status import DossierStatus
from motcua.logs import mask_id, mask_name
from motcua.queue.issuing import id_hash
from motcua.queue.timeutil import from_db, to_db
from motcua.storage import ReadTx, Row, Store, Tx

log = logging.getLogger(__name__)

MAX_PAPER_BYTES = 20 * 1024 * 1024
CHANNELS = ("kiosk", "counter")
_UNIT = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
_PHONE = re.compile(r"^(?:\+84|0)\d{9,10}$")

OnChange = Callable[[Tx, Dossier, Step], None]
# Called in the creating transaction with the full applicant values the center does not
# keep itself (the portal sync seals them until the portal has them: sync/personal.py).
OnIntake = Callable[[Tx, str, "ApplicantInput"], None]
TicketIssuer = Callable[[Dossier], str]


@dataclass(frozen=True)
class ApplicantInput:
    """What the kiosk or counter learned (from the ID card's QR or typed). Never stored whole."""

    full_name: str
    id_number: str
    address: str = ""


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    if not digits:
        return ""
    if not _PHONE.match(digits):
        raise InvalidDossier(
            "Số điện thoại không hợp lệ (ví dụ 0912345678)",
            "invalid phone number (e.g. 0912345678)",
        )
    return digits


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
        if not _UNIT.match(unit_code):
            raise InvalidDossier(
                f"Mã đơn vị {unit_code!r} không đúng dạng 000.00.00.H56 ([center] unit_code)",
                f"unit code {unit_code!r} is not shaped 000.00.00.H56 ([center] unit_code)",
            )
        self.db = db
        self.papers_dir = Path(papers_dir)
        self.papers_dir.mkdir(parents=True, exist_ok=True)
        self.unit_code = unit_code
        self.calendar = calendar
        self._procedures = procedures
        self.clock = clock or SystemClock()
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
        code = self._code(code)
        found = self.db.read(lambda tx: _load(tx, code))
        if found is None:
            raise UnknownDossier(f"Không tìm thấy hồ sơ {code}", f"no dossier {code}")
        return found

    def find(self, code_or_qr: str) -> Dossier | None:
        """The dossier a code or receipt QR names, None when unknown (DossierCodeError if none)."""
        code = str(split_dossier_code(code_or_qr))
        return self.db.read(lambda tx: _load(tx, code))

    def list_open(self, limit: int = 5000) -> list[Dossier]:
        """Dossiers the portal knows that are not closed (status 1, 2, 4, 5, 6, 9),
        oldest first: the ones whose status may move elsewhere (status pulls)."""
        closed = [int(s) for s in DossierStatus if s.closed or not s.on_portal]
        marks = ",".join("?" * len(closed))

        def run(tx: ReadTx) -> list[Dossier]:
            rows = tx.all(
                f"SELECT code FROM dossier_records WHERE status NOT IN ({marks})"
                " ORDER BY day, sequence LIMIT ?",
                (*closed, int(limit)),
            )
            return [d for r in rows if (d := _load(tx, r["code"])) is not None]

        return self.db.read(run)

    def list(
        self,
        day: date | None = None,
        status: DossierStatus | None = None,
        limit: int = 500,
        ticket: str | None = None,
    ) -> list[Dossier]:
        """Newest first; ``ticket``: the dossiers that took this reception ticket number."""
        where: list[str] = []
        params: list[Any] = []
        if day is not None:
            where.append("day = ?")
            params.append(day.isoformat())
        if status is not None:
            where.append("status = ?")
            params.append(int(status))
        if ticket is not None:
            where.append("ticket_number = ?")
            params.append(ticket)
        sql = "SELECT code FROM dossier_records"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY day DESC, sequence DESC LIMIT ?"
        params.append(int(limit))

        def run(tx: ReadTx) -> list[Dossier]:
            out = []
            for r in tx.all(sql, params):
                d = _load(tx, r["code"])
                if d is not None:
                    out.append(d)
            return out

        return self.db.read(run)

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
        d = self.get(code)
        paper = d.paper(n)
        if paper is None or not paper.present:
            raise UnknownDossier(
                f"Hồ sơ {d.code} chưa có giấy tờ số {n}", f"dossier {d.code} has no paper {n}"
            )
        return self._folder(d.code) / paper.file

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
        if channel not in CHANNELS:
            raise InvalidDossier(
                f"Kênh nộp {channel!r} không hợp lệ", f"channel must be one of {CHANNELS}"
            )
        number = (applicant.id_number or "").strip()
        if not number.isdigit() or len(number) not in (9, 12):
            raise InvalidDossier(
                "Số định danh không hợp lệ (cần 12 hoặc 9 chữ số)",
                "invalid ID number (12 or 9 digits expected)",
            )
        name = " ".join((applicant.full_name or "").split())
        if not name:
            raise InvalidDossier("Thiếu họ và tên người nộp", "the applicant's name is missing")
        now = self.clock.now()
        consent = check_consent(consent_version, consent_at, now)
        who = Applicant(
            mask_name(name), mask_id(number), id_hash(self._secret, number), normalise_phone(phone)
        )
        checklist = procedure.checklist
        working_days = procedure.working_days
        day = now.astimezone(self.calendar.tz).date()

        def op(tx: Tx) -> Dossier:
            seq = tx.one(
                "INSERT INTO dossier_sequences (unit_code, day, last) VALUES (?, ?, 1)"
                " ON CONFLICT (unit_code, day) DO UPDATE SET last = last + 1 RETURNING last",
                (self.unit_code, day.isoformat()),
            )
            assert seq is not None
            if seq["last"] > 9999:
                raise InvalidDossier(
                    "Đã hết số hồ sơ của ngày hôm nay (9999)", "no dossier numbers left today"
                )
            code = str(DossierCode(self.unit_code, day, int(seq["last"])))
            tx.run(
                "INSERT INTO dossier_records (code, unit_code, day, sequence, procedure_code,"
                " procedure_name, field, working_days, channel, status, applicant_name,"
                " applicant_id, id_hash, phone, consent_version, consent_at, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code, self.unit_code, day.isoformat(), int(seq["last"]), procedure.code,
                    procedure.name, procedure.field,
                    working_days if working_days is not None else -1, channel,
                    int(DossierStatus.DRAFT), who.masked_name, who.masked_id, who.id_hash,
                    who.phone, consent.text_version, to_db(consent.accepted_at), to_db(now),
                ),
            )  # fmt: skip
            for n, paper in enumerate(checklist, 1):
                tx.run(
                    "INSERT INTO dossier_papers (code, n, name, form, copies, required)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (code, n, paper.name, paper.form.value, paper.copies, int(paper.required)),
                )
            if self.on_intake is not None:
                self.on_intake(tx, code, ApplicantInput(name, number, applicant.address))
            return self._record(tx, code, Action.CREATE, DossierStatus.DRAFT, actor, "", now)

        return self.db.write(op)

    # ------------------------------------------------------------------ papers
    def upload_target(self, code: str) -> Path:
        """A fresh temporary file inside the dossier's folder for a streamed upload."""
        d = self.get(code)
        self._check_papers_open(d)
        folder = self._folder(d.code)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f".upload-{uuid.uuid4().hex}.part"

    def put_paper(self, code: str, n: int, data: bytes | Iterable[bytes], actor: str) -> Dossier:
        """Store paper ``n`` from bytes or chunks (in-process callers: the kiosk, tests)."""
        target = self.upload_target(code)
        total = 0
        with open(target, "wb") as f:
            for chunk in [data] if isinstance(data, bytes) else data:
                total += len(chunk)
                if total > self.max_paper_bytes:
                    f.close()
                    target.unlink(missing_ok=True)
                    raise self.too_large()
                f.write(chunk)
        return self.attach_paper(code, n, target, actor)

    def too_large(self) -> PaperTooLarge:
        mb = self.max_paper_bytes // (1024 * 1024)
        return PaperTooLarge(
            f"Tệp quá lớn: mỗi giấy tờ tối đa {mb} MB", f"file too large: at most {mb} MB a paper"
        )

    def attach_paper(self, code: str, n: int, part: Path, actor: str) -> Dossier:
        """Record the uploaded file ``part`` (from ``upload_target``) as paper ``n``."""
        try:
            size = part.stat().st_size
            with open(part, "rb") as f:
                head = f.read(5)
                digest = hashlib.sha256(head)
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
                os.fsync(f.fileno())
            if size > self.max_paper_bytes:
                raise self.too_large()
            if head != b"%PDF-":
                raise InvalidDossier("Tệp gửi lên không phải PDF", "the uploaded file is not a PDF")
            final = f"{n:02d}-{digest.hexdigest()[:12]}-{uuid.uuid4().hex[:8]}.pdf"
            now = self.clock.now()
            old: list[str] = []

            def op(tx: Tx) -> Dossier:
                d = self._load_for_papers(tx, code, n)
                old.append(d.paper(n).file)  # type: ignore[union-attr]
                os.replace(part, self._folder(d.code) / final)
                tx.run(
                    "UPDATE dossier_papers SET file = ?, bytes = ?, sha256 = ?, uploaded_at = ?"
                    " WHERE code = ? AND n = ?",
                    (final, size, digest.hexdigest(), to_db(now), d.code, n),
                )
                return self._record(tx, d.code, None, d.status, actor, f"giấy tờ {n}", now)

            result = self.db.write(op)
        finally:
            part.unlink(missing_ok=True)
        if old and old[0]:
            (self._folder(result.code) / old[0]).unlink(missing_ok=True)
        _fsync_dir(self._folder(result.code))
        return result

    def delete_paper(self, code: str, n: int, actor: str) -> Dossier:
        now = self.clock.now()
        old: list[str] = []

        def op(tx: Tx) -> Dossier:
            d = self._load_for_papers(tx, code, n)
            old.append(d.paper(n).file)  # type: ignore[union-attr]
            tx.run(
                "UPDATE dossier_papers SET file = '', bytes = 0, sha256 = '', uploaded_at = NULL"
                " WHERE code = ? AND n = ?",
                (d.code, n),
            )
            return self._record(tx, d.code, None, d.status, actor, f"xóa giấy tờ {n}", now)

        result = self.db.write(op)
        if old and old[0]:
            (self._folder(result.code) / old[0]).unlink(missing_ok=True)
        return result

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
            tx.run(
                "UPDATE dossier_papers SET file = '', bytes = 0, sha256 = '', uploaded_at = NULL"
                " WHERE code = ?",
                (d.code,),
            )
            tx.run(
                "UPDATE dossier_records SET status = ? WHERE code = ?",
                (int(DossierStatus.WITHDRAWN), d.code),
            )
            return self._record(tx, d.code, Action.WITHDRAW, DossierStatus.WITHDRAWN, actor,
                                note, now)  # fmt: skip

        result = self.db.write(op)
        folder = self._folder(d.code)
        if folder.exists():
            for f in folder.iterdir():
                f.unlink(missing_ok=True)
            folder.rmdir()
        return result

    def _check_papers_open(self, d: Dossier) -> None:
        if d.status not in (DossierStatus.DRAFT, DossierStatus.NEW,
                            DossierStatus.SUPPLEMENT_REQUIRED):  # fmt: skip
            raise WrongState(
                f"Hồ sơ {d.code} đang “{d.status.label_vi}”: không thay đổi giấy tờ được nữa",
                f"dossier {d.code} is {d.status.label_en}: its papers can no longer change",
            )

    def _load_for_papers(self, tx: Tx, code: str, n: int) -> Dossier:
        d = _load(tx, self._code(code))
        if d is None:
            raise UnknownDossier(f"Không tìm thấy hồ sơ {code}", f"no dossier {code}")
        self._check_papers_open(d)
        if d.paper(n) is None:
            raise UnknownDossier(
                f"Thủ tục này không có giấy tờ số {n} (có {len(d.papers)} giấy tờ)",
                f"this procedure has no paper {n} (it has {len(d.papers)})",
            )
        return d

    # ------------------------------------------------------------------ lifecycle
    def submit(self, code: str, actor: str) -> Dossier:
        """Status 1 (Mới đăng ký) and a ticket for the reception counter."""
        d = self.get(code)
        if not (d.status is DossierStatus.NEW and not d.ticket_number):
            if d.missing_papers and d.status is DossierStatus.DRAFT:
                names = "; ".join(p.name for p in d.missing_papers)
                raise WrongState(
                    f"Còn thiếu giấy tờ bắt buộc: {names}", f"required papers missing: {names}"
                )
            d = self.transition(code, Action.SUBMIT, actor)
        if self.ticket_issuer is not None and not d.ticket_number:
            number = self.ticket_issuer(d)

            def op(tx: Tx) -> None:
                tx.run(
                    "UPDATE dossier_records SET ticket_number = ? WHERE code = ?", (number, d.code)
                )

            self.db.write(op)
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
        note = " ".join((note or "").split())
        if RULES[action].needs_text and not note:
            raise InvalidDossier(
                f"Cần ghi rõ nội dung cho thao tác “{action.label_vi}”",
                f"'{action.value}' needs a note or reason",
            )
        if len(note) > 2000:
            raise InvalidDossier("Ghi chú quá dài (tối đa 2000 ký tự)", "note too long (max 2000)")
        code = self._code(code)
        now = self.clock.now()

        def op(tx: Tx) -> Dossier:
            d = _load(tx, code)
            if d is None:
                raise UnknownDossier(f"Không tìm thấy hồ sơ {code}", f"no dossier {code}")
            to = next_status(d.status, action, accepted=d.accepted_at is not None)
            if action is Action.SUBMIT and d.missing_papers:
                names = "; ".join(p.name for p in d.missing_papers)
                raise WrongState(
                    f"Còn thiếu giấy tờ bắt buộc: {names}", f"required papers missing: {names}"
                )
            sets: dict[str, Any] = {"status": int(to)}
            if action is Action.SUBMIT:
                sets["received_at"] = to_db(now)
            elif action is Action.ACCEPT:
                sets["accepted_at"] = to_db(now)
                if d.working_days >= 0:  # unknown processing time: no date promised
                    sets["due_at"] = to_db(self.calendar.due_at(now, d.working_days))
            elif action is Action.FINISH:
                sets["finished_at"] = to_db(now)
            elif action is Action.RETURN:
                sets["returned_at"] = to_db(now)
            if note and action in (Action.SUPPLEMENT, Action.REJECT, Action.STOP,
                                   Action.PAYMENT):  # fmt: skip
                sets["note"] = note
            assignments = ", ".join(f"{k} = ?" for k in sets)  # keys are ours, not input
            tx.run(
                f"UPDATE dossier_records SET {assignments} WHERE code = ?", (*sets.values(), code)
            )
            return self._record(tx, code, action, to, actor, note, now)

        return self.db.write(op)

    def record_portal_step(
        self, code: str, at: datetime, status: DossierStatus, actor: str, note: str, raw: str
    ) -> Dossier:
        """A step recorded elsewhere and pulled from the portal (``raw``: the step as the
        portal holds it): appended to the history, the dossier takes its status, and
        ``on_change`` is NOT called — the portal already has it, it must not go back."""
        code = self._code(code)

        def op(tx: Tx) -> Dossier:
            d = _load(tx, code)
            if d is None:
                raise UnknownDossier(f"Không tìm thấy hồ sơ {code}", f"no dossier {code}")
            sets: dict[str, Any] = {"status": int(status)}
            dates = {
                DossierStatus.RECEIVED: ("accepted_at", d.accepted_at),
                DossierStatus.FINISHED: ("finished_at", d.finished_at),
                DossierStatus.RETURNED: ("returned_at", d.returned_at),
            }
            if status in dates and dates[status][1] is None:
                sets[dates[status][0]] = to_db(at)
            assignments = ", ".join(f"{k} = ?" for k in sets)  # keys are ours, not input
            tx.run(
                f"UPDATE dossier_records SET {assignments} WHERE code = ?", (*sets.values(), code)
            )
            tx.run(
                "INSERT INTO dossier_steps (code, at, action, status, actor, note, portal_step)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (code, to_db(at), ACTION_FOR_STATUS[status].value, int(status), actor, note, raw),
            )
            found = _load(tx, code)
            assert found is not None
            return found

        return self.db.write(op)

    # ------------------------------------------------------------------ helpers
    def _record(
        self,
        tx: Tx,
        code: str,
        action: Action | None,
        status: DossierStatus,
        actor: str,
        note: str,
        now: datetime,
    ) -> Dossier:
        """Append the step and tell ``on_change``, in ``tx``. A paper change is not a step
        (the portal learns the papers with the step that follows: submit, accept...)."""
        if action is not None:
            tx.run(
                "INSERT INTO dossier_steps (code, at, action, status, actor, note)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (code, to_db(now), action.value, int(status), actor, note),
            )
        d = _load(tx, code)
        assert d is not None
        if self.on_change is not None and action is not None:
            self.on_change(tx, d, d.history[-1])
        return d

    def _folder(self, code: str) -> Path:
        return self.papers_dir / code

    def _code(self, code: str) -> str:
        try:
            return str(split_dossier_code(code))
        except DossierCodeError as exc:
            raise UnknownDossier(exc.message_vi, exc.message_en) from None


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _load(tx: ReadTx | Tx, code: str) -> Dossier | None:
    row = tx.one("SELECT * FROM dossier_records WHERE code = ?", (code,))
    if row is None:
        return None
    papers = tx.all("SELECT * FROM dossier_papers WHERE code = ? ORDER BY n", (code,))
    steps = tx.all("SELECT * FROM dossier_steps WHERE code = ? ORDER BY id", (code,))
    return _dossier(row, papers, steps)


def _dossier(row: Row, papers: list[Row], steps: list[Row]) -> Dossier:
    return Dossier(
        code=row["code"],
        unit_code=row["unit_code"],
        procedure_code=row["procedure_code"],
        procedure_name=row["procedure_name"],
        field=row["field"],
        working_days=int(row["working_days"]),
        channel=row["channel"],
        status=DossierStatus(int(row["status"])),
        applicant=Applicant(
            row["applicant_name"], row["applicant_id"], row["id_hash"], row["phone"]
        ),
        consent=Consent(row["consent_version"], datetime.fromisoformat(row["consent_at"])),
        created_at=datetime.fromisoformat(row["created_at"]),
        papers=tuple(
            DossierPaper(
                n=int(p["n"]),
                name=p["name"],
                form=PaperForm(p["form"]),
                copies=int(p["copies"]),
                required=bool(p["required"]),
                file=p["file"],
                bytes=int(p["bytes"]),
                sha256=p["sha256"],
                uploaded_at=from_db(p["uploaded_at"]),
            )
            for p in papers
        ),
        received_at=from_db(row["received_at"]),
        accepted_at=from_db(row["accepted_at"]),
        due_at=from_db(row["due_at"]),
        finished_at=from_db(row["finished_at"]),
        returned_at=from_db(row["returned_at"]),
        ticket_number=row["ticket_number"],
        note=row["note"],
        history=tuple(
            Step(
                seq=i,
                at=datetime.fromisoformat(s["at"]),
                action=Action(s["action"]),
                status=DossierStatus(int(s["status"])),
                actor=s["actor"],
                note=s["note"],
                portal_step=s["portal_step"],
            )
            for i, s in enumerate(steps, 1)
        ),
    )


__all__ = ["ApplicantInput", "DossierService", "Paper", "normalise_phone"]
