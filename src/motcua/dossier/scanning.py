"""One paper of a dossier, scanned: what the intake (kiosk) and reception (counter) flows get.

``PaperScanner.scan(on_progress, after=None)`` scans what lies on the glass / in the feeder
and returns a ``ScannedPaper``: one PDF of all its pages, a second PDF without the pages
flagged blank (when some are), each page's thumbnail and blank flag, and — when the device
stopped mid-batch (a jam, the cover opened) — the fault, with the pages before it kept.
``after=`` a paper scanned before continues it (the citizen cleared the jam and scans the
rest): the new pages come after the old ones in the same PDF.

``DocumentPaperScanner`` is the real one, over ``motcua.scanner.documents`` (SANE or
``sim://?pages=DIR``): each page cleaned, checked for blank, compressed (JBIG2 or G4 / JPEG) and
written to a private folder, then wrapped in a PDF without re-encoding. ``forget()``
deletes every page file it wrote (the intake's end: submitted, abandoned or timed out);
the PDFs live on in the dossier only.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the pipeline pulls OpenCV and img2pdf: imported when a scan happens
    from motcua.scanner.documents import CleanSettings, DocumentScanner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScannedPage:
    thumbnail_png: bytes
    blank: bool = False
    file: Path | None = None  # the compressed page (continuing a paper re-wraps it)


@dataclass(frozen=True)
class ScannedPaper:
    pdf: bytes  # every page, blank ones too
    pages: tuple[ScannedPage, ...]
    pdf_without_blank: bytes | None = None  # set when some (not all) pages are blank
    failure_vi: str = ""  # the device stopped (jam, cover): the pages before it are kept
    failure_en: str = ""
    failure_reason: str = ""

    @property
    def blank_pages(self) -> list[int]:
        return [i for i, p in enumerate(self.pages, 1) if p.blank]

    @property
    def failed(self) -> bool:
        return bool(self.failure_reason)


class PaperScanner(Protocol):
    def scan(
        self,
        on_progress: Callable[[int, bytes], None] | None = None,
        after: ScannedPaper | None = None,
    ) -> ScannedPaper:
        """Scan one paper; ``on_progress(page number, thumbnail PNG)`` per page (from the
        scanning thread); ``after``: continue that paper."""
        ...

    def forget(self) -> None:
        """Delete every page file kept for continuing papers."""
        ...


class DocumentPaperScanner:
    """``PaperScanner`` over a ``motcua.scanner.documents`` scanner (opened by URL)."""

    def __init__(
        self,
        scanner: DocumentScanner | str,
        workdir: Path | None = None,
        settings: CleanSettings | None = None,
        title: str = "",
    ) -> None:
        from motcua.scanner.documents import CleanSettings, open_document_scanner

        self.scanner = open_document_scanner(scanner) if isinstance(scanner, str) else scanner
        self._root = Path(tempfile.mkdtemp(prefix="motcua-papers-", dir=workdir))
        self._settings = settings or CleanSettings()
        self._lock = threading.Lock()
        self._cancel: threading.Event | None = None
        self.title = title

    @property
    def url(self) -> str:
        return str(getattr(self.scanner, "url", ""))

    def health(self) -> object:
        return self.scanner.health()

    def cancel(self) -> None:
        """Stop the scan in progress (from any thread); the pages so far are returned."""
        c = self._cancel
        if c is not None:
            c.set()

    def scan(
        self,
        on_progress: Callable[[int, bytes], None] | None = None,
        after: ScannedPaper | None = None,
    ) -> ScannedPaper:
        from motcua.scanner.documents import PdfMeta, Progress, build_pdf, scan_batch

        before = list(after.pages) if after is not None else []
        offset = len(before)
        with self._lock:
            self._root.mkdir(parents=True, exist_ok=True)
            workdir = Path(tempfile.mkdtemp(prefix="scan-", dir=self._root))
            self._cancel = cancel = threading.Event()

            def relay(p: Progress) -> None:
                if on_progress is not None and p.stage == "cleaned" and p.page is not None:
                    on_progress(offset + p.number, p.page.thumbnail_bytes())

            batch = scan_batch(self.scanner, workdir, self._settings, relay, cancel)
            self._cancel = None
        pages = before + [ScannedPage(r.thumbnail_bytes(), r.blank, r.file) for r in batch.pages]
        failure = batch.failure
        if not batch.pages and failure is None and not batch.cancelled:
            from motcua.scanner.documents.errors import fault

            failure = fault("no_docs")
        vi = en = reason = ""
        if failure is not None:
            vi, en, reason = failure.message_vi, failure.message_en, failure.reason
            log.info("scan stopped after %d page(s): %s", len(batch.pages), reason)
        elif batch.cancelled:
            vi, en, reason = "Đã dừng quét", "Scanning stopped", "cancelled"
        if not pages:
            return ScannedPaper(b"", (), None, vi, en, reason)
        meta = PdfMeta(title=self.title)
        files = [p.file for p in pages if p.file is not None]
        whole = build_pdf(files, workdir / "paper.pdf", meta).read_bytes()
        without = None
        kept = [p.file for p in pages if not p.blank and p.file is not None]
        if kept and len(kept) < len(files):
            without = build_pdf(kept, workdir / "paper-no-blank.pdf", meta).read_bytes()
        return ScannedPaper(whole, tuple(pages), without, vi, en, reason)

    def forget(self) -> None:
        with self._lock:
            shutil.rmtree(self._root, ignore_errors=True)

    def close(self) -> None:
        self.forget()
        self.scanner.close()


def open_paper_scanner(url: str, workdir: Path | None = None) -> DocumentPaperScanner | None:
    """The configured document scanner (``[devices] document_scanner``) of a kiosk or a
    counter, or None: none configured, or it cannot be opened (logged; the kiosk sends
    the citizen to a counter, the counter's walk-in button says there is no scanner)."""
    if not url:
        return None
    from motcua.scanner.documents import ScanError

    try:
        return DocumentPaperScanner(url, workdir=workdir)
    except (ScanError, OSError) as exc:
        log.warning("document scanner not opened / không mở được máy quét giấy tờ: %s", exc)
        return None
