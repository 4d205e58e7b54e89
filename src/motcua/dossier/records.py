"""The dossier area's rows: read back as ``Dossier`` values, and the writes changes share.

Every statement on ``dossier_records`` / ``dossier_papers`` / ``dossier_steps`` lives here
(the creating insert too), so a column is named in one module; the service decides what
changes and when, inside its transactions, and calls these with the ``tx`` it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from motcua.dossier.codes import DossierCode, DossierCodeError, split_dossier_code
from motcua.dossier.consent import Consent
from motcua.dossier.errors import InvalidDossier, UnknownDossier
from motcua.dossier.lifecycle import Action
from motcua.dossier.models import Applicant, Dossier, DossierPaper, Step
from motcua.dossier.status import DossierStatus
from motcua.queue.timeutil import from_db, to_db
from motcua.storage import ReadTx, Row, Tx

# ------------------------------------------------------------------ reading


def unknown(code: str) -> UnknownDossier:
    return UnknownDossier(f"Không tìm thấy hồ sơ {code}", f"no dossier {code}")


def normal_code(code: str) -> str:
    """``code`` as stored (a receipt's QR text names it too); a malformed one is unknown."""
    try:
        return str(split_dossier_code(code))
    except DossierCodeError as exc:
        raise UnknownDossier(exc.message_vi, exc.message_en) from None


def load(tx: ReadTx | Tx, code: str) -> Dossier | None:
    row = tx.one("SELECT * FROM dossier_records WHERE code = ?", (code,))
    if row is None:
        return None
    papers = tx.all("SELECT * FROM dossier_papers WHERE code = ? ORDER BY n", (code,))
    steps = tx.all("SELECT * FROM dossier_steps WHERE code = ? ORDER BY id", (code,))
    return from_rows(row, papers, steps)


def require(tx: ReadTx | Tx, code: str) -> Dossier:
    """The dossier ``code`` (normalised), UnknownDossier when there is none."""
    found = load(tx, code)
    if found is None:
        raise unknown(code)
    return found


def select(
    tx: ReadTx,
    day: date | None,
    status: DossierStatus | None,
    ticket: str | None,
    limit: int,
) -> list[Dossier]:
    """Newest first, filtered by center-local ``day``, ``status`` and reception ``ticket``."""
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
        sql += " WHERE " + " AND ".join(where)  # the clauses above, never input
    sql += " ORDER BY day DESC, sequence DESC LIMIT ?"
    params.append(int(limit))
    return _loaded(tx, tx.all(sql, params))


def select_open(tx: ReadTx, limit: int) -> list[Dossier]:
    """On the portal and not closed (status 1, 2, 4, 5, 6, 9), oldest first."""
    closed = [int(s) for s in DossierStatus if s.closed or not s.on_portal]
    marks = ",".join("?" * len(closed))
    rows = tx.all(
        f"SELECT code FROM dossier_records WHERE status NOT IN ({marks})"
        " ORDER BY day, sequence LIMIT ?",
        (*closed, int(limit)),
    )
    return _loaded(tx, rows)


def _loaded(tx: ReadTx, rows: list[Row]) -> list[Dossier]:
    return [d for r in rows if (d := load(tx, r["code"])) is not None]


def from_rows(row: Row, papers: list[Row], steps: list[Row]) -> Dossier:
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
        papers=tuple(DossierPaper.from_record(p, p["file"]) for p in papers),
        received_at=from_db(row["received_at"]),
        accepted_at=from_db(row["accepted_at"]),
        due_at=from_db(row["due_at"]),
        finished_at=from_db(row["finished_at"]),
        returned_at=from_db(row["returned_at"]),
        ticket_number=row["ticket_number"],
        note=row["note"],
        history=tuple(Step.from_record(s, i, s["portal_step"]) for i, s in enumerate(steps, 1)),
    )


# ------------------------------------------------------------------ writing


def next_code(tx: Tx, unit_code: str, day: date) -> DossierCode:
    """The next code of ``unit_code`` on ``day``: the sequence is only ever incremented
    in the writing transaction, so a code is never handed out twice."""
    seq = tx.one(
        "INSERT INTO dossier_sequences (unit_code, day, last) VALUES (?, ?, 1)"
        " ON CONFLICT (unit_code, day) DO UPDATE SET last = last + 1 RETURNING last",
        (unit_code, day.isoformat()),
    )
    assert seq is not None
    if seq["last"] > 9999:
        raise InvalidDossier(
            "Đã hết số hồ sơ của ngày hôm nay (9999)", "no dossier numbers left today"
        )
    return DossierCode(unit_code, day, int(seq["last"]))


def insert(tx: Tx, d: Dossier, sequence: int, day: date) -> None:
    """A new dossier's record and its checklist (``d.papers``, none scanned)."""
    tx.run(
        "INSERT INTO dossier_records (code, unit_code, day, sequence, procedure_code,"
        " procedure_name, field, working_days, channel, status, applicant_name,"
        " applicant_id, id_hash, phone, consent_version, consent_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            d.code, d.unit_code, day.isoformat(), sequence, d.procedure_code,
            d.procedure_name, d.field, d.working_days, d.channel, int(d.status),
            d.applicant.masked_name, d.applicant.masked_id, d.applicant.id_hash,
            d.applicant.phone, d.consent.text_version, to_db(d.consent.accepted_at),
            to_db(d.created_at),
        ),
    )  # fmt: skip
    for p in d.papers:
        tx.run(
            "INSERT INTO dossier_papers (code, n, name, form, copies, required)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (d.code, p.n, p.name, p.form.value, p.copies, int(p.required)),
        )


# The columns a change may set on a record (``update``'s keys are checked against it).
RECORD_FIELDS = frozenset(
    {"status", "received_at", "accepted_at", "due_at", "finished_at", "returned_at",
     "ticket_number", "note"}
)  # fmt: skip


def update(tx: Tx, code: str, sets: Mapping[str, Any]) -> None:
    bad = set(sets) - RECORD_FIELDS
    if bad or not sets:
        raise ValueError(f"not a settable dossier column: {sorted(bad)}")
    assignments = ", ".join(f"{k} = ?" for k in sets)  # keys checked above, never input
    tx.run(f"UPDATE dossier_records SET {assignments} WHERE code = ?", (*sets.values(), code))


def add_step(
    tx: Tx,
    code: str,
    at: datetime,
    action: Action,
    status: DossierStatus,
    actor: str,
    note: str,
    portal_step: str = "",
) -> None:
    """One more line of the append-only history (the table refuses UPDATE and DELETE)."""
    tx.run(
        "INSERT INTO dossier_steps (code, at, action, status, actor, note, portal_step)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (code, to_db(at), action.value, int(status), actor, note, portal_step),
    )


def set_paper(tx: Tx, code: str, n: int, file: str, size: int, sha256: str, at: datetime) -> None:
    tx.run(
        "UPDATE dossier_papers SET file = ?, bytes = ?, sha256 = ?, uploaded_at = ?"
        " WHERE code = ? AND n = ?",
        (file, size, sha256, to_db(at), code, n),
    )


def clear_papers(tx: Tx, code: str, n: int | None = None) -> None:
    """Paper ``n`` (every paper when None) back to not scanned."""
    sql = "UPDATE dossier_papers SET file = '', bytes = 0, sha256 = '', uploaded_at = NULL"
    if n is None:
        tx.run(sql + " WHERE code = ?", (code,))
    else:
        tx.run(sql + " WHERE code = ? AND n = ?", (code, n))
