"""Batches to PDF: one paper's PDF from its pages, OCR after the citizen has left, and
``scan_to_pdf`` (scan, clean, PDF, OCR in one call: the CLI's ``motcua scanner scan``)."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from motcua.scanner.documents.drivers import DocumentScanner
from motcua.scanner.documents.errors import ScanCancelled, ScanError
from motcua.scanner.documents.pdf import NO_META, PdfError, PdfMeta, build_pdf, ocr_pdf
from motcua.scanner.documents.pipeline import (
    Batch,
    CleanSettings,
    PageResult,
    Progress,
    scan_batch,
)

log = logging.getLogger(__name__)


def make_pdf(pages: Iterable[PageResult], out: Path, meta: PdfMeta = NO_META) -> Path:
    """One paper's PDF from its pages (already chosen: blanks left out or kept)."""
    return build_pdf([p.file for p in pages], out, meta)


@dataclass
class OcrOutcome:
    pdf: Path
    error: PdfError | None = None


class OcrQueue:
    """OCR after the citizen has left: one background thread, PDFs replaced atomically.

    ``submit`` returns at once; ``on_done(OcrOutcome)`` is called from the worker thread.
    The PDF stays usable (without text) until its OCR finishes.
    """

    def __init__(self, on_done: Callable[[OcrOutcome], None] | None = None) -> None:
        self.on_done = on_done
        self._queue: queue.Queue[tuple[Path, PdfMeta | None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, pdf: Path, meta: PdfMeta | None = None) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="ocr", daemon=True)
                self._thread.start()
        self._queue.put((pdf, meta))

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                pdf, meta = item
                outcome = OcrOutcome(pdf)
                try:
                    ocr_pdf(pdf, meta)
                except PdfError as exc:
                    outcome.error = exc
                if self.on_done is not None:
                    try:
                        self.on_done(outcome)
                    except Exception:
                        log.exception("OCR callback failed")
            finally:
                self._queue.task_done()

    def join(self) -> None:
        """Wait until every submitted PDF is done (tests, the CLI)."""
        self._queue.join()

    def close(self) -> None:
        self._queue.put(None)


@dataclass
class ScanSummary:
    """What ``motcua scanner scan --json`` prints."""

    pages: int
    kept: int
    blank: int
    bytes: int
    pdf: str
    seconds: float

    def to_dict(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "kept": self.kept,
            "blank": self.blank,
            "bytes": self.bytes,
            "pdf": self.pdf,
            "seconds": round(self.seconds, 2),
        }


def scan_to_pdf(
    scanner: DocumentScanner,
    out: Path,
    workdir: Path,
    meta: PdfMeta = NO_META,
    ocr: bool = False,
    include_blank: bool = False,
    settings: CleanSettings | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> tuple[ScanSummary, Batch]:
    """Scan one paper to ``out`` (OCR in this thread when asked). A fault after some
    pages still writes the PDF of those pages, then raises the fault; no page at all
    raises a ScanError too."""
    started = time.monotonic()
    batch = scan_batch(scanner, workdir, settings or CleanSettings(), on_progress, cancel)
    if batch.cancelled:
        raise ScanCancelled()
    kept = batch.kept_pages(include_blank)
    if kept:
        make_pdf(kept, out, meta)
        if ocr:
            ocr_pdf(out, meta)
    if batch.failure is not None:
        raise batch.failure
    if not batch.pages:
        raise ScanError(
            "Không quét được trang nào: khay nạp giấy trống hoặc chưa đặt giấy",
            "No page was scanned: the feeder is empty or no paper was loaded",
            "no_docs",
        )
    if not kept:
        raise ScanError(
            f"Cả {batch.scanned} trang đều trắng: không tạo PDF (dùng --keep-blank để giữ)",
            f"All {batch.scanned} pages are blank: no PDF written (--keep-blank keeps them)",
            "all_blank",
        )
    summary = ScanSummary(
        pages=batch.scanned,
        kept=len(kept),
        blank=batch.blank,
        bytes=out.stat().st_size,
        pdf=str(out),
        seconds=time.monotonic() - started,
    )
    return summary, batch
