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


def test_the_readme_demo_starts_and_paints_its_first_frame(tmp_path) -> None:
    """The README's first command: `motcua kiosk --windowed`, the demo configuration, the
    embedded center and sim devices, up to the first painted frame (a start-up that raises,
    e.g. a name bound too late in main_qt, fails here and nowhere else)."""
    import os
    import subprocess
    import sys

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        MOTCUA_SERVER_HOST="127.0.0.1",  # the embedded center on loopback, any free port
        MOTCUA_SERVER_PORT="0",
    )
    done = subprocess.run(
        [sys.executable, "-m", "motcua", "kiosk", "--windowed", "--first-frame-exit",
         "--db", str(tmp_path / "var" / "motcua.db")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "var" / "motcua.db").exists()
    assert (tmp_path / "var" / "admin-token").exists()  # the embedded center's first token
