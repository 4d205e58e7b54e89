"""``/metrics`` in the Prometheus text format, for the operations center.

Only counts and durations: never a number, a name or an ID that could point to a
citizen. Derived from the queue snapshot so it costs one read.
"""

from __future__ import annotations

from datetime import datetime

from motcua.queue.models import QueueSnapshot


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def render_metrics(snapshot: QueueSnapshot, events_total: int, now: datetime) -> str:
    lines: list[str] = []

    def metric(name: str, kind: str, help_text: str, samples: list[tuple[str, float]]) -> None:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} {kind}")
        for labels, value in samples:
            lines.append(f"{name}{labels} {value:g}")

    def svc(code: str) -> str:
        return f'{{service="{_label(code)}"}}'

    metric(
        "motcua_waiting_tickets",
        "gauge",
        "Tickets waiting per service.",
        [(svc(s.code), s.waiting) for s in snapshot.services],
    )
    metric(
        "motcua_oldest_wait_seconds",
        "gauge",
        "How long the longest-waiting ticket of each service has waited (0 when none).",
        [
            (svc(s.code), max(0.0, (now - s.oldest_waiting_at).total_seconds()))
            if getattr(s, "oldest_waiting_at", None)
            else (svc(s.code), 0)
            for s in snapshot.services
        ],
    )
    metric(
        "motcua_estimated_wait_minutes",
        "gauge",
        "Estimated wait of a ticket issued now, per service.",
        [(svc(s.code), s.estimated_wait_minutes) for s in snapshot.services],
    )
    metric(
        "motcua_open_counters",
        "gauge",
        "Counters open (not paused) per service.",
        [(svc(s.code), s.open_counters) for s in snapshot.services],
    )
    open_total = sum(1 for c in snapshot.counters if not c.paused)
    metric("motcua_counters_open_total", "gauge", "Counters not paused.", [("", open_total)])
    metric(
        "motcua_counters_busy_total",
        "gauge",
        "Counters with a called or served ticket.",
        [("", sum(1 for c in snapshot.counters if c.current is not None))],
    )
    metric(
        "motcua_served_today_total",
        "gauge",
        "Tickets served today (all counters).",
        [("", sum(c.served_today for c in snapshot.counters))],
    )
    metric(
        "motcua_tickets_issued_today_total",
        "gauge",
        "Tickets issued today per service.",
        [(svc(s.code), getattr(s, "issued_today", 0)) for s in snapshot.services],
    )
    metric("motcua_events_total", "counter", "Queue events recorded.", [("", events_total)])
    return "\n".join(lines) + "\n"
