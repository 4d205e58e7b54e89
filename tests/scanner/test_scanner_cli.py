"""`motcua scanner` commands."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from motcua.cli import main
from motcua.scanner.cli import describe_scan

PAYLOAD = (
    "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Phường Bến Nghé, Quận 1, TP. HCM|15042021"
)


def test_parse_id_masked_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "parse-id", PAYLOAD]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["id_number"] == "********3456"
    assert data["full_name"] == "Nguyễn V. A."
    assert data["birth_date"] == "1990-01-01"
    assert "001090123456" not in out and "Nguyễn Văn An" not in out and "Bến Nghé" not in out


def test_parse_id_show_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "parse-id", PAYLOAD, "--show-id"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id_number"] == "001090123456"
    assert data["full_name"] == "Nguyễn Văn An"


def test_parse_id_mojibake(capsys: pytest.CaptureFixture[str]) -> None:
    garbled = PAYLOAD.encode("utf-8").decode("latin-1")
    assert main(["scanner", "parse-id", garbled, "--show-id"]) == 0
    assert json.loads(capsys.readouterr().out)["full_name"] == "Nguyễn Văn An"


def test_parse_id_garbage_exit_2_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "parse-id", "https://example.com"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "không phải của thẻ Căn cước" in captured.err
    assert "Traceback" not in captured.err


def test_parse_mrz(capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]
    assert main(["scanner", "parse-mrz", *lines]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["birth_date"] == "1974-08-12" and data["document_number"] == "*****5890"
    bad = [lines[0][:14] + "8" + lines[0][15:], *lines[1:]]
    assert main(["scanner", "parse-mrz", *bad]) == 2
    assert "Sai số kiểm tra" in capsys.readouterr().err


def test_describe_scan_kinds() -> None:
    assert describe_scan(PAYLOAD)["kind"] == "cccd"
    assert describe_scan("https://x.vn/?ma=000.00.06.H56-231027-0361") == {
        "kind": "dossier_code",
        "code": "000.00.06.H56-231027-0361",
    }
    other = describe_scan("CMND 012345678 somewhere")
    assert other["kind"] == "other" and "012345678" not in other["text"]


def test_listen_sim_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PAYLOAD + "\nhello\n"))
    assert main(["scanner", "listen", "--scanner", "sim://", "--count", "2"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["kind"] for x in lines] == ["cccd", "other"]
    assert lines[0]["card"]["id_number"] == "********3456"


def test_listen_bad_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "listen", "--scanner", "ftp://x"]) == 2
    assert "Địa chỉ máy quét không hợp lệ" in capsys.readouterr().err


@pytest.mark.slow
def test_listen_command_over_a_pty(pty_pair: Any, wait_until: Callable[..., bool]) -> None:
    """The real command in a subprocess, a socat pty standing in for the USB scanner."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "motcua", "scanner", "listen", "--count", "2",
         "--scanner", f"serial://{pty_pair.port}?baudrate=9600"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        # the command logs "scanner connected" once the port is open (and flushed)
        assert proc.stderr is not None
        stderr = proc.stderr
        seen: list[bytes] = []
        reader = threading.Thread(target=lambda: seen.extend(iter(stderr.readline, b"")))
        reader.start()
        assert wait_until(lambda: b"scanner connected" in b"".join(seen), timeout=20), seen
        pty_pair.send(PAYLOAD.encode("utf-8").decode("latin-1").encode("utf-8") + b"\r\n")
        pty_pair.send(b"000.00.06.H56-231027-0361\n")
        assert proc.stdout is not None
        proc.wait(timeout=20)  # two short JSON lines fit the pipe buffer
        out = proc.stdout.read()
        reader.join(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
    lines = [json.loads(x) for x in out.decode("utf-8").splitlines()]
    assert lines[0]["kind"] == "cccd"
    assert lines[0]["card"]["full_name"] == "Nguyễn V. A."
    assert lines[1] == {"kind": "dossier_code", "code": "000.00.06.H56-231027-0361"}
    assert proc.returncode == 0


def test_a_rejected_card_is_masked_like_an_accepted_one() -> None:
    broken = "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Phường Bến Nghé, Quận 1|XX"
    seen = describe_scan(broken)
    assert seen["kind"] == "other"
    text = seen["text"]
    for secret in ("001090123456", "Văn An", "01011990", "Bến Nghé"):
        assert secret not in text, text
    assert "********3456" in text and "Nguyễn V. A." in text
    assert describe_scan(broken, show_id=True)["text"] == broken


def test_parse_id_reads_the_payload_from_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PAYLOAD + "\n"))
    assert main(["scanner", "parse-id", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["id_number"] == "********3456"
