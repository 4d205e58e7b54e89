"""Structured-ish logging and personal-data masking.

Nghị định 13/2023/NĐ-CP: ID numbers, names and addresses never reach a log in
full. Code that logs something about a citizen passes it through ``mask_id`` or
``mask_name`` first; ``PersonalDataFilter`` is a last line of defence that
rewrites any 9- or 12-digit run left in a log message.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys

_ID_RUN = re.compile(r"(?<!\d)(\d{9}|\d{12})(?!\d)")


def mask_id(number: str) -> str:
    """'001090123456' -> '********3456' (the last four stay for the clerk to match)."""
    digits = number.strip()
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_name(full_name: str) -> str:
    """'Nguyễn Văn An' -> 'Nguyễn V. A.': family name kept, the rest as initials."""
    parts = full_name.split()
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0][0] + "."
    return " ".join([parts[0], *(p[0] + "." for p in parts[1:])])


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        masked = _ID_RUN.sub(lambda m: mask_id(m.group(1)), msg)
        if masked != msg:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for the journal (``MOTCUA_LOG_FORMAT=json``, set by the
    units in deploy/): ``journalctl -u motcua-center -o cat | jq`` reads them back."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = _ID_RUN.sub(
                lambda m: mask_id(m.group(1)), self.formatException(record.exc_info)
            )
        return json.dumps(entry, ensure_ascii=False)


# Libraries that narrate their work at INFO (pikepdf's logger bridge at import, OCRmyPDF's
# pages, fontTools' subsetting of the text layer's font: a dozen lines per scanned paper).
# A clerk's terminal and the journal get their warnings and errors only.
CHATTY_LIBRARIES = ("pikepdf", "ocrmypdf", "fontTools", "PIL")


def setup_logging(level: int = logging.INFO, fmt: str | None = None) -> None:
    """Log to stderr; ``fmt`` "json" (default: ``$MOTCUA_LOG_FORMAT``) or plain text."""
    handler = logging.StreamHandler(sys.stderr)
    if (fmt or os.environ.get("MOTCUA_LOG_FORMAT", "")) == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter(
                "%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S"
            )
        )
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
