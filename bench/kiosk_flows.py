"""2,000 ticket flows in one process through the flow layer, with the sim printer.

Each flow is what a citizen does: field -> service -> priority -> (every third one
scans an ID card) -> confirm -> issue through a real QueueService -> print on the
sim printer -> home (reset). Prints flows per second and the memory growth
between the end of a warm-up and the end (target <= 10%). The sim printer keeps
every job it receives (it is a recorder); the bench empties that tray every 100
flows, as paper leaves a real printer.

    .venv/bin/python bench/kiosk_flows.py [flows]
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from motcua.clock import FakeClock
from motcua.config import load_config
from motcua.kiosk.alerts import DeviceAlerts
from motcua.kiosk.ticket_flow import Outcome, PriorityRefused, Step, TicketFlow, local_info
from motcua.printer import open_printer
from motcua.queue.service import QueueService

GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam")


def card(i: int) -> str:
    return f"0010901{i:05d}||Nguyễn Văn {GIVEN[i % len(GIVEN)]}|01011990|Nam|Hà Nội|15042021"


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    warmup = max(1, total // 10)
    config = load_config(None, env={})
    clock = FakeClock(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    proc = psutil.Process(os.getpid())
    with tempfile.TemporaryDirectory() as tmp:
        service = QueueService.open(config, Path(tmp) / "queue.db", clock)
        printer = open_printer("sim://")
        flow = TicketFlow(service, printer, local_info(config), DeviceAlerts(clock), clock)
        services = [s.code for s in config.services]
        groups = [None, None, None, "elderly", "pregnant"]
        outcomes: dict[str, int] = {}
        base = 0.0
        t_start = 0.0
        for i in range(total):
            if i == warmup:
                gc.collect()
                base = proc.memory_info().rss
                t_start = time.perf_counter()
            code = services[i % len(services)]
            svc = config.service(code)
            step = flow.choose_field(svc.field or svc.name)
            if step == Step.SERVICE:
                flow.choose_service(code)
            if i % 3 == 0:
                flow.scan_id(card(i))
            else:
                flow.skip_id()
            try:
                flow.choose_priority(groups[i % len(groups)])
            except PriorityRefused:  # the card says too young for the elderly group
                flow.choose_priority(None)
            result = flow.submit()
            outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
            flow.reset()
            clock.advance(timedelta(seconds=2))
            if i % 100 == 99:
                printer.jobs.clear()
        elapsed = time.perf_counter() - t_start
        gc.collect()
        end = proc.memory_info().rss
        service.close()
        printer.close()
    measured = total - warmup
    print(f"{total} ticket flows ({measured} measured after {warmup} warm-up)")
    print(f"throughput: {measured / elapsed:.0f} flows/s ({elapsed * 1000 / measured:.2f} ms/flow)")
    print(
        f"memory: {base / 2**20:.1f} MB after warm-up -> {end / 2**20:.1f} MB at the end, "
        f"growth {100 * (end - base) / base:.1f}% (target <= 10%)"
    )
    print("outcomes:", {str(k): v for k, v in outcomes.items()})
    assert outcomes.get(Outcome.PRINTED, 0) > 0


if __name__ == "__main__":
    main()
