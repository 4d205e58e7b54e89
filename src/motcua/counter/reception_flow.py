"""Reception of a dossier at the counter, as plain Python (the console's Qt layer draws it).

The clerk opens the dossier the called ticket carries (``open_for_ticket``: the one that
took that reception ticket at submit) or one by its code, looks at the papers (``pdf``),
checks the originals, and then: *Tiếp nhận* (status 2, the return date set, the
receipt "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" printed), *Yêu cầu bổ sung* (status 5,
a slip saying what is missing) or *Từ chối* (status 3, a slip with the reason). After
reception the steps 4 (processing), 9 (finished) and 10 (returned) are recorded here too.

``dossiers`` is the center's ``DossierService`` (the console on the center's PC) or
``HttpDossiers`` (a console joined over the LAN): the same methods, the same errors. A
failure (a wrong state, the center unreachable) is a ``ReceptionResult`` with both
languages, never an exception, and the dossier shown stays as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from motcua.clock import Clock
from motcua.config import Config
from motcua.dossier.lifecycle import Action
from motcua.dossier.models import Dossier
from motcua.dossier.status import DossierStatus
from motcua.errors import MotcuaError
from motcua.printer.dossier_slips import DossierSlip, receipt_for, slip_for
from motcua.printer.results import PrintResult
from motcua.printer.slips import DossierReceipt
from motcua.queue.models import Ticket

log = logging.getLogger(__name__)


class ReceptionDossiers(Protocol):
    def get(self, code: str) -> Dossier: ...
    def for_ticket(self, ticket_number: str, day: date) -> Dossier | None: ...
    def paper_pdf(self, code: str, n: int) -> bytes: ...
    def accept(self, code: str, actor: str, note: str = "") -> Dossier: ...
    def supplement(self, code: str, note: str, actor: str) -> Dossier: ...
    def reject(self, code: str, reason: str, actor: str) -> Dossier: ...
    def progress(self, code: str, note: str, actor: str) -> Dossier: ...
    def finish(self, code: str, actor: str, note: str = "") -> Dossier: ...
    def return_result(self, code: str, actor: str, note: str = "") -> Dossier: ...


class SlipPrinter(Protocol):
    def print_receipt(self, receipt: DossierReceipt) -> PrintResult: ...
    def print_dossier_slip(self, slip: DossierSlip) -> PrintResult: ...


@dataclass(frozen=True)
class ReceptionResult:
    ok: bool
    message_vi: str
    message_en: str
    dossier: Dossier | None = None
    printed: PrintResult | None = None


class ReceptionFlow:
    def __init__(
        self,
        dossiers: ReceptionDossiers,
        printer: SlipPrinter | None,
        config: Config,
        clock: Clock,
        counter: int,
        clerk_name: str = "",
    ) -> None:
        self._dossiers = dossiers
        self._printer = printer
        self._config = config
        self._clock = clock
        self.counter = counter
        self.clerk_name = clerk_name
        self.dossier: Dossier | None = None

    @property
    def tz(self) -> Any:
        """The center's timezone (times shown to the clerk)."""
        return self._config.center.tz

    @property
    def actor(self) -> str:
        return f"counter:{self.counter}"

    def open(self, code: str) -> Dossier:
        """The dossier ``code`` (UnknownDossier, CenterUnavailable: MotcuaError)."""
        self.dossier = self._dossiers.get(code)
        return self.dossier

    def take(self, d: Dossier) -> Dossier:
        """Go on with ``d`` as it is (a walk-in's dossier just taken in at this counter)."""
        self.dossier = d
        return d

    def open_for_ticket(self, ticket: Ticket) -> Dossier | None:
        """The dossier the called ``ticket`` carries, or None (a plain ticket); the one
        open before is closed either way. Blocking; MotcuaError when the center fails."""
        self.dossier = None
        self.dossier = self._dossiers.for_ticket(ticket.display_number, ticket.day)
        return self.dossier

    def close(self) -> None:
        self.dossier = None

    def pdf(self, n: int) -> bytes:
        """Paper ``n``'s PDF of the open dossier (blocking; MotcuaError when missing)."""
        if self.dossier is None:
            raise ValueError("no dossier open")
        return self._dossiers.paper_pdf(self.dossier.code, n)

    def actions(self) -> list[Action]:
        from motcua.dossier.lifecycle import actions_from

        d = self.dossier
        if d is None:
            return []
        return [
            a
            for a in actions_from(d.status, d.accepted_at is not None)
            if a
            in (
                Action.ACCEPT,
                Action.SUPPLEMENT,
                Action.REJECT,
                Action.PROGRESS,
                Action.FINISH,
                Action.RETURN,
            )
        ]

    def accept(self) -> ReceptionResult:
        return self._do(
            lambda code: self._dossiers.accept(code, self.actor),
            self._receipt,
            "Đã tiếp nhận hồ sơ",
            "Dossier accepted",
        )

    def supplement(self, note: str) -> ReceptionResult:
        return self._do(
            lambda code: self._dossiers.supplement(code, note, self.actor),
            self._slip("supplement"),
            "Đã yêu cầu bổ sung hồ sơ",
            "More papers requested",
        )

    def reject(self, reason: str) -> ReceptionResult:
        return self._do(
            lambda code: self._dossiers.reject(code, reason, self.actor),
            self._slip("reject"),
            "Đã từ chối tiếp nhận hồ sơ",
            "Dossier refused",
        )

    def progress(self, note: str) -> ReceptionResult:
        return self._do(
            lambda code: self._dossiers.progress(code, note, self.actor),
            None,
            "Đã ghi bước xử lý",
            "Processing step recorded",
        )

    def finish(self) -> ReceptionResult:
        return self._do(
            lambda code: self._dossiers.finish(code, self.actor),
            None,
            "Hồ sơ đã xử lý xong",
            "Dossier finished",
        )

    def return_result(self) -> ReceptionResult:
        return self._do(
            lambda code: self._dossiers.return_result(code, self.actor),
            None,
            "Đã trả kết quả",
            "Result returned",
        )

    def can_reprint(self) -> bool:
        return self._reprint_job() is not None

    def reprint(self) -> ReceptionResult:
        """The open dossier's last paper again (paper out, a jam, the citizen lost it):
        the receipt once accepted, else the supplement or refusal slip."""
        d, job = self.dossier, self._reprint_job()
        if d is None or job is None:
            return ReceptionResult(False, "Không có phiếu nào để in lại", "nothing to reprint", d)
        printed = job(d)
        if printed is not None and printed.ok:
            return ReceptionResult(True, "Đã in lại phiếu.", "Printed again.", d, printed)
        return ReceptionResult(
            False, "Máy in chưa in được phiếu.", "The printer did not print.", d, printed
        )

    def _reprint_job(self) -> Callable[[Dossier], PrintResult | None] | None:
        d = self.dossier
        if d is None or self._printer is None:
            return None
        if d.status is DossierStatus.SUPPLEMENT_REQUIRED:
            return self._slip("supplement")
        if d.status is DossierStatus.NOT_ACCEPTED:
            return self._slip("reject")
        if d.accepted_at is not None:
            return self._receipt
        return None

    # ------------------------------------------------------------------ helpers
    def _receipt(self, d: Dossier) -> PrintResult | None:
        if self._printer is None:
            return None
        return self._printer.print_receipt(receipt_for(d, self._config, self.clerk_name))

    def _slip(self, kind: str) -> Callable[[Dossier], PrintResult | None]:
        def after(d: Dossier) -> PrintResult | None:
            if self._printer is None:
                return None
            return self._printer.print_dossier_slip(
                slip_for(d, self._config, kind, self._clock.now())
            )

        return after

    def _do(
        self,
        change: Callable[[str], Dossier],
        after: Callable[[Dossier], PrintResult | None] | None,
        done_vi: str,
        done_en: str,
    ) -> ReceptionResult:
        if self.dossier is None:
            return ReceptionResult(False, "Chưa mở hồ sơ nào", "no dossier open")
        try:
            d = change(self.dossier.code)
        except MotcuaError as exc:  # a DossierError, or the center unreachable
            return ReceptionResult(False, exc.message_vi, exc.message_en, self.dossier)
        self.dossier = d
        printed = after(d) if after is not None else None
        vi, en = f"{done_vi} {d.code}.", f"{done_en}: {d.code}."
        if printed is not None and printed.ok:
            vi += " Đã in phiếu cho công dân."
            en += " The slip was printed for the citizen."
        elif printed is not None:
            vi += " Máy in chưa in được phiếu; xin in lại."
            en += " The printer did not print the slip; print again."
        return ReceptionResult(True, vi, en, d, printed)
