"""What every document scanner driver shares: the page it yields, its interface, and the
bilingual configuration errors and health records of the drivers (``sim_scanner``,
``sane_scanner``; ``drivers`` chooses one by URL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, Protocol

from PIL import Image

from motcua.devices import DeviceHealth
from motcua.scanner.documents.errors import ScannerConfigError, ScannerFault
from motcua.scanner.documents.health import scanner_health

Side = Literal["front", "back"]
Source = Literal["flatbed", "feeder", "duplex"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pnm", ".pgm", ".ppm")


@dataclass
class ScannedPage:
    image: Image.Image  # "L" or "RGB"
    dpi: int
    number: int  # 1-based within the batch, in the order scanned
    side: Side = "front"


class DocumentScanner(Protocol):
    url: str
    source: Source

    def scan(self, cancel: threading.Event | None = None) -> Iterator[ScannedPage]: ...

    def health(self) -> DeviceHealth: ...

    def close(self) -> None: ...


def bad_option(name: str, value: str, choices: str) -> ScannerConfigError:
    return ScannerConfigError(
        f"Tùy chọn máy quét {name}={value!r} không hợp lệ; chọn một trong: {choices}",
        f"Scanner option {name}={value!r} is invalid; choose one of: {choices}",
    )


def unknown_option(name: str, known: list[str]) -> ScannerConfigError:
    import difflib

    listed = ", ".join(sorted(known))
    close = difflib.get_close_matches(name.replace("_", "-"), known, n=1)
    hint_vi = f" — có phải {close[0]!r}?" if close else ""
    hint_en = f"; did you mean {close[0]!r}?" if close else ""
    return ScannerConfigError(
        f"Máy quét không có tùy chọn {name!r}{hint_vi} (các tùy chọn có: {listed})",
        f"The scanner has no option {name!r}{hint_en} (its options are listed before)",
    )


def device_health(failure: ScannerFault | None, opened: bool) -> DeviceHealth:
    """How a document scanner driver was last seen (``motcua.devices.DeviceHealth``)."""
    return scanner_health("document_scanner", failure, opened)
