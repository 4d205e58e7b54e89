"""The printer family's drivers, one per URL scheme, registered with motcua.devices.

Each opener gets the checked URL and what every printer needs (profile, fonts, clock,
timezone, status timeout) and returns a ``Printer``. ``sim://`` is one of them: a
Printer over an in-process simulated device (printer/sim.py).
"""

from __future__ import annotations

from typing import Any

from motcua.devices import SERIAL_OPTIONS, DeviceUrl, choice, integer, number, register, text
from motcua.devices.url import PYSERIAL_SCHEMES
from motcua.printer.printer import Printer
from motcua.printer.sim import SimPrinter
from motcua.printer.transports import transport_for

#: On every line: ``status=off`` for a printer that never answers (a one-way cable);
#: ``timeout`` bounds each status query, in seconds.
COMMON = {
    "status": choice(
        {"on": True, "yes": True, "1": True, "off": False, "none": False}
        | {"no": False, "0": False}
    ),
    "timeout": number(0.05, 30),
}


def _line_printer(url: DeviceUrl, **context: Any) -> Printer:
    """A printer over a byte transport."""
    if "timeout" in url.options:
        context["status_timeout"] = url.options["timeout"]
    return Printer(transport_for(url), **context)


def _check_tcp(url: DeviceUrl) -> None:
    if not url.host or (":" in url.target and url.port is None):
        raise url.error(
            "tcp:// cần địa chỉ máy in, ví dụ tcp://192.168.1.50:9100",
            "tcp:// needs a host, e.g. tcp://192.168.1.50:9100",
        )


def _check_usb(url: DeviceUrl) -> None:
    ids = url.target.strip("/").split(":")
    if len(ids) != 2 or not all(len(x) == 4 and _hex(x) for x in ids):
        raise url.error(
            "usb:// cần VID:PID dạng hex, ví dụ usb://04b8:0e15",
            "usb:// needs VID:PID in hex, e.g. usb://04b8:0e15",
        )


def _hex(x: str) -> bool:
    try:
        int(x, 16)
    except ValueError:
        return False
    return True


register(
    "printer",
    "serial",
    example="serial:///dev/ttyUSB0?baudrate=115200",
    options={**SERIAL_OPTIONS, **COMMON},
    target="required",
    summary="a serial (RS-232 / USB-serial) printer through pyserial",
)(_line_printer)
for _scheme in PYSERIAL_SCHEMES:
    register(
        "printer",
        _scheme,
        example=f"{_scheme}://...",
        options={**SERIAL_OPTIONS, **COMMON},
        summary=f"pyserial's {_scheme}:// port",
    )(_line_printer)
register(
    "printer",
    "tcp",
    example="tcp://192.168.1.50:9100",
    options=COMMON,
    target="required",
    check=_check_tcp,
    summary="a network printer's raw port (JetDirect, 9100)",
)(_line_printer)
register(
    "printer",
    "usb",
    example="usb://04b8:0e15",
    options={**COMMON, "in_ep": integer(0, 255, base=0), "out_ep": integer(0, 255, base=0)},
    target="required",
    check=_check_usb,
    summary="a USB printer through pyusb (python-escpos's Usb)",
)(_line_printer)
register(
    "printer",
    "cups",
    example="cups://Kiosk80",
    options=COMMON,
    target="required",
    summary="a raw CUPS queue (lp -o raw); write-only",
)(_line_printer)
register(
    "printer",
    "file",
    example="file:///tmp/tickets.bin",
    options=COMMON,
    target="required",
    summary="appends the bytes to a file; write-only",
)(_line_printer)


SIM_STATES = ("ok", "paper_out", "paper_near_end", "offline", "cover_open", "silent")


@register(
    "printer",
    "sim",
    example="sim://?out=/tmp/slips",
    options={"out": text, "state": choice({s: s for s in SIM_STATES})},
    target="none",
)
def open_sim(url: DeviceUrl, **context: Any) -> SimPrinter:
    """A simulated printer that decodes what it gets (``out``: save each job as a PNG;
    ``state``: start out of paper, near its end, offline, with the cover open or silent —
    for demos of the kiosk's printer-down screens and tests of the health flow)."""
    context.pop("status_timeout", None)
    printer = SimPrinter(out_dir=url.option("out"), url=url.text, **context)
    state = url.option("state") or "ok"
    if state != "ok":
        getattr(printer, f"set_{state}")(True)
    return printer
