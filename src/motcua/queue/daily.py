"""Finished days' statistics, rolled up once and kept (table ``day_figures``).

A business day's ``DayStats`` is computed by ``motcua.queue.stats`` (the one place that
says how a fact is counted). Once the day is over its figures no longer change, so the
queue keeps them as one row per day — the ``DayStats`` as JSON, no personal data — and
a report over 90 days reads 90 rows instead of replaying some 700,000 events.

- **When**: ``QueueService`` rolls up every finished day without a row at its first
  write of a new day (the rollover, after the unfinished tickets expired) and once when
  it opens (a database migrated from an older release fills its past days then), on a
  background thread, one day per transaction, so no caller waits for history.
- **Late events**: an event recorded for a day that already has a row (a rating of
  yesterday's ticket, yesterday's tickets expiring at the rollover) deletes that row in
  the same transaction (the trigger ``events_reopen_day``, queue schema v4): the day is
  counted live again until the next roll-up. A row is never stale.
- **Rules**: a row records the ``RULES`` it was computed with; a row of other rules is
  treated as missing (counted live, rolled up again). Bump ``RULES`` when ``DayStats``
  or the way a fact is counted changes.
- **Today** is never rolled up: its figures come from the live tally.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date, datetime
from functools import cache
from typing import Any

from motcua.queue.stats import (
    CounterFigures,
    DayStats,
    Durations,
    Figures,
    HourFigures,
    RatingCounts,
    ServiceFigures,
)
from motcua.queue.timeutil import to_db
from motcua.storage import ReadTx, Tx

RULES = 1  # the version of what a row holds; see the module's docstring


def encode(stats: DayStats) -> str:
    return json.dumps(asdict(stats), ensure_ascii=False, default=str, separators=(",", ":"))


@cache
def _names(cls: Any) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _figures(cls: Any, data: dict[str, Any]) -> Any:
    known = _names(cls)
    args = {k: v for k, v in data.items() if k in known}
    args["waiting_seconds"] = Durations(**data["waiting_seconds"])
    args["service_seconds"] = Durations(**data["service_seconds"])
    args["ratings"] = RatingCounts(**data["ratings"])
    if "clerks" in args:
        args["clerks"] = tuple(args["clerks"])
    return cls(**args)


_GROUPS = ("day", "timezone", "totals", "by_service", "by_counter", "by_hour")


def decode(text: str) -> DayStats:
    data = json.loads(text)
    known = _names(DayStats)
    extra: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v
        for k, v in data.items()
        if k in known and k not in _GROUPS
    }
    return DayStats(
        day=date.fromisoformat(data["day"]),
        timezone=data["timezone"],
        totals=_figures(Figures, data["totals"]),
        by_service=tuple(_figures(ServiceFigures, g) for g in data["by_service"]),
        by_counter=tuple(_figures(CounterFigures, g) for g in data["by_counter"]),
        by_hour=tuple(_figures(HourFigures, g) for g in data["by_hour"]),
        **extra,
    )


class KeptDays:
    """Decoded kept days, remembered by (day, through_event): a kept row never changes
    (a late event deletes it; it comes back with a higher ``through_event``), so a report
    asked again decodes nothing it decoded before. Bounded; thread-safe enough for a cache
    (a lost race decodes a row twice)."""

    def __init__(self, size: int = 800) -> None:
        self.size = size
        self._days: dict[tuple[str, int], DayStats] = {}

    def stored(self, tx: ReadTx | Tx, first: date, last: date) -> dict[date, DayStats]:
        """The kept days of ``first``..``last`` (current rules only)."""
        keys = tx.all(
            "SELECT day, through_event FROM day_figures WHERE day BETWEEN ? AND ? AND rules = ?",
            (first.isoformat(), last.isoformat(), RULES),
        )
        out: dict[date, DayStats] = {}
        for k in keys:
            key = (k["day"], int(k["through_event"]))
            found = self._days.get(key)
            if found is None:
                row = tx.one("SELECT data FROM day_figures WHERE day = ?", (k["day"],))
                if row is None:
                    continue
                found = decode(row["data"])
                if len(self._days) >= self.size:
                    self._days.pop(next(iter(self._days)))
                self._days[key] = found
            out[found.day] = found
        return out


def pending(tx: ReadTx | Tx, today: date) -> list[date]:
    """Finished days (before ``today``) that have events and no row of the current rules.

    The days with events are found by one index seek per day (from each day to the next
    one in ``events_day``), not by reading every event of the history."""
    rows = tx.all(
        "WITH RECURSIVE d(day) AS (SELECT MIN(day) FROM events UNION ALL"
        " SELECT (SELECT MIN(e.day) FROM events e WHERE e.day > d.day) FROM d WHERE d.day < ?)"
        " SELECT day FROM d WHERE day IS NOT NULL AND day < ?"
        " EXCEPT SELECT day FROM day_figures WHERE rules = ? ORDER BY day",
        (today.isoformat(), today.isoformat(), RULES),
    )
    return [date.fromisoformat(r["day"]) for r in rows]


def keep(tx: Tx, stats: DayStats, through_event: int, now: datetime) -> bool:
    """Store a finished day's figures computed from its events up to ``through_event``.

    Nothing is stored (False) if an event of that day was recorded after them: the
    next roll-up counts it."""
    later = tx.one(
        "SELECT 1 AS x FROM events WHERE id > ? AND day = ? LIMIT 1",
        (through_event, stats.day.isoformat()),
    )
    if later is not None:
        return False
    tx.run(
        "INSERT INTO day_figures (day, rules, data, through_event, rolled_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(day) DO UPDATE SET rules = excluded.rules,"
        " data = excluded.data, through_event = excluded.through_event,"
        " rolled_at = excluded.rolled_at",
        (stats.day.isoformat(), RULES, encode(stats), through_event, to_db(now)),
    )
    return True


def last_event_id(tx: ReadTx | Tx) -> int:
    row = tx.one("SELECT MAX(id) AS m FROM events")
    return int(row["m"] or 0) if row else 0
