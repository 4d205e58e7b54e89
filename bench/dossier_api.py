"""Dossiers created per second and the p99 of `accept`, 16 clients over HTTP.

    PYTHONPATH=src:. .venv/bin/python bench/dossier_api.py [--dossiers 400] [--clients 16]

A live server on 127.0.0.1 (a free port) over a fresh temporary database, the real
QueueService and DossierService. Each dossier: create, two papers (small PDFs),
submit (which issues a reception ticket), then accept, timed separately.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import requests
from PIL import Image

from motcua.catalog.generator import real_procedures
from motcua.catalog.store import Catalog
from motcua.config import load_config
from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.dossier_setup import open_dossier_service
from motcua.server.embedded import EmbeddedServer
from motcua.server.tokens import Role, TokenStore

QR = "038090123456||Nguyễn Văn An|01011990|Nam|Phường Hạc Thành, Thanh Hóa|15042021"


def _pdf() -> bytes:
    out = io.BytesIO()
    Image.new("L", (200, 280), 255).save(out, "PDF")
    return out.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=400)
    ap.add_argument("--clients", type=int, default=16)
    args = ap.parse_args()
    config = load_config(None, env={})
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "center.db"
        queue = QueueService.open(config, db)
        tokens = TokenStore(db)
        kiosk, counter = tokens.create(Role.KIOSK), tokens.create(Role.COUNTER, counter=1)
        from motcua.clock import SystemClock

        dossiers = open_dossier_service(
            config, db, SystemClock(), Catalog(real_procedures()), queue
        )
        srv = EmbeddedServer(create_app(queue, tokens, config, dossiers=dossiers), "127.0.0.1", 0)
        srv.start()
        paper = _pdf()
        local = threading.local()

        def session() -> requests.Session:
            if not hasattr(local, "s"):
                local.s = requests.Session()
            return local.s

        def intake(_: int) -> str:
            s = session()
            h = {"Authorization": f"Bearer {kiosk}"}
            body = {
                "procedure_code": "1.000894",
                "applicant": {"cccd_qr": QR},
                "consent": {"text_version": "2026-11-v1",
                            "accepted_at": datetime.now(UTC).isoformat()},
            }  # fmt: skip
            r = s.post(srv.url + "/api/v1/dossiers", json=body, headers=h, timeout=30)
            r.raise_for_status()
            code = r.json()["code"]
            for n in (1, 2):
                s.put(
                    f"{srv.url}/api/v1/dossiers/{code}/papers/{n}", data=paper,
                    headers={**h, "Content-Type": "application/pdf"}, timeout=30,
                ).raise_for_status()  # fmt: skip
            s.post(f"{srv.url}/api/v1/dossiers/{code}/submit", headers=h, timeout=30)
            return code

        def accept(code: str) -> float:
            t0 = time.perf_counter()
            r = session().post(
                f"{srv.url}/api/v1/dossiers/{code}/accept",
                headers={"Authorization": f"Bearer {counter}"}, timeout=30,
            )  # fmt: skip
            r.raise_for_status()
            return (time.perf_counter() - t0) * 1000

        try:
            with ThreadPoolExecutor(args.clients) as pool:
                t0 = time.perf_counter()
                codes = list(pool.map(intake, range(args.dossiers)))
                took = time.perf_counter() - t0
                ms = sorted(pool.map(accept, codes))
        finally:
            srv.stop()
            dossiers.close()
            tokens.close()
            queue.close()
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(
        f"{args.dossiers} dossiers (create + 2 papers + submit) with {args.clients} clients: "
        f"{args.dossiers / took:.1f} dossiers/s"
    )
    print(f"accept: median {statistics.median(ms):.1f} ms, p99 {p99:.1f} ms")


if __name__ == "__main__":
    main()
