"""A walk-in at the counter: the clerk takes the dossier in, with the counter's own scanners.

"Tiếp nhận hồ sơ trực tiếp" is the kiosk's intake (``motcua.dossier.intake_flow``) run by
the clerk: procedure → the citizen's consent (read out or shown; nothing is scanned
before it) → the applicant (the ID card's QR on the counter's scanner or keyboard-wedge,
typed only as a last resort) → phone → the checklist on the counter's document scanner
→ review → submit. The dossier's channel is "counter", so submitting takes no queue
ticket; the clerk goes straight on to reception (``ReceptionFlow.take``): accept,
supplement or reject, the receipt at the counter's printer.

No Qt here: ``walkin_qt`` draws it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from motcua.catalog.procedure import Procedure
from motcua.clock import Clock
from motcua.dossier.intake_flow import Dossiers, IntakeFlow
from motcua.dossier.scanning import PaperScanner

log = logging.getLogger(__name__)


@dataclass
class WalkInDesk:
    """What a counter needs to take walk-ins in; ``start`` gives a fresh flow each time."""

    dossiers: Dossiers
    procedure: Callable[[str], Procedure | None]
    search: Callable[[str], list[Procedure]]  # the catalog's search (name, code, words)
    clock: Clock
    counter: int
    paper_scanner: PaperScanner | None  # [devices] document_scanner of this counter
    id_scanner: Any = None  # [devices] id_scanner (a serial one; a wedge types into the form)

    def __post_init__(self) -> None:
        self._listener: Callable[[str], None] | None = None

    def listen(self, on_line: Callable[[str], None] | None) -> None:
        """Send the serial ID scanner's scans to ``on_line`` (the walk-in window while it
        is open; None: scans are ignored). The runtime starts the scanner with ``id_line``."""
        self._listener = on_line

    def id_line(self, text: str) -> None:
        listener = self._listener
        if listener is not None:
            listener(text)

    @property
    def actor(self) -> str:
        return f"counter:{self.counter}"

    @property
    def can_scan(self) -> bool:
        return self.paper_scanner is not None

    def start(self) -> IntakeFlow:
        return IntakeFlow(
            self.dossiers, self.procedure, self.clock, channel="counter", actor=self.actor
        )

    def find(self, text: str, limit: int = 40) -> list[Procedure]:
        """Procedures matching what the clerk typed (a code or words of the name)."""
        text = text.strip()
        return self.search(text)[:limit] if text else []

    def end(self, flow: IntakeFlow) -> None:
        """After submit or cancel: a draft left is discarded (with its pages), and the
        page files the scanner kept for continuing a paper are deleted."""
        flow.abandon()
        if self.paper_scanner is not None:
            try:
                self.paper_scanner.forget()
            except OSError as exc:
                log.warning("walk-in: could not delete scanned pages: %s", exc)
