"""Document scanners chosen by URL: ``sane://DEVICE?option=value`` and ``sim://?pages=DIR``.

Every driver has the same small interface (``DocumentScanner``): ``scan(cancel)`` is one
press of the scan button and yields ``ScannedPage``s as they come off the device: one page
on a flatbed, every sheet until the feeder is empty on a feeder, front and back of each
sheet in duplex. An empty feeder ends the batch normally; a jam, an open cover or a lost
device raises ``ScannerFault`` *after* the pages before it were yielded, so the caller
keeps them. ``health()`` says how the device was last seen.

Call ``scan`` from a worker thread, never from a UI thread: a page takes seconds.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import cv2
import numpy as np
from PIL import Image

from motcua.devices import DeviceHealth, DeviceUrl, DeviceUrlError, integer, open_device, register
from motcua.scanner.documents.errors import (
    ScanCancelled,
    ScannerConfigError,
    ScannerFault,
    fault,
)

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


# --------------------------------------------------------------------------- URLs

HOW_TO_WRITE = (
    "dùng sane://THIẾT-BỊ?tùy-chọn=giá-trị hoặc sim://?pages=THƯ-MỤC",
    "use sane://DEVICE?option=value or sim://?pages=DIR",
)


def open_document_scanner(url: str) -> DocumentScanner:
    """The scanner for ``url`` through the device registry (family ``document_scanner``);
    ``ScannerConfigError`` names what is wrong. SANE device names hold colons and slashes
    (``airscan:e0:Canon``, ``hpaio:/usb/...``): the target is everything between ``://``
    and ``?``, percent-decoded; options keep their order (``source`` before ``resolution``)."""
    try:
        scanner = open_device("document_scanner", url)
    except DeviceUrlError as exc:
        raise ScannerConfigError(
            f"{exc.message_vi} ({HOW_TO_WRITE[0]})", f"{exc.message_en} ({HOW_TO_WRITE[1]})"
        ) from None
    if scanner is None:
        raise ScannerConfigError(
            f"Chưa cấu hình máy quét tài liệu ({HOW_TO_WRITE[0]})",
            f"No document scanner is configured ({HOW_TO_WRITE[1]})",
        )
    return scanner


def _as_url_error(url: DeviceUrl, exc: ScannerConfigError) -> DeviceUrlError:
    return url.error(exc.message_vi, exc.message_en)


def _check_sim(url: DeviceUrl) -> None:
    try:
        SimDocumentScanner.parse_options(dict(url.raw_options))
    except ScannerConfigError as exc:
        raise _as_url_error(url, exc) from None


def _open_sim(url: DeviceUrl) -> SimDocumentScanner:
    """A sheet feeder over a folder of page images (demo, tests)."""
    return SimDocumentScanner(url.text, url.target, list(url.raw_options.items()))


def _open_sane(url: DeviceUrl) -> SaneDocumentScanner:
    """Any SANE device; its options are checked against the device when it opens."""
    return SaneDocumentScanner(url.text, url.target, list(url.raw_options.items()))


def _open_none(url: DeviceUrl) -> None:
    """No document scanner at this kiosk."""
    return None


register(
    "document_scanner",
    "sim",
    example="sim://?pages=/srv/demo-papers&source=feeder",
    device_options=True,
    check=_check_sim,
)(_open_sim)
register(
    "document_scanner",
    "sane",
    example="sane://test:0?source=Flatbed&resolution=300",
    target="required",
    options={"max_pages": integer(1, 10000), "max-pages": integer(1, 10000)},
    device_options=True,
)(_open_sane)
register("document_scanner", "none", example="none://", target="none")(_open_none)


def _bad_option(name: str, value: str, choices: str) -> ScannerConfigError:
    return ScannerConfigError(
        f"Tùy chọn máy quét {name}={value!r} không hợp lệ; chọn một trong: {choices}",
        f"Scanner option {name}={value!r} is invalid; choose one of: {choices}",
    )


def _unknown_option(name: str, known: list[str]) -> ScannerConfigError:
    import difflib

    listed = ", ".join(sorted(known))
    close = difflib.get_close_matches(name.replace("_", "-"), known, n=1)
    hint_vi = f" — có phải {close[0]!r}?" if close else ""
    hint_en = f"; did you mean {close[0]!r}?" if close else ""
    return ScannerConfigError(
        f"Máy quét không có tùy chọn {name!r}{hint_vi} (các tùy chọn có: {listed})",
        f"The scanner has no option {name!r}{hint_en} (its options are listed before)",
    )


_BACKING = (40, 40, 40)  # a feeder's dark backing, as seen around the sheet


def _add_noise(img: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    """Sensor noise: a 256x256 tile of Gaussian noise repeated (cheap on 9 Mpx pages)."""
    rng = np.random.default_rng(seed)
    tile = rng.normal(0, sigma, (256, 256, *img.shape[2:])).astype(np.int16)
    reps = (-(-img.shape[0] // 256), -(-img.shape[1] // 256)) + (1,) * (img.ndim - 2)
    noise = np.tile(tile, reps)[: img.shape[0], : img.shape[1]]
    return np.clip(img.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def _health(failure: ScannerFault | None, opened: bool) -> DeviceHealth:
    from motcua.scanner.documents.health import scanner_health

    return scanner_health("document_scanner", failure, opened)


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
                raise _unknown_option(name, list(cls.OPTIONS))
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
            raise _bad_option(name, value, ", ".join(values))
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
            raise _bad_option(name, opts[name], f"{low:g}…{high:g}")
        return value

    @classmethod
    def _int(cls, opts: dict[str, str], name: str, default: int, low: int, high: int) -> int:
        value = cls._number(opts, name, default, low, high)
        if value != int(value):
            raise _bad_option(name, opts[name], f"{low}…{high} (số nguyên / integer)")
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
            return _health(fault("disconnected", "folder gone"), False)
        return _health(self._failure, True)

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------- sane://

# SANE_Status codes (sane.h); python-sane raises _sane.error(sane_strstatus(status)).
_STATUS_NAMES = {
    1: "unsupported",
    2: "cancelled",
    3: "busy",
    4: "inval",
    5: "eof",
    6: "jammed",
    7: "no_docs",
    8: "cover_open",
    9: "io_error",
    10: "no_memory",
    11: "access_denied",
}
_ENGLISH_STATUS = {  # sane_strstatus() of sane-backends 1.x, in case libsane is not found
    "Operation not supported": "unsupported",
    "Operation was canceled": "cancelled",
    "Operation was cancelled": "cancelled",
    "Device busy": "busy",
    "Invalid argument": "inval",
    "End of file reached": "eof",
    "Document feeder jammed": "jammed",
    "Document feeder out of documents": "no_docs",
    "Scanner cover is open": "cover_open",
    "Error during device I/O": "io_error",
    "Out of memory": "no_memory",
    "Access to resource has been denied": "access_denied",
}
_status_lock = threading.Lock()
_status_texts: dict[str, str] | None = None


def _status_table() -> dict[str, str]:
    """sane_strstatus(code) -> our name, asked of the libsane python-sane links to."""
    global _status_texts
    with _status_lock:
        if _status_texts is None:
            table = dict(_ENGLISH_STATUS)
            name = ctypes.util.find_library("sane") or "libsane.so.1"
            try:
                lib = ctypes.CDLL(name)
                lib.sane_strstatus.restype = ctypes.c_char_p
                lib.sane_strstatus.argtypes = [ctypes.c_int]
                for code, status in _STATUS_NAMES.items():
                    text = lib.sane_strstatus(code)
                    if text:
                        table[text.decode("utf-8", "replace")] = status
            except (OSError, AttributeError):
                pass
            _status_texts = table
        return _status_texts


def sane_status(exc: BaseException) -> str:
    """The SANE status behind a python-sane exception ("no_docs", "jammed", ...)."""
    text = str(exc).strip()
    if isinstance(exc, RuntimeError) and "no data" in text.lower():
        return "eof"  # python-sane: sane_read said EOF before any data
    found = _status_table().get(text)
    if found:
        return found
    low = text.lower()
    if "out of documents" in low or "no documents" in low or "feeder empty" in low:
        return "no_docs"
    if "jam" in low:
        return "jammed"
    if "cover" in low and "open" in low:
        return "cover_open"
    return "io_error"


_FAULT_OF_STATUS = {
    "jammed": "jammed",
    "cover_open": "cover_open",
    "busy": "busy",
    "no_memory": "no_memory",
    "access_denied": "access_denied",
    "io_error": "disconnected",
    "inval": "disconnected",
    "unsupported": "io_error",
}

_sane_init_lock = threading.Lock()
_sane_ready = False


def _sane() -> Any:
    global _sane_ready
    try:
        import sane
    except ImportError as exc:  # pragma: no cover - python-sane is a dependency
        raise ScannerConfigError(
            "Chưa cài python-sane (cần libsane-dev và gcc để cài)",
            f"python-sane is not installed (needs libsane-dev and gcc to build): {exc}",
        ) from None
    with _sane_init_lock:
        if not _sane_ready:
            sane.init()
            _sane_ready = True
    return sane


def _is_feeder(value: str) -> bool:
    low = value.lower()
    return any(word in low for word in ("adf", "feeder", "duplex", "automatic"))


class SaneDocumentScanner:
    """Any SANE device (USB backends, sane-airscan for eSCL/WSD network scanners, ``test``).

    URL options are SANE option names (``-`` or ``_``) with their values; each is checked
    against the device's own constraint, so a typo names the option and lists the choices.
    ``source`` decides flatbed / feeder / duplex (a source naming ADF, Feeder, Automatic or
    Duplex feeds; Duplex gives front and back). ``max_pages=N`` (ours, not SANE's) stops a
    feeder after N pages: for feeders that never say they are empty or feed an extra sheet
    (python-pillow/Sane #73), we cancel at once after the last wanted page.
    """

    def __init__(self, url: str, target: str, options: list[tuple[str, str]]) -> None:
        self.url = url
        self.device_name = target
        self.max_pages = 0
        sane_options: list[tuple[str, str]] = []
        for name, value in options:
            if name in ("max_pages", "max-pages"):
                try:
                    self.max_pages = int(value)
                except ValueError:
                    raise _bad_option(name, value, "1…10000") from None
            else:
                sane_options.append((name, value))
        if not target:
            raise ScannerConfigError(
                "sane:// cần tên thiết bị, ví dụ sane://test:0 (xem: motcua devices list)",
                "sane:// needs a device name, e.g. sane://test:0 (see: motcua devices list)",
            )
        self._failure: ScannerFault | None = None
        self._lock = threading.Lock()
        sane = _sane()
        try:
            self._dev = sane.open(target)
        except Exception as exc:
            known = ", ".join(d[0] for d in _devices_quietly()) or "không thấy / none found"
            raise ScannerConfigError(
                f"Không mở được máy quét {target!r} ({exc}); thiết bị có: {known}",
                f"Cannot open scanner {target!r} ({exc}); devices found: {known}",
            ) from None
        self._options = {str(o[1]): o for o in self._dev.get_options() if o[1]}
        try:
            for name, value in sane_options:
                self._set(name, value)
        except Exception:
            self._dev.close()
            raise
        source = self._current("source")
        if source and "duplex" in source.lower():
            self.source: Source = "duplex"
        elif source and _is_feeder(source):
            self.source = "feeder"
        else:
            self.source = "flatbed"

    def _current(self, name: str) -> str | None:
        if name not in self._options:
            return None
        try:
            return str(getattr(self._dev, name.replace("-", "_")))
        except AttributeError:
            return None

    def choices(self, name: str) -> str:
        o = self._options[name]
        constraint = o[8]
        if isinstance(constraint, list):
            return ", ".join(str(c) for c in constraint)
        if isinstance(constraint, tuple):
            low, high, _step = constraint
            return f"{low:g}…{high:g}"
        return {0: "yes, no", 1: "số nguyên / integer", 2: "số / number", 3: "chữ / text"}.get(
            o[4], "?"
        )

    def _set(self, raw_name: str, raw_value: str) -> None:
        name = raw_name.replace("_", "-")
        if name not in self._options:
            name = raw_name if raw_name in self._options else name
        if name not in self._options:
            settable = [n for n, o in self._options.items() if o[4] not in (4, 5) and o[7] & 1]
            raise _unknown_option(raw_name, settable)
        opt = self._options[name]
        kind, cap, constraint = opt[4], opt[7], opt[8]
        if kind in (4, 5) or not cap & 1:  # a button, a group, or not settable by software
            raise _bad_option(name, raw_value, "(chỉ đọc / read-only)")
        if cap & 32:
            raise ScannerConfigError(
                f"Tùy chọn {name!r} không dùng được với các thiết lập hiện tại",
                f"Option {name!r} is inactive with the current settings",
            )
        value: Any
        if kind == 0:
            low = raw_value.lower()
            if low not in ("1", "0", "yes", "no", "true", "false", "on", "off"):
                raise _bad_option(name, raw_value, "yes, no")
            value = low in ("1", "yes", "true", "on")
        elif kind in (1, 2):
            try:
                number = float(raw_value)
            except ValueError:
                raise _bad_option(name, raw_value, self.choices(name)) from None
            if isinstance(constraint, tuple) and not constraint[0] <= number <= constraint[1]:
                raise _bad_option(name, raw_value, self.choices(name))
            if isinstance(constraint, list) and number not in [float(c) for c in constraint]:
                raise _bad_option(name, raw_value, self.choices(name))
            value = int(number) if kind == 1 else number
        else:
            value = raw_value
            if isinstance(constraint, list):
                match = [c for c in constraint if str(c).lower() == raw_value.lower()]
                if not match:
                    raise _bad_option(name, raw_value, self.choices(name))
                value = match[0]
        try:
            setattr(self._dev, name.replace("-", "_"), value)
        except Exception as exc:
            raise ScannerConfigError(
                f"Máy quét từ chối {name}={raw_value!r} ({exc}); chọn: {self.choices(name)}",
                f"The scanner refused {name}={raw_value!r} ({exc}); choices: {self.choices(name)}",
            ) from None
        # an option may change which others are active (source -> adf options)
        self._options = {str(o[1]): o for o in self._dev.get_options() if o[1]}

    def _dpi(self) -> int:
        value = self._current("resolution")
        try:
            return round(float(value)) if value else 300
        except ValueError:
            return 300

    def _snap(self, cancel: threading.Event | None, no_cancel: bool) -> Image.Image:
        def progress(_lines: int, _total: int) -> None:
            if cancel is not None and cancel.is_set():
                raise ScanCancelled()

        return self._dev.snap(no_cancel=no_cancel, progress=progress)

    def scan(self, cancel: threading.Event | None = None) -> Iterator[ScannedPage]:
        with self._lock:
            self._failure = None
            dpi = self._dpi()
            feeder = self.source != "flatbed"
            number = 0
            try:
                while True:
                    if cancel is not None and cancel.is_set():
                        raise ScanCancelled()
                    try:
                        self._dev.start()
                        image = self._snap(cancel, no_cancel=feeder)
                    except ScanCancelled:
                        raise
                    except Exception as exc:
                        status = sane_status(exc)
                        if status in ("no_docs", "eof") and (feeder or status == "eof"):
                            return  # the feeder is empty (however the backend says it)
                        if status == "cancelled" and cancel is not None and cancel.is_set():
                            raise ScanCancelled() from None
                        self._failure = fault(_FAULT_OF_STATUS.get(status, "io_error"), str(exc))
                        raise self._failure from None
                    number += 1
                    side: Side = "back" if self.source == "duplex" and number % 2 == 0 else "front"
                    yield ScannedPage(image, dpi, number, side)
                    if not feeder or (self.max_pages and number >= self.max_pages):
                        return
            finally:
                with contextlib.suppress(Exception):
                    self._dev.cancel()  # ends the batch: no sheet pre-fed after the last

    def health(self) -> DeviceHealth:
        return _health(self._failure, True)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._dev.close()


def _devices_quietly() -> list[tuple[str, str, str, str]]:
    try:
        return list(_sane().get_devices(localOnly=os.environ.get("MOTCUA_SANE_LOCAL") == "1"))
    except Exception:
        return []
