"""`motcua devices list`: real SANE, pyserial's and pyusb's own data types."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from serial.tools.list_ports_common import ListPortInfo

from motcua.devices.discovery import (
    find_audio_outputs,
    find_card_readers,
    find_document_scanners,
    find_serial_ports,
    find_usb_printers,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def sane_test_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """SANE with its `test` backend enabled (Debian ships it commented out)."""
    (tmp_path / "dll.conf").write_text("test\n")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(tmp_path))
    return tmp_path


def test_sane_test_scanner_is_found_with_its_url(sane_test_backend: Path) -> None:
    found, hints = find_document_scanners()
    urls = [f.url for f in found]
    assert "sane://test:0" in urls, (urls, hints)
    first = next(f for f in found if f.url == "sane://test:0")
    assert first.details["model"] == "frontend-tester"
    assert hints == []


def test_no_scanner_says_what_to_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dll.conf").write_text("")  # no backend at all
    monkeypatch.setenv("SANE_CONFIG_DIR", str(tmp_path))
    found, hints = find_document_scanners()
    assert found == []
    assert "scanner" in hints[0].message_en and "máy quét" in hints[0].message_vi


def _port(
    device: str, vid: int | None = None, pid: int | None = None, product: str = ""
) -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid, info.product = vid, pid, product or None
    info.serial_number = "A1B2" if vid else None
    return info


def test_serial_ports_carry_usb_ids_and_a_permission_hint(tmp_path: Path) -> None:
    node = tmp_path / "ttyUSB0"
    node.write_text("")
    os.chmod(node, 0o000)
    found, hints = find_serial_ports([_port(str(node), 0x1A86, 0x7523, "USB Serial")])
    assert hints == []
    (port,) = found
    assert port.url == f"serial://{node}?baudrate=9600"
    assert port.details["usb"] == "1a86:7523" and port.details["serial_number"] == "A1B2"
    if os.geteuid() != 0:  # root may open anything
        assert "dialout" in port.hint_en


def test_no_serial_port_is_said_plainly() -> None:
    found, hints = find_serial_ports([])
    assert found == [] and "cable" in hints[0].message_en


def _usb(vid: int, pid: int, classes: list[int]) -> object:
    """The shape pyusb gives: iterating a device yields configurations, which yield interfaces."""
    config = [SimpleNamespace(bInterfaceClass=c) for c in classes]
    attrs = {"idVendor": vid, "idProduct": pid, "bus": 1, "address": 7}
    return type("Dev", (), {**attrs, "__iter__": lambda self: iter([config])})()


def test_usb_printers_by_class_or_known_vendor() -> None:
    devices = [
        _usb(0x04B8, 0x0E15, [0xFF]),  # Epson TM-T20 (vendor-specific interface)
        _usb(0x1234, 0x0001, [0x07]),  # an unknown vendor, printer class
        _usb(0x046D, 0xC52B, [0x03]),  # a mouse receiver: not a printer
    ]
    found, _ = find_usb_printers(devices)
    urls = [f.url for f in found if f.url.startswith("usb://")]
    assert urls == ["usb://04b8:0e15", "usb://1234:0001"]
    assert found[0].details["vendor"] == "Epson"


def test_card_readers_from_pcsc_names() -> None:
    found, _ = find_card_readers(lambda: ["Virtual PCD 00 00", "ACS ACR122U 01 00"])
    assert [f.url for f in found] == [
        "pcsc://Virtual%20PCD%2000%2000",
        "pcsc://ACS%20ACR122U%2001%2000",
    ]


def test_pcscd_down_is_a_hint_not_a_crash() -> None:
    def broken() -> list[str]:
        raise RuntimeError("EstablishContext failed")

    found, hints = find_card_readers(broken)
    assert found == [] and "pcscd" in hints[0].message_en


def test_audio_cards_from_the_kernel_list(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.write_text(
        " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
        "                      HDA Intel PCH at 0xf7f10000 irq 32\n"
    )
    found, _ = find_audio_outputs(cards)
    assert [(f.url, f.description) for f in found] == [("default", "HDA-Intel - HDA Intel PCH")]
    none, hints = find_audio_outputs(tmp_path / "missing")
    assert none == [] and "none" in hints[0].message_en


def test_cli_lists_as_json(sane_test_backend: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "motcua", "devices", "list", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env=dict(os.environ, PYTHONPATH=str(REPO / "src")),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert any(d["url"] == "sane://test:0" for d in data["devices"])
    kinds = {h["kind"] for h in data["hints"]} | {d["kind"] for d in data["devices"]}
    assert {"serial", "usb_printer", "document_scanner", "card_reader", "audio"} <= kinds
