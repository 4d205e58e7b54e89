"""Bytes per ticket and render+encode time, for every demo service and profile.

    PYTHONPATH=src /work/venv/bin/python bench/ticket_bytes.py [--runs 50]

Target (issue 3): <= 8 KB per ticket (<= 0.7 s on a 115,200-baud serial line,
11.5 KB/s) and <= 30 ms to render and encode. Two variants per service:
Wall-clock median and p95 per ticket, and the median CPU time (which
other processes on a busy machine do not inflate).
"plain" (what most citizens get: no ID card, no priority) and "full" (priority
mark, masked name from the ID card, counter hint and footer: the worst case).
"""

from __future__ import annotations

import argparse
import statistics
import time

from motcua.config import load_config
from motcua.printer import FontSet, get_profile
from motcua.printer.layouts import ticket_job
from motcua.printer.receipt import receipt_job
from motcua.printer.samples import sample_receipt, sample_ticket

LINE_BYTES_PER_SECOND = 115_200 / 10  # 8N1: ten bits a byte


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    config = load_config(None, env={})
    fonts = FontSet().check()
    longest = max(config.services, key=lambda s: len(s.name))
    print(f"demo services: {len(config.services)}; longest name: {longest.name!r}")
    print(
        f"{'profile':9} {'service':40} {'variant':7} {'bytes':>6} {'s@115k2':>7} "
        f"{'median ms':>9} {'p95 ms':>7} {'cpu ms':>7}"
    )
    worst_bytes, worst_p95 = 0, 0.0
    for pname in ("80mm", "80mm-512", "58mm"):
        profile = get_profile(pname)
        for service in config.services:
            for variant in ("plain", "full"):
                extra = {}
                if variant == "full":
                    extra = dict(
                        priority_label=config.priority_groups[0].label,
                        citizen_name="Nguyễn V. A.",
                        counter_hint="Mời đến quầy 1, 2, 3",
                    )
                slip = sample_ticket(config, service, **extra)
                ticket_job(slip, profile, fonts)  # warm caches (fonts, python-escpos)
                times, cpu = [], []
                for _ in range(args.runs):
                    t0, c0 = time.perf_counter(), time.process_time()
                    data = ticket_job(slip, profile, fonts)
                    times.append((time.perf_counter() - t0) * 1000)
                    cpu.append((time.process_time() - c0) * 1000)
                times.sort()
                p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
                n = len(data)
                worst_bytes, worst_p95 = max(worst_bytes, n), max(worst_p95, p95)
                print(
                    f"{pname:9} {service.name[:40]:40} {variant:7} {n:6d} "
                    f"{n / LINE_BYTES_PER_SECOND:7.2f} {statistics.median(times):9.2f} "
                    f"{p95:7.2f} {statistics.median(cpu):7.2f}"
                )
    receipt = receipt_job(sample_receipt(config), get_profile("80mm"), fonts)
    t0 = time.perf_counter()
    receipt_job(sample_receipt(config), get_profile("80mm"), fonts)
    ms = (time.perf_counter() - t0) * 1000
    print(
        f"\nworst ticket: {worst_bytes} bytes ({worst_bytes / LINE_BYTES_PER_SECOND:.2f} s at "
        f"115,200 baud), worst p95 render+encode {worst_p95:.1f} ms"
    )
    print(
        f"dossier receipt (80mm): {len(receipt)} bytes "
        f"({len(receipt) / LINE_BYTES_PER_SECOND:.2f} s at 115,200 baud), {ms:.1f} ms"
    )


if __name__ == "__main__":
    main()
