"""The line that keypads and LED boards hang on: a serial port (RS-485) or a simulated one.

A ``BusLine`` moves frames of the line protocol (line_protocol.py): it sends bytes and
hands every complete, valid frame it hears to its listeners. Keypads and LED boards
are thin drivers over a line, so several of them (and both kinds) can share one
RS-485 port: ``open_lines`` returns the same line for equal URLs.

URLs::

    serial:///dev/ttyUSB1?baudrate=9600&parity=N   a local port (RS-485 adapter)
    tcp://192.168.1.60:4001                          an RS-485-to-Ethernet converter
    socket://host:port, rfc2217://..., loop://        passed to pyserial as they are
    sim://                                            an in-memory line that records
    "" (empty) or none://                             no devices
These are the ``bus`` family's drivers, registered with motcua.devices (which parses
and checks the URL when the configuration loads).
Query options: the serial ones (``baudrate`` 9600, ``parity``, ``stopbits`` 1/1.5/2, ...),
``checksum=optional`` (accept frames without ``*hh`` from simple devices),
``retry`` (seconds between reconnect attempts, 2).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from motcua.counter.line_protocol import Frame, FrameError, LineFramer, decode_frame
from motcua.devices import (
    SERIAL_OPTIONS,
    DeviceHealth,
    DeviceUrl,
    DeviceUrlError,
    choice,
    number,
    open_device,
    register,
)
from motcua.devices.url import pyserial_port, serial_kwargs

log = logging.getLogger(__name__)

FrameListener = Callable[[Frame], None]
ConnectListener = Callable[[], None]


__all__ = ["BusLine", "DeviceUrlError", "SerialBusLine", "SimBus", "open_line", "open_lines"]


class BusLine(Protocol):
    url: str

    def add_listener(self, on_frame: FrameListener) -> None: ...

    def add_connect_listener(self, on_connect: ConnectListener) -> None:
        """Called after each (re)connection, so boards can show their state again."""
        ...

    def send(self, data: bytes) -> bool:
        """Write one frame; False when the line is down (the caller keeps its state)."""
        ...

    @property
    def connected(self) -> bool: ...

    def health(self, device: str = "bus") -> DeviceHealth: ...

    def close(self) -> None: ...


class _Listeners:
    url: str

    @property
    def connected(self) -> bool:
        raise NotImplementedError

    def __init__(self) -> None:
        self._frame: list[FrameListener] = []
        self._connect: list[ConnectListener] = []

    def add_listener(self, on_frame: FrameListener) -> None:
        self._frame.append(on_frame)

    def add_connect_listener(self, on_connect: ConnectListener) -> None:
        self._connect.append(on_connect)

    def _deliver(self, frame: Frame) -> None:
        for cb in list(self._frame):
            try:
                cb(frame)
            except Exception:  # a listener bug must not kill the reader thread
                log.exception("frame listener failed")

    def health(self, device: str = "bus") -> DeviceHealth:
        """A one-way line cannot tell if a board listens: the port open is all it knows."""
        if self.connected:
            return DeviceHealth.ok(device, "Đường dây đang mở", "Line open")
        return DeviceHealth.error(
            device,
            "disconnected",
            f"Mất đường dây {self.url}: kiểm tra bộ chuyển RS-485 và cáp",
            f"Line {self.url} down: check the RS-485 adapter and cable",
        )

    def _connected(self) -> None:
        for cb in list(self._connect):
            try:
                cb()
            except Exception:
                log.exception("connect listener failed")


class SimBus(_Listeners):
    """An in-memory line: records every frame sent, ``inject`` plays device bytes in.

    It frames and checks bytes exactly like the serial line, so a test that injects a
    bad checksum sees it dropped.
    """

    def __init__(self, url: str = "sim://", *, require_checksum: bool = True) -> None:
        super().__init__()
        self.url = url
        self.sent: list[bytes] = []  # every frame written, in order
        self.rejected: list[bytes] = []  # lines heard that were not valid frames
        self._framer = LineFramer()
        self._require = require_checksum
        self._lock = threading.Lock()
        self._online = True

    @property
    def connected(self) -> bool:
        return self._online

    def set_online(self, online: bool) -> None:
        """Simulate the line going down / coming back (connect listeners fire on return)."""
        was, self._online = self._online, online
        if online and not was:
            self._connected()

    def send(self, data: bytes) -> bool:
        with self._lock:
            if not self._online:
                return False
            self.sent.append(bytes(data))
            return True

    def inject(self, data: bytes) -> None:
        """Bytes as a device on the line would send them."""
        for line in self._framer.feed(data):
            try:
                frame = decode_frame(line, require_checksum=self._require)
            except FrameError:
                self.rejected.append(line)
                continue
            self._deliver(frame)

    def close(self) -> None:
        self._online = False


PortOpener = Callable[..., Any]


class SerialBusLine(_Listeners):
    """A real line through pyserial's ``serial_for_url``: a reader thread, reconnects.

    The port is opened in the reader thread and reopened after any error, every
    ``retry`` seconds, so unplugging the USB adapter or restarting a converter heals
    without a restart. ``open_port`` is injectable for tests of the reconnect logic.
    """

    def __init__(
        self,
        url: str,
        port_url: str,
        *,
        options: dict[str, Any] | None = None,
        require_checksum: bool = True,
        retry: float = 2.0,
        open_port: PortOpener | None = None,
    ) -> None:
        super().__init__()
        self.url = url
        self.port_url = port_url
        self.rejected = 0
        self._options = options or {}
        self._require = require_checksum
        self._retry = retry
        if open_port is None:
            import serial

            open_port = serial.serial_for_url
        self._open_port = open_port
        self._port: Any = None
        self._write_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"bus {url}", daemon=True)
        self._thread.start()

    @property
    def connected(self) -> bool:
        return self._port is not None

    def send(self, data: bytes) -> bool:
        with self._write_lock:
            port = self._port
            if port is None:
                return False
            try:
                port.write(data)
                port.flush()
                return True
            except Exception as exc:  # SerialException / OSError: the reader reconnects
                log.warning("%s: write failed: %s", self.url, exc)
                self._drop(port)
                return False

    def wait_connected(self, timeout: float) -> bool:
        """For tests and start-up: block until the port is open (or time runs out)."""
        end = time.monotonic() + timeout
        while not self.connected and time.monotonic() < end:
            self._stop.wait(0.01)
        return self.connected

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        with self._write_lock:
            if self._port is not None:
                self._close_quietly(self._port)
                self._port = None

    # ------------------------------------------------------------------ reader thread
    def _run(self) -> None:
        framer = LineFramer()
        logged_down = False
        while not self._stop.is_set():
            port = self._port
            if port is None:
                try:
                    port = self._open_port(self.port_url, timeout=0.05, **self._options)
                except Exception as exc:
                    if not logged_down:
                        log.warning(
                            "%s: cannot open (%s); retrying every %ss", self.url, exc, self._retry
                        )
                        logged_down = True
                    self._stop.wait(self._retry)
                    continue
                logged_down = False
                framer = LineFramer()
                with self._write_lock:
                    self._port = port
                log.info("%s: connected", self.url)
                self._connected()
            try:
                data = port.read(max(1, getattr(port, "in_waiting", 0) or 1))
            except Exception as exc:
                log.warning("%s: read failed (%s); reconnecting", self.url, exc)
                self._drop(port)
                self._stop.wait(self._retry)
                continue
            for line in framer.feed(data):
                try:
                    frame = decode_frame(line, require_checksum=self._require)
                except FrameError as exc:
                    self.rejected += 1
                    log.debug("%s: dropped %r: %s", self.url, line, exc)
                    continue
                self._deliver(frame)

    def _drop(self, port: Any) -> None:
        if self._port is port:
            self._port = None
        self._close_quietly(port)

    @staticmethod
    def _close_quietly(port: Any) -> None:
        with contextlib.suppress(Exception):
            port.close()


def open_line(url: str | DeviceUrl, *, open_port: PortOpener | None = None) -> BusLine | None:
    """The line for a URL (see the module docstring); None for "" / none://."""
    line: BusLine | None = open_device("bus", url, open_port=open_port)
    return line


