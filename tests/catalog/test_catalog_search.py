"""Search as you type over the demo catalog."""

from __future__ import annotations

import pytest

from motcua.catalog import Catalog, Procedure
from motcua.catalog.folding import fold


def names(results: list[Procedure]) -> list[str]:
    return [p.name for p in results]


@pytest.mark.parametrize(
    "query",
    ["dang ky ket hon", "Đăng ký kết hôn", "DANG KY KET HON", "đăng ky ket hôn", "dang ky ket h"],
)
def test_marriage_found_first(demo_catalog: Catalog, query: str) -> None:
    results = demo_catalog.search(query)
    assert results[0].code == "1.000894"


def test_every_result_contains_every_word(demo_catalog: Catalog) -> None:
    results = demo_catalog.search("ket hon dang ky", limit=500)
    assert results
    for p in results:
        words = fold(p.name).split()
        assert "ket" in words and "hon" in words and "dang" in words and "ky" in words


def test_words_in_any_order(demo_catalog: Catalog) -> None:
    assert "Đăng ký kết hôn" in names(demo_catalog.search("ket hon dang ky"))


def test_prefix_only_on_the_last_word(demo_catalog: Catalog) -> None:
    assert demo_catalog.search("dang ky ket h")
    # a finished word (followed by more words) must match whole
    assert not demo_catalog.search("dan ky ket hon")
    # a trailing space means the last word is finished too
    assert demo_catalog.search("giay phep lai x")
    assert demo_catalog.search("giay phep lai x ") == []


def test_d_matches_dj(demo_catalog: Catalog) -> None:
    results = demo_catalog.search("dat dai", limit=200)
    # "đất đai" as a phrase first; folding also (rightly) finds "đặt ... đại diện"
    assert "đất đai" in results[0].name.lower()
    assert any(p.field == "Đất đai" and "đất đai" not in p.name.lower() for p in results)
    for p in results:
        words = fold(p.name + " " + p.field).split()
        assert "dat" in words and any(w.startswith("dai") for w in words)


def test_exact_then_phrase_ranking(demo_catalog: Catalog) -> None:
    results = demo_catalog.search("dang ky khai sinh", limit=20)
    assert results[0].name == "Đăng ký khai sinh"
    # names starting with the phrase come before names merely containing the words
    folded = [fold(p.name) for p in results]
    starts = [f.startswith("dang ky khai sinh") for f in folded]
    assert starts == sorted(starts, reverse=True)


def test_by_code_exact_prefix_and_localised(demo_catalog: Catalog) -> None:
    assert names(demo_catalog.search("1.000894")) == ["Đăng ký kết hôn"]
    prefix = demo_catalog.search("1.0008", limit=500)
    assert prefix and all(p.code.startswith("1.0008") for p in prefix)
    assert [p.code for p in prefix] == sorted(p.code for p in prefix)
    assert names(demo_catalog.search("1.001193.000.00.00.H56")) == ["Đăng ký khai sinh"]
    found = demo_catalog.get("1.001193.000.00.00.H56")
    assert found is not None and found.code == "1.001193"


def test_field_filter_accent_insensitive(demo_catalog: Catalog) -> None:
    results = demo_catalog.search("dang ky", field="ho tich", limit=500)
    assert results and all(p.field == "Hộ tịch" for p in results)
    assert demo_catalog.search("dang ky", field="Hộ tịch", limit=500) == results
    assert demo_catalog.search("dang ky", field="no such field") == []


def test_browse_field_sorted_by_name(demo_catalog: Catalog) -> None:
    listed = demo_catalog.browse("Cư trú")
    assert listed and all(p.field == "Cư trú" for p in listed)
    assert [fold(p.name) for p in listed] == sorted(fold(p.name) for p in listed)
    assert demo_catalog.field_counts()["Cư trú"] == len(listed)


def test_fields_listed_alphabetically_without_accents(demo_catalog: Catalog) -> None:
    fields = demo_catalog.fields()
    assert "Hộ tịch" in fields and "Đất đai" in fields
    assert fields == sorted(fields, key=fold)


