"""Statistics of one business day, derived from the append-only event log.

``day_stats(...)`` returns a ``DayStats`` (frozen dataclasses); served as JSON it reads::

    {
      "day": "2026-11-20", "timezone": "Asia/Ho_Chi_Minh",
      "totals": GROUP,
      "by_service": [{"service_code": "HT", "name": "Hộ tịch", "name_en": ..., **GROUP}, ...],
      "by_counter": [{"counter": 1, "label": "Quầy 1", **GROUP}, ...],
      "by_hour":    [{"hour": 9, **GROUP}, ...]        # center-local hours with any activity
    }
    GROUP = {
      "issued": int, "served": int, "no_show": int, "transferred": int,
      "cancelled": int, "expired": int,
      "waiting_seconds": {"count": int, "mean": float|None, "median": ..., "p90": ...},
      "service_seconds": {...same...},
      "ratings": {"rat_hai_long": int, "hai_long": int, "khong_hai_long": int,
                  "rated": int, "satisfaction_rate": float|None}
    }

Where each fact is counted:

- issued: the service it was issued for; hour of issue (no counter).
- waiting time = issue -> first call, counted at the service and counter of that
  first call, and at the hour of issue.
- served / service time = start (or the call, if never started) -> finish, at the
  service, counter and hour of the finish.
- no_show, transferred (at the service and counter it left), cancelled, expired:
  at the moment they happened.
- ratings at the ticket's service and counter, hour of the rating;
  satisfaction_rate = (rất hài lòng + hài lòng) / rated, None when nothing was rated.

p90 is the nearest-rank percentile; times are seconds rounded to 0.1.

Also: ``wait_histogram``, the day's waits (issue -> first call) counted in the bins of
``WAIT_BINS_MINUTES`` (0-5, 5-10, ... 60-90, 90+ minutes), so distributions add up over
days; and per counter ``clerks``, the names signed in there that day (the counter
token's name recorded on each CALLED event), in the order they first called.
"""

from __future__ import annotations

import bisect
import csv
import io
import math
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from motcua.config import Config
from motcua.queue.models import EventKind, Satisfaction
from motcua.queue.records import event_from_row
from motcua.storage import Tx

COUNTS = ("issued", "served", "no_show", "transferred", "cancelled", "expired")
WAIT_BINS_MINUTES = (5, 10, 15, 20, 30, 45, 60, 90)  # bin i: [edge i-1, edge i); last: 90+
LEVELS = tuple(s.value for s in Satisfaction)


@dataclass(frozen=True)
class Durations:
    """Seconds (rounded to 0.1); None when nothing was measured."""

    count: int
    mean: float | None
    median: float | None
    p90: float | None


@dataclass(frozen=True)
class RatingCounts:
    rat_hai_long: int
    hai_long: int
    khong_hai_long: int
    rated: int
    satisfaction_rate: float | None  # (rất hài lòng + hài lòng) / rated

    def count(self, level: Satisfaction) -> int:
        return int(getattr(self, level.value))


@dataclass(frozen=True)
class Figures:
    """What is counted in one group (the day, a service, a counter, an hour)."""

    issued: int
    served: int
    no_show: int
    transferred: int
    cancelled: int
    expired: int
    waiting_seconds: Durations
    service_seconds: Durations
    ratings: RatingCounts


@dataclass(frozen=True)
class ServiceFigures(Figures):
    service_code: str
    name: str
    name_en: str


@dataclass(frozen=True)
class CounterFigures(Figures):
    counter: int
    label: str
    clerks: tuple[str, ...] = ()  # who was signed in (counter tokens' names), first call first


@dataclass(frozen=True)
class HourFigures(Figures):
    hour: int  # center-local


@dataclass(frozen=True)
class DayStats:
    day: date
    timezone: str
    totals: Figures
    by_service: tuple[ServiceFigures, ...]
    by_counter: tuple[CounterFigures, ...]
    by_hour: tuple[HourFigures, ...]  # hours with any activity
    wait_histogram: tuple[int, ...] = ()  # waits per bin of WAIT_BINS_MINUTES (len + 1 bins)

    def service(self, code: str) -> ServiceFigures | None:
        return next((g for g in self.by_service if g.service_code == code), None)

    def counter(self, number: int) -> CounterFigures | None:
        return next((g for g in self.by_counter if g.counter == number), None)


@dataclass
class _Group:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    waiting: list[float] = field(default_factory=list)
    service: list[float] = field(default_factory=list)
    ratings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))

    def fields(self) -> dict[str, Any]:
        """The constructor arguments of ``Figures`` (and of its per-group subclasses)."""
        rated = sum(self.ratings.values())
        good = self.ratings["rat_hai_long"] + self.ratings["hai_long"]
        return {
            **self.counts,
            "waiting_seconds": summary(self.waiting),
            "service_seconds": summary(self.service),
            "ratings": RatingCounts(
                **self.ratings,
                rated=rated,
                satisfaction_rate=round(good / rated, 4) if rated else None,
            ),
        }


def histogram(seconds: list[float]) -> tuple[int, ...]:
    """How many of ``seconds`` fall in each bin of ``WAIT_BINS_MINUTES`` (and past it)."""
    counts = [0] * (len(WAIT_BINS_MINUTES) + 1)
    for value in seconds:
        counts[bisect.bisect_right(WAIT_BINS_MINUTES, value / 60)] += 1
    return tuple(counts)


def summary(values: list[float]) -> Durations:
    if not values:
        return Durations(0, None, None, None)
    ordered = sorted(values)
    p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]
    return Durations(
        count=len(ordered),
        mean=round(statistics.fmean(ordered), 1),
        median=round(statistics.median(ordered), 1),
        p90=round(p90, 1),
    )


