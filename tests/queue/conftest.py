"""Queue fixtures: a QueueService on a temporary database with the demo config and a FakeClock."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from motcua.clock import FakeClock
from motcua.config import Config
from motcua.queue.models import Event
from motcua.queue.service import QueueService


def counting_bytes() -> object:
    """Deterministic 'randomness' so public codes and the ID secret are reproducible."""
    counter = itertools.count(1)

    def random_bytes(n: int) -> bytes:
        return next(counter).to_bytes(n, "big")

    return random_bytes


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "queue.db"


@pytest.fixture
def svc(config: Config, clock: FakeClock, db_path) -> Iterator[QueueService]:
    service = QueueService.open(config, db_path, clock, random_bytes=counting_bytes())
    yield service
    service.close()


@pytest.fixture
def events(svc: QueueService) -> list[Event]:
    """Every event published by ``svc`` after the fixture was created, in order."""
    seen: list[Event] = []
    svc.subscribe(seen.append)
    return seen
