"""The transactional outbox: what the portal must be told, queued with the change itself.

A dossier's creation, its updates and each processing step are rows of ``sync_outbox``,
inserted by ``enqueue_*`` with the caller's ``Tx`` — in the same transaction as the change,
so a change without its row (or a row without its change) cannot exist. The sender
(``motcua.sync.sender``) moves rows through:

    ready ─▶ in_flight ─▶ delivered            (pruned after the retention period)
                 │
                 ├─▶ failed   (next_at: exponential backoff with jitter, capped) ─▶ in_flight
                 └─▶ dead     (a permanent refusal, or max_attempts refusals; a reason)

A dossier's rows go out one at a time, in id order: only the oldest undelivered row of
a dossier is eligible, so a dead row holds its dossier's later rows back (in order, never
around it) until ``retry_dead``. Rows left ``in_flight`` by a crash are made ready again at
start and marked ``uncertain``: the portal may have applied them, so the sender reads the
dossier back before resending. An undelivered row is never deleted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from motcua.storage import Area
from motcua.sync.portal import DossierPayload, StepPayload

READY = "ready"
IN_FLIGHT = "in_flight"
DELIVERED = "delivered"
FAILED = "failed"
DEAD = "dead"
STATES = (READY, IN_FLIGHT, DELIVERED, FAILED, DEAD)

CREATE = "create"
UPDATE = "update"
STEP = "step"

# Numbered migrations of the outbox area (never edit a released step: append one).
STEPS: tuple[str, ...] = (
    """
    CREATE TABLE sync_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        dossier_code TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'step')),
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'ready'
            CHECK (state IN ('ready', 'in_flight', 'delivered', 'failed', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        refusals INTEGER NOT NULL DEFAULT 0,
        uncertain INTEGER NOT NULL DEFAULT 0,
        next_at REAL NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        delivered_at REAL,
        last_error TEXT NOT NULL DEFAULT '',
        last_kind TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX sync_outbox_open ON sync_outbox (dossier_code, id) WHERE state != 'delivered';
    CREATE INDEX sync_outbox_done ON sync_outbox (delivered_at) WHERE state = 'delivered';
    """,
    # 2: the days whose statistics the portal has (pushed once each)
    """
    CREATE TABLE sync_pushes (day TEXT PRIMARY KEY, pushed_at REAL NOT NULL);
    CREATE INDEX sync_outbox_todo ON sync_outbox (id) WHERE state IN ('ready', 'failed');
    """,
    # 3: the applicant's full values, sealed, until the portal has them (sync/personal.py)
    """
    CREATE TABLE sync_personal (
        dossier_code TEXT PRIMARY KEY,
        sealed BLOB NOT NULL,
        created_at REAL NOT NULL
    );
    """,
)
AREA = Area("outbox", STEPS)


class TxLike(Protocol):
    """What the outbox needs of a transaction (``motcua.storage.Tx`` has it)."""

    def one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None: ...

    def all(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]: ...

    def run(self, sql: str, params: Iterable[Any] = ()) -> Any: ...


@dataclass(frozen=True)
class OutboxRow:
    id: int
    dossier_code: str
    kind: str
    payload: dict[str, Any]
    state: str
    attempts: int
    refusals: int
    uncertain: bool
    next_at: float
    created_at: float
    last_error: str = ""
    last_kind: str = ""

    @classmethod
    def from_db(cls, r: dict[str, Any]) -> OutboxRow:
        return cls(
            id=r["id"],
            dossier_code=r["dossier_code"],
            kind=r["kind"],
            payload=json.loads(r["payload"]),
            state=r["state"],
            attempts=r["attempts"],
            refusals=r["refusals"],
            uncertain=bool(r["uncertain"]),
            next_at=r["next_at"],
            created_at=r["created_at"],
            last_error=r.get("last_error", ""),
            last_kind=r.get("last_kind", ""),
        )

    def dossier(self) -> DossierPayload:
        return DossierPayload.from_json(self.payload)

    def step(self) -> StepPayload:
        return StepPayload.from_json(self.payload)


# --------------------------------------------------------------------------- enqueue


def _insert(tx: TxLike, code: str, kind: str, payload: dict[str, Any], now: float) -> int:
    cur = tx.run(
        "INSERT INTO sync_outbox (dossier_code, kind, payload, created_at) VALUES (?, ?, ?, ?)",
        (code, kind, json.dumps(payload, ensure_ascii=False, sort_keys=True), now),
    )
    return int(cur.lastrowid)


def enqueue_dossier(tx: TxLike, dossier: DossierPayload, *, created: bool, now: float) -> int:
    """Queue a dossier's creation (``created``) or its new content, inside ``tx``."""
    return _insert(tx, dossier.code, CREATE if created else UPDATE, dossier.to_json(), now)


def enqueue_step(tx: TxLike, step: StepPayload, *, now: float) -> int:
    """Queue one processing step of a dossier, inside ``tx``."""
    return _insert(tx, step.dossier_code, STEP, step.to_json(), now)


# --------------------------------------------------------------------------- sender's side


def recover(tx: TxLike) -> int:
    """At start: rows a crash left in flight become ready again, and uncertain."""
    cur = tx.run("UPDATE sync_outbox SET state = 'ready', uncertain = 1 WHERE state = 'in_flight'")
    return int(cur.rowcount)


def claim(tx: TxLike, now: float, limit: int, busy: Iterable[str] = ()) -> list[OutboxRow]:
    """Mark up to ``limit`` eligible rows in flight: each the oldest undelivered row of its
    dossier, ready or failed with ``next_at`` passed, its dossier not already in flight."""
    if limit <= 0:
        return []
    busy = set(busy)
    # Walk the to-do rows in id order (partial index) and keep those with no older
    # undelivered row of their dossier (the open index answers that at once).
    rows = tx.all(
        "SELECT o.* FROM sync_outbox o INDEXED BY sync_outbox_todo"
        " WHERE o.state IN ('ready', 'failed') AND o.next_at <= ?"
        " AND NOT EXISTS (SELECT 1 FROM sync_outbox p WHERE p.dossier_code = o.dossier_code"
        "                 AND p.id < o.id AND p.state != 'delivered')"
        " ORDER BY o.id LIMIT ?",
        (now, limit + len(busy)),
    )
    picked = [r for r in rows if r["dossier_code"] not in busy][:limit]
    if picked:
        ids = [r["id"] for r in picked]
        tx.run(
            f"UPDATE sync_outbox SET state = 'in_flight' WHERE id IN ({','.join('?' * len(ids))})",
            ids,
        )
    return [OutboxRow.from_db({**r, "state": IN_FLIGHT}) for r in picked]


def claim_next_of(tx: TxLike, dossier_code: str, now: float) -> OutboxRow | None:
    """The dossier's next row, marked in flight, if it is due (the worker that delivered
    the previous one keeps going: one write per row instead of two)."""
    r = tx.one(
        "SELECT * FROM sync_outbox WHERE dossier_code = ? AND state != 'delivered'"
        " ORDER BY id LIMIT 1",
        (dossier_code,),
    )
    if r is None or r["state"] not in (READY, FAILED) or r["next_at"] > now:
        return None
    tx.run("UPDATE sync_outbox SET state = 'in_flight' WHERE id = ?", (r["id"],))
    return OutboxRow.from_db({**r, "state": IN_FLIGHT})


def mark_delivered(tx: TxLike, row_id: int, now: float) -> None:
    tx.run(
        "UPDATE sync_outbox SET state = 'delivered', delivered_at = ?, attempts = attempts + 1"
        " WHERE id = ?",
        (now, row_id),
    )


def mark_failed(
    tx: TxLike,
    row_id: int,
    *,
    next_at: float,
    kind: str,
    reason: str,
    refused: bool,
    uncertain: bool,
    dead: bool,
) -> None:
    tx.run(
        "UPDATE sync_outbox SET state = ?, next_at = ?, attempts = attempts + 1,"
        " refusals = refusals + ?, uncertain = MAX(uncertain, ?), last_kind = ?, last_error = ?"
        " WHERE id = ?",
        (
            DEAD if dead else FAILED,
            next_at,
            1 if refused else 0,
            1 if uncertain else 0,
            kind,
            reason[:300],
            row_id,
        ),
    )


def release(tx: TxLike, row_id: int, *, uncertain: bool) -> None:
    """Give a claimed row back untried-or-unknown (the sender is stopping, the portal is off)."""
    tx.run(
        "UPDATE sync_outbox SET state = 'ready', uncertain = MAX(uncertain, ?) WHERE id = ?",
        (1 if uncertain else 0, row_id),
    )


def earlier_steps(tx: TxLike, row: OutboxRow) -> list[StepPayload]:
    """The dossier's step rows up to and including ``row`` (still in the table), in order."""
    rows = tx.all(
        "SELECT payload FROM sync_outbox WHERE dossier_code = ? AND kind = 'step' AND id <= ?"
        " ORDER BY id",
        (row.dossier_code, row.id),
    )
    return [StepPayload.from_json(json.loads(r["payload"])) for r in rows]


def prune(tx: TxLike, before: float) -> int:
    """Delete delivered rows older than ``before`` (never an undelivered one)."""
    cur = tx.run(
        "DELETE FROM sync_outbox WHERE state = 'delivered' AND delivered_at < ?", (before,)
    )
    return int(cur.rowcount)


def retry_dead(tx: TxLike, now: float) -> int:
    """Put dead rows back (the cause was fixed): ready, refusal count reset."""
    cur = tx.run(
        "UPDATE sync_outbox SET state = 'ready', refusals = 0, next_at = ? WHERE state = 'dead'",
        (now,),
    )
    return int(cur.rowcount)


@dataclass(frozen=True)
class OutboxStatus:
    by_state: dict[str, int]
    oldest_undelivered_at: float | None
    last_error: str
    last_error_kind: str
    dead: list[dict[str, Any]]

    @property
    def backlog(self) -> int:
        return sum(n for s, n in self.by_state.items() if s != DELIVERED)

    def oldest_age_s(self, now: float) -> float:
        return (
            0.0
            if self.oldest_undelivered_at is None
            else max(0.0, now - self.oldest_undelivered_at)
        )


def undelivered(tx: TxLike) -> int:
    """How many rows are not yet delivered (the backlog; one count on the open-rows index)."""
    r = tx.one("SELECT COUNT(*) AS n FROM sync_outbox WHERE state != 'delivered'")
    return int(r["n"]) if r else 0


def status(tx: TxLike, dead_limit: int = 20) -> OutboxStatus:
    counts = {s: 0 for s in STATES}
    for r in tx.all("SELECT state, COUNT(*) AS n FROM sync_outbox GROUP BY state"):
        counts[r["state"]] = r["n"]
    oldest = tx.one("SELECT MIN(created_at) AS t FROM sync_outbox WHERE state != 'delivered'")
    last = tx.one(
        "SELECT last_error, last_kind FROM sync_outbox WHERE last_error != '' AND"
        " state != 'delivered' ORDER BY id DESC LIMIT 1"
    )
    dead = tx.all(
        "SELECT id, dossier_code, kind, attempts, last_kind, last_error FROM sync_outbox"
        " WHERE state = 'dead' ORDER BY id LIMIT ?",
        (dead_limit,),
    )
    return OutboxStatus(
        by_state=counts,
        oldest_undelivered_at=oldest["t"] if oldest else None,
        last_error=last["last_error"] if last else "",
        last_error_kind=last["last_kind"] if last else "",
        dead=dead,
    )
