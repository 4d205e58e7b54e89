"""Fixtures of the sync tests: the reference portal, and a center with one store for its
queue, dossiers and outbox, its sync built from [portal] against that portal."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.sync.helpers import Center

from motcua.catalog.generator import real_procedures
from motcua.catalog.store import Catalog
from motcua.clock import FakeClock
from motcua.config import Config, PortalConfig
from motcua.queue.service import QueueService
from motcua.server.dossier_setup import CENTER_AREAS, open_dossier_service
from motcua.sync.runtime import build_sync
from motcua.sync.sim import PortalSim, SimServer, SimSettings

KEY = bytes(range(32))  # the center's key file (outside the database)


@pytest.fixture
def sim() -> Iterator[SimServer]:
    server = SimServer(PortalSim(SimSettings())).start()
    yield server
    server.stop()


@pytest.fixture
def center(tmp_path: Path, config: Config, clock: FakeClock, sim: SimServer) -> Iterator[Center]:
    (tmp_path / "pw").write_text("x")
    config = dataclasses.replace(
        config,
        portal=PortalConfig(
            url=sim.url,
            username="u",
            password_file=str(tmp_path / "pw"),
            status_pull_interval_s=0.5,
            status_pull_per_minute=600,
        ),
    )
    db = tmp_path / "center.db"
    queue = QueueService.open(config, db, clock, areas=CENTER_AREAS)
    dossiers = open_dossier_service(
        config, db, clock, Catalog(real_procedures()), queue, store=queue.store, personal_key=KEY
    )
    sync = build_sync(config, queue.store, clock=clock, dossiers=dossiers, personal_key=KEY)
    assert sync is not None
    yield Center(queue, dossiers, sync)
    sync.stop()
    dossiers.close()
    queue.close()
