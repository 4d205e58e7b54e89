"""What a procedure's published text means: its papers as records and its time in working days.

Catalogs publish both as free text: "01 ngày làm việc", "Trong ngày tiếp nhận",
"Giấy chứng sinh (bản chính)", "Hộ chiếu cũ (nếu có)". The dossier checklist and the
return date need them structured; the published text stays the source (it is what
the kiosk shows), and these functions read it once, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from motcua.catalog.folding import fold


class PaperForm(StrEnum):
    """The form a paper is handed in (DOMAIN.md, "thành phần hồ sơ")."""

    ORIGINAL = "original"  # bản chính
    CERTIFIED_COPY = "certified_copy"  # bản sao có chứng thực
    COPY = "copy"  # bản sao
    PHOTOCOPY_WITH_ORIGINAL = "photocopy_with_original"  # bản chụp kèm bản chính để đối chiếu

    @property
    def label_vi(self) -> str:
        return _FORM_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _FORM_LABELS[self][1]


_FORM_LABELS = {
    PaperForm.ORIGINAL: ("Bản chính", "Original"),
    PaperForm.CERTIFIED_COPY: ("Bản sao có chứng thực", "Certified copy"),
    PaperForm.COPY: ("Bản sao", "Copy"),
    PaperForm.PHOTOCOPY_WITH_ORIGINAL: (
        "Bản chụp kèm bản chính để đối chiếu",
        "Photocopy shown with the original",
    ),
}


@dataclass(frozen=True)
class Paper:
    """One paper of a procedure's dossier: what, in which form, how many, always or "nếu có"."""

    name: str
    form: PaperForm = PaperForm.ORIGINAL
    copies: int = 1
    required: bool = True
    condition: str = ""  # the "nếu ..." clause as published, when not required
    text: str = ""  # the published line it was read from

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "form": self.form.value,
            "form_label": self.form.label_vi,
            "copies": self.copies,
            "required": self.required,
            "condition": self.condition,
        }


# Matched on folded text (no accents, lower case): the published spellings vary.
_FORMS: tuple[tuple[str, PaperForm], ...] = (
    ("ban chup", PaperForm.PHOTOCOPY_WITH_ORIGINAL),
    ("ban sao co chung thuc", PaperForm.CERTIFIED_COPY),
    ("ban sao chung thuc", PaperForm.CERTIFIED_COPY),
    ("co chung thuc", PaperForm.CERTIFIED_COPY),
    ("ban sao", PaperForm.COPY),
    ("ban chinh", PaperForm.ORIGINAL),
    ("xuat trinh", PaperForm.ORIGINAL),
)
_COPIES = re.compile(r"\b0*(\d{1,2})\s*(?:ban|bo)\b(?!\s*(?:chinh|sao|chup))")
_PARENS = re.compile(r"\(([^()]*)\)")


def parse_paper(text: str) -> Paper:
    """A published paper line as a record.

    >>> parse_paper("Hộ chiếu cũ (nếu có)").required
    False
    >>> parse_paper("Giấy chứng sinh (bản chính)").form.value
    'original'
    """
    line = " ".join(text.split())
    folded = fold(line)
    form = _form(line)
    copies = 1
    m = _COPIES.search(folded)
    if m and 1 <= int(m.group(1)) <= 20:
        copies = int(m.group(1))
    condition = ""
    name = line
    for group in _PARENS.finditer(line):
        inner = group.group(1).strip()
        if fold(inner).startswith("neu"):
            condition = inner
            name = name.replace(group.group(0), "")
    name = " ".join(name.split()).strip(" ,;") or line
    return Paper(
        name=name, form=form, copies=copies, required=not condition, condition=condition, text=line
    )


def _form(line: str) -> PaperForm:
    """A form word counts in parentheses or leading the name, not inside it
    ("Tờ khai cấp bản sao trích lục" is an original form about copies)."""
    for group in _PARENS.findall(line):
        inner = fold(group)
        for key, form in _FORMS:
            if key in inner:
                return form
    folded = fold(line)
    for key, form in _FORMS:
        if folded.startswith(key):
            return form
    if "co chung thuc" in folded:
        return PaperForm.CERTIFIED_COPY
    return PaperForm.ORIGINAL


_DAYS = re.compile(r"(\d{1,3})\s*ngay(?:\s*lam\s*viec)?")
_SAME_DAY = re.compile(r"^(?:ngay\s+)?trong\s+ngay")


def parse_working_days(text: str) -> int | None:
    """The working days a published processing time says, or None when it says none.

    "01 ngày làm việc" → 1, "15 ngày làm việc" → 15, "Trong ngày" and "Ngay trong
    ngày làm việc" → 0 (by the end of that working day); "theo quy định" → None.
    """
    folded = fold(" ".join((text or "").split())).strip()
    if not folded:
        return None
    if _SAME_DAY.match(folded):
        return 0
    m = _DAYS.search(folded)
    if m is None:
        return None
    return int(m.group(1))
