from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from motcua.catalog.generator import real_procedures
from motcua.clock import FakeClock
from motcua.dossier.calendar import WorkCalendar
from motcua.dossier.consent import CURRENT
from motcua.dossier.service import ApplicantInput, DossierService

UNIT = "000.00.00.H56"
PROCEDURES = {p.code: p for p in real_procedures()}
PERSON = ApplicantInput("Nguyễn Văn An", "038090123456", "Phường Hạc Thành, Thanh Hóa")


@functools.cache
def pdf(text: str = "page") -> bytes:
    """A tiny but real PDF (one page) made with Pillow (cached: Pillow stamps the time)."""
    import io

    from PIL import Image, ImageDraw

    img = Image.new("L", (200, 280), 255)
    ImageDraw.Draw(img).text((10, 10), text, fill=0)
    out = io.BytesIO()
    img.save(out, "PDF")
    return out.getvalue()


def open_service(path: Path, clock: FakeClock, **kw) -> DossierService:
    return DossierService.open(
        path,
        unit_code=UNIT,
        calendar=WorkCalendar(),
        procedures=PROCEDURES.get,
        clock=clock,
        **kw,
    )


@pytest.fixture
def service(tmp_path: Path, clock: FakeClock) -> Iterator[DossierService]:
    s = open_service(tmp_path / "dossiers.db", clock)
    yield s
    s.close()


def new_dossier(service: DossierService, clock: FakeClock, procedure: str = "1.000894"):
    return service.create(
        procedure, PERSON, CURRENT, clock.now() - timedelta(seconds=30), phone="0912 345 678"
    )
