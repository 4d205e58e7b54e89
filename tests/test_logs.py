"""Journal-ready JSON log lines keep personal data masked."""

from __future__ import annotations

import io
import json
import logging

from motcua.logs import JsonFormatter, PersonalDataFilter


def test_json_lines_are_masked_and_parse() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(PersonalDataFilter())
    log = logging.getLogger("motcua.test.json")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("thẻ %s bị từ chối", "001090123456")
    finally:
        log.removeHandler(handler)
    entry = json.loads(stream.getvalue())
    assert entry["msg"] == "thẻ ********3456 bị từ chối"
    assert entry["level"] == "WARNING" and entry["logger"] == "motcua.test.json"


def test_libraries_that_narrate_at_info_are_kept_to_warnings(capsys) -> None:
    """An OCR'd scan logged a dozen INFO lines of ocrmypdf and fontTools on the clerk's
    terminal; motcua's own INFO lines stay."""
    from motcua.logs import setup_logging

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging(logging.INFO, fmt="text")
        logging.getLogger("fontTools.subset").info("maxp pruned")
        logging.getLogger("ocrmypdf._graft").info("Parsing 3 pages with HocrParser")
        logging.getLogger("ocrmypdf").warning("lost a page")
        logging.getLogger("motcua.scanner").info("3 trang")
        err = capsys.readouterr().err
        assert "maxp pruned" not in err and "HocrParser" not in err
        assert "lost a page" in err and "3 trang" in err
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
