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
