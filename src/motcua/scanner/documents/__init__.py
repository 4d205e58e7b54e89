"""Document scanners to compact, searchable PDF: one PDF per paper a citizen brings.

No Qt here. The pieces (docs/developers/document-scanning.md has the full API):

- ``open_document_scanner(url)``: ``sane://DEVICE?option=value`` (python-sane, any SANE
  backend incl. sane-airscan) or ``sim://?pages=DIR`` (a sheet feeder over a folder);
- ``cleanup``: pure page functions (blank, crop, deskew, upright, classify, binarize);
- ``ScanJob`` / ``scan_batch``: a batch on a worker thread, progress per page, cancel;
- ``make_pdf`` / ``build_pdf``, ``ocr_pdf`` and ``OcrQueue``: PDF, then OCR later;
- ``scan_to_pdf``: all of it in one call (the CLI's ``motcua scanner scan``).
"""

from motcua.scanner.documents.drivers import (
    DocumentScanner,
    SaneDocumentScanner,
    ScannedPage,
    SimDocumentScanner,
    open_document_scanner,
)
from motcua.scanner.documents.errors import (
    ScanCancelled,
    ScanError,
    ScannerConfigError,
    ScannerFault,
)
from motcua.scanner.documents.pdf import PdfError, PdfMeta, build_pdf, ocr_available, ocr_pdf
from motcua.scanner.documents.pipeline import (
    Batch,
    CleanSettings,
    PageResult,
    Progress,
    ScanJob,
    process_page,
    scan_batch,
)
from motcua.scanner.documents.to_pdf import (
    OcrOutcome,
    OcrQueue,
    ScanSummary,
    make_pdf,
    scan_to_pdf,
)

__all__ = [
    "Batch",
    "CleanSettings",
    "DocumentScanner",
    "OcrOutcome",
    "OcrQueue",
    "PageResult",
    "PdfError",
    "PdfMeta",
    "Progress",
    "SaneDocumentScanner",
    "ScanCancelled",
    "ScanError",
    "ScanJob",
    "ScanSummary",
    "ScannedPage",
    "ScannerConfigError",
    "ScannerFault",
    "SimDocumentScanner",
    "build_pdf",
    "make_pdf",
    "ocr_available",
    "ocr_pdf",
    "open_document_scanner",
    "process_page",
    "scan_batch",
    "scan_to_pdf",
]
