"""Byte pipes to printers, chosen by URL (the URL grammar and its checks: motcua.devices;
the drivers that open each scheme: printer/drivers.py). A transport only opens, writes, reads
(with a deadline) and closes; it knows nothing of ESC/POS.

    serial:///dev/ttyUSB0?baudrate=115200   pyserial (serial_for_url), so pyserial
    socket://host:port, loop://, rfc2217://  URLs work too, given as they are
    tcp://192.168.1.50:9100                  raw TCP ("JetDirect" port 9100)
    usb://04b8:0e15                          pyusb through python-escpos's Usb
    cups://QueueName                         raw CUPS queue via `lp -o raw` (write-only)
    file:///path                             appends the bytes (write-only)

``?status=off`` on any URL marks a line whose printer does not answer (a
one-way cable): nothing is asked, and a job is reported "sent", not "printed".
"""

from __future__ import annotations

from pathlib import Path

from motcua.devices.url import PYSERIAL_SCHEMES, DeviceUrl, pyserial_port, serial_kwargs
from motcua.printer.network import TcpTransport
from motcua.printer.serial_line import SerialTransport
from motcua.printer.spool import CupsTransport, FileTransport
from motcua.printer.transport_base import Transport, TransportError
from motcua.printer.usb_line import UsbTransport

__all__ = [
    "CupsTransport",
    "FileTransport",
    "OneWay",
    "SerialTransport",
    "TcpTransport",
    "Transport",
    "TransportError",
    "UsbTransport",
    "transport_for",
    "transport_for_url",
]


class OneWay:
    """Wraps a transport whose printer never answers (``?status=off``)."""

    bidirectional = False

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.url = inner.url

    @property
    def is_open(self) -> bool:
        return self.inner.is_open

    def open(self) -> None:
        self.inner.open()

    def write(self, data: bytes) -> None:
        self.inner.write(data)

    def read(self, size: int, timeout: float) -> bytes:
        return b""

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        self.inner.close()


def transport_for(url: DeviceUrl) -> Transport:
    """The byte pipe for a printer URL already checked by its driver (printer/drivers.py)."""
    transport: Transport
    if url.scheme == "serial" or url.scheme in PYSERIAL_SCHEMES:
        transport = SerialTransport(url.text, pyserial_port(url), serial_kwargs(url))
    elif url.scheme == "tcp":
        assert url.host  # checked by the driver
        transport = TcpTransport(url.text, url.host, url.port or 9100)
    elif url.scheme == "file":
        transport = FileTransport(url.text, Path(url.target))
    elif url.scheme == "cups":
        transport = CupsTransport(url.text, url.target.strip("/"))
    elif url.scheme == "usb":
        vendor, product = (int(x, 16) for x in url.target.strip("/").split(":"))
        endpoints = {k: v for k, v in url.options.items() if k in ("in_ep", "out_ep")}
        transport = UsbTransport(url.text, vendor, product, endpoints)
    else:
        raise url.error("máy in này không dùng đường truyền byte", "no byte transport for it")
    return OneWay(transport) if url.option("status", True) is False else transport


def transport_for_url(url: str) -> Transport:
    """The transport for a printer URL given as text (checked like the configuration)."""
    from motcua.devices import parse_device_url

    return transport_for(parse_device_url("printer", url))
