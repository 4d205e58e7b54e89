"""The portal adapter interface: what the center needs from a national/provincial portal.

A dossier and its processing steps are sent in our own terms (``DossierPayload``,
``StepPayload``); an adapter (``dvcqg``) maps them onto its wire format. Failures are
one exception, ``PortalError``, whose ``kind`` says what happened and whose flags say
what the sender may conclude:

- ``permanent``: the portal refused this content; resending the same will not help.
- ``maybe_applied``: the request may have reached the portal and been applied (a timeout
  after sending, a reset connection, a 5xx from a gateway): read back before resending.

Personal data (names, ID numbers, addresses) travels in full to the portal, which is its
job; ``PortalError`` messages and the log lines of this package never carry it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

# Failure kinds, also the label values of the failure metrics.
REFUSED = "refused"  # HTTP 200 (or 4xx) with a non-success error_code
SESSION = "session"  # session expired and renewing it did not help
HTTP = "http"  # 5xx / unexpected HTTP status
TIMEOUT = "timeout"
RESET = "reset"  # connection reset / closed mid-answer
UNREACHABLE = "unreachable"  # connection refused, DNS: nothing was sent
AUTH = "auth"  # login refused, LGSP 401/403
THROTTLED = "throttled"  # LGSP 429
INVALID = "invalid"  # an answer that is not the protocol's JSON
KINDS = (REFUSED, SESSION, HTTP, TIMEOUT, RESET, UNREACHABLE, AUTH, THROTTLED, INVALID)


class PortalError(Exception):
    def __init__(
        self,
        kind: str,
        message: str,
        *,
        permanent: bool = False,
        maybe_applied: bool = False,
        code: str = "",
    ) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.permanent = permanent
        self.maybe_applied = maybe_applied
        self.code = code  # the portal's error_code, when it answered one


@dataclass(frozen=True)
class StepPayload:
    """One processing step (QuaTrinhXuLy entry) of a dossier."""

    dossier_code: str
    actor: str  # NguoiXuLy
    title: str  # ChucDanh
    at: str  # ThoiDiemXuLy, ISO 8601 aware
    department: str  # PhongBanXuLy
    content: str  # NoiDungXuLy
    status: int  # TrangThai: the dossier status after this step (1-10)
    started_at: str = ""  # NgayBatDau, ISO
    due_at: str = ""  # NgayKetThucTheoQuyDinh, ISO

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StepPayload:
        return cls(**data)


@dataclass(frozen=True)
class DossierPayload:
    """A dossier as the portal needs it (DongBoHoSoMC's fields, in our words)."""

    code: str  # MaHoSo
    procedure_code: str
    procedure_name: str
    received_at: str  # ISO 8601 aware
    due_at: str
    status: int
    applicant_name: str = ""
    applicant_kind: int = 1  # 1 citizen, 2 business
    applicant_id: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    field_code: str = ""
    field_name: str = ""
    receipt_number: str = ""
    summary: str = ""
    channel: int = 1  # 1 in person, 2 online, 3 post
    returned_at: str = ""
    finished_at: str = ""
    unit: str = ""
    note: str = ""
    papers: tuple[dict[str, str], ...] = field(default_factory=tuple)
    fees: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["papers"] = [dict(p) for p in self.papers]
        data["fees"] = [dict(f) for f in self.fees]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DossierPayload:
        values = dict(data)
        values["papers"] = tuple(values.get("papers", ()))
        values["fees"] = tuple(values.get("fees", ()))
        return cls(**values)


@dataclass(frozen=True)
class PortalDossier:
    """What the portal holds for a dossier (read back with TraCuuHoSo)."""

    code: str
    status: int
    steps: tuple[StepPayload, ...]
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class PortalProcedure:
    code: str
    name: str
    field: str = ""
    agency_level: str = ""
    processing_time: str = ""
    fee: str = ""
    online_level: str = ""
    papers: tuple[str, ...] = ()
    legal_basis: str = ""


def _instant(iso: str) -> str:
    """An ISO time as UTC to the second (the wire keeps seconds, in local time)."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None:
        return when.replace(microsecond=0).isoformat()
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


def step_key(step: StepPayload) -> tuple[str, str, str, int, str]:
    """What makes two steps the same step (the portal has no step id)."""
    return (
        _instant(step.at),
        step.content.strip(),
        step.actor.strip(),
        step.status,
        step.department.strip(),
    )


def step_is_held(
    step: StepPayload, ours: list[StepPayload], theirs: tuple[StepPayload, ...]
) -> bool:
    """Does the portal already hold ``step``? ``ours`` is our step list up to and including
    it. A step identical to an earlier one of ours counts separately: the portal must hold
    as many copies as we sent, and steps recorded there by others do not match ours."""
    key = step_key(step)
    wanted = sum(1 for s in ours if step_key(s) == key) or 1
    return sum(1 for s in theirs if step_key(s) == key) >= wanted


class Portal(Protocol):
    """A portal the center synchronises with. Every method raises ``PortalError``."""

    def get_dossier(self, code: str) -> PortalDossier | None: ...

    def create_dossier(self, dossier: DossierPayload) -> None: ...

    def update_dossier(self, dossier: DossierPayload) -> None: ...

    def add_steps(self, steps: list[StepPayload]) -> None: ...

    def list_procedures(self) -> list[PortalProcedure]: ...

    def get_procedure(self, code: str) -> PortalProcedure | None: ...

    def push_statistics(self, day: str, figures: dict[str, Any]) -> None: ...

    def close(self) -> None: ...
