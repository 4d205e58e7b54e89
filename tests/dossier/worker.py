"""Run as `python -m tests.dossier.worker DB N` (from the repository root): create N dossiers.

With `upload DB CODE` it streams a big paper forever (for kill -9 tests)."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from motcua.clock import FakeClock
from tests.dossier.conftest import PERSON, open_service, pdf


def main() -> None:
    action, db = sys.argv[1], Path(sys.argv[2])
    clock = FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    service = open_service(db, clock)
    if action == "create":
        n, threads = int(sys.argv[3]), 3
        codes: list[str] = []

        def work(k: int) -> None:
            for _ in range(k):
                d = service.create(
                    "1.000894", PERSON, "2026-11-v1", clock.now() - timedelta(seconds=5)
                )
                codes.append(d.code)

        ts = [threading.Thread(target=work, args=(n // threads,)) for _ in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        print("\n".join(codes), flush=True)
    elif action == "upload":
        code = sys.argv[3]
        service.put_paper(code, 2, pdf(), "kiosk")

        def chunks():
            yield pdf()[:5]
            print("streaming", flush=True)
            while True:
                yield b"0" * 4096

        service.put_paper(code, 1, chunks(), "kiosk")


if __name__ == "__main__":
    main()
