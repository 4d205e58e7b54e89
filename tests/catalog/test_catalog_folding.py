"""Accent folding."""

from __future__ import annotations

import pytest

from motcua.catalog.folding import fold, looks_like_code


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký kết hôn", "dang ky ket hon"),
        ("ĐĂNG KÝ KẾT HÔN", "dang ky ket hon"),
        (
            "  Cấp   GCN quyền sử dụng đất (hộ gia đình, cá nhân) ",
            "cap gcn quyen su dung dat ho gia dinh ca nhan",
        ),
        ("Chứng thực bản sao; 2.000 đồng/trang", "chung thuc ban sao 2 000 dong trang"),
        ("Nghĩa vụ tài chính", "nghia vu tai chinh"),
        ("Ủy quyền ưu đãi ỵ", "uy quyen uu dai y"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_decomposed_and_composed_agree() -> None:
    import unicodedata

    text = "Đăng ký thường trú"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "dang ky thuong tru"


@pytest.mark.parametrize("q", ["1.000894", "1.0008", "2.", "1", "1.001193.000.00.00.H56"])
def test_codes_recognised(q: str) -> None:
    assert looks_like_code(q)


@pytest.mark.parametrize("q", ["dang ky", "h56", "1 2", "abc.1", ""])
def test_not_codes(q: str) -> None:
    assert not looks_like_code(q)
