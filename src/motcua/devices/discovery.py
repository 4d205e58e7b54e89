"""Finding the devices attached to this machine, each with the URL to configure.

``motcua devices list`` prints what ``discover()`` returns: serial ports (pyserial's
``list_ports``), USB receipt printers (pyusb), document scanners (SANE, network ones
through sane-airscan), smart-card readers (PC/SC) and audio outputs. Each finder
returns what it saw and, when it saw nothing or could not look, a plain hint of what
to check (the cable, the ``dialout`` / ``lp`` groups, the udev rules in deploy/, a
daemon that is not running). Finders never raise: a missing library or tool is a hint.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

# USB vendors whose receipt printers speak ESC/POS (their usb://VID:PID works with
# python-escpos): Epson, Winbond/Xprinter, Star, Citizen, Bixolon, Rongta, Zjiang, SNBC.
ESC_POS_VENDORS = {
    0x04B8: "Epson",
    0x0416: "Winbond (Xprinter, POS-58/80)",
    0x0519: "Star Micronics",
    0x1D90: "Citizen",
    0x1504: "Bixolon",
    0x0FE6: "ICS (Rongta, Xprinter)",
    0x28E9: "GD32 (Zjiang POS-58)",
    0x154F: "SNBC",
}
USB_PRINTER_CLASS = 0x07


@dataclass(frozen=True)
class Found:
    kind: str  # serial | usb_printer | document_scanner | card_reader | audio
    url: str  # what to put in the configuration
    description: str
    details: dict[str, str] = field(default_factory=dict)
    hint_vi: str = ""  # a problem seen with it (permissions, ...)
    hint_en: str = ""


@dataclass(frozen=True)
class Hint:
    kind: str
    message_vi: str
    message_en: str


@dataclass
class Discovery:
    found: list[Found] = field(default_factory=list)
    hints: list[Hint] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Found]:
        return [f for f in self.found if f.kind == kind]

    def to_json(self) -> dict[str, Any]:
        return {
            "devices": [asdict(f) for f in self.found],
            "hints": [asdict(h) for h in self.hints],
        }


KINDS = {
    "serial": ("cổng nối tiếp", "serial ports"),
    "usb_printer": ("máy in USB", "USB printers"),
    "document_scanner": ("máy quét tài liệu", "document scanners"),
    "card_reader": ("đầu đọc thẻ", "card readers"),
    "audio": ("loa / âm thanh", "audio outputs"),
}


def _writable(path: str) -> bool:
    return os.access(path, os.R_OK | os.W_OK)


def find_serial_ports(ports: Iterable[Any] | None = None) -> tuple[list[Found], list[Hint]]:
    """``ports``: pyserial ListPortInfo objects (default: ``list_ports.comports()``)."""
    if ports is None:
        from serial.tools import list_ports

        ports = list_ports.comports()
    found: list[Found] = []
    for port in sorted(ports, key=lambda p: p.device):
        details = {"device": port.device}
        if port.vid is not None and port.pid is not None:
            details["usb"] = f"{port.vid:04x}:{port.pid:04x}"
        for key in ("manufacturer", "product", "serial_number", "location"):
            value = getattr(port, key, None)
            if value:
                details[key] = str(value)
        description = port.product or port.description
        if not description or description == "n/a":
            description = "cổng COM trên bo mạch / built-in serial port"
        hint_vi = hint_en = ""
        if not _writable(port.device):
            hint_vi = "Không có quyền mở: thêm người dùng dịch vụ vào nhóm dialout"
            hint_en = "no permission: add the service user to the dialout group"
        found.append(
            Found(
                "serial",
                f"serial://{port.device}?baudrate=9600",
                str(description),
                details,
                hint_vi,
                hint_en,
            )
        )
    hints = []
    if not found:
        hints.append(
            Hint(
                "serial",
                "Không thấy cổng nối tiếp: kiểm tra cáp USB của máy quét QR / bộ chuyển RS-485.",
                "no serial ports: check the USB cable of the QR scanner / RS-485 adapter",
            )
        )
    return found, hints


def find_usb_printers(devices: Iterable[Any] | None = None) -> tuple[list[Found], list[Hint]]:
    """``devices``: pyusb devices (default: ``usb.core.find(find_all=True)``)."""
    hints: list[Hint] = []
    if devices is None:
        try:
            import usb.core

            devices = list(usb.core.find(find_all=True))
        except Exception as exc:  # no libusb backend, no permission on /dev/bus/usb
            return [], [
                Hint(
                    "usb_printer",
                    f"Không đọc được danh sách USB: {exc}",
                    f"cannot list USB devices: {exc}",
                )
            ]
    found: list[Found] = []
    for dev in devices:
        vid, pid = int(dev.idVendor), int(dev.idProduct)
        is_printer = _has_printer_interface(dev)
        if not is_printer and vid not in ESC_POS_VENDORS:
            continue
        details = {"usb": f"{vid:04x}:{pid:04x}"}
        if vid in ESC_POS_VENDORS:
            details["vendor"] = ESC_POS_VENDORS[vid]
        bus, address = getattr(dev, "bus", None), getattr(dev, "address", None)
        hint_vi = hint_en = ""
        if bus is not None and address is not None:
            node = f"/dev/bus/usb/{int(bus):03d}/{int(address):03d}"
            details["node"] = node
            if Path(node).exists() and not _writable(node):
                hint_vi = "Không có quyền: cài luật udev trong deploy/udev và nhóm lp"
                hint_en = "no permission: install deploy/udev rules and the lp group"
        description = details.get("vendor", "USB printer")
        found.append(
            Found(
                "usb_printer", f"usb://{vid:04x}:{pid:04x}", description, details, hint_vi, hint_en
            )
        )
    lp = sorted(str(p) for p in Path("/dev/usb").glob("lp*")) if Path("/dev/usb").is_dir() else []
    for node in lp:
        found.append(Found("usb_printer", f"file://{node}", "usblp kernel printer", {"node": node}))
    if not found:
        hints.append(
            Hint(
                "usb_printer",
                "Không thấy máy in USB: kiểm tra cáp, nguồn máy in; máy in mạng dùng tcp://IP:9100.",
                "no USB printer: check its cable and power; a network printer is tcp://IP:9100",
            )
        )
    return found, hints


def _has_printer_interface(dev: Any) -> bool:
    try:
        return any(intf.bInterfaceClass == USB_PRINTER_CLASS for cfg in dev for intf in cfg)
    except Exception:  # descriptors unreadable without permission
        return False


Runner = Callable[[list[str]], str]


def _run(argv: list[str], timeout: float = 20.0, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env)
    return result.stdout


def find_document_scanners(run: Runner | None = None) -> tuple[list[Found], list[Hint]]:
    """SANE devices through ``scanimage`` (a subprocess: SANE's network probes can take
    seconds and its init is process-wide, neither belongs in the kiosk's process)."""
    if run is None:
        if shutil.which("scanimage") is None:
            return [], [
                Hint(
                    "document_scanner",
                    "Chưa cài sane-utils (scanimage).",
                    "sane-utils (scanimage) is not installed",
                )
            ]
        run = _run
    try:
        out = run(["scanimage", "--formatted-device-list=%d\t%v\t%m\t%t%n"])
    except (OSError, subprocess.SubprocessError) as exc:
        return [], [
            Hint("document_scanner", f"Không hỏi được SANE: {exc}", f"cannot ask SANE: {exc}")
        ]
    found = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[0]:
            continue
        name, vendor, model, kind = parts
        details = {"sane_device": name, "vendor": vendor, "model": model, "type": kind}
        if name.startswith(("airscan:", "escl:")):
            details["network"] = "eSCL/AirScan"
        found.append(
            Found(
                "document_scanner",
                f"sane://{quote(name, safe=':')}",
                f"{vendor} {model}".strip(),
                details,
            )
        )
    hints = []
    if not found:
        hints.append(
            Hint(
                "document_scanner",
                "Không thấy máy quét: kiểm tra cáp và nguồn; người dùng dịch vụ cần nhóm scanner; "
                "máy quét mạng cần sane-airscan và cùng mạng.",
                "no scanner: check cable and power; the service user needs the scanner group; "
                "network scanners need sane-airscan on the same network",
            )
        )
    return found, hints


def find_card_readers(
    readers: Callable[[], list[Any]] | None = None,
) -> tuple[list[Found], list[Hint]]:
    """PC/SC readers (pyscard over pcscd)."""
    if readers is None:
        try:
            from smartcard.System import readers as pcsc_readers
        except ImportError:
            return [], [Hint("card_reader", "Chưa cài pyscard.", "pyscard is not installed")]
        readers = pcsc_readers
    try:
        names = [str(r) for r in readers()]
    except Exception as exc:  # pcscd not running: EstablishContext fails
        return [], [
            Hint(
                "card_reader",
                f"Dịch vụ pcscd không chạy hoặc không trả lời ({exc}): systemctl start pcscd",
                f"pcscd is not running or not answering ({exc}): systemctl start pcscd",
            )
        ]
    found = [Found("card_reader", f"pcsc://{quote(n, safe='')}", n, {"reader": n}) for n in names]
    hints = []
    if not found:
        hints.append(
            Hint(
                "card_reader",
                "Không thấy đầu đọc thẻ: cắm lại đầu đọc USB; cần gói pcscd và libccid.",
                "no card reader: replug the USB reader; pcscd and libccid are needed",
            )
        )
    return found, hints


def find_audio_outputs(
    cards_file: Path = Path("/proc/asound/cards"),
) -> tuple[list[Found], list[Hint]]:
    """Sound cards the kernel knows; announcements go to the default output."""
    found = []
    if cards_file.exists():
        for line in cards_file.read_text(errors="replace").splitlines():
            head, _, rest = line.partition(":")
            number = head.strip().split(" ")[0]
            if number.isdigit() and rest.strip():
                found.append(Found("audio", "default", rest.strip(), {"alsa_card": number}))
    hints = []
    if not found:
        hints.append(
            Hint(
                "audio",
                "Không thấy card âm thanh: loa sẽ im lặng (thông báo vẫn hiện trên màn hình); "
                'kiểm tra loa/HDMI. Dùng audio = "none" nếu không có loa.',
                "no sound card: announcements stay silent (still shown); check speakers/HDMI; "
                'use audio = "none" if there are none',
            )
        )
    return found, hints


def discover() -> Discovery:
    result = Discovery()
    for finder in (
        find_serial_ports,
        find_usb_printers,
        find_document_scanners,
        find_card_readers,
        find_audio_outputs,
    ):
        found, hints = finder()
        result.found.extend(found)
        result.hints.extend(hints)
    return result
