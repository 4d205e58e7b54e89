"""Dossiers and steps for the sync tests, and the portal-side checks."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.dossier.conftest import PERSON, pdf

from motcua.clock import FakeClock
from motcua.dossier.consent import CURRENT
from motcua.dossier.service import DossierService
from motcua.queue.service import QueueService
from motcua.sync import outbox
from motcua.sync.portal import DossierPayload, StepPayload
from motcua.sync.runtime import SyncRuntime

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def code(n: int) -> str:
    return f"000.00.06.H56-261201-{n:04d}"


def dossier(n: int, status: int = 2) -> DossierPayload:
    return DossierPayload(
        code=code(n),
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        received_at=T0.isoformat(),
        due_at=(T0 + timedelta(days=3)).isoformat(),
        status=status,
        applicant_name=f"Nguyễn Văn {n}",
        applicant_id=f"001090{n:06d}",
    )


def step(n: int, k: int, status: int = 4) -> StepPayload:
    return StepPayload(
        code(n),
        "Lê Thị B",
        "Chuyên viên",
        (T0 + timedelta(minutes=k)).isoformat(),
        "Một cửa",
        f"Bước {k}",
        status,
    )


def queue_dossier(db: Any, n: int, steps: int, now: float = 0.0) -> None:
    """A dossier's whole life in the outbox: created, its steps, its final status."""

    def write(tx: Any) -> None:
        outbox.enqueue_dossier(tx, dossier(n), created=True, now=now)
        for k in range(1, steps + 1):
            outbox.enqueue_step(tx, step(n, k, status=10 if k == steps else 4), now=now)
        outbox.enqueue_dossier(tx, dossier(n, status=10), created=False, now=now)

    db.write(write)


def check_portal(state: dict[str, Any], dossiers: range, steps: int) -> None:
    """Every dossier exactly once, every step exactly once and in order, status 10."""
    held = state["dossiers"]
    missing = [code(n) for n in dossiers if code(n) not in held]
    assert not missing, f"{len(missing)} dossiers missing, e.g. {missing[:3]}"
    for n in dossiers:
        d = held[code(n)]
        contents = [s["NoiDungXuLy"] for s in d["QuaTrinhXuLy"]]
        assert contents == [f"Bước {k}" for k in range(1, steps + 1)], (code(n), contents)
        assert d["_creates"] == 1
        assert d["TrangThaiHoSo"] == "10", (code(n), d["TrangThaiHoSo"])
        assert d["MaDoiTuong"] == f"001090{n:06d}"


@dataclasses.dataclass
class Center:
    queue: QueueService
    dossiers: DossierService
    sync: SyncRuntime


def received(service: DossierService, clock: FakeClock) -> str:
    d = service.create("1.000894", PERSON, CURRENT, clock.now() - timedelta(seconds=30))
    service.put_paper(d.code, 1, pdf("to khai"), "kiosk")
    service.put_paper(d.code, 2, pdf("cccd"), "kiosk")
    service.submit(d.code, "kiosk")
    clock.advance(minutes=5)
    service.accept(d.code, "counter:3")
    return d.code


def until(cond, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)
