"""The checklist step of the intake flow: scan each paper (blank pages confirmed or left
out, a stopped scanner's pages kept and the rest scanned after them), rescan, remove, skip
a "nếu có" paper, and upload each paper's PDF once it is whole. ``IntakeFlow`` inherits
``PaperSteps``, which works on the flow's state; what happens before and after the
checklist (procedure, consent, card, phone, review, submit) stays in ``intake_flow``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from motcua.dossier.intake_models import (
    Dossiers,
    FlowError,
    IntakeState,
    PaperItem,
    PaperState,
    Step,
)
from motcua.dossier.scanning import PaperScanner, ScannedPaper


class PaperSteps:
    """The papers of the dossier being taken in (``IntakeFlow`` is the one subclass)."""

    s: IntakeState
    _dossiers: Dossiers
    actor: str

    @property
    def items(self) -> list[PaperItem]:
        return self.s.items

    def item(self, n: int) -> PaperItem:
        for it in self.s.items:
            if it.n == n:
                return it
        raise FlowError(f"no paper {n}")

    def scan_paper(
        self,
        n: int,
        scanner: PaperScanner,
        on_progress: Callable[[int, bytes], None] | None = None,
        more: bool = False,
    ) -> PaperItem:
        """Scan paper ``n`` (blocking: the Qt layer runs it on a worker). ``more``: the
        scanner stopped (a jam) and the citizen scans the rest after the pages kept."""
        self._need(
            self.s.dossier is not None and self.s.step is Step.CHECKLIST,
            "nothing is scanned before the citizen agrees",
        )
        it = self.item(n)
        after = it.scan if more and it.scan is not None and it.scan.pages else None
        if it.state is PaperState.DONE:  # scanning again replaces the paper
            self.remove_paper(n)
        scanned = (
            scanner.scan(on_progress, after) if after is not None else scanner.scan(on_progress)
        )
        it.scan = scanned
        if scanned.failed:
            it.state = PaperState.STOPPED
            return it
        if scanned.blank_pages:
            it.state = PaperState.CHECK_BLANK
            return it
        return self._upload(it)

    def keep_scanned(self, n: int) -> PaperItem:
        """The scanner stopped but what was scanned is the whole paper: keep it."""
        it = self.item(n)
        self._need(
            it.state is PaperState.STOPPED and it.scan is not None and bool(it.scan.pages),
            "no pages kept to use",
        )
        assert it.scan is not None
        it.scan = replace(it.scan, failure_vi="", failure_en="", failure_reason="")
        if it.scan.blank_pages:
            it.state = PaperState.CHECK_BLANK
            return it
        return self._upload(it)

    def confirm_blank(self, n: int, keep: bool) -> PaperItem:
        """Blank pages shown: keep them (a blank back side is fine) or scan again."""
        it = self.item(n)
        self._need(it.state is PaperState.CHECK_BLANK, "no blank pages to confirm")
        if keep:
            return self._upload(it)
        it.scan, it.state = None, PaperState.TODO
        return it

    def drop_blank(self, n: int) -> PaperItem:
        """Blank pages shown: leave them out (the back sides of one-sided papers)."""
        it = self.item(n)
        self._need(it.state is PaperState.CHECK_BLANK, "no blank pages to drop")
        assert it.scan is not None
        if it.scan.pdf_without_blank is None:  # every page blank: nothing to keep
            it.scan, it.state = None, PaperState.TODO
            return it
        kept = tuple(p for p in it.scan.pages if not p.blank)
        it.scan = ScannedPaper(it.scan.pdf_without_blank, kept)
        return self._upload(it)

    def remove_paper(self, n: int) -> PaperItem:
        it = self.item(n)
        assert self.s.dossier is not None
        if it.state is PaperState.DONE:
            self.s.dossier = self._dossiers.delete_paper(self.s.dossier.code, n, self.actor)
        it.scan, it.state = None, PaperState.TODO
        return it

    def skip_paper(self, n: int) -> PaperItem:
        it = self.item(n)
        if it.paper.required:
            raise FlowError(f"paper {n} is required")
        if it.state is PaperState.DONE:
            self.remove_paper(n)
        it.state = PaperState.SKIPPED
        return it

    def missing(self) -> list[PaperItem]:
        return [i for i in self.s.items if i.paper.required and i.state is not PaperState.DONE]

    def _upload(self, it: PaperItem) -> PaperItem:
        assert self.s.dossier is not None and it.scan is not None
        self.s.dossier = self._dossiers.put_paper(
            self.s.dossier.code, it.n, it.scan.pdf, self.actor
        )
        it.state = PaperState.DONE
        return it

    @staticmethod
    def _need(ok: bool, why: str) -> None:
        if not ok:
            raise FlowError(why)
