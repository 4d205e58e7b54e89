"""Property test: random sequences of operations never give two live tickets one number
and never lose a ticket."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.clock import FakeClock
from motcua.config import Numbering
from motcua.queue.errors import QueueError, StorageError
from motcua.queue.models import CitizenInfo
from motcua.queue.service import QueueService

# Logic, not durability, is under test here: a RAM disk (where present) keeps the
# fsyncs of hundreds of short runs from dominating the suite's time.
FAST_DIR = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
COUNTERS = (1, 2, 3, 6)
issue = st.tuples(
    st.just("issue"),
    st.sampled_from(["HT", "CT", "DD"]),
    st.booleans(),
    st.sampled_from([None, None, "001090000001", "001090000002"]),  # some with an ID card
)
op = st.one_of(
    issue,  # issuing is weighted up so that ranges wrap and run out
    issue,
    issue,
    issue,
    st.tuples(st.just("call"), st.sampled_from(COUNTERS)),
    st.tuples(st.just("recall"), st.sampled_from(COUNTERS)),
    st.tuples(st.just("start"), st.sampled_from(COUNTERS)),
    st.tuples(st.just("finish"), st.sampled_from(COUNTERS)),
    st.tuples(st.just("no_show"), st.sampled_from(COUNTERS)),
    st.tuples(
        st.just("transfer"),
        st.sampled_from(COUNTERS),
        st.sampled_from([None, "HT", "CT", "DD"]),
        st.sampled_from([None, 1, 6]),
    ),
    st.tuples(st.just("cancel"), st.integers(0, 30)),
    st.tuples(st.just("restore"), st.integers(0, 30)),
    st.tuples(st.just("pause"), st.sampled_from(COUNTERS), st.booleans()),
    st.tuples(st.just("wait"), st.integers(1, 240)),  # minutes: crosses midnight sometimes
)


def tiny_config(config):
    """Ranges of 4 numbers so that wraps and exhaustion happen within a few operations."""
    ranges = {"HT": (11, 14), "CT": (21, 24), "DD": (1, 4)}
    services = tuple(
        replace(s, numbering=Numbering("range", start=ranges[s.code][0], end=ranges[s.code][1]))
        if s.code in ranges
        else s
        for s in config.services
    )
    return replace(config, services=services)


def apply(svc: QueueService, clock: FakeClock, step, issued: list) -> None:
    kind, *args = step
    if kind == "issue":
        service, prio, id_number = args
        citizen = CitizenInfo(id_number, "Lê Văn Cường") if id_number else None
        info = svc.issue_ticket(
            service, priority_group="elderly" if prio else None, citizen=citizen
        )
        if info.existing:  # the same card's active ticket of that service, not a new one
            assert info.ticket.status.active and info.ticket.service_code == service
            assert info.ticket.has_citizen_id and info.ticket.id in {t.id for t in issued}
        else:
            issued.append(info.ticket)
    elif kind == "call":
        svc.call_next(args[0])
    elif kind in ("recall", "start", "finish", "no_show"):
        getattr(svc, kind)(args[0])
    elif kind == "transfer":
        svc.transfer(args[0], to_service=args[1], to_counter=args[2])
    elif kind in ("cancel", "restore"):
        if issued:
            getattr(svc, kind)(issued[args[0] % len(issued)].id)
    elif kind == "pause":
        (svc.pause if args[1] else svc.resume)(args[0])
    elif kind == "wait":
        clock.advance(minutes=args[0])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(op, min_size=25, max_size=80))
def test_random_operations_keep_the_invariants(config, steps) -> None:
    clock = FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    with tempfile.TemporaryDirectory(dir=FAST_DIR) as tmp:
        db = Path(tmp) / "q.db"
        issued: list = []
        with QueueService.open(tiny_config(config), db, clock) as svc:
            for step in steps:
                try:
                    apply(svc, clock, step, issued)
                except StorageError:
                    raise  # a duplicate caught by the UNIQUE index would land here
                except QueueError:
                    pass  # refused transitions are fine; they must change nothing
                snap = svc.snapshot()
                currents = [c.current.id for c in snap.counters if c.current]
                assert len(currents) == len(set(currents))
        conn = sqlite3.connect(db)
        rows = conn.execute("SELECT id, number, day, number_service, status FROM tickets")
        by_id = {r[0]: r for r in rows.fetchall()}
        # never lose a ticket: every issue that returned is there, with its number
        assert len(by_id) == len({t.id for t in issued})
        for t in issued:
            assert by_id[t.id][1] == t.number
        live = [
            (day, svc_code, number)
            for _, number, day, svc_code, status in by_id.values()
            if status in ("waiting", "called", "serving", "no_show")
        ]
        assert len(live) == len(set(live)), "two live tickets share a number"
        n_issued = conn.execute("SELECT COUNT(*) FROM events WHERE kind = 'issued'").fetchone()
        assert n_issued[0] == len(by_id)
        conn.close()
