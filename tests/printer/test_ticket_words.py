"""What the ticket says: ông/bà, the priority group named for every group, the short URL."""

from __future__ import annotations

from motcua.printer.layouts import PRIORITY_MARK_MAX, priority_lines, short_url


def test_every_priority_group_is_named_on_the_ticket() -> None:
    for label in (
        "Người cao tuổi (từ 60 tuổi)",
        "Người khuyết tật",
        "Phụ nữ có thai",
        "Người có công với cách mạng",
        "Người đi cùng trẻ nhỏ",
        "Nhóm có tên rất dài không vừa một dòng của phiếu",
    ):
        mark, line = priority_lines(label)
        assert len(mark) <= PRIORITY_MARK_MAX
        named = mark + " " + line
        assert label.split(" (")[0] in named, (label, mark, line)
    assert priority_lines("Người cao tuổi (từ 60 tuổi)") == ("ƯU TIÊN · Người cao tuổi", "")


def test_short_url_is_what_a_person_types() -> None:
    assert short_url("http://192.168.1.10:8080/t/AbC") == "192.168.1.10:8080/t/AbC"
    assert short_url("https://tt.example.vn/t/x") == "tt.example.vn/t/x"
