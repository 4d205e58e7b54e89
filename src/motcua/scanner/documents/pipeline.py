"""From the scanner's pages to compact page files, then to one PDF per paper.

    scanner = open_document_scanner("sim://?pages=/srv/demo-papers&skew=3")
    job = ScanJob(scanner, workdir, on_progress=print)      # a worker thread
    job.start(); ...; job.cancel()  # from any thread
    batch = job.wait()                                      # a Batch
    make_pdf(batch.kept_pages(), Path("to-khai.pdf"), PdfMeta(title="Tờ khai"))  # to_pdf
    OcrQueue().submit(Path("to-khai.pdf"), meta)            # to_pdf: later, in the background

Each page is cleaned (crop to paper, deskew, upright, blank check), compressed (text:
bilevel JBIG2, lossless generic coding, or CCITT G4 TIFF without the encoder; photo/colour:
JPEG) and written to ``workdir`` as soon as it comes
off the scanner; the batch holds only small records (paths, flags), so memory stays flat
however long the batch. ``on_progress`` is called from the worker thread for every page
at each stage ("scanned", "cleaned", "compressed"), then "done" / "failed" / "cancelled":
a Qt screen relays it to its UI thread (motcua.ui's task runner) before touching widgets.
A fault (jam, cover open, lost device) ends the batch with ``batch.failure`` set and the
pages before it kept.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image

from motcua.scanner.documents import cleanup
from motcua.scanner.documents.drivers import DocumentScanner, ScannedPage, Side
from motcua.scanner.documents.errors import ScanCancelled, ScanError
from motcua.scanner.documents.page_files import compress_page, page_suffix, write_thumbnail
from motcua.scanner.documents.settings import CleanSettings

log = logging.getLogger(__name__)

Stage = Literal["scanned", "cleaned", "compressed", "done", "failed", "cancelled"]


@dataclass
class PageResult:
    number: int  # 1-based, as scanned
    side: Side
    file: Path  # the compressed page: .jb2 (JBIG2 generic), .tif (CCITT G4) or .jpg
    thumbnail: Path  # a small PNG for the screens
    kind: cleanup.PageKind
    blank: bool  # flagged: a person confirms before it is left out
    ink: float  # share of ink pixels (the blank test)
    skew: float  # degrees taken out
    rotated: int  # degrees turned clockwise to be upright
    width: int
    height: int
    dpi: int
    bytes: int  # the size of ``file``, as the CLI's JSON names it

    def thumbnail_bytes(self) -> builtins.bytes:
        return self.thumbnail.read_bytes()


@dataclass
class Progress:
    stage: Stage
    scanned: int  # pages off the scanner so far
    page: PageResult | None = None  # set from "cleaned" on
    number: int = 0  # the page this is about (0 for the batch stages)
    message_vi: str = ""
    message_en: str = ""


@dataclass
class Batch:
    workdir: Path
    pages: list[PageResult] = field(default_factory=list)
    failure: ScanError | None = None
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def scanned(self) -> int:
        return len(self.pages)

    @property
    def blank(self) -> int:
        return sum(1 for p in self.pages if p.blank)

    def kept_pages(self, include_blank: bool = False) -> list[PageResult]:
        return [p for p in self.pages if include_blank or not p.blank]


def _to_array(image: Image.Image) -> np.ndarray:
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB" if image.mode in ("RGBA", "P", "CMYK") else "L")
    return np.asarray(image)


class UprightCheck:
    """Which pages of one batch get tesseract's OSD (about 2.5 s a page on a busy
    2-core machine, the largest cost of a page), and the turn the others inherit."""

    def __init__(self, every: int = 1) -> None:
        self.every = max(1, every)
        self.seen = 0
        self.turn = 0  # the last answer: the way the stack lies
        self.checked = 0

    def turn_for(self, img: np.ndarray, dpi: int) -> int:
        self.seen += 1
        due = self.every == 1 or (self.seen - 1) % self.every == 0
        if due:
            self.checked += 1
            self.turn = cleanup.detect_orientation(img, dpi)
            return self.turn
        if cleanup.looks_sideways(img):  # one sheet put in sideways: its own answer only
            self.checked += 1
            return cleanup.detect_orientation(img, dpi)
        return self.turn


def clean_page(
    img: np.ndarray, settings: CleanSettings, dpi: int = 300, upright: UprightCheck | None = None
) -> tuple[np.ndarray, float, int]:
    """Crop, deskew and turn upright; returns the page, the skew taken out, the turn.
    ``upright``: the batch's check (OSD on some pages only); None = OSD on this page."""
    if settings.crop:
        img = cleanup.crop_to_paper(img)
    skew = 0.0
    if settings.deskew:
        img, skew = cleanup.deskew(img)
    turned = 0
    if settings.orient:
        turned = (upright or UprightCheck()).turn_for(img, dpi)
        img = cleanup.rotate_quarter(img, turned)
    return img, skew, turned


