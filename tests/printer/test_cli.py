"""`motcua printer ...` end to end (in-process, through the real dispatcher)."""

from __future__ import annotations

from PIL import Image
from printer_readback import decode_qr

from motcua.cli import main
from motcua.config import load_config
from motcua.printer.decoder import parse, texts
from motcua.public_url import base_url


def test_preview_ticket_png(tmp_path, capsys):
    out, raw = tmp_path / "t.png", tmp_path / "t.bin"
    code = main(["printer", "preview", "--layout", "ticket", "--service", "CT",
                 "--priority", "elderly", "--citizen", "Nguyễn Văn An",
                 "--out", str(out), "--bin", str(raw)])  # fmt: skip
    assert code == 0
    img = Image.open(out)
    assert img.width == 576 + 32
    # no [center] public_url in the demo: the address comes from [server] (motcua.public_url)
    assert decode_qr(img) == [f"{base_url(load_config())}/t/CT-2023-7f3a"]
    assert decode_qr(img)[0].startswith("http://") and ":8080/t/" in decode_qr(img)[0]
    assert "2023" in [t.data.decode() for t in texts(parse(raw.read_bytes()))]
    assert "bytes of ESC/POS" in capsys.readouterr().out


def test_preview_receipt_on_58mm(tmp_path):
    out = tmp_path / "r.png"
    assert main(["printer", "preview", "--layout", "receipt", "--profile", "58mm",
                 "--out", str(out)]) == 0  # fmt: skip
    assert Image.open(out).width == 384 + 32


def test_test_and_status_on_sim(capsys):
    assert main(["printer", "test", "--printer", "sim://"]) == 0
    assert "printed" in capsys.readouterr().out
    assert main(["printer", "status", "--printer", "sim://"]) == 0
    assert "OK" in capsys.readouterr().out


def test_status_of_unreachable_printer_is_not_ok(capsys):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["printer", "status", "--printer", f"tcp://127.0.0.1:{port}"]) == 1
    out = capsys.readouterr().out
    assert "UNKNOWN" in out and "không kết nối được" in out


def test_bad_url_is_a_usage_error(capsys):
    try:
        code = main(["printer", "test", "--printer", "gopher://x"])
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    assert "unknown printer URL" in capsys.readouterr().err


def test_sim_server_is_a_network_printer(tmp_path):
    """`motcua printer sim-server` in a subprocess, printed to over TCP by `printer test`."""
    import os
    import re
    import subprocess
    import sys
    import time

    env = {**os.environ, "PYTHONPATH": "src"}
    cmd = [sys.executable, "-m", "motcua", "printer", "sim-server",
           "--listen", "127.0.0.1:0", "--out", str(tmp_path)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stdout.readline()
        port = re.search(r"127\.0\.0\.1:(\d+)", first).group(1)
        assert main(["printer", "test", "--printer", f"tcp://127.0.0.1:{port}"]) == 0
        for _ in range(500):  # the server saves the job once the connection closes
            if list(tmp_path.glob("*.png")):
                break
            time.sleep(0.02)
        (png,) = tmp_path.glob("*.png")
        assert decode_qr(Image.open(png))
    finally:
        proc.terminate()
        proc.wait(5)
