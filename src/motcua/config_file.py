"""Changing keys of the configuration file in place: the technician screen's writes.

The file is the technician's, commented and ordered: tomlkit edits the values and keeps
everything else. The new text is checked the way the kiosk checks it at start
(``parse_config``: device URLs by their drivers, the PIN hash...) *before* it replaces the
old file (a temporary file, fsync, rename), so a bad value is refused with the reason
and the file on disk is never half-written or wrong.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit

from motcua.config import Config, ConfigError, parse_config

Key = tuple[str, str]  # (section, key): ("devices", "printer")


def updated_text(text: str, changes: Mapping[Key, Any]) -> str:
    doc = tomlkit.parse(text)
    for (section, key), value in changes.items():
        table = doc.get(section)
        if table is None:
            table = tomlkit.table()
            doc[section] = table
        table[key] = value
    return tomlkit.dumps(doc)


DEMO_PIN_NOTE = "# The demo PIN is 1234."


def new_config_text() -> tuple[str, str]:
    """The commented demo configuration with a PIN of its own: (text, the PIN).
    The demo's PIN (1234, a fixed salt in the repository) never goes into a new file."""
    from motcua.config import demo_config_text
    from motcua.pin import hash_pin, new_pin

    pin = new_pin()
    text = demo_config_text().replace(
        DEMO_PIN_NOTE,
        "# Set by `motcua init-config`, which printed the PIN once; change it at the kiosk's\n"
        "# technician menu or with `motcua kiosk set-pin --config FILE`.",
    )
    return updated_text(text, {("kiosk", "technician_pin_hash"): hash_pin(pin)}), pin


def set_keys(path: str | Path, changes: Mapping[Key, Any]) -> Config:
    """Write ``changes`` into the file at ``path``; the new configuration, checked.
    Raises ConfigError (bilingual, naming the key) and leaves the file as it was."""
    where = Path(path)
    try:
        old = where.read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"{where}: không đọc được / cannot read: {exc.strerror}") from exc
    new = updated_text(old, changes)
    config = parse_config(tomllib.loads(new), env={}, where=str(where))
    mode = where.stat().st_mode & 0o777
    fd, tmp = tempfile.mkstemp(prefix=f".{where.name}.", dir=where.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(new)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, where)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ConfigError(f"{where}: không ghi được / cannot write: {exc.strerror}") from exc
    return config