def process_page(
    page: ScannedPage,
    workdir: Path,
    settings: CleanSettings,
    report: Callable[[Stage, PageResult | None], None] | None = None,
    upright: UprightCheck | None = None,
) -> PageResult:
    """One page: cleaned, checked for blank, compressed, on disk. Nothing kept in memory."""
    img = _to_array(page.image)
    img, skew, turned = clean_page(img, settings, page.dpi, upright)
    ink = cleanup.ink_ratio(img, settings.blank_luma)
    blank = ink < settings.blank_ink
    kind: cleanup.PageKind = settings.kind or ("text" if blank else cleanup.classify(img))
    stem = workdir / f"page-{page.number:04d}"
    thumb = write_thumbnail(img, stem.with_suffix(".thumb.png"))
    result = PageResult(
        number=page.number,
        side=page.side,
        file=stem.with_suffix(page_suffix(kind, settings)),
        thumbnail=thumb,
        kind=kind,
        blank=blank,
        ink=round(ink, 5),
        skew=skew,
        rotated=turned,
        width=img.shape[1],
        height=img.shape[0],
        dpi=page.dpi,
        bytes=0,
    )
    if report is not None:
        report("cleaned", result)
    result.file = compress_page(img, kind, page.dpi, stem, settings)
    result.bytes = result.file.stat().st_size
    if report is not None:
        report("compressed", result)
    return result


def _feed(
    scanner: DocumentScanner,
    halt: threading.Event,
    out: queue.Queue[ScannedPage | BaseException | None],
) -> None:
    """The feeder thread: pages into ``out`` until the batch ends; an error goes too."""

    def put(item: ScannedPage | BaseException | None) -> bool:
        while not halt.is_set():
            try:
                out.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    try:
        for page in scanner.scan(halt):
            if not put(page):
                return
        put(None)
    except ScanCancelled:
        put(None)
    except BaseException as exc:  # handed to the worker, which decides
        put(exc)


_malloc_tuned = False


def _return_big_buffers_to_the_system() -> None:
    """glibc raises its mmap threshold after big frees, so 9-27 MB page buffers end up
    in the heap and fragment it. Pinning the threshold (M_MMAP_THRESHOLD = 1 MiB) gives
    each page buffer back to the system when freed. RSS still grows over a 100-page batch
    (bench/scan_pages.py): the cause is not found yet."""
    global _malloc_tuned
    if _malloc_tuned:
        return
    _malloc_tuned = True
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass


def scan_batch(
    scanner: DocumentScanner,
    workdir: Path,
    settings: CleanSettings = CleanSettings(),
    on_progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> Batch:
    """One press of the scan button, to page files in ``workdir``. Blocking: call it
    from a worker thread (or use ``ScanJob``). Never raises for a device fault: the
    returned ``Batch`` carries it with the pages scanned before it."""
    _return_big_buffers_to_the_system()
    workdir.mkdir(parents=True, exist_ok=True)
    batch = Batch(workdir)
    started = time.monotonic()

    def tell(progress: Progress) -> None:
        if on_progress is None:
            return
        try:
            on_progress(progress)
        except Exception:  # a screen's bug must not lose the batch
            log.exception("scan progress callback failed")

    # The scanner feeds on its own thread while this one cleans and compresses the page
    # before: a real feeder never waits for us. The queue holds one page, so at most
    # three are in memory (being read, waiting, being processed), however long the batch.
    upright = UprightCheck(settings.orient_every)
    halt = threading.Event()
    pages: queue.Queue[ScannedPage | BaseException | None] = queue.Queue(maxsize=1)
    feeder = threading.Thread(
        target=_feed, args=(scanner, halt, pages), name="document-scan-feed", daemon=True
    )
    feeder.start()
    try:
        while True:
            try:
                item = pages.get(timeout=0.1)
            except queue.Empty:
                if cancel is not None and cancel.is_set():
                    raise ScanCancelled() from None
                continue
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            page = item
            tell(Progress("scanned", batch.scanned + 1, number=page.number))

            def report(stage: Stage, result: PageResult | None, n: int = page.number) -> None:
                tell(Progress(stage, batch.scanned + 1, result, n))

            batch.pages.append(process_page(page, workdir, settings, report, upright))
            del page, item
            if cancel is not None and cancel.is_set():
                raise ScanCancelled()
    except ScanCancelled:
        batch.cancelled = True
    except ScanError as exc:
        batch.failure = exc
    finally:
        halt.set()
        while feeder.is_alive():  # let the feeder see the halt and end its batch
            with contextlib.suppress(queue.Empty):
                pages.get(timeout=0.1)
        feeder.join()
    batch.seconds = time.monotonic() - started
    if batch.cancelled:
        tell(Progress("cancelled", batch.scanned, message_vi="Đã hủy", message_en="Cancelled"))
    elif batch.failure is not None:
        tell(
            Progress(
                "failed",
                batch.scanned,
                message_vi=batch.failure.message_vi,
                message_en=batch.failure.message_en,
            )
        )
    else:
        tell(Progress("done", batch.scanned, message_vi="Xong", message_en="Done"))
    return batch


class ScanJob:
    """``scan_batch`` on its own thread, with cancel. ``wait()`` returns the Batch."""

    def __init__(
        self,
        scanner: DocumentScanner,
        workdir: Path,
        settings: CleanSettings = CleanSettings(),
        on_progress: Callable[[Progress], None] | None = None,
    ) -> None:
        self.scanner = scanner
        self.workdir = workdir
        self.settings = settings
        self.on_progress = on_progress
        self._cancel = threading.Event()
        self._result: Batch | None = None
        self._thread = threading.Thread(target=self._run, name="document-scan", daemon=True)

    def _run(self) -> None:
        self._result = scan_batch(
            self.scanner, self.workdir, self.settings, self.on_progress, self._cancel
        )

    def start(self) -> ScanJob:
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> Batch | None:
        self._thread.join(timeout)
        return self._result
