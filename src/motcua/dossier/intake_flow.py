"""Taking in a dossier, as plain Python: at the kiosk, or at a counter for a walk-in.

procedure → consent → who (the ID card's QR, or its chip) → phone (optional) → the checklist
(scan each paper, confirm blank pages, rescan or remove, skip a "nếu có" paper) → review →
submit. The kiosk's screens (``kiosk/screens/intake.py``) and the counter's walk-in window
(``counter/walkin_qt.py``) draw this same flow; the counter's is ``channel="counter"``
(the counter's own ID and document scanners, the applicant typed by the clerk as a last
resort: ``type_applicant``), and its submit takes no queue ticket (``Dossier.walk_in``):
the clerk goes straight on to reception.

Nothing is read or scanned, and no dossier exists, before the citizen agrees (Nghị định
13/2023): ``agree()`` notes the moment, the card is read after it, and ``set_phone()``
creates the dossier with the consent record (text version + that moment); every scan
after it is uploaded as that paper's PDF. ``abandon()`` (the idle timeout, after asking) discards
the dossier and every page scanned for it. ``submit()`` asks the center for status 1 and a
reception ticket, and prints "Phiếu nộp hồ sơ" with the code, its QR, the papers and the
ticket number.

The scanning itself is ``motcua.dossier.scanning.DocumentPaperScanner`` over
``motcua.scanner.documents``; this flow takes any ``PaperScanner`` (scan → one PDF and its
pages' thumbnails and blank flags, or the fault that stopped it with the pages before it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol

from motcua.catalog.papers import Paper
from motcua.catalog.procedure import Procedure
from motcua.clock import Clock
from motcua.dossier.consent import CURRENT, TEXTS, ConsentText
from motcua.dossier.intake import CHANNELS, ApplicantInput, checked_applicant, normalise_phone
from motcua.dossier.models import Dossier
from motcua.dossier.scanning import PaperScanner, ScannedPaper
from motcua.errors import MotcuaError  # a DossierError, or the center unreachable
from motcua.scanner.cccd_qr import CccdCard, parse_cccd_qr

log = logging.getLogger(__name__)


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
class _State:
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


class IntakeFlow:
    def __init__(
        self,
        dossiers: Dossiers,
        procedures: Callable[[str], Procedure | None],
        clock: Clock,
        print_slip: Callable[[Dossier], bool] | None = None,
        *,
        channel: str = "kiosk",
        actor: str = ACTOR,
    ) -> None:
        """``channel`` "counter": a clerk takes a walk-in's dossier in (``actor``, e.g.
        "counter:3"); no slip is printed at submit, reception follows."""
        if channel not in CHANNELS:
            raise FlowError(f"unknown channel {channel!r}")
        self._dossiers = dossiers
        self._procedures = procedures
        self._clock = clock
        self._print = print_slip
        self.channel = channel
        self.actor = actor
        self.s = _State()

    # ------------------------------------------------------------------ state
    @property
    def step(self) -> Step:
        return self.s.step

    @property
    def dossier(self) -> Dossier | None:
        return self.s.dossier

    @property
    def items(self) -> list[PaperItem]:
        return self.s.items

    def reset(self) -> None:
        """Forget everything (after submit, or after ``abandon``)."""
        self.s = _State()

    def abandon(self) -> None:
        """The idle timeout (after asking) or "Hủy": delete every page scanned."""
        d = self.s.dossier
        if d is not None and self.s.step is not Step.DONE:
            try:
                self._dossiers.discard(d.code, self.actor)
            except MotcuaError as exc:
                log.warning("intake: could not discard %s: %s", d.code, exc.message_en)
        self.reset()

    # ------------------------------------------------------------------ steps
    @property
    def procedure(self) -> Procedure | None:
        return self.s.procedure

    def choose_procedure(self, code: str) -> Step:
        self._need(self.s.dossier is None, "a dossier is already being assembled")
        p = self._procedures(code)
        if p is None:
            raise FlowError(f"unknown procedure {code!r}")
        self.s.procedure = p
        self.s.step = Step.CONSENT
        return self.s.step

    @staticmethod
    def consent_text() -> ConsentText:
        return TEXTS[CURRENT]

    def agree(self) -> Step:
        """The citizen pressed "Tôi đồng ý" (the moment is kept with the dossier)."""
        self._need(self.s.step is Step.CONSENT, "consent comes after the procedure")
        self.s.consent_at = self._clock.now()
        self.s.step = Step.WHO
        return self.s.step

    def scan_id(self, payload: str | bytes) -> CccdCard:
        """IdCardError (both languages) on garbage; the citizen scans again."""
        return self.use_card(parse_cccd_qr(payload, today=self._clock.now().date()))

    def use_card(self, card: CccdCard, proof: str = "qr") -> CccdCard:
        """The card's fields, from its QR (``scan_id``) or its chip (kiosk/chip_reader:
        ``proof`` "chip", or "chip_as_issued" when the SOD's hashes matched)."""
        self._need(
            self.s.consent_at is not None and self.s.step in (Step.WHO, Step.PHONE),
            "the card is read after the citizen agrees",
        )
        self._need(proof in PROOFS, f"unknown proof {proof!r}")
        self.s.card, self.s.typed = card, None
        self.s.card_proof = proof
        self.s.step = Step.PHONE
        log.info("ID card read for a dossier: %s (%s)", card.masked_id, proof)
        return card

    def type_applicant(self, full_name: str, id_number: str, address: str = "") -> ApplicantInput:
        """The last resort at a counter (the card's QR unreadable, no card at hand): the
        clerk types what the citizen's papers say. InvalidDossier (both languages) for a
        bad number or no name; the kiosk never offers it (a card is read there)."""
        self._need(
            self.s.consent_at is not None and self.s.step in (Step.WHO, Step.PHONE),
            "the applicant is taken after the citizen agrees",
        )
        self._need(self.channel == "counter", "only a clerk types the applicant")
        who = checked_applicant(ApplicantInput(full_name, id_number, " ".join(address.split())))
        self.s.card, self.s.typed = None, who
        self.s.card_proof = "typed"
        self.s.step = Step.PHONE
        log.info("applicant typed for a dossier: ****%s", who.id_number[-4:])
        return who

    @property
    def card_proof(self) -> str:
        return self.s.card_proof

    def back_to_consent(self) -> Step:
        """Back from the card step: the consent is asked again (it was only noted)."""
        self._need(self.s.step is Step.WHO, "not at the card step")
        self.s.consent_at = None
        self.s.step = Step.CONSENT
        return self.s.step

    def back_to_who(self) -> Step:
        self._need(self.s.step is Step.PHONE, "not at the phone step")
        self.s.card, self.s.typed = None, None
        self.s.card_proof = ""
        self.s.step = Step.WHO
        return self.s.step

    def set_phone(self, phone: str) -> Dossier:
        """An empty phone is fine (it is only for notices); a wrong one is DossierError
        (and CenterUnavailable when a joined kiosk cannot reach the center).
        The dossier is created here, with the consent given before the card was read."""
        card, typed = self.s.card, self.s.typed
        self._need(
            self.s.step is Step.PHONE and (card is not None or typed is not None),
            "read the card first",
        )
        self.s.phone = normalise_phone(phone)
        p = self.s.procedure
        assert p is not None
        who = ApplicantInput(card.full_name, card.id_number, card.address) if card else typed
        assert who is not None
        d = self._dossiers.create(
            p.code,
            who,
            CURRENT,
            self.s.consent_at,
            phone=self.s.phone,
            channel=self.channel,
            actor=self.actor,
        )
        self.s.dossier = d
        self.s.items = [
            PaperItem(dp.n, paper) for dp, paper in zip(d.papers, p.checklist, strict=False)
        ]
        self.s.card = self.s.typed = None  # the full name and number go no further
        self.s.step = Step.CHECKLIST
        return d

    def decline(self) -> IntakeResult:
        self.reset()
        if self.channel == "counter":
            return IntakeResult(
                False,
                "Công dân chưa đồng ý nên chưa quét giấy tờ nào và chưa lập hồ sơ. Cán bộ "
                "có thể kiểm tra giấy tờ bản giấy theo quy trình thông thường.",
                "The citizen did not agree: nothing was scanned and no dossier was made. "
                "The papers can be checked on paper as usual.",
            )
        return IntakeResult(
            False,
            "Ông/bà chưa đồng ý nên máy không quét giấy tờ. Ông/bà vẫn có thể nộp hồ sơ "
            "tại quầy: xin lấy số thứ tự.",
            "Nothing was scanned because you did not agree. You can still submit at a "
            "counter: please take a number.",
        )

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

    def review(self) -> Step:
        self._need(self.s.step is Step.CHECKLIST, "review comes after the checklist")
        if self.missing():
            raise FlowError("required papers are missing")
        self.s.step = Step.REVIEW
        return self.s.step

    def back_to_checklist(self) -> Step:
        self._need(self.s.step is Step.REVIEW, "not reviewing")
        self.s.step = Step.CHECKLIST
        return self.s.step

    def submit(self) -> IntakeResult:
        """Status 1 and a reception ticket; prints "Phiếu nộp hồ sơ" (blocking)."""
        self._need(self.s.step is Step.REVIEW, "submit after the review")
        d = self.s.dossier
        assert d is not None
        try:
            d = self._dossiers.submit(d.code, self.actor)
        except MotcuaError as exc:
            return IntakeResult(False, exc.message_vi, exc.message_en, d)
        self.s.dossier = d
        self.s.step = Step.DONE
        if d.walk_in:  # no ticket, no slip: reception goes on at this counter
            self.s.result = IntakeResult(
                True,
                f"Đã lập hồ sơ {d.code}. Mời kiểm tra bản chính rồi tiếp nhận, yêu cầu bổ sung "
                "hoặc từ chối.",
                f"Dossier {d.code} made. Check the originals, then accept, ask for more or refuse.",
                d,
            )
            return self.s.result
        return self._printed(d)

    def reprint(self) -> IntakeResult:
        """The slip did not print (paper out): try again once the citizen asks."""
        self._need(self.s.step is Step.DONE and self.s.dossier is not None, "nothing submitted")
        assert self.s.dossier is not None
        return self._printed(self.s.dossier)

    def _printed(self, d: Dossier) -> IntakeResult:
        try:
            printed = bool(self._print and self._print(d))
        except Exception:  # a printer's bug must never look like a printed slip
            log.exception("intake slip: printing failed")
            printed = False
        ticket_vi = f" Số thứ tự của ông/bà: {d.ticket_number}." if d.ticket_number else ""
        ticket_en = f" Your number: {d.ticket_number}." if d.ticket_number else ""
        slip_vi = (
            "Xin nhận phiếu nộp hồ sơ ở khe máy in."
            if printed
            else "Máy in CHƯA in được phiếu: xin chạm In lại, hoặc ghi lại mã hồ sơ trên màn "
            "hình và báo cán bộ tại quầy."
        )
        slip_en = (
            "Take the slip from the printer."
            if printed
            else "The slip was NOT printed: tap Print again, or note the dossier code on the "
            "screen and tell the counter."
        )
        result = IntakeResult(
            True,
            f"Đã nộp hồ sơ {d.code}.{ticket_vi} Mời ông/bà chờ gọi số tại quầy tiếp nhận "
            f"để cán bộ kiểm tra bản chính. {slip_vi}",
            f"Dossier {d.code} submitted.{ticket_en} Please wait to be called at the "
            f"reception counter, where the originals are checked. {slip_en}",
            d,
            printed,
        )
        self.s.result = result
        return result

    # ------------------------------------------------------------------ helpers
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
