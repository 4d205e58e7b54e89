"""Document scanning throughput: 100 A4 pages at 300 dpi from the sim scanner.

Prints pages per minute through the whole pipeline (sim feeder -> crop, deskew, upright,
blank check, G4/JPEG -> PDF) without OCR and with OCR (on fewer pages: OCR is slow),
bytes per page for text and photo pages, and resident memory after page 10 and page 100.

    .venv/bin/python bench/scan_pages.py                 # 100 pages, OCR on 4
    .venv/bin/python bench/scan_pages.py --pages 30 --ocr-pages 2 --no-orient

Targets (issue 9): >= 30 pages/min without OCR; a bilevel text page <= 40 KB; memory flat
(peak within 20% between page 10 and page 100). Figures vary with the machine's load.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import psutil

from motcua.scanner.documents import (
    CleanSettings,
    PdfMeta,
    Progress,
    make_pdf,
    ocr_pdf,
    open_document_scanner,
    scan_batch,
)
from motcua.scanner.documents.samplepages import write_sample_pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--photo-every", type=int, default=10, help="every Nth page a colour copy")
    parser.add_argument("--ocr-pages", type=int, default=4)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--no-orient", action="store_true", help="skip tesseract OSD")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "motcua-bench-pages"
    )
    args = parser.parse_args()

    folder = args.cache / f"{args.pages}-{args.dpi}-{args.photo_every}"
    if len(list(folder.glob("*.png"))) != args.pages:
        t = time.monotonic()
        write_sample_pages(folder, args.pages, args.dpi, args.photo_every)
        print(f"rendered {args.pages} pages in {time.monotonic() - t:.1f} s into {folder}")

    proc = psutil.Process()
    rss: dict[int, int] = {}
    peak = 0

    def on_progress(p: Progress) -> None:
        nonlocal peak
        if p.stage == "compressed":
            peak = max(peak, proc.memory_info().rss)
            rss[p.number] = peak

    settings = CleanSettings(orient=not args.no_orient)
    scanner = open_document_scanner(f"sim://?pages={folder}&dpi={args.dpi}&skew=2&noise=4")
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as work:
        workdir = Path(work)
        t = time.monotonic()
        batch = scan_batch(scanner, workdir / "pages", settings, on_progress)
        pdf = make_pdf(batch.kept_pages(), workdir / "all.pdf", PdfMeta(title="bench"))
        seconds = time.monotonic() - t
        assert batch.failure is None, batch.failure
        text = [p.bytes for p in batch.pages if p.kind == "text" and not p.blank]
        photo = [p.bytes for p in batch.pages if p.kind != "text"]
        print(
            f"pages: {batch.scanned} ({len(text)} text, {len(photo)} photo/colour), "
            f"upright check: {'off' if args.no_orient else 'tesseract OSD'}"
        )
        print(
            f"without OCR: {batch.scanned / seconds * 60:.1f} pages/min "
            f"({seconds:.1f} s for {batch.scanned} pages incl. the PDF, {pdf.stat().st_size} bytes)"
        )
        if text:
            print(
                f"text page (G4): mean {statistics.mean(text) / 1024:.1f} KB, "
                f"max {max(text) / 1024:.1f} KB"
            )
        if photo:
            print(
                f"photo page (JPEG q{settings.jpeg_quality}, {settings.photo_dpi} dpi): "
                f"mean {statistics.mean(photo) / 1024:.1f} KB"
            )
        if 10 in rss and batch.scanned in rss:
            a, b = rss[10], rss[batch.scanned]
            print(
                f"peak RSS: after page 10 {a / 2**20:.0f} MiB, after page {batch.scanned} "
                f"{b / 2**20:.0f} MiB ({(b - a) / a * 100:+.1f}%)"
            )

        if args.ocr_pages:
            some = batch.kept_pages()[: args.ocr_pages]
            ocr = make_pdf(some, workdir / "ocr.pdf", PdfMeta(title="bench"))
            size = ocr.stat().st_size
            t = time.monotonic()
            ocr_pdf(ocr)
            s = time.monotonic() - t
            print(
                f"with OCR (tesseract vie, PDF/A-2b, on {len(some)} pages): "
                f"{len(some) / s * 60:.1f} pages/min ({s:.1f} s); "
                f"{size} -> {ocr.stat().st_size} bytes"
            )
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in psutil.getloadavg())} "
        f"on {psutil.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
