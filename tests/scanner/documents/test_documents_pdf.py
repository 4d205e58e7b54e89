"""PDFs checked by tools that are not ours: qpdf, pdfinfo, pdfimages, pdftotext, tesseract."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from motcua.scanner.documents import (
    CleanSettings,
    OcrOutcome,
    OcrQueue,
    PdfError,
    PdfMeta,
    build_pdf,
    jbig2,
    make_pdf,
    open_document_scanner,
    scan_batch,
)
from motcua.scanner.documents.page_files import compress_page

META = PdfMeta(
    title="Tờ khai đăng ký khai sinh",
    subject="Đăng ký khai sinh",
    keywords="000.00.10.H29-261201-0042",
)


# pdfimages' name for the text pages' encoding: JBIG2 wherever scripts/setup built
# jbig2enc (CI must have it: test_documents_jbig2.py), CCITT G4 without it
BILEVEL = "jbig2" if jbig2.find_encoder() is not None else "ccitt"


def _info(tool, pdf: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out = tool("pdfinfo", str(pdf))
    return {k.strip(): v.strip() for k, _s, v in (line.partition(":") for line in out.splitlines())}


@pytest.fixture(scope="module")
def scanned(page_folder: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Five papers (one a colour copy) plus two blank sheets, tilted 4°, with noise."""
    scanner = open_document_scanner(f"sim://?pages={page_folder}&dpi=150&skew=4&blank=2&noise=5")
    return scan_batch(scanner, tmp_path_factory.mktemp("work"), CleanSettings(orient=False))


