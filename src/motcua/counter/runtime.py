"""The counter apps' composition roots (no Qt): the console and the keypad bridge.

``build_console`` opens the center link and the console's flow for one counter;
``build_bridge`` opens the keypad and LED board lines of ``[devices]`` (through the
``motcua.devices`` registry) and the bridge between them and the center. Each runtime
owns what it opened (``close`` in reverse order) and has one ``HealthBoard`` for its
devices; ``report_health`` starts the ``HealthReporter`` that sends that board to the
center. The Qt layer (``console_qt``) is given only the flow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from motcua.clock import Clock, SystemClock
from motcua.config import Config
from motcua.counter.bridge import KeypadBridge
from motcua.counter.connect import AppRuntime, CenterChoice, CenterLink, open_link
from motcua.counter.console_flow import ConsoleFlow
from motcua.counter.keypad import Keypads
from motcua.counter.ledboard import LedBoards
from motcua.counter.reception_flow import ReceptionFlow
from motcua.counter.walkin import WalkInDesk
from motcua.devices.health import DeviceHealth, HealthBoard

__all__ = ["BridgeRuntime", "ConsoleRuntime", "build_bridge", "build_console"]

log = logging.getLogger(__name__)


@dataclass(kw_only=True)
class ConsoleRuntime(AppRuntime):
    """`motcua counter`: one counter's console."""

    counter: int
    flow: ConsoleFlow
    # Reception of the dossiers called tickets carry (None: this center takes no dossiers)
    reception: ReceptionFlow | None = None
    printer: Any = None  # the counter's own printer (receipts and slips)
    # "Tiếp nhận hồ sơ trực tiếp": walk-ins' dossiers with this counter's scanners
    walkin: WalkInDesk | None = None

    @property
    def location(self) -> str:
        return f"Quầy {self.counter}"

    def probes(self) -> dict[str, tuple[str, Callable[[], DeviceHealth]]]:
        """The counter's printer, when it has one."""
        if self.printer is None:
            return {}
        return {"printer": ("printer", self.printer.health)}


def build_console(
    config: Config,
    choice: CenterChoice,
    counter: int,
    clock: Clock | None = None,
    *,
    printer_url: str | None = None,
    catalog_path: str | None = None,
) -> ConsoleRuntime:
    """The console of ``counter``. Over the LAN it shows the center's device alerts (an
    in-process center on this PC has no other devices reporting to it).

    Dossiers: over the LAN the center's (``HttpDossiers``); in-process the center file's
    own, on the queue's store. Receipts and slips go to ``printer_url`` (default
    ``[devices] printer``: the printer on this counter). A walk-in's dossier is taken in
    with this counter's ``[devices] document_scanner`` and ``id_scanner`` (a keyboard
    wedge needs nothing opened: it types into the form)."""
    from motcua.catalog import open_catalog
    from motcua.printer import open_configured_printer
    from motcua.server.dossier_setup import CENTER_AREAS

    clock = clock or SystemClock()
    link = open_link(config, choice, clock, areas=CENTER_AREAS)
    closers: list[Callable[[], object]] = []
    try:
        alerts = getattr(link.center, "device_alerts", None) if choice.remote else None
        flow = ConsoleFlow(link.center, counter, clock, alerts=alerts)
        p_url = printer_url or config.devices.printer
        printer = open_configured_printer(config, p_url, clock=clock)
        closers.append(printer.close)
        catalog = open_catalog(catalog_path)
        dossiers = _dossiers(config, link, clock, catalog)
        if dossiers is not None and hasattr(dossiers, "close"):
            closers.append(dossiers.close)
        reception = walkin = None
        if dossiers is not None:
            reception = ReceptionFlow(dossiers, printer, config, clock, counter=counter)
            walkin = _walkin_desk(config, dossiers, catalog, clock, counter, closers)
    except BaseException:
        for c in reversed(closers):
            c()
        link.close()
        raise
    return ConsoleRuntime(
        config=config,
        clock=clock,
        link=link,
        health=HealthBoard(clock.now),
        closers=closers,
        counter=counter,
        flow=flow,
        reception=reception,
        printer=printer,
        walkin=walkin,
    )


