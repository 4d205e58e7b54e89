"""The batch: worker thread, progress per page with thumbnails, cancel, pages on disk."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from motcua.scanner.documents import (
    CleanSettings,
    PdfMeta,
    Progress,
    ScanCancelled,
    ScanJob,
    ScannerFault,
    jbig2,
    open_document_scanner,
    scan_batch,
    scan_to_pdf,
)

FAST = CleanSettings(orient=False)


def test_every_page_reports_scanned_cleaned_compressed_with_a_thumbnail(
    page_folder: Path, tmp_path: Path
) -> None:
    seen: list[Progress] = []
    threads: set[str] = set()

    def on_progress(p: Progress) -> None:
        seen.append(p)
        threads.add(threading.current_thread().name)

    scanner = open_document_scanner(f"sim://?pages={page_folder}&dpi=150&blank=5")
    job = ScanJob(scanner, tmp_path, FAST, on_progress).start()
    batch = job.wait(timeout=120)
    assert batch is not None and batch.failure is None and not batch.cancelled
    assert threads == {"document-scan"}  # never the caller's (UI) thread
    stages = [(p.stage, p.number) for p in seen]
    expected = [(s, n) for n in range(1, 7) for s in ("scanned", "cleaned", "compressed")]
    assert stages == [*expected, ("done", 0)]
    for p in seen:
        if p.stage in ("cleaned", "compressed"):
            assert p.page is not None and p.page.thumbnail.exists()
            with Image.open(p.page.thumbnail) as thumb:
                assert thumb.width == 200
            assert p.page.thumbnail_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.blank for p in batch.pages] == [False] * 5 + [True]
    assert [p.kind for p in batch.pages] == ["text", "text", "colour", "text", "text", "text"]
    assert all(p.file.exists() and p.bytes == p.file.stat().st_size for p in batch.pages)


def test_pages_go_to_disk_not_memory(page_folder: Path, tmp_path: Path) -> None:
    batch = scan_batch(open_document_scanner(f"sim://?pages={page_folder}&dpi=150"), tmp_path, FAST)
    for page in batch.pages:  # small records: paths and flags, no pixels
        assert not any(isinstance(v, Image.Image) for v in vars(page).values())
    # text pages JBIG2 (G4 on a machine without jbig2enc), the colour copy JPEG; no G4
    # left over beside a JBIG2 page
    text = ".jb2" if jbig2.find_encoder() is not None else ".tif"
    assert [p.file.suffix for p in batch.pages] == [text, text, ".jpg", text, text]
    assert len(list(tmp_path.glob(f"page-*{text}"))) == 4
    assert len(list(tmp_path.glob("page-*.tif"))) == (4 if text == ".tif" else 0)
    assert len(list(tmp_path.glob("page-*.jpg"))) == 1


def test_a_batch_can_be_cancelled(page_folder: Path, tmp_path: Path) -> None:
    job: ScanJob

    def on_progress(p: Progress) -> None:
        if p.stage == "compressed" and p.number == 2:
            job.cancel()

    job = ScanJob(
        open_document_scanner(f"sim://?pages={page_folder}&dpi=150"), tmp_path, FAST, on_progress
    )
    batch = job.start().wait(timeout=120)
    assert batch is not None and batch.cancelled and batch.scanned == 2


def test_a_jam_keeps_the_pages_before_it_in_the_pdf(
    page_folder: Path, tmp_path: Path, tool
) -> None:  # type: ignore[no-untyped-def]
    scanner = open_document_scanner(f"sim://?pages={page_folder}&dpi=150&jam_after=3")
    out = tmp_path / "papers.pdf"
    with pytest.raises(ScannerFault) as caught:
        scan_to_pdf(scanner, out, tmp_path / "w", PdfMeta(title="Giấy tờ"), settings=FAST)
    assert caught.value.reason == "jammed"
    assert "Pages:           3" in tool("pdfinfo", str(out))


def test_scan_to_pdf_leaves_flagged_blanks_out(page_folder: Path, tmp_path: Path) -> None:
    scanner = open_document_scanner(f"sim://?pages={page_folder}&dpi=150&blank=1")
    summary, _batch = scan_to_pdf(scanner, tmp_path / "a.pdf", tmp_path / "w", settings=FAST)
    assert (summary.pages, summary.kept, summary.blank) == (10, 5, 5)
    assert summary.bytes == (tmp_path / "a.pdf").stat().st_size
    assert set(summary.to_dict()) == {"pages", "kept", "blank", "bytes", "pdf", "seconds"}


def test_cancel_before_the_first_page(page_folder: Path, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    scanner = open_document_scanner(f"sim://?pages={page_folder}&dpi=150")
    with pytest.raises(ScanCancelled):
        scan_to_pdf(scanner, tmp_path / "a.pdf", tmp_path / "w", settings=FAST, cancel=cancel)
    assert not (tmp_path / "a.pdf").exists()


def test_a_failing_progress_callback_does_not_lose_the_batch(
    page_folder: Path, tmp_path: Path
) -> None:
    def broken(_p: Progress) -> None:
        raise RuntimeError("a screen's bug")

    batch = scan_batch(
        open_document_scanner(f"sim://?pages={page_folder}&dpi=150"), tmp_path, FAST, broken
    )
    assert batch.scanned == 5 and batch.failure is None


def test_upright_check_runs_osd_on_first_every_nth_and_sideways_pages(tmp_path: Path) -> None:
    """A stack fed upside down: OSD on page 1 (and 6) says 180, the pages between inherit
    it; a sheet fed sideways among them is seen (``looks_sideways``) and checked itself."""
    from motcua.scanner.documents import cleanup
    from motcua.scanner.documents.pipeline import UprightCheck, process_page
    from motcua.scanner.documents.samplepages import text_page

    folder = tmp_path / "stack"
    folder.mkdir()
    for n in range(1, 8):
        page = text_page(n, 150, heading="GIẤY ĐỀ NGHỊ")
        page = page.rotate(90, expand=True) if n == 3 else page.rotate(180)
        page.save(folder / f"p{n}.png", dpi=(150, 150))
    checks: list[int] = []

    class Counting(UprightCheck):
        def turn_for(self, img, dpi):  # type: ignore[no-untyped-def]
            before = self.checked
            turn = super().turn_for(img, dpi)
            if self.checked > before:
                checks.append(self.seen)
            return turn

    upright = Counting(every=5)

    scanner = open_document_scanner(f"sim://?pages={folder}&dpi=150")
    settings = CleanSettings(orient_every=5)
    turns = [process_page(p, tmp_path, settings, None, upright).rotated for p in scanner.scan()]
    assert checks == [1, 3, 6]  # first, sideways, every 5th after the first
    assert turns[2] in (90, 270) and turns[:2] == [180, 180] and turns[3:] == [180] * 4
    upright_page = np.asarray(text_page(1, 150).convert("L"))
    assert not cleanup.looks_sideways(upright_page)
    assert cleanup.looks_sideways(cleanup.rotate_quarter(upright_page, 90))
