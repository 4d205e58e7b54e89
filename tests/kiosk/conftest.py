"""Kiosk fixtures: a real QueueService in a temp dir on a FakeClock, the sim printer,
and the flows wired as the kiosk wires them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.clock import FakeClock
from motcua.config import Config
from motcua.kiosk.alerts import DeviceAlerts
from motcua.kiosk.ticket_flow import TicketFlow, local_info
from motcua.printer import SimPrinter
from motcua.queue.service import QueueService
from motcua.scanner.barcode import SimScanner

CARD = (
    "001090123456|012345678|Nguyễn Văn An|01011990|Nam|"
    "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"
)
CARD_2 = "079195001234||Trần Thị Bình|05061995|Nữ|Xã Tân Phú, Tỉnh Đồng Nai|01022022"


@pytest.fixture
def service(config: Config, clock: FakeClock, tmp_path: Path) -> Iterator[QueueService]:
    svc = QueueService.open(config, tmp_path / "queue.db", clock)
    yield svc
    svc.close()


@pytest.fixture
def alerts(clock: FakeClock) -> DeviceAlerts:
    return DeviceAlerts(clock)


@pytest.fixture
def flow(
    service: QueueService, printer: SimPrinter, config: Config, alerts: DeviceAlerts, clock
) -> TicketFlow:
    return TicketFlow(service, printer, local_info(config), alerts, clock)


@pytest.fixture(scope="session")
def catalog():
    """The shipped demo catalog (built once into a cache, then loaded read-only)."""
    from motcua.catalog import open_catalog

    return open_catalog(None)


@pytest.fixture
def dossiers(tmp_path: Path, clock: FakeClock):
    from motcua.sync.dossier_status import LocalDossierStore

    return LocalDossierStore(tmp_path / "dossiers.db", clock)


@pytest.fixture
def runtime(config, clock, service, printer, catalog, dossiers):
    """The kiosk's runtime over the fixtures above, with the demo's sample dossiers."""
    from motcua.kiosk.runtime import KioskRuntime

    return KioskRuntime(
        config=config,
        clock=clock,
        center=service,
        printer=printer,
        catalog=catalog,
        dossiers=dossiers,
        printer_url="sim://",
        scanner_url="sim://",
        demo_dossier_codes=dossiers.seed_demo(clock),
    )


@pytest.fixture
def scanner() -> SimScanner:
    """The ID scanner attached to ``win`` (``inject`` a card's QR text)."""
    return SimScanner()


@pytest.fixture
def win(qtbot, runtime, scanner):
    """The real kiosk window over ``runtime``, portrait, shown."""
    from motcua.kiosk.app_qt import KioskWindow

    w = KioskWindow(runtime)
    qtbot.addWidget(w)
    w.attach_scanner(scanner)
    w.resize(1080, 1920)
    w.show()
    yield w
    w.shutdown()


def chip_of_the_card(conn, key, photo=True, csca_pem=None):
    """The card's chip as ``read_card`` returns it, opened only with its CAN (the sim
    card holds no files to open: the data groups are the chip tests' hand-built DER,
    parsed by the real parsers)."""
    from motcua.scanner.chip.errors import wrong_key
    from motcua.scanner.chip.lds import ChipCard, parse_dg1, parse_dg13
    from tests.scanner.chip import chipdata

    conn.transmit(bytes.fromhex("00A4040C07A0000002471001"))  # SELECT the ID application
    if key.can != chipdata.CAN:
        raise wrong_key("can")
    return ChipCard(
        "PACE-CAN", parse_dg1(chipdata.dg1()), parse_dg13(chipdata.dg13()), None, b"photo"
    )


@pytest.fixture
def card_reader():
    """The ``sim://`` card reader with a card on it (``remove()`` takes it away)."""
    from motcua.scanner.chip.sim import SimCardReader

    return SimCardReader()


@pytest.fixture
def chip(card_reader):
    """The kiosk's chip reader over ``card_reader``, reading ``chip_of_the_card``."""
    from motcua.kiosk.chip_reader import KioskChipReader

    return KioskChipReader(card_reader, read=chip_of_the_card)
