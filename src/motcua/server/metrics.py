"""``/metrics`` in the Prometheus text format, for the operations center.

Only counts and durations: never a number, a name or an ID that could point to a
citizen. Built from the queue snapshot and the day's statistics.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from motcua.dossier.indicators import DossierIndicators
from motcua.queue.clock_guard import ClockStatus
from motcua.queue.models import QueueSnapshot
from motcua.queue.stats import DayStats, Figures


def _label(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def render_metrics(snapshot: QueueSnapshot, day_stats: DayStats, events_total: int) -> str:
    lines: list[str] = []

    def metric(name: str, kind: str, help_text: str, samples: list[tuple[str, float]]) -> None:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} {kind}")
        for labels, value in samples:
            lines.append(f"{name}{labels} {value:g}")

    def svc(code: str) -> str:
        return f'{{service="{_label(code)}"}}'

    services = snapshot.services
    metric(
        "motcua_waiting_tickets",
        "gauge",
        "Tickets waiting per service.",
        [(svc(s.code), s.waiting) for s in services],
    )
    metric(
        "motcua_oldest_wait_seconds",
        "gauge",
        "How long the longest-waiting ticket of each service has waited (0 when none).",
        [(svc(s.code), s.oldest_wait_seconds) for s in services],
    )
    metric(
        "motcua_estimated_wait_minutes",
        "gauge",
        "Estimated wait of a ticket issued now, per service.",
        [(svc(s.code), s.estimated_wait_minutes) for s in services],
    )
    metric(
        "motcua_open_counters",
        "gauge",
        "Open (not paused) counters serving each service.",
        [(svc(s.code), s.open_counters) for s in services],
    )
    metric(
        "motcua_counters_open",
        "gauge",
        "Counters not paused.",
        [("", sum(1 for c in snapshot.counters if not c.paused))],
    )
    metric(
        "motcua_counters_busy",
        "gauge",
        "Counters with a called or served ticket.",
        [("", sum(1 for c in snapshot.counters if c.current is not None))],
    )
    for key, help_text in (
        ("issued", "Tickets issued today (center-local day) per service."),
        ("served", "Tickets served today per service."),
        ("no_show", "No-shows today per service."),
    ):
        metric(
            f"motcua_tickets_{key}_today",
            "gauge",
            help_text,
            [(svc(s.code), _count(day_stats.service(s.code), key)) for s in services],
        )
    rate = day_stats.totals.ratings.satisfaction_rate
    if rate is not None:
        metric(
            "motcua_satisfaction_rate_today",
            "gauge",
            "Share of today's ratings that are satisfied or very satisfied.",
            [("", float(rate))],
        )
    metric("motcua_events_total", "counter", "Queue events recorded.", [("", events_total)])
    return "\n".join(lines) + "\n"


def _count(figures: Figures | None, key: str) -> int:
    return int(getattr(figures, key)) if figures is not None else 0


def render_dossier_metrics(today: DossierIndicators, last_30_days: DossierIndicators) -> str:
    """Decision 766's indicators (``motcua.dossier.indicators``): today's counts, the
    dossiers overdue now, and the shares on time and digitized over the last 30 days."""
    out: list[str] = []
    for key, help_text in (
        ("received", "Dossiers received today (center-local day)."),
        ("finished", "Dossiers finished today (9, else 10, else 8/3)."),
        ("on_time", "Dossiers finished today no later than their return date."),
        ("late", "Dossiers finished today after their return date."),
        ("digitized", "Dossiers received today with every required paper scanned."),
    ):
        name = f"motcua_dossiers_{key}_today"
        out += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge"]
        out.append(f"{name} {getattr(today, key)}")
    out += [
        "# HELP motcua_dossiers_overdue Open dossiers past their return date now.",
        "# TYPE motcua_dossiers_overdue gauge",
        f"motcua_dossiers_overdue {last_30_days.overdue}",
    ]
    for key, help_text in (
        ("on_time_rate", "Share of dossiers finished on time, last 30 days (Decision 766)."),
        ("digitized_rate", "Share of dossiers received digitized, last 30 days."),
    ):
        value = getattr(last_30_days, key)
        if value is None:
            continue
        name = f"motcua_dossiers_{key.removesuffix('_rate')}_ratio_30d"
        out += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge", f"{name} {value:g}"]
    return "\n".join(out) + "\n"


def render_clock_metrics(status: ClockStatus) -> str:
    """How far the wall clock jumped against the monotonic clock, and whether the
    business day is held because of it (``motcua.queue.clock_guard``)."""
    return (
        "# HELP motcua_clock_offset_seconds How far the wall clock jumped against the"
        " monotonic clock (0 within 5 minutes).\n"
        "# TYPE motcua_clock_offset_seconds gauge\n"
        f"motcua_clock_offset_seconds {status.offset_seconds:g}\n"
        "# HELP motcua_day_held 1 while the day's rollover is deferred by a clock jump.\n"
        "# TYPE motcua_day_held gauge\n"
        f"motcua_day_held {int(status.day_held)}\n"
    )


class ScrapeCache:
    """``/metrics`` rendered at most once per ``max_age`` seconds, never stale.

    ``/metrics`` is open on the LAN, so it must cost the hall nothing: four scrapers
    polling back to back on a day of 50,000 tickets took ticket issuing to 0.39 of its
    rate when each rendered its own answer, and still to 0.50 when they shared a cached
    text (a thousand requests a second cost as much as the tickets). So a scrape that
    comes within ``max_age`` of the last render waits for the next one, which every
    scrape waiting then shares: back-to-back pollers get one answer a second each, and
    every answer was rendered after its request arrived (a change made before a scrape
    is in it). Prometheus scrapes every 15 s or so and never waits. ``max_age = 0``
    renders every scrape at once.
    """

    def __init__(self, max_age: float) -> None:
        self.max_age = max_age
        self.renders = 0
        self._text = ""
        self._started = float("-inf")  # when the last render began (monotonic)
        self._lock = asyncio.Lock()

    async def get(self, render: Callable[[], Awaitable[str]]) -> str:
        if self.max_age <= 0:
            self.renders += 1
            return await render()
        arrived = time.monotonic()
        async with self._lock:
            if self._started >= arrived:  # rendered while this scrape waited its turn
                return self._text
            wait = self._started + self.max_age - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._started = time.monotonic()
            self._text = await render()
            self.renders += 1
            return self._text
