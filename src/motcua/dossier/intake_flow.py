"""Taking in a dossier, as plain Python: at the kiosk, or at a counter for a walk-in.

procedure → consent → who (the ID card's QR, or its chip) → phone (optional) → the checklist
(scan each paper, confirm blank pages, rescan or remove, skip a "nếu có" paper) → review →
submit. The kiosk's screens (``kiosk/screens/intake*.py``) and the counter's walk-in window
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

The checklist's steps are ``PaperSteps`` (``intake_papers``), which this flow inherits; its
records (``Step``, ``PaperItem``, ``IntakeResult``, the ``Dossiers`` it needs) are in
``intake_models`` and importable from here too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from motcua.catalog.procedure import Procedure
from motcua.clock import Clock
from motcua.dossier.consent import CURRENT, TEXTS, ConsentText
from motcua.dossier.intake import CHANNELS, ApplicantInput, checked_applicant, normalise_phone
from motcua.dossier.intake_models import (
    ACTOR,
    PROOFS,
    Dossiers,
    FlowError,
    IntakeResult,
    IntakeState,
    PaperItem,
    PaperState,
    Step,
)
from motcua.dossier.intake_papers import PaperSteps
from motcua.dossier.models import Dossier
from motcua.errors import MotcuaError  # a DossierError, or the center unreachable
from motcua.logs import mask_id
from motcua.scanner.cccd_qr import CccdCard, parse_cccd_qr

log = logging.getLogger(__name__)

# the records stay importable from here, where the screens and the tests look for them
__all__ = [
    "ACTOR", "PROOFS", "Dossiers", "FlowError", "IntakeFlow", "IntakeResult", "PaperItem",
    "PaperState", "Step",
]  # fmt: skip


class IntakeFlow(PaperSteps):
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
        self.s = IntakeState()

    # ------------------------------------------------------------------ state
    @property
    def step(self) -> Step:
        return self.s.step

    @property
    def dossier(self) -> Dossier | None:
        return self.s.dossier

    def reset(self) -> None:
        """Forget everything (after submit, or after ``abandon``)."""
        self.s = IntakeState()

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
        log.info("applicant typed for a dossier: %s", mask_id(who.id_number))
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
