"""The whole queue at a glance (what displays, consoles and /metrics show), in one read."""

from __future__ import annotations

from motcua.queue.context import OpContext
from motcua.queue.models import AT_COUNTER_STATUSES, CounterState, QueueSnapshot, ServiceQueue
from motcua.queue.records import status_list, ticket_from_row
from motcua.queue.timeutil import from_db_req
from motcua.queue.waits import estimate_minutes, mean_service_seconds, open_counters
from motcua.storage import Tx

_AT_COUNTER = status_list(AT_COUNTER_STATUSES)


def snapshot(tx: Tx, ctx: OpContext) -> QueueSnapshot:
    day = ctx.day_text
    paused = {int(r["number"]) for r in tx.all("SELECT number FROM counters WHERE paused = 1")}
    waiting = {
        r["service_code"]: r
        for r in tx.all(
            "SELECT service_code, COUNT(*) AS n, MIN(issued_at) AS oldest FROM tickets"
            " WHERE day = ? AND status = 'waiting' GROUP BY service_code",
            (day,),
        )
    }
    last_called = {
        r["service_code"]: r["last_called"]
        for r in tx.all("SELECT service_code, last_called FROM service_day WHERE day = ?", (day,))
    }
    services = []
    for svc in ctx.config.services:
        w = waiting.get(svc.code)
        n = int(w["n"]) if w else 0
        oldest = max(0, int((ctx.now - from_db_req(w["oldest"])).total_seconds())) if w else 0
        counters_open = open_counters(ctx.config, paused, svc.code)
        mean = mean_service_seconds(tx, ctx.day, svc.code, ctx.config.policy) if n else 0.0
        services.append(
            ServiceQueue(
                code=svc.code,
                name=svc.name,
                name_en=svc.name_en,
                waiting=n,
                estimated_wait_minutes=estimate_minutes(n, mean, counters_open),
                open_counters=counters_open,
                last_called=last_called.get(svc.code),
                oldest_wait_seconds=oldest,
            )
        )
    current = {
        int(r["counter"]): r
        for r in tx.all(
            f"SELECT * FROM tickets WHERE day = ? AND status IN ({_AT_COUNTER})"
            " ORDER BY called_at, id",
            (day,),
        )
    }
    served = {
        int(r["counter"]): int(r["n"])
        for r in tx.all(
            "SELECT counter, COUNT(*) AS n FROM tickets INDEXED BY tickets_done"
            " WHERE day = ? AND status = 'done' AND counter IS NOT NULL GROUP BY counter",
            (day,),
        )
    }
    counters = tuple(
        CounterState(
            number=c.number,
            label=c.label,
            services=c.services,
            paused=c.number in paused,
            current=ticket_from_row(current[c.number]) if c.number in current else None,
            served_today=served.get(c.number, 0),
        )
        for c in ctx.config.counters
    )
    return QueueSnapshot(at=ctx.now, day=ctx.day, services=tuple(services), counters=counters)
