"""USB printers through python-escpos's Usb (pyusb); status comes back on the
bulk IN endpoint."""

from __future__ import annotations

import contextlib

from motcua.printer.transport_base import TransportError


class UsbTransport:
    """A USB printer through python-escpos's Usb (pyusb). Status comes back on the
    bulk IN endpoint."""

    bidirectional = True

    def __init__(self, url: str, vendor: int, product: int, options: dict[str, int]) -> None:
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

            kwargs = dict(self.options)  # in_ep / out_ep, typed by the driver
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