def test_no_match_and_limit(demo_catalog: Catalog) -> None:
    assert demo_catalog.search("xyzzy quux") == []
    assert len(demo_catalog.search("cap", limit=7)) == 7


def test_empty_query_lists_everything_in_order(demo_catalog: Catalog) -> None:
    assert len(demo_catalog.search("   ", limit=5)) == 5


def test_small_catalog_in_memory() -> None:
    procs = [
        Procedure(
            "1.000001",
            "Cấp lại giấy phép lái xe",
            "Đường bộ",
            "Cấp tỉnh",
            "x",
            "y",
            "Toàn trình",
            ("a",),
            "u",
        ),
        Procedure(
            "1.000002",
            "Cấp giấy phép lái xe",
            "Đường bộ",
            "Cấp tỉnh",
            "x",
            "y",
            "Toàn trình",
            ("a",),
            "u",
        ),
        Procedure(
            "1.000003",
            "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
            "Đường bộ",
            "Cấp tỉnh",
            "x",
            "y",
            "Toàn trình",
            ("a",),
            "u",
        ),
    ]
    catalog = Catalog(procs)
    assert names(catalog.search("giay phep lai xe")) == [
        "Cấp giấy phép lái xe",
        "Cấp lại giấy phép lái xe",
        "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
    ]
    # words in any order: the third name has "cấp" at its end
    assert names(catalog.search("cap giay phep lai xe"))[0] == "Cấp giấy phép lái xe"
    assert len(catalog.search("cap giay phep lai xe")) == 3
    # "lai" is both "lại" and "lái" once folded; typed accents pick the spelling
    assert len(catalog.search("cap lai")) == 3
    assert names(catalog.search("cấp lại"))[0] == "Cấp lại giấy phép lái xe"
    assert names(catalog.search("doi g")) == [
        "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    ]


def test_typed_accents_break_ties_between_folded_twins() -> None:
    def proc(code: str, name: str) -> Procedure:
        return Procedure(code, name, "Hộ tịch", "Cấp xã", "x", "y", "Toàn trình", ("a",), "u")

    catalog = Catalog(
        [
            proc("1.000001", "Đăng ký lại khai sinh"),
            proc("1.000002", "Đăng ký lái tàu biển quốc tế"),
        ]
    )
    # without accents the shorter, general name comes first
    assert names(catalog.search("dang ky lai"))[0] == "Đăng ký lại khai sinh"
    # with accents the spelling the citizen typed wins
    assert names(catalog.search("đăng ký lái"))[0] == "Đăng ký lái tàu biển quốc tế"
    assert names(catalog.search("đăng ký lại"))[0] == "Đăng ký lại khai sinh"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("so do", "Cấp GCN quyền sử dụng đất lần đầu (hộ gia đình, cá nhân)"),
        ("sổ đỏ", "Cấp GCN quyền sử dụng đất lần đầu (hộ gia đình, cá nhân)"),
        (
            "giay chung nhan quyen su dung dat lan dau",
            "Cấp GCN quyền sử dụng đất lần đầu (hộ gia đình, cá nhân)",
        ),
        ("ho khau", "Đăng ký thường trú"),
        ("passport", "Cấp hộ chiếu phổ thông trong nước"),
        ("giay khai sinh", "Đăng ký khai sinh"),
        ("sao y", "Chứng thực bản sao từ bản chính"),
    ],
)
def test_colloquial_words_find_the_catalog_wording(
    demo_catalog: Catalog, said: str, expected: str
) -> None:
    assert expected in names(demo_catalog.search(said, limit=10))


def test_literal_phrase_beats_synonyms(demo_catalog: Catalog) -> None:
    # "giấy chứng nhận" is literally in many names: those stay ahead of "GCN" rewrites
    results = demo_catalog.search("giay chung nhan", limit=5)
    assert all("giấy chứng nhận" in p.name.lower() for p in results)
