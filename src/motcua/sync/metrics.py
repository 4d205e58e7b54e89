"""The outbox's lines of ``/metrics`` (Prometheus text): counts and ages, never a dossier."""

from __future__ import annotations

from motcua.sync.portal import KINDS
from motcua.sync.runtime import SyncFigures


def render_sync_metrics(f: SyncFigures) -> str:
    lines: list[str] = []

    def metric(name: str, kind: str, help_text: str, samples: list[tuple[str, float]]) -> None:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} {kind}")
        lines.extend(f"{name}{labels} {value:g}" for labels, value in samples)

    metric(
        "motcua_outbox_backlog",
        "gauge",
        "Outbox rows not yet delivered to the portal.",
        [("", f.backlog)],
    )
    metric(
        "motcua_outbox_rows",
        "gauge",
        "Outbox rows per state.",
        [(f'{{state="{s}"}}', n) for s, n in sorted(f.by_state.items())],
    )
    metric(
        "motcua_outbox_oldest_undelivered_seconds",
        "gauge",
        "Age of the oldest undelivered outbox row (0 when none).",
        [("", f.oldest_age_s)],
    )
    metric(
        "motcua_outbox_dead_rows",
        "gauge",
        "Outbox rows given up (need `motcua sync retry-dead`).",
        [("", f.dead)],
    )
    metric(
        "motcua_portal_deliveries_total",
        "counter",
        "Rows delivered to the portal since start.",
        [("", f.delivered)],
    )
    metric(
        "motcua_portal_already_held_total",
        "counter",
        "Rows found already held by the portal on read-back (not resent).",
        [("", f.already_there)],
    )
    kinds = sorted(set(KINDS) | set(f.failures))
    metric(
        "motcua_portal_failures_total",
        "counter",
        "Failed portal deliveries since start, by kind.",
        [(f'{{kind="{k}"}}', f.failures.get(k, 0)) for k in kinds],
    )
    return "\n".join(lines) + "\n"
