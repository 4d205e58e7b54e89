"""Shared test setup. Qt runs offscreen; nothing here needs a screen or a device."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from motcua.clock import FakeClock
from motcua.config import Config, load_config
from motcua.printer import SimPrinter, open_printer


@pytest.fixture(autouse=True)
def root_logging_restored() -> Iterator[None]:
    """A test that runs ``motcua.cli.main`` gets ``setup_logging``'s handler on its captured
    stderr; left on the root logger, every later log line (any thread's) went to that closed
    file as "--- Logging error --- Traceback ..." printed into the next capture — which a
    test asserting "Traceback" not in stderr then failed on."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def config() -> Config:
    """The shipped demo configuration (8 services, 12 counters)."""
    return load_config(None, env={})


@pytest.fixture
def printer() -> Iterator[SimPrinter]:
    """A sim printer (``sim://``): every job kept, its image drawn from the bytes sent."""
    p = open_printer("sim://")
    assert isinstance(p, SimPrinter)
    yield p
    p.close()


@pytest.fixture
def clock() -> FakeClock:
    """09:00 on a Friday in Hà Nội (02:00 UTC)."""
    return FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
