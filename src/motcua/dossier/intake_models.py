"""The records of the intake flow (``motcua.dossier.intake_flow``): its steps, a paper's
state on the checklist, the outcome handed to the screens, what the flow needs of the
center's dossiers, and the state of one dossier being taken in. Plain data, no Qt; the
flow's rules belong in ``intake_flow`` and ``intake_papers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from motcua.catalog.papers import Paper
from motcua.catalog.procedure import Procedure
from motcua.dossier.intake import ApplicantInput
from motcua.dossier.models import Dossier
from motcua.dossier.scanning import ScannedPaper
from motcua.scanner.cccd_qr import CccdCard


class Step(StrEnum):
    PROCEDURE = "procedure"
    CONSENT = "consent"
    WHO = "who"
    PHONE = "phone"
    CHECKLIST = "checklist"
    REVIEW = "review"
    DONE = "done"


class FlowError(ValueError):
    """A step taken out of order (a bug in the UI, never the citizen's fault)."""


class Dossiers(Protocol):
    """What the kiosk needs of the center's dossier service (in-process or over HTTP)."""

    def create(
        self,
        procedure_code: str,
        applicant: ApplicantInput,
        consent_version: str,
        consent_at: Any,
        phone: str = "",
        channel: str = "kiosk",
        actor: str = "kiosk",
    ) -> Dossier: ...

    def put_paper(self, code: str, n: int, data: bytes, actor: str) -> Dossier: ...

    def delete_paper(self, code: str, n: int, actor: str) -> Dossier: ...

    def submit(self, code: str, actor: str) -> Dossier: ...

    def discard(self, code: str, actor: str, note: str = ...) -> Dossier: ...


class PaperState(StrEnum):
    TODO = "todo"
    CHECK_BLANK = "check_blank"  # scanned with blank pages: the citizen confirms
    STOPPED = "stopped"  # the scanner stopped (jam, cover): pages kept, scan the rest
    DONE = "done"
    SKIPPED = "skipped"


@dataclass
class PaperItem:
    n: int
    paper: Paper
    state: PaperState = PaperState.TODO
    scan: ScannedPaper | None = None

    @property
    def where_vi(self) -> str:
        """Where to put it: one sheet on the glass, several in the feeder."""
        return (
            "Đặt từng tờ úp xuống mặt kính, sát góc có mũi tên."
            if self.paper.copies <= 1
            else "Đặt cả xấp giấy vào khay nạp giấy phía trên, mặt chữ hướng lên."
        )


@dataclass(frozen=True)
class IntakeResult:
    ok: bool
    message_vi: str
    message_en: str
    dossier: Dossier | None = None
    printed: bool = False


@dataclass
class IntakeState:
    step: Step = Step.PROCEDURE
    procedure: Procedure | None = None
    consent_at: Any = None
    card: CccdCard | None = None
    typed: ApplicantInput | None = None  # typed by a clerk when no card could be read
    card_proof: str = ""  # "qr" | "chip" | "chip_as_issued" | "typed" (the chip is strongest)
    phone: str = ""
    dossier: Dossier | None = None
    items: list[PaperItem] = field(default_factory=list)
    result: IntakeResult | None = None


ACTOR = "kiosk"
PROOFS = ("qr", "chip", "chip_as_issued", "typed")
