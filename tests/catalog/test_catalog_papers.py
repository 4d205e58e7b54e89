from __future__ import annotations

import pytest

from motcua.catalog.generator import real_procedures
from motcua.catalog.papers import PaperForm, parse_paper, parse_working_days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("01 ngày làm việc", 1),
        ("15 ngày làm việc", 15),
        ("Trong ngày", 0),
        ("Ngay trong ngày làm việc", 0),
        ("Trong ngày tiếp nhận; nếu nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo", 0),
        ("Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ", 20),
        ("Theo quy định", None),
        ("", None),
    ],
)
def test_working_days_from_published_text(text: str, days: int | None) -> None:
    assert parse_working_days(text) == days


def test_papers_as_records() -> None:
    p = parse_paper("Hộ chiếu cũ (nếu có)")
    assert (p.name, p.required, p.condition) == ("Hộ chiếu cũ", False, "nếu có")
    assert parse_paper("Giấy chứng sinh (bản chính)").form is PaperForm.ORIGINAL
    assert parse_paper("Bản sao Giấy khai sinh cũ").form is PaperForm.COPY
    assert parse_paper("Văn bản ủy quyền có chứng thực (nếu nộp thay)").form is (
        PaperForm.CERTIFIED_COPY
    )
    assert parse_paper("Sổ hộ khẩu (bản chụp kèm bản chính để đối chiếu)").form is (
        PaperForm.PHOTOCOPY_WITH_ORIGINAL
    )
    # "bản sao" inside the name of a form is not the paper's form
    assert parse_paper("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu").form is (
        PaperForm.ORIGINAL
    )
    assert parse_paper("Giấy khai sinh (bản sao, 02 bản)").copies == 2
    assert parse_paper("Tờ khai (mẫu CT01)").required


def test_catalog_procedures_carry_structured_fields() -> None:
    by_code = {p.code: p for p in real_procedures()}
    assert by_code["1.000894"].working_days == 1
    assert by_code["1.001193"].working_days == 0
    passport = by_code["1.001456"].checklist
    assert [x.required for x in passport] == [True, True, True, False]
    assert PaperForm.CERTIFIED_COPY.label_vi == "Bản sao có chứng thực"