def _walkin_desk(
    config: Config,
    dossiers: Any,
    catalog: Any,
    clock: Clock,
    counter: int,
    closers: list[Callable[[], object]],
) -> WalkInDesk:
    from motcua.dossier.scanning import open_paper_scanner
    from motcua.scanner.barcode import open_scanner

    papers = open_paper_scanner(config.devices.document_scanner)
    if papers is not None:
        closers.append(papers.close)
    id_url = config.devices.id_scanner
    ids = open_scanner(id_url) if id_url and id_url != "wedge" else None
    desk = WalkInDesk(dossiers, catalog.get, catalog.search, clock, counter, papers, ids)
    if ids is not None:
        ids.start(desk.id_line)  # from its reader thread: the window relays to the UI
        closers.append(ids.stop)
    return desk


def _dossiers(config: Config, link: CenterLink, clock: Clock, catalog: Any) -> Any:
    """The center's dossiers as this console reaches them, or None (logged)."""
    if link.choice.remote:
        from motcua.server.dossier_client import HttpDossiers

        return HttpDossiers(link.center)  # type: ignore[arg-type]  # an HttpCenter
    from motcua.server.dossier_setup import dossiers_or_none

    store = link.center.store  # type: ignore[attr-defined]  # the QueueService's
    return dossiers_or_none(config, link.choice.db_path, clock, catalog, link.center, store=store)


@dataclass(kw_only=True)
class BridgeRuntime(AppRuntime):
    """`motcua keypads`: the call keypads and LED boards on their lines, and the bridge."""

    keypad_url: str
    board_url: str
    keypads: Keypads | None
    boards: LedBoards | None
    bridge: KeypadBridge
    lines: dict[str, Any] = field(default_factory=dict)  # "keypads"/"led_boards": bus line

    def probes(self) -> dict[str, tuple[str, Callable[[], DeviceHealth]]]:
        """The keypad and LED lines' health (ok while the port is open)."""

        def probe(name: str, line: Any) -> Callable[[], DeviceHealth]:
            return lambda: line.health(name)

        return {name: ("bus", probe(name, line)) for name, line in self.lines.items()}

    @property
    def location(self) -> str:
        return f"Bàn phím gọi số ({self.keypad_url or self.board_url})"

    def start(self) -> None:
        self.bridge.start()
        self.closers.append(self.bridge.stop)


class NoBusDevices(ValueError):
    """Neither keypads nor LED boards are configured."""


def build_bridge(
    config: Config,
    choice: CenterChoice,
    *,
    keypad_url: str | None = None,
    board_url: str | None = None,
    clock: Clock | None = None,
) -> BridgeRuntime:
    """The lines of ``[devices] keypads`` / ``led_boards`` (or the overrides), the devices
    on them and the bridge to the center, not started. Raises ``DeviceUrlError`` for a bad
    URL and ``NoBusDevices`` when neither is configured; opens the center last."""
    from motcua.counter.bus import open_lines
    from motcua.counter.keypad import open_keypads
    from motcua.counter.ledboard import open_led_boards

    clock = clock or SystemClock()
    k_url = keypad_url if keypad_url is not None else config.devices.keypads
    b_url = board_url if board_url is not None else config.devices.led_boards
    kline, bline = open_lines(k_url, b_url)
    if kline is None and bline is None:
        raise NoBusDevices(
            "Chưa cấu hình keypads / led_boards trong [devices] / "
            "no keypads or LED boards in [devices]"
        )
    keypads = open_keypads(k_url, kline) if kline else None
    boards = open_led_boards(b_url, bline) if bline else None
    closers: list[Callable[[], object]] = [d.close for d in (keypads, boards) if d is not None]
    try:
        link = open_link(config, choice, clock)
    except BaseException:
        for c in reversed(closers):
            c()
        raise
    return BridgeRuntime(
        config=config,
        clock=clock,
        link=link,
        health=HealthBoard(clock.now),
        closers=closers,
        keypad_url=k_url,
        board_url=b_url,
        keypads=keypads,
        boards=boards,
        bridge=KeypadBridge(link.center, keypads, boards, counters=config.keypad_counters()),
        lines={n: line for n, line in (("keypads", kline), ("led_boards", bline)) if line},
    )
