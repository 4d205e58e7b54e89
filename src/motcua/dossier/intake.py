"""What creating a dossier checks: the applicant as learned, the phone, the channel.

The kiosk or the counter learns the applicant from the ID card's QR (typed only as a
last resort); only the masked name, the masked number and a keyed hash of it are kept
(``new_dossier``), the full values go no further than the ``on_intake`` hook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from motcua.catalog.procedure import Procedure
from motcua.dossier.consent import Consent
from motcua.dossier.errors import InvalidDossier
from motcua.dossier.models import Applicant, Dossier, DossierPaper
from motcua.dossier.status import DossierStatus
from motcua.logs import mask_id, mask_name
from motcua.queue.issuing import id_hash

CHANNELS = ("kiosk", "counter")
_UNIT = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
_PHONE = re.compile(r"^(?:\+84|0)\d{9,10}$")


@dataclass(frozen=True)
class ApplicantInput:
    """What the kiosk or counter learned (from the ID card's QR or typed). Never stored whole."""

    full_name: str
    id_number: str
    address: str = ""


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    if not digits:
        return ""
    if not _PHONE.match(digits):
        raise InvalidDossier(
            "Số điện thoại không hợp lệ (ví dụ 0912345678)",
            "invalid phone number (e.g. 0912345678)",
        )
    return digits


def check_unit_code(unit_code: str) -> str:
    if not _UNIT.match(unit_code):
        raise InvalidDossier(
            f"Mã đơn vị {unit_code!r} không đúng dạng 000.00.00.H56 ([center] unit_code)",
            f"unit code {unit_code!r} is not shaped 000.00.00.H56 ([center] unit_code)",
        )
    return unit_code


def check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        raise InvalidDossier(
            f"Kênh nộp {channel!r} không hợp lệ", f"channel must be one of {CHANNELS}"
        )
    return channel


def checked_applicant(applicant: ApplicantInput) -> ApplicantInput:
    """The applicant with the name's spaces folded; InvalidDossier for a bad number or no name."""
    number = (applicant.id_number or "").strip()
    if not number.isdigit() or len(number) not in (9, 12):
        raise InvalidDossier(
            "Số định danh không hợp lệ (cần 12 hoặc 9 chữ số)",
            "invalid ID number (12 or 9 digits expected)",
        )
    name = " ".join((applicant.full_name or "").split())
    if not name:
        raise InvalidDossier("Thiếu họ và tên người nộp", "the applicant's name is missing")
    return ApplicantInput(name, number, applicant.address)


def new_dossier(
    code: str,
    unit_code: str,
    procedure: Procedure,
    applicant: ApplicantInput,
    secret: bytes,
    phone: str,
    channel: str,
    consent: Consent,
    now: datetime,
) -> Dossier:
    """The draft as it is first stored: the procedure's checklist, nothing scanned, the
    applicant masked (``applicant`` already checked)."""
    who = Applicant(
        mask_name(applicant.full_name),
        mask_id(applicant.id_number),
        id_hash(secret, applicant.id_number),
        normalise_phone(phone),
    )
    working_days = procedure.working_days
    return Dossier(
        code=code,
        unit_code=unit_code,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        field=procedure.field,
        working_days=working_days if working_days is not None else -1,
        channel=channel,
        status=DossierStatus.DRAFT,
        applicant=who,
        consent=consent,
        created_at=now,
        papers=tuple(
            DossierPaper(n, p.name, p.form, p.copies, p.required)
            for n, p in enumerate(procedure.checklist, 1)
        ),
    )
