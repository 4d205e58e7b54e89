"""`motcua kiosk` arguments (the Qt app itself is driven in test_app_qt.py)."""

from __future__ import annotations

from motcua.cli import build_parser
from motcua.pin import verify_pin


def run(*argv: str) -> int:
    args = build_parser().parse_args(["kiosk", *argv])
    return args.func(args)


def test_hash_pin_prints_a_hash_that_verifies(capsys) -> None:
    assert run("hash-pin", "4829") == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("pbkdf2_sha256$")
    assert verify_pin("4829", out) and not verify_pin("1234", out)


def test_hash_pin_refuses_a_bad_pin(capsys) -> None:
    assert run("hash-pin", "12a") == 2
    assert "4 đến 12 chữ số" in capsys.readouterr().out


def test_joining_needs_a_token(capsys) -> None:
    assert run("--server", "http://127.0.0.1:9") == 2
    assert "--token" in capsys.readouterr().out


def test_flags_parse() -> None:
    args = build_parser().parse_args(
        ["kiosk", "--windowed", "--rating-for-counter", "5", "--printer", "sim://",
         "--scanner", "wedge", "--db", "x.db", "--language", "en"]
    )  # fmt: skip
    assert (args.windowed, args.rating_for_counter, args.scanner, args.language) == (
        True,
        5,
        "wedge",
        "en",
    )
