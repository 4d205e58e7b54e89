"""The measurable indicators of Decision 766/QĐ-TTg, computed from the center's own dossiers.

Over a range of center-local days (``first``..``last``):

- **received**: dossiers submitted (``received_at``) in the range;
- **digitized**: of those, the ones whose every required paper was scanned into the
  system (and at least one paper was) — the share of dossiers digitized;
- **finished**: dossiers that reached an end in the range: Đã xử lý xong (9), else
  Đã trả kết quả (10), else Dừng xử lý (8) / Không được tiếp nhận (3) — at the moment
  of that step;
- **on time** / **late**: of the finished ones that had a return date (ngày hẹn trả),
  those finished no later than it, the time spent waiting for the citizen's supplement
  (from a "Yêu cầu bổ sung" step to the next step) not counted (DOMAIN.md). A dossier
  without a return date (refused at reception, no processing time) is not judged;
- **overdue**: dossiers still open now, past their return date (same pause rule), the
  ones waiting for a supplement now aside.

``on_time_rate`` = on time / (on time + late), ``digitized_rate`` = digitized / received
(None when there is nothing to divide). Only counts: no code, name or ID leaves here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from motcua.dossier.lifecycle import Action
from motcua.dossier.status import DossierStatus as S
from motcua.queue.timeutil import from_db_req, to_db
from motcua.storage import ReadTx, Tx

_ENDS = (int(S.FINISHED), int(S.RETURNED), int(S.STOPPED), int(S.NOT_ACCEPTED))
_OPEN = tuple(int(s) for s in S if s not in (S.DRAFT, S.WITHDRAWN) and int(s) not in _ENDS)


@dataclass(frozen=True)
class DossierIndicators:
    received: int = 0
    digitized: int = 0
    finished: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0

    @property
    def on_time_rate(self) -> float | None:
        judged = self.on_time + self.late
        return round(self.on_time / judged, 4) if judged else None

    @property
    def digitized_rate(self) -> float | None:
        return round(self.digitized / self.received, 4) if self.received else None


def paused(steps: list[tuple[datetime, str]], until: datetime) -> timedelta:
    """Time spent waiting for the citizen's supplement after acceptance, up to ``until``.

    ``steps`` are (at, action) in order; a pause runs from a SUPPLEMENT step to the next
    step (or to ``until`` if none came)."""
    total = timedelta(0)
    accepted = False
    since: datetime | None = None
    for at, action in steps:
        if since is not None:
            total += max(timedelta(0), min(at, until) - since)
            since = None
        if action == Action.ACCEPT.value:
            accepted = True
        elif action == Action.SUPPLEMENT.value and accepted:
            since = at
    if since is not None and until > since:
        total += until - since
    return total


def _bounds(first: date, last: date, tz: ZoneInfo) -> tuple[str, str]:
    lo = datetime.combine(first, time.min, tz)
    hi = datetime.combine(last + timedelta(days=1), time.min, tz)
    return to_db(lo), to_db(hi)


def indicators(
    tx: ReadTx | Tx, first: date, last: date, tz: ZoneInfo, now: datetime
) -> DossierIndicators:
    lo, hi = _bounds(first, last, tz)
    # received (creation day first: the index; a draft is submitted the day it is made)
    received = tx.one(
        "SELECT COUNT(*) AS n, SUM(CASE WHEN scanned > 0 AND missing = 0 THEN 1 ELSE 0 END) AS dig"
        " FROM (SELECT r.code,"
        "  (SELECT COUNT(*) FROM dossier_papers p WHERE p.code = r.code AND p.file != '')"
        "   AS scanned,"
        "  (SELECT COUNT(*) FROM dossier_papers p WHERE p.code = r.code AND p.required = 1"
        "   AND p.file = '') AS missing"
        " FROM dossier_records r WHERE r.day BETWEEN ? AND ?"
        " AND r.received_at >= ? AND r.received_at < ?)",
        ((first - timedelta(days=1)).isoformat(), last.isoformat(), lo, hi),
    )
    # finished: the moment of the end step (9, else 10, else 8/3)
    ends = tx.all(
        "SELECT code, due_at, COALESCE(finished_at, returned_at,"
        " (SELECT MAX(s.at) FROM dossier_steps s WHERE s.code = r.code AND s.status = r.status))"
        " AS ended_at FROM dossier_records r"
        f" WHERE status IN ({','.join('?' * len(_ENDS))})",
        _ENDS,
    )
    ends = [e for e in ends if e["ended_at"] is not None and lo <= e["ended_at"] < hi]
    opened = tx.all(
        "SELECT code, due_at, status FROM dossier_records"
        f" WHERE due_at IS NOT NULL AND due_at < ? AND status IN ({','.join('?' * len(_OPEN))})",
        (to_db(now), *_OPEN),
    )
    codes = [e["code"] for e in ends if e["due_at"]] + [o["code"] for o in opened]
    steps = _supplement_steps(tx, codes)
    on_time = late = 0
    for e in ends:
        if not e["due_at"]:
            continue
        ended = from_db_req(e["ended_at"])
        due = from_db_req(e["due_at"]) + paused(steps.get(e["code"], []), ended)
        if ended <= due:
            on_time += 1
        else:
            late += 1
    overdue = 0
    for o in opened:
        if o["status"] == int(S.SUPPLEMENT_REQUIRED):
            continue  # waiting for the citizen: the clock is stopped
        if now > from_db_req(o["due_at"]) + paused(steps.get(o["code"], []), now):
            overdue += 1
    return DossierIndicators(
        received=int(received["n"] or 0) if received else 0,
        digitized=int(received["dig"] or 0) if received else 0,
        finished=len(ends),
        on_time=on_time,
        late=late,
        overdue=overdue,
    )


def _supplement_steps(tx: ReadTx | Tx, codes: list[str]) -> dict[str, list[tuple[datetime, str]]]:
    """The steps of those of ``codes`` that ever waited for a supplement (others have no pause)."""
    out: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    wanted = set(codes)
    if not wanted:
        return out
    rows = tx.all(
        "SELECT code, at, action FROM dossier_steps WHERE code IN"
        " (SELECT DISTINCT code FROM dossier_steps WHERE action = ?) ORDER BY code, id",
        (Action.SUPPLEMENT.value,),
    )
    for r in rows:
        if r["code"] in wanted:
            out[r["code"]].append((from_db_req(r["at"]), r["action"]))
    return out
