"""The English translation is complete and compiled (Qt's .ts -> .qm workflow)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from motcua.kiosk.i18n_qt import Lang

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "src/motcua/assets/i18n/motcua_en.ts"
KIOSK = ROOT / "src/motcua/kiosk"


def ts_messages() -> dict[str, str]:
    tree = ET.parse(TS)
    out = {}
    for msg in tree.iter("message"):
        translation = msg.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete")
        out[msg.findtext("source") or ""] = translation.text or ""
    return out


def test_every_marked_string_is_translated() -> None:
    messages = ts_messages()
    marked = set()
    for path in KIOSK.rglob("*.py"):
        marked |= set(re.findall(r'\btr\(\s*"([^"\n]+)"\s*\)', path.read_text("utf-8")))
    marked.discard("...")  # the docstring of i18n_qt
    assert marked, "no tr() strings found"
    missing = sorted(marked - set(messages))
    assert not missing, f"run pyside6-lupdate and translate: {missing}"
    assert all(messages[m] for m in marked)


def test_strings_split_over_lines_are_translated_too() -> None:
    """tr("..." "...") over several lines: the regex above misses them, Python joins them."""
    import ast

    messages = ts_messages()
    missing = []
    for path in KIOSK.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value != "..."
                and not messages.get(node.args[0].value)
            ):
                missing.append((path.name, node.args[0].value))
    assert not missing, missing


def test_compiled_qm_matches_the_ts(qapp) -> None:
    lang = Lang("vi")
    for source, english in ts_messages().items():
        assert lang.english_of(source) == english
    assert lang.text("Lấy số thứ tự") == "Lấy số thứ tự"
    lang.set_language("en")
    assert lang.text("Lấy số thứ tự") == "Take a queue number"
    assert lang.other("Lấy số thứ tự") == "Lấy số thứ tự"
    lang.set_language("vi")
