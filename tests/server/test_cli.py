"""`motcua init-config`, `token create|list|revoke`, `ticket issue`, and `serve`'s first token."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from motcua.cli import main
from motcua.config import load_config
from motcua.server.tokens import Role, TokenStore
from tests.server.conftest import Tokens


def test_init_config_writes_the_commented_demo_and_refuses_to_overwrite(tmp_path: Path, capsys):
    target = tmp_path / "etc" / "center.toml"
    assert main(["init-config", str(target)]) == 0
    text = target.read_text("utf-8")
    assert text.startswith("#") and "Hộ tịch" in text
    config = load_config(target, env={})
    assert len(config.services) == 8 and len(config.counters) == 12
    target.write_text("# mine\n", encoding="utf-8")
    assert main(["init-config", str(target)]) == 1
    assert "--force" in capsys.readouterr().err
    assert target.read_text("utf-8") == "# mine\n"
    assert main(["init-config", str(target), "--force"]) == 0
    assert tomllib.loads(target.read_text("utf-8"))["center"]["name"]


def test_token_create_list_revoke(tmp_path: Path, capsys):
    db = str(tmp_path / "c.db")
    assert main(["token", "create", "--role", "counter", "--counter", "5", "--db", db]) == 0
    token = capsys.readouterr().out.strip()
    store = TokenStore(db, cache_seconds=0)
    device = store.verify(token)
    assert device.role is Role.COUNTER and device.counter == 5
    assert main(["token", "create", "--role", "kiosk", "--name", "Kiosk sảnh", "--db", db]) == 0
    capsys.readouterr()
    assert main(["token", "list", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert "counter" in listing and "Kiosk sảnh" in listing
    assert token not in listing  # only a prefix is ever shown
    assert main(["token", "revoke", str(device.id), "--db", db]) == 0
    assert store.verify(token) is None
    assert main(["token", "revoke", str(device.id), "--db", db]) == 1
    assert main(["token", "create", "--role", "counter", "--db", db]) == 2
    assert "quầy" in capsys.readouterr().err
    store.close()


def test_ticket_issue_prints_the_ticket(server, tokens: Tokens, capsys):
    args = ["ticket", "issue", "--service", "HT", "--server", server.url, "--token", tokens.kiosk]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "1001" in out and "/t/" in out
    assert main([*args[:-1], "wrong-token"]) == 1
    assert "token" in capsys.readouterr().err.lower()
    bad = ["ticket", "issue", "--service", "NOPE", "--server", server.url, "--token", tokens.kiosk]
    assert main(bad) == 1
    assert "Lỗi" in capsys.readouterr().err


def test_ticket_issue_against_no_server(capsys):
    args = ["ticket", "issue", "--service", "HT", "--server", "http://127.0.0.1:9", "--token", "x"]
    assert main(args) == 1
    assert "máy chủ" in capsys.readouterr().err


@pytest.mark.slow
def test_serve_prints_a_first_admin_token_once(tmp_path: Path):
    from tests.server.processes import ServerProcess

    db = tmp_path / "new.db"
    first = ServerProcess(db, tmp_path / "log")
    try:
        token = first.admin_token
        assert token
        store = TokenStore(db)
        assert store.verify(token).role is Role.ADMIN
        store.close()
    finally:
        first.stop()
    again = ServerProcess(db, tmp_path / "log")
    again.stop()
    assert again.admin_token is None


def test_serve_explains_an_unusable_database_or_config(tmp_path: Path, capsys):
    a_directory = tmp_path / "center.db"
    a_directory.mkdir()
    assert main(["serve", "--db", str(a_directory), "--port", "0"]) == 1
    assert "Không mở được cơ sở dữ liệu" in capsys.readouterr().err
    assert main(["serve", "--config", str(tmp_path / "missing.toml")]) == 2
    assert "không tìm thấy" in capsys.readouterr().err
