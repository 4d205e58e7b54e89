"""Document scanning throughput: 100 A4 pages at 300 dpi from the sim scanner.

Prints pages per minute through the whole pipeline (sim feeder -> crop, deskew, upright,
blank check, JBIG2 or G4 / JPEG -> PDF) without OCR and with OCR (on fewer pages: OCR is
slow), bytes per page for text pages (by their encoding: JBIG2 generic, lossless, where
jbig2enc is built; CCITT G4 else; with jbig2dec installed also the same pages' G4 size)
and photo pages, and resident memory after page 10 and page 100.

    .venv/bin/python bench/scan_pages.py                 # 100 pages, OCR on 4
    .venv/bin/python bench/scan_pages.py --pages 30 --ocr-pages 2 --no-orient

Targets (issue 9): >= 30 pages/min without OCR; a bilevel text page <= 40 KB; memory flat
(peak within 20% between page 10 and page 100). Figures vary with the machine's load.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

import psutil
from PIL import Image

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


def _kb(sizes: list[int]) -> str:
    return (
        f"mean {statistics.mean(sizes) / 1024:.1f} KB, median "
        f"{statistics.median(sizes) / 1024:.1f} KB, max {max(sizes) / 1024:.1f} KB"
    )


def _g4_sizes(pages: list[Path], workdir: Path, dpi: int) -> list[int]:
    """The G4 size of JBIG2 pages, for comparison (after the timed run): each decoded by
    jbig2dec and saved as the pipeline saves G4. Empty without jbig2dec."""
    if not pages or shutil.which("jbig2dec") is None:
        return []
    sizes = []
    for page in pages:
        pbm = workdir / "g4-check.pbm"
        subprocess.run(["jbig2dec", "-q", "-t", "pbm", "-o", str(pbm), str(page)], check=True)
        out = io.BytesIO()
        with Image.open(pbm) as im:
            im.save(out, format="TIFF", compression="group4", dpi=(dpi, dpi))
        sizes.append(out.tell())
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--photo-every", type=int, default=10, help="every Nth page a colour copy")
    parser.add_argument("--ocr-pages", type=int, default=4)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--no-orient", action="store_true", help="skip tesseract OSD")
    parser.add_argument(
        "--orient-every", type=int, default=None, help="OSD on page 1 and every Nth page"
    )
    parser.add_argument("--trace", action="store_true", help="tracemalloc between pages")
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
    # Peak RSS as a sampler thread sees it every 5 ms (a reading at page boundaries
    # missed the spikes of colour pages and made the "peak" depend on timing); the
    # settled RSS after each page; with --trace, Python's own allocations (tracemalloc)
    # between page 10 and the last page: what a leak would be.
    peak = 0
    peaks: dict[int, int] = {}
    settled: dict[int, int] = {}
    sampling = threading.Event()
    snaps: dict[int, tracemalloc.Snapshot] = {}

    def sample() -> None:
        nonlocal peak
        while not sampling.wait(0.005):
            peak = max(peak, proc.memory_info().rss)

    def on_progress(p: Progress) -> None:
        if p.stage == "compressed":
            settled[p.number] = proc.memory_info().rss
            peaks[p.number] = peak
            if args.trace and p.number in (10, args.pages):
                snaps[p.number] = tracemalloc.take_snapshot()

    if args.trace:
        tracemalloc.start(12)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()

    settings = CleanSettings(orient=not args.no_orient)
    if args.orient_every is not None:
        settings = CleanSettings(orient=not args.no_orient, orient_every=args.orient_every)
    scanner = open_document_scanner(f"sim://?pages={folder}&dpi={args.dpi}&skew=2&noise=4")
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as work:
        workdir = Path(work)
        t = time.monotonic()
        batch = scan_batch(scanner, workdir / "pages", settings, on_progress)
        pdf = make_pdf(batch.kept_pages(), workdir / "all.pdf", PdfMeta(title="bench"))
        seconds = time.monotonic() - t
        assert batch.failure is None, batch.failure
        text_pages = [p for p in batch.pages if p.kind == "text" and not p.blank]
        text = [p.bytes for p in text_pages]
        photo = [p.bytes for p in batch.pages if p.kind != "text"]
        print(
            f"pages: {batch.scanned} ({len(text)} text, {len(photo)} photo/colour), "
            f"upright check: {'off' if args.no_orient else 'tesseract OSD'}"
            f"{'' if args.no_orient else f' (page 1, every {settings.orient_every}th, sideways)'}"
        )
        print(
            f"without OCR: {batch.scanned / seconds * 60:.1f} pages/min "
            f"({seconds:.1f} s for {batch.scanned} pages incl. the PDF, {pdf.stat().st_size} bytes)"
        )
        for suffix, name in ((".jb2", "JBIG2 generic, lossless"), (".tif", "CCITT G4")):
            sizes = [p.bytes for p in text_pages if p.file.suffix == suffix]
            if sizes:
                print(f"text page ({name}, {len(sizes)} pages): {_kb(sizes)}")
        g4 = _g4_sizes([p.file for p in text_pages if p.file.suffix == ".jb2"], workdir, args.dpi)
        if g4:
            print(f"  the same pages as CCITT G4 (decoded by jbig2dec, re-encoded): {_kb(g4)}")
        if photo:
            print(
                f"photo page (JPEG q{settings.jpeg_quality}, {settings.photo_dpi} dpi): "
                f"mean {statistics.mean(photo) / 1024:.1f} KB"
            )
        n = batch.scanned
        if 10 in peaks and n in peaks:
            a, b = peaks[10], peaks[n]
            print(
                f"peak RSS (5 ms sampler): pages 1-10 {a / 2**20:.0f} MiB, pages 1-{n} "
                f"{b / 2**20:.0f} MiB ({(b - a) / a * 100:+.1f}%)"
            )
            a, b = settled[10], settled[n]
            print(
                f"RSS between pages: after page 10 {a / 2**20:.0f} MiB, after page {n} "
                f"{b / 2**20:.0f} MiB ({(b - a) / a * 100:+.1f}%)"
            )
        if 10 in snaps and n in snaps:
            print("python allocations, page 10 -> last page (tracemalloc, top 3):")
            for stat in snaps[n].compare_to(snaps[10], "lineno")[:3]:
                print(f"  {stat}")

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
