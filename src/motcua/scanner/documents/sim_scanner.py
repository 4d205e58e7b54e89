"""``sim://?pages=DIR``: an honest sheet feeder over a folder of page images (demo, tests)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from motcua.devices import DeviceHealth
from motcua.scanner.documents.errors import ScanCancelled, ScannerConfigError, ScannerFault, fault
from motcua.scanner.documents.page import (
    IMAGE_SUFFIXES,
    ScannedPage,
    Side,
    Source,
    bad_option,
    device_health,
    unknown_option,
)

_BACKING = (40, 40, 40)  # a feeder's dark backing, as seen around the sheet


def _add_noise(img: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    """Sensor noise: a 256x256 tile of Gaussian noise repeated (cheap on 9 Mpx pages).

    Added in place, one band of 256 rows at a time: the whole page in int16 (plus the
    tiled noise and the clipped copy) was ~200 MB of short-lived buffers on a colour A4
    page at 300 dpi, the largest spike of a batch's memory (bench/scan_pages.py)."""
    rng = np.random.default_rng(seed)
    tile = rng.normal(0, sigma, (256, 256, *img.shape[2:])).astype(np.int16)
    reps = (1, -(-img.shape[1] // 256)) + (1,) * (img.ndim - 2)
    band_noise = np.tile(tile, reps)[:, : img.shape[1]]
    out = np.ascontiguousarray(img)
    for top in range(0, out.shape[0], 256):
        band = out[top : top + 256]
        noisy = band.astype(np.int16)
        noisy += band_noise[: band.shape[0]]
        np.clip(noisy, 0, 255, out=noisy)
        band[...] = noisy
    return out


# --------------------------------------------------------------------------- sim://


class SimDocumentScanner:
    """A sheet feeder over a folder of images, fed in name order.

    Options: ``pages=DIR`` (the stack of paper), ``source=feeder|flatbed|duplex``
    (feeder: every sheet per press; flatbed: the next sheet per press; duplex: files
    taken as front/back pairs), ``blank=N`` (a blank sheet after every N pages),
    ``skew=DEGREES`` (sheets go in tilted, alternately left and right), ``noise=SIGMA``
    (sensor noise), ``jam_after=K`` (the sheet after the K-th jams), ``empty=1`` (nothing
    loaded), ``dpi=`` (resolution delivered; images are resampled from their own dpi).
    Sheets land on the dark backing a feeder has, so crop-to-paper has work to do.
    Each feeder press feeds the whole stack again (the clerk puts it back).
    """

    OPTIONS = ("pages", "source", "blank", "skew", "noise", "jam_after", "empty", "dpi")

    def __init__(self, url: str, target: str, options: list[tuple[str, str]]) -> None:
        self.url = url
        opts = dict(options)
        parsed = self.parse_options(opts)
        self.source: Source = parsed["source"]
        self.blank_every: int = parsed["blank"]
        self.skew: float = parsed["skew"]
        self.noise: float = parsed["noise"]
        self.jam_after: int = parsed["jam_after"]
        self.empty: bool = parsed["empty"]
        self.dpi: int = parsed["dpi"]
        folder = opts.get("pages") or target
        if not folder and not self.empty:
            raise ScannerConfigError(
                "sim:// cần thư mục ảnh trang: sim://?pages=THƯ-MỤC (hoặc empty=1)",
                "sim:// needs a folder of page images: sim://?pages=DIR (or empty=1)",
            )
        self.folder = Path(folder) if folder else None
        if self.folder is not None and not self.folder.is_dir():
            raise ScannerConfigError(
                f"Không thấy thư mục ảnh trang {folder!r}",
                f"No such folder of page images: {folder!r}",
            )
        self._flatbed_next = 0
        self._failure: ScannerFault | None = None

    @classmethod
    def parse_options(cls, opts: dict[str, str]) -> dict[str, Any]:
        """The options checked and typed (also at configuration load, without the folder)."""
        for name in opts:
            if name not in cls.OPTIONS:
                raise unknown_option(name, list(cls.OPTIONS))
        return {
            "source": cls._choice(opts, "source", ("feeder", "flatbed", "duplex")),
            "blank": cls._int(opts, "blank", 0, 0, 1000),
            "skew": cls._number(opts, "skew", 0.0, -15.0, 15.0),
            "noise": cls._number(opts, "noise", 0.0, 0.0, 40.0),
            "jam_after": cls._int(opts, "jam_after", -1, 0, 100000),
            "empty": cls._int(opts, "empty", 0, 0, 1) == 1,
            "dpi": cls._int(opts, "dpi", 300, 50, 1200),
        }

    @staticmethod
    def _choice(opts: dict[str, str], name: str, values: tuple[str, ...]) -> Any:
        value = opts.get(name, values[0]).lower()
        if value not in values:
            raise bad_option(name, value, ", ".join(values))
        return value

    @staticmethod
    def _number(opts: dict[str, str], name: str, default: float, low: float, high: float) -> float:
        if name not in opts:
            return default
        try:
            value = float(opts[name])
        except ValueError:
            value = float("nan")
        if not low <= value <= high:
            raise bad_option(name, opts[name], f"{low:g}…{high:g}")
        return value

    @classmethod
    def _int(cls, opts: dict[str, str], name: str, default: int, low: int, high: int) -> int:
        value = cls._number(opts, name, default, low, high)
        if value != int(value):
            raise bad_option(name, opts[name], f"{low}…{high} (số nguyên / integer)")
        return int(value)

    def sheets(self) -> list[Path]:
        if self.empty or self.folder is None:
            return []
        return sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)

    def _stack(self) -> list[Path | None]:
        """The files in feed order, ``None`` for an inserted blank sheet."""
        stack: list[Path | None] = []
        for i, path in enumerate(self.sheets(), start=1):
            stack.append(path)
            if self.blank_every and i % self.blank_every == 0:
                stack.append(None)
        return stack

    def _render(self, path: Path | None, fed: int, like: Image.Image | None) -> Image.Image:
        if path is None:
            size = (
                like.size if like is not None else (round(8.27 * self.dpi), round(11.69 * self.dpi))
            )
            sheet = Image.new("L", size, 250)
        else:
            with Image.open(path) as src:
                src.load()
                own = src.info.get("dpi", (300, 300))[0] or 300
                sheet = src.convert("RGB" if src.mode in ("RGB", "RGBA", "P", "CMYK") else "L")
            if round(own) != self.dpi:
                factor = self.dpi / float(own)
                sheet = sheet.resize(
                    (round(sheet.width * factor), round(sheet.height * factor)),
                    Image.Resampling.BILINEAR,
                )
        # the sheet on the feeder's dark backing, tilted as it went in
        # the frame is wide enough for the tilted sheet's corners (scanners scan a bit wider)
        tilt = np.radians(abs(self.skew))
        pad = round(0.1 * self.dpi + max(sheet.size) * np.sin(tilt) / 2)
        arr = np.asarray(sheet)
        border = (pad, pad, pad, pad)
        canvas = cv2.copyMakeBorder(arr, *border, cv2.BORDER_CONSTANT, value=_BACKING)
        if self.skew:
            angle = self.skew if fed % 2 else -self.skew
            h, w = canvas.shape[:2]
            m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
            canvas = cv2.warpAffine(canvas, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=_BACKING)
        if self.noise:
            canvas = _add_noise(canvas, self.noise, fed)
        return Image.fromarray(canvas)

    def scan(self, cancel: threading.Event | None = None) -> Iterator[ScannedPage]:
        stack = self._stack()
        self._failure = None
        if self.source == "flatbed":
            if not stack:
                return
            index = self._flatbed_next % len(stack)
            self._flatbed_next += 1
            if cancel is not None and cancel.is_set():
                raise ScanCancelled()
            yield ScannedPage(self._render(stack[index], index + 1, None), self.dpi, 1)
            return
        last: Image.Image | None = None
        for fed, path in enumerate(stack, start=1):
            if cancel is not None and cancel.is_set():
                raise ScanCancelled()
            if self.jam_after >= 0 and fed > self.jam_after:
                self._failure = fault("jammed", f"sim sheet {fed}")
                raise self._failure
            image = self._render(path, fed, last)
            last = image
            side: Side = "back" if self.source == "duplex" and fed % 2 == 0 else "front"
            yield ScannedPage(image, self.dpi, fed, side)

    def health(self) -> DeviceHealth:
        if self.folder is not None and not self.folder.is_dir():
            return device_health(fault("disconnected", "folder gone"), False)
        return device_health(self._failure, True)

    def close(self) -> None:
        pass