_CHECKSUM = {"checksum": choice({"required": True, "optional": False})}
_LINE_OPTIONS = {**SERIAL_OPTIONS, **_CHECKSUM, "retry": number(0.01, 600)}


@register("bus", "none", example="none://", target="none")
def _open_none(url: DeviceUrl, open_port: PortOpener | None = None) -> None:
    """No keypads / boards."""
    return None


@register("bus", "sim", example="sim://", options=_CHECKSUM, target="none")
def _open_sim(url: DeviceUrl, open_port: PortOpener | None = None) -> SimBus:
    """An in-memory line that records what is sent and plays device bytes in."""
    return SimBus(url.text, require_checksum=url.option("checksum", True))


def _open_serial(url: DeviceUrl, open_port: PortOpener | None = None) -> SerialBusLine:
    """A real line through pyserial, reopened after errors."""
    port_url = f"socket://{url.host}:{url.port}" if url.scheme == "tcp" else pyserial_port(url)
    options: dict[str, Any] = {"baudrate": 9600, **serial_kwargs(url)}
    return SerialBusLine(
        url.text,
        port_url,
        options=options,
        require_checksum=url.option("checksum", True),
        retry=url.option("retry", 2.0),
        open_port=open_port,
    )


def _check_tcp(url: DeviceUrl) -> None:
    if not url.host or not url.port:
        raise url.error("tcp:// cần host:port", "tcp:// needs host:port")


register(
    "bus",
    "serial",
    example="serial:///dev/ttyUSB1?baudrate=9600",
    options=_LINE_OPTIONS,
    target="required",
)(_open_serial)
register(
    "bus",
    "tcp",
    example="tcp://192.168.1.60:4001",
    options=_LINE_OPTIONS,
    target="required",
    check=_check_tcp,
)(_open_serial)
for _scheme in ("socket", "rfc2217", "loop", "spy"):
    register("bus", _scheme, example=f"{_scheme}://...", options=_LINE_OPTIONS)(_open_serial)


def open_lines(
    keypads_url: str, boards_url: str, *, open_port: PortOpener | None = None
) -> tuple[BusLine | None, BusLine | None]:
    """Lines for the keypads and the boards; one shared line when the URLs are equal."""
    keypad_line = open_line(keypads_url, open_port=open_port)
    if str(boards_url).strip() == str(keypads_url).strip():
        return keypad_line, keypad_line
    return keypad_line, open_line(boards_url, open_port=open_port)
