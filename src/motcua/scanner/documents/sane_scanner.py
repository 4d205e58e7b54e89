"""``sane://DEVICE?option=value``: any SANE device through python-sane (sane-airscan too).

End of feeder: the SANE status is read back from libsane's own ``sane_strstatus`` table
(ctypes), plus wording fallbacks, plus python-sane's "no data" EOF — not python-sane's
``multi_scan``. ``sane_cancel`` right after the last page. Jam / cover open / busy / I/O
raise ``ScannerFault`` after the pages before them were yielded.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

from PIL import Image

from motcua.devices import DeviceHealth
from motcua.scanner.documents.errors import ScanCancelled, ScannerConfigError, ScannerFault, fault
from motcua.scanner.documents.page import (
    ScannedPage,
    Side,
    Source,
    bad_option,
    device_health,
    unknown_option,
)

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


def ignore_sigpipe_again() -> None:
    """Put SIGPIPE back to "ignored" after a SANE read.

    Backends that read through sanei_thread (the ``test`` backend, and many USB ones when
    built with fork readers) set SIGPIPE to its default action while they scan and leave
    it so. Python ignores SIGPIPE so that writing to a closed socket is an ``EPIPE`` error;
    with the default action the same write kills the whole kiosk or counter process
    without a word. ``signal.signal`` only works in the main thread and scans run in
    worker threads, so this calls libc's ``signal`` (the disposition is per process)."""
    libc = _libc()
    if libc is not None:
        libc.signal(int(signal.SIGPIPE), 1)  # 1 = SIG_IGN


_libc_handle: list[Any] = []


def _libc() -> Any:
    if not _libc_handle:
        try:
            lib = ctypes.CDLL(None)
            lib.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
            lib.signal.restype = ctypes.c_void_p
        except (OSError, AttributeError):  # pragma: no cover - not glibc/musl
            lib = None
        _libc_handle.append(lib)
    return _libc_handle[0]


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
                    raise bad_option(name, value, "1…10000") from None
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
            raise unknown_option(raw_name, settable)
        opt = self._options[name]
        kind, cap, constraint = opt[4], opt[7], opt[8]
        if kind in (4, 5) or not cap & 1:  # a button, a group, or not settable by software
            raise bad_option(name, raw_value, "(chỉ đọc / read-only)")
        if cap & 32:
            raise ScannerConfigError(
                f"Tùy chọn {name!r} không dùng được với các thiết lập hiện tại",
                f"Option {name!r} is inactive with the current settings",
            )
        value: Any
        if kind == 0:
            low = raw_value.lower()
            if low not in ("1", "0", "yes", "no", "true", "false", "on", "off"):
                raise bad_option(name, raw_value, "yes, no")
            value = low in ("1", "yes", "true", "on")
        elif kind in (1, 2):
            try:
                number = float(raw_value)
            except ValueError:
                raise bad_option(name, raw_value, self.choices(name)) from None
            if isinstance(constraint, tuple) and not constraint[0] <= number <= constraint[1]:
                raise bad_option(name, raw_value, self.choices(name))
            if isinstance(constraint, list) and number not in [float(c) for c in constraint]:
                raise bad_option(name, raw_value, self.choices(name))
            value = int(number) if kind == 1 else number
        else:
            value = raw_value
            if isinstance(constraint, list):
                match = [c for c in constraint if str(c).lower() == raw_value.lower()]
                if not match:
                    raise bad_option(name, raw_value, self.choices(name))
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

        try:
            return self._dev.snap(no_cancel=no_cancel, progress=progress)
        finally:
            ignore_sigpipe_again()

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
                        before = _threads()
                        try:
                            self._dev.start()
                        finally:
                            _let_the_reader_start(before)
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
        return device_health(self._failure, True)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._dev.close()


READER_SETTLE_S = 0.1  # without /proc: a fixed wait, the old guess
READER_START_CAP_S = 2.0  # a reader still busy after this is not waited for longer
_POLL_S = 0.002


def _threads() -> set[str] | None:
    """The ids of this process's threads (Linux ``/proc/self/task``), None without /proc."""
    try:
        return set(os.listdir("/proc/self/task"))
    except OSError:
        return None


def _running(tid: str) -> bool:
    """Is the thread on a CPU or waiting for one (state R)? A thread gone is not."""
    try:
        with open(f"/proc/self/task/{tid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return False
    end = stat.rfind(b")")
    return stat[end + 2 : end + 3] == b"R"


def _let_the_reader_start(before: set[str] | None) -> None:
    """After ``sane_start``, before the first ``sane_read``: wait until the reader it started
    is blocked or gone.

    Backends built on sanei_thread read in a pthread that ``sane_cancel`` stops with
    ``pthread_cancel`` under PTHREAD_CANCEL_ASYNCHRONOUS. Cancelled while it is still in
    ``malloc`` setting up, it dies holding the heap arena's lock and ``sane_cancel``'s join
    never returns. python-sane's ``snap`` calls ``sane_cancel`` itself, at once, when a read
    returns a bad status (the test backend's jam, cover open, no docs, I/O error come at the
    first read), so the wait has to come before ``snap``, not before our own cancel.

    The signal is the reader's own state: every thread that appeared during ``sane_start``
    is either gone (it wrote its frame and ended) or sleeping (in a blocking ``write`` to its
    pipe or a USB read, where an asynchronous cancel is safe), seen twice in a row. A reader
    still setting up is running or runnable, however loaded the machine. Polls every 2 ms,
    ``READER_START_CAP_S`` at most; without ``/proc`` it falls back to ``READER_SETTLE_S``.
    """
    started = time.monotonic()
    if before is None:
        time.sleep(READER_SETTLE_S)
        return
    quiet = 0
    while time.monotonic() - started < READER_START_CAP_S:
        now = _threads() or set()
        if any(_running(tid) for tid in now - before):
            quiet = 0
        else:
            quiet += 1
            if quiet >= 2:
                return
        time.sleep(_POLL_S)


def _devices_quietly() -> list[tuple[str, str, str, str]]:
    try:
        return list(_sane().get_devices(localOnly=os.environ.get("MOTCUA_SANE_LOCAL") == "1"))
    except Exception:
        return []
