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

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit


class TransportError(OSError):
    """The line to the printer failed (cannot open, write or read)."""


class Transport(Protocol):
    url: str
    #: True when the printer can answer (DLE EOT status) over this line.
    bidirectional: bool

    def open(self) -> None: ...
    def write(self, data: bytes) -> None: ...
    def read(self, size: int, timeout: float) -> bytes: ...
    def discard_input(self) -> None: ...
    def close(self) -> None: ...

    @property
    def is_open(self) -> bool: ...


# ------------------------------------------------------------------------ serial

_SERIAL_KEYS = {"baudrate", "bytesize", "parity", "stopbits", "rtscts", "xonxoff", "dsrdtr"}
_OUR_KEYS = {"status", "timeout"}


class SerialTransport:
    bidirectional = True

    def __init__(self, url: str, port: str, options: dict[str, str]) -> None:
        self.url = url
        self.port = port
        self.options = options
        self._ser = None

    @property
    def is_open(self) -> bool:
        return self._ser is not None

    def open(self) -> None:
        import serial

        kwargs: dict[str, object] = {"baudrate": 115200, "timeout": 0, "write_timeout": 10}
        for key, value in self.options.items():
            if key in ("baudrate", "bytesize", "stopbits"):
                kwargs[key] = float(value) if key == "stopbits" else int(value)
            elif key == "parity":
                kwargs[key] = value.upper()[:1]
            elif key in ("rtscts", "xonxoff", "dsrdtr"):
                kwargs[key] = value.lower() in ("1", "true", "yes", "on")
        try:
            self._ser = serial.serial_for_url(self.port, **kwargs)
        except (serial.SerialException, ValueError, OSError) as exc:
            raise TransportError(f"serial {self.port}: {exc}") from exc

    def write(self, data: bytes) -> None:
        ser = self._require()
        # Time for the bytes at the line speed, doubled, plus slack for flow control.
        baud = getattr(ser, "baudrate", 115200) or 115200
        ser.write_timeout = 5 + 2 * len(data) * 10 / baud
        try:
            ser.write(data)
            ser.flush()
        except Exception as exc:  # SerialTimeoutException, OSError, socket errors
            raise TransportError(f"serial write: {exc}") from exc

    def read(self, size: int, timeout: float) -> bytes:
        """Up to ``size`` bytes, returning as soon as some arrive or at the deadline
        (pyserial's timeout is per call; python-escpos waits the whole of it)."""
        ser = self._require()
        deadline = time.monotonic() + timeout
        got = b""
        try:
            while len(got) < size:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                ser.timeout = min(remaining, 0.05)
                chunk = ser.read(size - len(got))
                if chunk:
                    got += chunk
                    break
        except Exception as exc:
            raise TransportError(f"serial read: {exc}") from exc
        return got

    def discard_input(self) -> None:
        if self._ser is not None:
            with contextlib.suppress(Exception):
                self._ser.reset_input_buffer()

    def close(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            with contextlib.suppress(Exception):
                ser.close()

    def _require(self):
        if self._ser is None:
            raise TransportError("serial line not open")
        return self._ser


# ------------------------------------------------------------------------ tcp


class TcpTransport:
    bidirectional = True

    def __init__(self, url: str, host: str, port: int, connect_timeout: float = 2.0) -> None:
        self.url = url
        self.host, self.port = host, port
        self.connect_timeout = connect_timeout
        self._sock: socket.socket | None = None

    @property
    def is_open(self) -> bool:
        return self._sock is not None

    def open(self) -> None:
        try:
            self._sock = socket.create_connection((self.host, self.port), self.connect_timeout)
        except OSError as exc:
            raise TransportError(f"tcp {self.host}:{self.port}: {exc}") from exc

    def write(self, data: bytes) -> None:
        sock = self._require()
        sock.settimeout(5 + 2 * len(data) / 11_500)
        try:
            sock.sendall(data)
        except OSError as exc:
            raise TransportError(f"tcp write: {exc}") from exc

    def read(self, size: int, timeout: float) -> bytes:
        sock = self._require()
        sock.settimeout(max(timeout, 0.001))
        try:
            data = sock.recv(size)
        except TimeoutError:
            return b""
        except OSError as exc:
            raise TransportError(f"tcp read: {exc}") from exc
        if not data:
            raise TransportError("tcp: the printer closed the connection")
        return data

    def discard_input(self) -> None:
        sock = self._sock
        if sock is None:
            return
        sock.setblocking(False)
        try:
            while sock.recv(4096):
                pass
        except (BlockingIOError, OSError):
            pass
        finally:
            sock.setblocking(True)

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()

    def _require(self) -> socket.socket:
        if self._sock is None:
            raise TransportError("tcp connection not open")
        return self._sock


# ------------------------------------------------------------------------ file


class FileTransport:
    """Appends jobs to a file (or writes to a device node such as /dev/usb/lp0)."""

    bidirectional = False

    def __init__(self, url: str, path: Path) -> None:
        self.url = url
        self.path = path
        self._fh: BinaryIO | None = None

    @property
    def is_open(self) -> bool:
        return self._fh is not None

    def open(self) -> None:
        try:
            self._fh = open(self.path, "ab", buffering=0)  # noqa: SIM115 - kept open
        except OSError as exc:
            raise TransportError(f"file {self.path}: {exc}") from exc

    def write(self, data: bytes) -> None:
        if self._fh is None:
            raise TransportError("file not open")
        try:
            self._fh.write(data)
            os.fsync(self._fh.fileno()) if self.path.is_file() else None
        except OSError as exc:
            raise TransportError(f"file write: {exc}") from exc

    def read(self, size: int, timeout: float) -> bytes:
        return b""

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        fh, self._fh = self._fh, None
        if fh is not None:
            fh.close()


# ------------------------------------------------------------------------ cups


class CupsTransport:
    """A raw CUPS queue: each write is one `lp -o raw` job. CUPS reports nothing
    back about paper, so the line is write-only."""

    bidirectional = False

    def __init__(self, url: str, queue: str, lp: str | None = None) -> None:
        self.url = url
        self.queue = queue
        self.lp = lp
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def open(self) -> None:
        self.lp = self.lp or shutil.which("lp")
        if not self.lp:
            raise TransportError(
                "CUPS không có trên máy này (thiếu lệnh `lp`) / CUPS is not installed"
            )
        self._open = True

    def write(self, data: bytes) -> None:
        if not self._open or not self.lp:
            raise TransportError("cups queue not open")
        try:
            done = subprocess.run(
                [self.lp, "-d", self.queue, "-o", "raw"],
                input=data,
                capture_output=True,
                timeout=15,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise TransportError(f"cups lp: {exc}") from exc
        if done.returncode != 0:
            raise TransportError(f"cups lp: {done.stderr.decode(errors='replace').strip()}")

    def read(self, size: int, timeout: float) -> bytes:
        return b""

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        self._open = False


# ------------------------------------------------------------------------ usb


class UsbTransport:
    """A USB printer through python-escpos's Usb (pyusb). Status comes back on the
    bulk IN endpoint."""

    bidirectional = True

    def __init__(self, url: str, vendor: int, product: int, options: dict[str, str]) -> None:
        self.url = url
        self.vendor, self.product = vendor, product
        self.options = options
        self._usb = None

    @property
    def is_open(self) -> bool:
        return self._usb is not None

    def open(self) -> None:
        try:
            from escpos.printer import Usb

            kwargs = {}
            if "in_ep" in self.options:
                kwargs["in_ep"] = int(self.options["in_ep"], 0)
            if "out_ep" in self.options:
                kwargs["out_ep"] = int(self.options["out_ep"], 0)
            usb = Usb(self.vendor, self.product, timeout=2000, **kwargs)
            usb.open(raise_not_found=True)
        except Exception as exc:  # DeviceNotFoundError, USBError, NoBackendError
            raise TransportError(
                f"usb {self.vendor:04x}:{self.product:04x}: {type(exc).__name__}: {exc}"
            ) from exc
        self._usb = usb

    def write(self, data: bytes) -> None:
        if self._usb is None:
            raise TransportError("usb printer not open")
        try:
            self._usb._raw(data)
        except Exception as exc:
            raise TransportError(f"usb write: {exc}") from exc

    def read(self, size: int, timeout: float) -> bytes:
        if self._usb is None:
            raise TransportError("usb printer not open")
        try:
            return bytes(self._usb.device.read(self._usb.in_ep, size, max(1, int(timeout * 1000))))
        except Exception as exc:  # usb.core.USBTimeoutError on silence
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                return b""
            raise TransportError(f"usb read: {exc}") from exc

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        usb, self._usb = self._usb, None
        if usb is not None:
            with contextlib.suppress(Exception):
                usb.close()


# ------------------------------------------------------------------------ by URL


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
