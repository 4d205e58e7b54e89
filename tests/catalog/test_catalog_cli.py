"""`motcua catalog` commands (on a small catalog file, not the user's cache)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motcua.catalog import generate_procedures, write_catalog
from motcua.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "catalog.sqlite"
    write_catalog(path, generate_procedures(1800))
    return str(path)


def test_search(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--db", db, "search", "dang", "ky", "ket", "hon"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("1.000894") and "Đăng ký kết hôn" in first


def test_search_field_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--db", db, "search", "dang ky", "--field", "cu tru", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["field"] == "Cư trú" for r in rows)


def test_search_nothing(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--db", db, "search", "xyzzy"]) == 1
    assert "Không tìm thấy" in capsys.readouterr().out


def test_show_and_fields(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--db", db, "show", "2.000635"]) == 0
    assert json.loads(capsys.readouterr().out)["fee"] == "8.000 đồng/bản sao"
    assert main(["catalog", "--db", db, "show", "9.999999"]) == 1
    capsys.readouterr()
    assert main(["catalog", "--db", db, "fields"]) == 0
    assert "Hộ tịch" in capsys.readouterr().out


def test_missing_db_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--db", str(tmp_path / "none.sqlite"), "search", "x"]) == 2
    assert "Không tìm thấy danh mục" in capsys.readouterr().err


def test_corrupt_db_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    assert main(["catalog", "--db", str(bad), "search", "x"]) == 2
    assert "bị hỏng" in capsys.readouterr().err


def test_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "built.sqlite"
    assert main(["catalog", "build", str(out), "--count", "2000"]) == 0
    assert "2000 procedures" in capsys.readouterr().out
    assert out.is_file()


def test_dossier_lookup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "dossiers.sqlite")
    assert main(["catalog", "dossier", "000.00.06.H56-231027-0361", "--store", store]) == 1
    assert "Không tìm thấy hồ sơ" in capsys.readouterr().err
    assert main(["catalog", "dossier", "x", "--store", store, "--seed-demo"]) == 2
    seeded = capsys.readouterr().err.split()
    assert "Mã hồ sơ không đúng" in " ".join(seeded)
    code = seeded[0]
    assert main(["catalog", "dossier", f"https://x.vn/?ma={code}", "--store", store]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["code"] == code and data["status_label_vi"] and data["explanation_vi"]
