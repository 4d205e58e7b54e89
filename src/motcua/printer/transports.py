"""Byte pipes to printers, chosen by URL. A transport only opens, writes, reads
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
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

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
    "transport_for_url",
]

_SERIAL_KEYS = {"baudrate", "bytesize", "parity", "stopbits", "rtscts", "xonxoff", "dsrdtr"}
_OUR_KEYS = {"status", "timeout"}


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


PYSERIAL_SCHEMES = ("socket", "loop", "rfc2217", "spy", "alt", "hwgrep")


def transport_for_url(url: str) -> Transport:
    """The transport for a device URL (sim:// is handled by open_printer)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    query = dict(parse_qsl(parts.query))
    one_way = query.get("status", "").lower() in ("off", "none", "0", "no")
    transport: Transport
    if scheme == "serial":
        port = unquote(parts.path or parts.netloc)
        if not port:
            raise ValueError(f"{url}: serial URL needs a device, e.g. serial:///dev/ttyUSB0")
        options = {k: v for k, v in query.items() if k in _SERIAL_KEYS}
        transport = SerialTransport(url, port, options)
    elif scheme in PYSERIAL_SCHEMES:
        options = {k: v for k, v in query.items() if k in _SERIAL_KEYS}
        rest = {k: v for k, v in query.items() if k not in _SERIAL_KEYS | _OUR_KEYS}
        port = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if rest:
            port += "?" + urlencode(rest)
        transport = SerialTransport(url, port, options)
    elif scheme == "tcp":
        if not parts.hostname:
            raise ValueError(f"{url}: tcp URL needs a host, e.g. tcp://192.168.1.50:9100")
        transport = TcpTransport(url, parts.hostname, parts.port or 9100)
    elif scheme == "file":
        path = unquote(parts.path)
        if not path:
            raise ValueError(f"{url}: file URL needs a path, e.g. file:///tmp/ticket.bin")
        transport = FileTransport(url, Path(path))
    elif scheme == "cups":
        queue = unquote(parts.netloc or parts.path.strip("/"))
        if not queue:
            raise ValueError(f"{url}: cups URL needs a queue name, e.g. cups://Kiosk80")
        transport = CupsTransport(url, queue)
    elif scheme == "usb":
        ids = (parts.netloc or parts.path.strip("/")).split(":")
        try:
            vendor, product = (int(x, 16) for x in ids)
        except ValueError:
            raise ValueError(f"{url}: usb URL needs VID:PID in hex, e.g. usb://04b8:0e15") from None
        transport = UsbTransport(url, vendor, product, query)
    else:
        raise ValueError(
            f"Địa chỉ máy in không hợp lệ / unknown printer URL scheme: {url!r} "
            "(serial://, tcp://, usb://, cups://, file://, sim://)"
        )
    return OneWay(transport) if one_way else transport
