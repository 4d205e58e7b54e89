"""Barcode / QR scanners chosen by URL: the ``id_scanner`` family's drivers
(registered with motcua.devices, which parses and checks the URL).

``open_scanner(url)``:
- ``serial:///dev/ttyUSB0?baudrate=9600`` (and any pyserial URL: ``socket://host:port``,
  ``loop://``, ``rfc2217://``..., and ``tcp://host:port`` for a scanner behind a
  serial-to-Ethernet converter) -> ``SerialScanner``: a reader thread, framed lines,
  reconnect after an unplug;
- ``sim://`` -> ``SimScanner``: ``inject(text)`` delivers a scan through the same
  framing and decoding as a real port;
- ``wedge`` -> ``WedgeScanner``: keyboard-wedge, fed keys by the UI.

Every scanner calls ``on_line(text)`` once per scan with decoded, mojibake-repaired
text. Serial scanners call it from their reader thread: a Qt app must hop to its
UI thread (a signal) before touching widgets.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

import serial

from motcua.devices import (
    SERIAL_OPTIONS,
    DeviceHealth,
    DeviceUrl,
    DeviceUrlError,
    open_device,
    parse_device_url,
    register,
)
from motcua.devices.url import PYSERIAL_SCHEMES, pyserial_port, serial_kwargs
from motcua.scanner.framing import LineFramer
from motcua.scanner.text import decode_scan
from motcua.scanner.wedge import WedgeDetector, WedgeScanner

__all__ = [
    "BarcodeScanner",
    "ScannerUrlError",
    "SerialScanner",
    "SimScanner",
    "WedgeDetector",
    "WedgeScanner",
    "open_scanner",
    "scanner_health",
]

log = logging.getLogger(__name__)

OnLine = Callable[[str], None]


class BarcodeScanner(Protocol):
    url: str

    @property
    def connected(self) -> bool | None:
        """True/False when the device can tell; None when it cannot (wedge)."""
        ...

    def start(self, on_line: OnLine) -> None: ...

    def stop(self) -> None: ...


def scanner_health(scanner: BarcodeScanner, device: str = "id_scanner") -> DeviceHealth:
    """Any scanner's health from what it can tell (a keyboard wedge cannot)."""
    connected = scanner.connected
    if connected is None:
        return DeviceHealth.unknown(
            device,
            "cannot_tell",
            "Máy quét dạng bàn phím: không báo trạng thái",
            "Keyboard-wedge scanner: reports no state",
        )
    if connected:
        return DeviceHealth.ok(device, "Hoạt động", "Working")
    detail = getattr(scanner, "last_error", "")
    return DeviceHealth.error(
        device,
        "disconnected",
        f"Mất kết nối máy quét ({scanner.url}); đang thử kết nối lại",
        f"Scanner disconnected ({scanner.url}){': ' + detail if detail else ''}; reconnecting",
    )


#: Kept for callers that catch it: a scanner URL error is a device URL error.
ScannerUrlError = DeviceUrlError


def _deliver(on_line: OnLine, text: str) -> None:
    try:
        on_line(text)
    except Exception:  # a UI bug must not kill the reader; the scan text is not logged
        log.exception("scanner callback failed (%d characters)", len(text))


class SimScanner:
    """A scanner without hardware. Scans go through the real framer and decoder."""

    url = "sim://"

    def __init__(self) -> None:
        self._framer = LineFramer()
        self._on_line: OnLine | None = None
        self._backlog: list[str] = []
        self._lock = threading.Lock()
        self.scans: list[str] = []  # every line delivered, in order

    @property
    def connected(self) -> bool:
        return True

    def start(self, on_line: OnLine) -> None:
        with self._lock:
            self._on_line = on_line
            backlog, self._backlog = self._backlog, []
        for text in backlog:
            self._emit(on_line, text)

    def stop(self) -> None:
        with self._lock:
            self._on_line = None

    def inject(self, data: str | bytes) -> None:
        """Scan ``data`` (a CR is added when it has no line end), like a real scanner."""
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if not raw.endswith((b"\r", b"\n")):
            raw += b"\r"
        with self._lock:
            lines = [decode_scan(line) for line in self._framer.feed(raw)]
            on_line = self._on_line
            if on_line is None:
                self._backlog.extend(lines)  # held like a port's input buffer
                return
        for text in lines:
            self._emit(on_line, text)

    def _emit(self, on_line: OnLine, text: str) -> None:
        self.scans.append(text)
        _deliver(on_line, text)


