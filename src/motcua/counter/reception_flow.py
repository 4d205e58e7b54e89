"""Reception of a dossier at the counter, as plain Python (the console's Qt layer draws it).

The clerk opens the dossier the called ticket carries (or one by its code), looks at the
papers, checks the originals, and then: *Tiếp nhận* (status 2, the return date set, the
receipt "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" printed), *Yêu cầu bổ sung* (status 5,
a slip saying what is missing) or *Từ chối* (status 3, a slip with the reason). After
reception the steps 4 (processing), 9 (finished) and 10 (returned) are recorded here too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from motcua.clock import Clock
from motcua.config import Config
from motcua.dossier.errors import DossierError
from motcua.dossier.lifecycle import Action
from motcua.dossier.models import Dossier
from motcua.printer.dossier_slips import DossierSlip, receipt_for, slip_for
from motcua.printer.results import PrintResult
from motcua.printer.slips import DossierReceipt

log = logging.getLogger(__name__)


class ReceptionDossiers(Protocol):
    def get(self, code: str) -> Dossier: ...
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
    def actor(self) -> str:
        return f"counter:{self.counter}"

    def open(self, code: str) -> Dossier:
        self.dossier = self._dossiers.get(code)
        return self.dossier

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
        def after(d: Dossier) -> PrintResult | None:
            if self._printer is None:
                return None
            return self._printer.print_receipt(receipt_for(d, self._config, self.clerk_name))

        return self._do(
            lambda code: self._dossiers.accept(code, self.actor),
            after,
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

    # ------------------------------------------------------------------ helpers
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
        except DossierError as exc:
            return ReceptionResult(False, exc.message_vi, exc.message_en, self.dossier)
        self.dossier = d
        printed = after(d) if after is not None else None
        vi, en = f"{done_vi} {d.code}.", f"{done_en}: {d.code}."
        if printed is not None and not printed.ok:
            vi += " Máy in chưa in được phiếu; xin in lại."
            en += " The printer did not print the slip; print again."
        return ReceptionResult(True, vi, en, d, printed)
