"""Serial printers through pyserial's ``serial_for_url`` (python-escpos's Serial
uses ``serial.Serial``, so pyserial URLs such as socket:// or loop:// could not
pass through it; and its read waits the whole timeout)."""

from __future__ import annotations

import contextlib
import time

from motcua.printer.transport_base import TransportError


class SerialTransport:
    bidirectional = True

    def __init__(self, url: str, port: str, options: dict[str, object]) -> None:
        self.url = url
        self.port = port
        self.options = options
        self._ser = None

    @property
    def is_open(self) -> bool:
        return self._ser is not None

    def open(self) -> None:
        import serial

        # options: typed by the driver from the URL (motcua.devices.SERIAL_OPTIONS)
        kwargs: dict[str, object] = {"baudrate": 115200, "timeout": 0, "write_timeout": 10}
        kwargs.update(self.options)
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