class _Tally:
    def __init__(self, config: Config) -> None:
        self.tz = config.center.tz
        self.total = _Group()
        self.services = {s.code: _Group() for s in config.services}
        self.counters = {c.number: _Group() for c in config.counters}
        self.hours: dict[int, _Group] = {}
        self.clerks: dict[int, dict[str, None]] = {}  # per counter, in order of first call

    def groups(self, service: str | None, counter: int | None, at: datetime) -> list[_Group]:
        out = [self.total, self.hours.setdefault(at.astimezone(self.tz).hour, _Group())]
        if service is not None:
            out.append(self.services.setdefault(service, _Group()))
        if counter is not None:
            out.append(self.counters.setdefault(counter, _Group()))
        return out

    def count(self, what: str, service: str | None, counter: int | None, at: datetime) -> None:
        for g in self.groups(service, counter, at):
            g.counts[what] += 1


def day_stats(tx: Tx, config: Config, day: date) -> DayStats:
    tally = _Tally(config)
    issued_at: dict[int, datetime] = {}
    first_called: set[int] = set()
    rows = tx.all("SELECT * FROM events WHERE day = ? ORDER BY id", (day.isoformat(),))
    for ev in map(event_from_row, rows):
        tid = ev.ticket_id
        if ev.kind is EventKind.CALLED and ev.counter is not None and ev.data.get("clerk"):
            tally.clerks.setdefault(ev.counter, {})[str(ev.data["clerk"])] = None
        if ev.kind is EventKind.ISSUED and tid is not None:
            issued_at[tid] = ev.at
            tally.count("issued", ev.service_code, None, ev.at)
        elif ev.kind is EventKind.CALLED and tid is not None and tid not in first_called:
            first_called.add(tid)
            if tid in issued_at:
                wait = (ev.at - issued_at[tid]).total_seconds()
                for g in tally.groups(ev.service_code, ev.counter, issued_at[tid]):
                    g.waiting.append(wait)
        elif ev.kind is EventKind.FINISHED:
            for g in tally.groups(ev.service_code, ev.counter, ev.at):
                g.counts["served"] += 1
                g.service.append(float(ev.data.get("service_seconds", 0.0)))
        elif ev.kind is EventKind.NO_SHOW:
            tally.count("no_show", ev.service_code, ev.counter, ev.at)
        elif ev.kind is EventKind.TRANSFERRED:
            tally.count("transferred", ev.data.get("from_service"), ev.counter, ev.at)
        elif ev.kind is EventKind.CANCELLED:
            tally.count("cancelled", ev.service_code, ev.counter, ev.at)
        elif ev.kind is EventKind.EXPIRED:
            tally.count("expired", ev.service_code, ev.counter, ev.at)
        elif ev.kind is EventKind.RATED and ev.data.get("level") in LEVELS:
            for g in tally.groups(ev.service_code, ev.counter, ev.at):
                g.ratings[ev.data["level"]] += 1

    def svc_row(code: str, g: _Group) -> ServiceFigures:
        cfg = config.service(code)
        return ServiceFigures(
            **g.fields(),
            service_code=code,
            name=cfg.name if cfg else code,
            name_en=cfg.name_en if cfg else code,
        )

    def counter_row(number: int, g: _Group) -> CounterFigures:
        cfg = config.counter(number)
        return CounterFigures(
            **g.fields(),
            counter=number,
            label=cfg.label if cfg else f"Quầy {number}",
            clerks=tuple(tally.clerks.get(number, ())),
        )

    return DayStats(
        day=day,
        timezone=config.center.timezone,
        totals=Figures(**tally.total.fields()),
        by_service=tuple(svc_row(code, g) for code, g in tally.services.items()),
        by_counter=tuple(counter_row(n, g) for n, g in sorted(tally.counters.items())),
        by_hour=tuple(HourFigures(**g.fields(), hour=h) for h, g in sorted(tally.hours.items())),
        wait_histogram=histogram(tally.total.waiting),
    )


CSV_COLUMNS = (
    "group",
    "key",
    "name",
    *COUNTS,
    "waiting_count",
    "waiting_mean_s",
    "waiting_median_s",
    "waiting_p90_s",
    "service_count",
    "service_mean_s",
    "service_median_s",
    "service_p90_s",
    *LEVELS,
    "rated",
    "satisfaction_rate",
)


def to_csv(data: DayStats) -> str:
    """One row per group and key (total, each service, counter, hour); UTF-8 text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)

    def row(group: str, key: Any, name: str, g: Figures) -> list[Any]:
        w, s, r = g.waiting_seconds, g.service_seconds, g.ratings
        return [
            group,
            key,
            name,
            *(getattr(g, c) for c in COUNTS),
            w.count,
            _blank(w.mean),
            _blank(w.median),
            _blank(w.p90),
            s.count,
            _blank(s.mean),
            _blank(s.median),
            _blank(s.p90),
            *(getattr(r, level) for level in LEVELS),
            r.rated,
            _blank(r.satisfaction_rate),
        ]

    writer.writerow(row("total", data.day.isoformat(), "", data.totals))
    for sg in data.by_service:
        writer.writerow(row("service", sg.service_code, sg.name, sg))
    for cg in data.by_counter:
        writer.writerow(row("counter", cg.counter, cg.label, cg))
    for hg in data.by_hour:
        writer.writerow(row("hour", f"{hg.hour:02d}", "", hg))
    return out.getvalue()


def _blank(v: Any) -> Any:
    return "" if v is None else v