def _pyserial_target(url: DeviceUrl) -> tuple[str, dict[str, Any]]:
    """What pyserial opens for a checked URL: ('/dev/x', {'baudrate': 9600}) and so on."""
    if url.scheme == "tcp":
        return f"socket://{url.host}:{url.port}", serial_kwargs(url)
    return pyserial_port(url), serial_kwargs(url)


class SerialScanner:
    """A scanner on a serial line (or any pyserial URL), read by a background thread.

    When the port fails (USB scanner unplugged, socket closed) the thread closes
    it and tries again every ``reconnect_interval`` seconds until ``stop()``;
    ``connected`` and ``last_error`` tell the technician screen what is going on.
    """

    def __init__(
        self,
        url: str | DeviceUrl,
        reconnect_interval: float = 1.0,
        read_timeout: float = 0.1,
        max_line: int = 4096,
        serial_factory: Callable[..., Any] = serial.serial_for_url,
    ) -> None:
        parsed = url if isinstance(url, DeviceUrl) else parse_device_url("id_scanner", url)
        self.url = parsed.text
        self._port_name, self._kwargs = _pyserial_target(parsed)
        self.reconnect_interval = reconnect_interval
        self.read_timeout = read_timeout
        self._framer = LineFramer(max_line)
        self._factory = serial_factory
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: Any = None
        self._port_lock = threading.Lock()
        self.connected = False
        self.last_error = ""
        self.connects = 0  # successful opens; > 1 means it reconnected
        self.lines_received = 0

    def start(self, on_line: OnLine) -> None:
        if self._thread is not None:
            raise RuntimeError("scanner already started")
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(on_line,), name="scanner-reader", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _open(self) -> Any:
        port = self._factory(self._port_name, timeout=self.read_timeout, **self._kwargs)
        with self._port_lock:
            self._port = port
        self.connected = True
        self.connects += 1
        self.last_error = ""
        self._framer.reset()
        log.info("scanner connected: %s", self.url)
        return port

    def _close(self) -> None:
        with self._port_lock:
            port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except Exception:  # closing a vanished device can fail; it is gone either way
                log.debug("closing scanner port failed", exc_info=True)

    def _run(self, on_line: OnLine) -> None:
        while not self._stop.is_set():
            try:
                port = self._open()
                while not self._stop.is_set():
                    data = port.read(port.in_waiting or 1)
                    if not data:
                        continue
                    for line in self._framer.feed(data):
                        self.lines_received += 1
                        _deliver(on_line, decode_scan(line))
            # AttributeError: pyserial's socket:// port read after close() from stop().
            except (serial.SerialException, OSError, ValueError, TypeError, AttributeError) as exc:
                if self._stop.is_set():
                    break
                if self.connected or self.last_error != str(exc):
                    log.warning("scanner %s unavailable: %s; retrying", self.url, exc)
                self.connected = False
                self.last_error = str(exc)
            finally:
                self.connected = False
                self._close()
            self._stop.wait(self.reconnect_interval)


def open_scanner(url: str | DeviceUrl) -> BarcodeScanner:
    """Build the scanner a configuration URL names (not started yet)."""
    scanner: BarcodeScanner = open_device("id_scanner", url)
    return scanner


def _check_tcp(url: DeviceUrl) -> None:
    if not url.host or not url.port:
        raise url.error("tcp:// cần host:port", "tcp:// needs host:port")


@register("id_scanner", "sim", example="sim://", target="none")
def _open_sim(url: DeviceUrl) -> SimScanner:
    """A scanner without hardware; ``inject`` plays a scan in."""
    return SimScanner()


def _open_wedge(url: DeviceUrl) -> WedgeScanner:
    """A keyboard-wedge scanner, fed keys by the UI."""
    return WedgeScanner()


for _scheme in ("wedge", "keyboard"):
    register("id_scanner", _scheme, example="wedge", target="none")(_open_wedge)


def _open_serial(url: DeviceUrl) -> SerialScanner:
    """A scanner on a serial line (or a pyserial URL), read by a thread."""
    return SerialScanner(url)


register(
    "id_scanner",
    "serial",
    example="serial:///dev/ttyACM0?baudrate=9600",
    options=SERIAL_OPTIONS,
    target="required",
)(_open_serial)
register(
    "id_scanner",
    "tcp",
    example="tcp://192.168.1.61:4001",
    options=SERIAL_OPTIONS,
    target="required",
    check=_check_tcp,
)(_open_serial)
for _scheme in PYSERIAL_SCHEMES:
    register("id_scanner", _scheme, example=f"{_scheme}://...", options=SERIAL_OPTIONS)(
        _open_serial
    )