def test_the_pdf_passes_qpdf_and_has_one_page_per_kept_sheet(scanned, tool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert scanned.scanned == 7 and scanned.blank == 2
    pdf = make_pdf(scanned.kept_pages(), tmp_path / "giay-to.pdf", META)
    check = tool("qpdf", "--check", str(pdf))
    assert "No syntax or stream encoding errors" in check
    info = _info(tool, pdf)
    assert info["Pages"] == "5"
    assert info["Title"] == META.title
    assert info["Subject"] == META.subject
    assert info["Keywords"] == META.keywords
    width, _x, height = info["Page size"].split()[:3]
    # A4 (595 x 842 pt), less the sheet's edge that crop-to-paper cuts away
    assert float(width) == pytest.approx(595, rel=0.02)
    assert float(height) == pytest.approx(842, rel=0.02)


def test_text_pages_are_jbig2_and_the_photo_page_jpeg(scanned, tool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = make_pdf(scanned.kept_pages(), tmp_path / "p.pdf", META)
    rows = [line.split() for line in tool("pdfimages", "-list", str(pdf)).splitlines()[2:]]
    encodings = [row[8] for row in rows]
    assert encodings == [BILEVEL, BILEVEL, "jpeg", BILEVEL, BILEVEL]
    assert [row[5] for row in rows][:2] == ["gray", "gray"]  # 1 bit per component
    assert rows[0][7] == "1"


def test_blank_pages_can_be_kept_on_request(scanned, tool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = make_pdf(scanned.kept_pages(include_blank=True), tmp_path / "all.pdf")
    assert _info(tool, pdf)["Pages"] == "7"


def test_build_is_atomic_and_leaves_no_temp_files(scanned, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "a.pdf"
    out.write_bytes(b"old")
    with pytest.raises(PdfError):
        build_pdf([tmp_path / "missing.tif"], out)
    assert out.read_bytes() == b"old"  # a failed build leaves the old file whole
    make_pdf(scanned.kept_pages(), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]
    with pytest.raises(PdfError):
        build_pdf([], out)


def test_a_jbig2_page_in_the_pdf_is_a4_at_300_dpi_and_renders_to_the_same_pixels(  # type: ignore[no-untyped-def]
    letter_300, jbig2_encoder, tool, bilevel, pixels, tmp_path: Path
) -> None:
    """The PDF as a reader sees it: qpdf's check, pdfinfo's page size; the image poppler
    decodes (pdfimages, its own JBIG2 decoder) and the page Ghostscript renders at 300 dpi
    are the bilevel page, every pixel. pdftoppm is not pixel-exact for any bilevel image
    (its Splash rasteriser resamples, and smooths edges: ~1.7% of the pixels differ for
    the G4 page too; ``-mono`` then dithers, and differed between the two), so its grey
    rendering is checked against the G4 PDF's: the same pixels."""
    page = compress_page(letter_300, "text", 300, tmp_path / "page-0001", CleanSettings())
    assert page.suffix == ".jb2"
    pdf = build_pdf([page], tmp_path / "thu.pdf", META)
    g4 = compress_page(letter_300, "text", 300, tmp_path / "g4", CleanSettings(jbig2=""))
    g4_pdf = build_pdf([g4], tmp_path / "g4.pdf", META)
    assert "No syntax or stream encoding errors" in tool("qpdf", "--check", str(pdf))
    height, width = letter_300.shape[:2]
    size = _info(tool, pdf)["Page size"].split()
    assert float(size[0]) == pytest.approx(width / 300 * 72, abs=0.01)  # ~595 pt: A4
    assert float(size[2]) == pytest.approx(height / 300 * 72, abs=0.01)  # ~842 pt
    row = tool("pdfimages", "-list", str(pdf)).splitlines()[2].split()
    assert (row[3], row[4], row[8], row[12], row[13]) == (
        str(width),
        str(height),
        "jbig2",
        "300",
        "300",
    )
    expected = bilevel(letter_300)
    tool("pdfimages", "-png", str(pdf), str(tmp_path / "img"))
    assert np.array_equal(pixels(tmp_path / "img-000.png"), expected)
    gs = tmp_path / "gs.pbm"
    tool(
        "gs",
        "-q",
        "-dSAFER",
        "-dNOPAUSE",
        "-dBATCH",
        "-sDEVICE=pbmraw",
        "-r300",
        f"-sOutputFile={gs}",
        str(pdf),
    )
    assert np.array_equal(pixels(gs), expected)
    for name, source in (("look", pdf), ("look-g4", g4_pdf)):
        tool("pdftoppm", "-gray", "-r", "300", "-singlefile", str(source), str(tmp_path / name))
    assert np.array_equal(pixels(tmp_path / "look.pgm"), pixels(tmp_path / "look-g4.pgm"))


def _tesseract_lines(tool, png: Path) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    """(line width, line height, tallest word height) per text line, by tesseract's own
    layout analysis: a tilted line's box is taller than its words by width * tan(tilt)."""
    tsv = tool("tesseract", str(png), "stdout", "-l", "vie", "--psm", "3", "tsv")
    lines: dict[tuple[str, ...], tuple[int, int]] = {}
    words: dict[tuple[str, ...], list[int]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        key = (cols[2], cols[3], cols[4])
        if cols[0] == "4":
            lines[key] = (int(cols[8]), int(cols[9]))
        elif cols[0] == "5" and cols[11].strip():
            words.setdefault(key, []).append(int(cols[9]))
    return [(w, h, max(words[k])) for k, (w, h) in lines.items() if len(words.get(k, [])) >= 8]


def test_ocr_layer_finds_the_vietnamese_words_pdfa_upright_straight(tool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """One 300 dpi page, tilted and upside down: cleaned, built, then OCR'd in the
    background; the OCR result replaces the PDF atomically (the only OCR test: CPU)."""
    from motcua.scanner.documents.samplepages import text_page

    folder = tmp_path / "paper"
    folder.mkdir()
    page = text_page(1, 300, heading="ĐƠN ĐĂNG KÝ KHAI SINH").rotate(180)
    page.save(folder / "p1.png", dpi=(300, 300))
    scanner = open_document_scanner(f"sim://?pages={folder}&skew=3&noise=4")
    batch = scan_batch(scanner, tmp_path / "work")
    assert batch.pages[0].rotated == 180 and batch.pages[0].kind == "text"
    pdf = make_pdf(batch.kept_pages(), tmp_path / "don.pdf", META)
    assert tool("pdftotext", str(pdf), "-").strip() == ""  # usable before OCR, no text yet
    before = pdf.stat().st_ino

    done: list[OcrOutcome] = []
    queue = OcrQueue(on_done=done.append)
    queue.submit(pdf, META)
    queue.join()
    assert done and done[0].error is None
    assert pdf.stat().st_ino != before  # replaced by rename, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["don.pdf"]

    text = tool("pdftotext", str(pdf), "-")
    for word in ("CỘNG HÒA", "Độc lập", "Hạnh phúc", "KHAI SINH", "Nguyễn", "phường"):
        assert word in text, (word, text[:400])
    assert "No syntax or stream encoding errors" in tool("qpdf", "--check", str(pdf))
    meta = tool("pdfinfo", "-meta", str(pdf))
    assert re.search(r"pdfaid:part[>=\"']+2", meta) and re.search(r"conformance[>=\"']+B", meta)
    assert _info(tool, pdf)["Title"] == META.title
    # OCRmyPDF (optimize=0, PDF/A-2b: JBIG2Decode is allowed) kept the page image as it was
    assert tool("pdfimages", "-list", str(pdf)).splitlines()[2].split()[8] == BILEVEL

    # upright and straight, as tesseract sees the rendered page
    tool("pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(tmp_path / "look"))
    png = tmp_path / "look.png"
    osd = tool("tesseract", str(png), "stdout", "--psm", "0", "-l", "osd")
    assert "Rotate: 0" in osd
    long_lines = _tesseract_lines(tool, png)
    assert len(long_lines) >= 10
    for line_width, line_height, word_height in long_lines:
        tilt = np.degrees(np.arctan2(line_height - word_height, line_width))
        assert tilt < 0.4, (tilt, line_width, line_height, word_height)
    queue.close()
