"""One PDF per paper: img2pdf (no re-encoding) + pikepdf (metadata), OCR by OCRmyPDF.

``build_pdf(files, out, meta)`` wraps the page files the pipeline wrote (JBIG2 generic
files, or CCITT G4 TIFFs, for text pages; JPEGs for photo pages) into a PDF exactly as
they are (img2pdf strips a JBIG2 file's header and end segments and embeds the rest as
/JBIG2Decode; the page size comes from the resolution jbig2.py writes), sets the title
(the paper's name), subject (the procedure) and keywords (the dossier code) in both the
document info and XMP, and moves it into place atomically.

``ocr_pdf(pdf, meta)`` runs OCRmyPDF (tesseract ``vie``) on a built PDF and, when it
succeeds, replaces the file atomically (temp file in the same folder + ``os.replace``):
the PDF is usable before OCR starts, and a reader never sees half a file. With OCR the
file is PDF/A-2b (which allows JBIG2Decode). OCRmyPDF 17 lays the text with its fpdf2
renderer and keeps the JBIG2, G4 and JPEG images as they are (``optimize=0``);
Ghostscript 10.00 (Debian 12) and tesseract 5.3 work with it.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import img2pdf
import pikepdf

from motcua.scanner.documents import jbig2
from motcua.scanner.documents.errors import ScanError

log = logging.getLogger(__name__)

OCR_LANGUAGE = "vie"


@dataclass(frozen=True)
class PdfMeta:
    title: str = ""  # the paper's name: "Tờ khai đăng ký khai sinh"
    subject: str = ""  # the procedure: "Đăng ký khai sinh"
    keywords: str = ""  # the dossier code, once there is one
    author: str = ""  # the center


NO_META = PdfMeta()


class PdfError(ScanError):
    code = "pdf"


def _temp_beside(path: Path, suffix: str = ".tmp.pdf") -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    return Path(name)


def set_metadata(pdf: pikepdf.Pdf, meta: PdfMeta) -> None:
    """Title, subject, keywords (and author) into the info dict and XMP, kept in step."""
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        if meta.title:
            xmp["dc:title"] = meta.title
        if meta.subject:
            xmp["dc:description"] = meta.subject
        if meta.keywords:
            xmp["pdf:Keywords"] = meta.keywords
        if meta.author:
            xmp["dc:creator"] = [meta.author]
        xmp["xmp:CreatorTool"] = "motcua"
    info = pdf.docinfo
    for key, value in (
        ("/Title", meta.title),
        ("/Subject", meta.subject),
        ("/Keywords", meta.keywords),
        ("/Author", meta.author),
    ):
        if value:
            info[key] = value


def _img2pdf_input(page: Path) -> str | bytes:
    if page.suffix == jbig2.SUFFIX:
        return jbig2.for_img2pdf(page.read_bytes())
    return str(page)


def build_pdf(files: Sequence[Path], out: Path, meta: PdfMeta = NO_META) -> Path:
    """A PDF of ``files`` (one page each, in order) at ``out``, written atomically."""
    if not files:
        raise PdfError(
            "Không có trang nào để tạo PDF", "There are no pages to make a PDF from", "no_pages"
        )
    missing = [str(f) for f in files if not Path(f).is_file()]
    if missing:
        raise PdfError(
            f"Thiếu tệp trang: {', '.join(missing)}", f"Page files missing: {', '.join(missing)}"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = _temp_beside(out, ".raw.pdf")
    final = _temp_beside(out)
    try:
        with raw.open("wb") as fh:
            img2pdf.convert([_img2pdf_input(Path(f)) for f in files], outputstream=fh)
        with pikepdf.open(raw) as pdf:
            set_metadata(pdf, meta)
            pdf.save(final, fix_metadata_version=True)
        os.replace(final, out)
    except Exception as exc:  # img2pdf / pikepdf / the disk: the old file stays whole
        final.unlink(missing_ok=True)
        raise PdfError(
            f"Không tạo được tệp PDF {out.name}", f"Could not write the PDF {out}: {exc}"
        ) from None
    finally:
        raw.unlink(missing_ok=True)
    return out


_ocr_lock = threading.Lock()  # OCRmyPDF is CPU-bound: one document at a time per process


def ocr_available() -> bool:
    try:
        import ocrmypdf  # noqa: F401
    except ImportError:
        return False
    from shutil import which

    return which("tesseract") is not None and which("gs") is not None


def ocr_pdf(
    pdf: Path, meta: PdfMeta | None = None, language: str = OCR_LANGUAGE, jobs: int = 1
) -> Path:
    """Add a text layer to ``pdf`` (PDF/A-2b), replacing it atomically when done.

    On failure ``pdf`` is left as it was and ``PdfError`` says why.
    """
    import ocrmypdf

    tmp = _temp_beside(pdf, ".ocr.pdf")
    try:
        with _ocr_lock:
            result = ocrmypdf.ocr(
                pdf,
                tmp,
                language=[language],
                output_type="pdfa-2",
                optimize=0,  # keep our JBIG2 / G4 / JPEG images byte for byte
                jobs=jobs,
                progress_bar=False,
                rotate_pages=False,  # the pipeline turned the pages upright already
                deskew=False,
                # no skip_text / redo_ocr: with Ghostscript 10.0.0-10.02.0 (Debian 12)
                # OCRmyPDF refuses them (those versions corrupt PDFs with text)
            )
        if int(result) not in (0, 10):  # 10: output fine but PDF/A validation unsure
            raise PdfError(
                f"Nhận dạng chữ (OCR) thất bại cho {pdf.name}",
                f"OCR failed for {pdf} (OCRmyPDF exit {int(result)})",
                "ocr",
            )
        if meta is not None:
            with pikepdf.open(tmp, allow_overwriting_input=True) as doc:
                set_metadata(doc, meta)
                doc.save(tmp)
        os.replace(tmp, pdf)
    except PdfError:
        tmp.unlink(missing_ok=True)
        raise
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        log.warning("OCR failed for %s: %s", pdf.name, exc)
        raise PdfError(
            f"Nhận dạng chữ (OCR) thất bại cho {pdf.name}; tệp PDF không có lớp chữ vẫn dùng được",
            f"OCR failed for {pdf.name} ({type(exc).__name__}: {exc}); "
            "the PDF without text stays usable",
            "ocr",
        ) from None
    return pdf


def page_count(pdf: Path) -> int:
    with pikepdf.open(pdf) as doc:
        return len(doc.pages)
