"""[portal] configuration, `motcua sync` commands and the /metrics lines."""

from __future__ import annotations

import json

import pytest
from tests.sync.helpers import queue_dossier

from motcua.cli import main
from motcua.clock import SystemClock
from motcua.config import ConfigError, load_config, parse_config
from motcua.sync.db import open_outbox_store
from motcua.sync.metrics import render_sync_metrics
from motcua.sync.runtime import build_sync, figures

BASE = """
[center]
name = "Trung tâm thử"
unit_code = "000.00.06.H56"
[[services]]
code = "HT"
name = "Hộ tịch"
name_en = "Civil status"
numbering = { kind = "range", start = 1, end = 999 }
"""


def write(tmp_path, extra: str):
    path = tmp_path / "c.toml"
    path.write_text(BASE + extra, encoding="utf-8")
    return path


def test_no_portal_section_means_nothing_is_sent(tmp_path):
    config = load_config(write(tmp_path, ""))
    assert config.portal is None
    assert build_sync(config, tmp_path / "db") is None
    assert not (tmp_path / "db").exists()


def test_portal_section_with_password_file(tmp_path):
    (tmp_path / "pw").write_text("s3cret\n")
    config = load_config(
        write(
            tmp_path,
            f"""
[portal]
url = "http://127.0.0.1:9/"
username = "motcua"
password_file = "{tmp_path / "pw"}"
max_in_flight = 8
""",
        )
    )
    assert config.portal is not None and config.portal.password() == "s3cret"
    assert config.portal.max_in_flight == 8 and config.portal.adapter == "dvcqg"
    sync = build_sync(config, tmp_path / "db")
    assert sync is not None
    assert "s3cret" not in repr(sync.portal)
    sync.stop()


def test_password_in_the_toml_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="password_file"):
        load_config(write(tmp_path, '[portal]\nurl = "http://x/"\npassword = "p"\n'))


def test_bad_portal_values_are_refused():
    import tomllib

    data = tomllib.loads(BASE)
    for bad in (
        {"url": "ftp://x"},
        {"url": "http://x", "adapter": "soap"},
        {"url": "http://x", "max_in_flight": 0},
        {"url": "http://x", "colour": 1},
    ):
        with pytest.raises(ConfigError):
            parse_config({**data, "portal": bad})


def test_unreadable_password_file_is_a_clear_error(tmp_path):
    config = load_config(write(tmp_path, '[portal]\nurl = "http://x/"\npassword_file = "/nope"\n'))
    with pytest.raises(ConfigError, match="password_file"):
        config.portal.password()


def test_sync_status_and_retry_dead(tmp_path, capsys):
    from motcua.sync import outbox

    db = open_outbox_store(tmp_path / "c.db")
    queue_dossier(db, 1, steps=2, now=0)
    rows = db.write(lambda tx: outbox.claim(tx, 0.0, 1))
    db.write(
        lambda tx: outbox.mark_failed(
            tx,
            rows[0].id,
            next_at=0,
            kind="refused",
            reason="DongBoHoSoMC: 422 bad",
            refused=True,
            uncertain=False,
            dead=True,
        )
    )
    text = render_sync_metrics(figures(db, SystemClock()))
    db.close()
    assert "motcua_outbox_backlog 4" in text and "motcua_outbox_dead_rows 1" in text
    assert 'motcua_portal_failures_total{kind="timeout"} 0' in text
    assert main(["sync", "status", "--db", str(tmp_path / "c.db"), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["backlog"] == 4 and status["dead"] == 1
    assert status["dead_rows"][0]["last_error"] == "DongBoHoSoMC: 422 bad"
    assert main(["sync", "retry-dead", "--db", str(tmp_path / "c.db")]) == 0
    assert main(["sync", "status", "--db", str(tmp_path / "c.db")]) == 0
    out = capsys.readouterr().out
    assert "dead rows: 0" in out and "backlog: 4" in out


def test_sync_status_without_database(tmp_path):
    assert main(["sync", "status", "--db", str(tmp_path / "none.db")]) == 1
