"""Helpers run in OTHER processes by the durability tests (spawned, or `python -m`).

Not a test module: the multiprocessing child imports it by name, and the
SIGKILL test runs it as ``python tests/queue/issuer.py DB N_THREADS``.
"""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime

from motcua.clock import FakeClock
from motcua.config import load_config
from motcua.queue.service import QueueService

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def issue_many(db_path: str, count: int, barrier) -> list[tuple[int, str, int]]:
    """Issue ``count`` tickets alternating two services; (id, service, number) of each."""
    svc = QueueService.open(load_config(None, env={}), db_path, FakeClock(T0))
    try:
        barrier.wait(30)
        out = []
        for i in range(count):
            t = svc.issue_ticket("HT" if i % 2 else "DKKD").ticket
            out.append((t.id, t.service_code, t.number))
        return out
    finally:
        svc.close()


def issue_until_killed(db_path: str, threads: int) -> None:
    """Print 'ISSUED id service number' after each issue call returned, forever."""
    svc = QueueService.open(load_config(None, env={}), db_path, FakeClock(T0))
    # No automatic checkpoint (SQLite's, at 1,000 WAL pages): the lost-WAL test needs the
    # tickets since the start to be in the WAL when it is deleted; a checkpoint just before
    # the kill left nothing to lose about once in six runs.
    svc.store.write(lambda tx: tx.run("PRAGMA wal_autocheckpoint = 0"))
    lock = threading.Lock()

    def worker(i: int) -> None:
        n = 0
        while True:
            n += 1
            service = "HT" if (n + i) % 2 else "CT"
            t = svc.issue_ticket(service).ticket
            if n % 5 == 0:  # keep the queue moving so numbers wrap sometimes
                svc.call_next(1 + i % 3)
            with lock:
                sys.stdout.write(f"ISSUED {t.id} {t.service_code} {t.number}\n")
                sys.stdout.flush()

    for i in range(threads):
        threading.Thread(target=worker, args=(i,), daemon=True).start()
    threading.Event().wait()


if __name__ == "__main__":
    issue_until_killed(sys.argv[1], int(sys.argv[2]))
