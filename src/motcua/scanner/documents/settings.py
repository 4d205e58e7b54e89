"""How pages are cleaned and stored: the settings the pipeline and the page files share
(their own module, so ``page_files`` needs nothing from ``pipeline``, which uses it)."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.scanner.documents import cleanup


@dataclass(frozen=True)
class CleanSettings:
    crop: bool = True
    deskew: bool = True
    orient: bool = True  # tesseract OSD, when tesseract is installed
    # OSD on the first page of a batch and then every Nth page (a feeder's stack lies one
    # way round), and on any page whose lines run down the page (``looks_sideways``);
    # the pages between inherit the last answer. 1 = OSD on every page. See
    # docs/developers/document-scanning.md for the trade-off.
    orient_every: int = 5
    blank_luma: int = cleanup.INK_LUMA
    blank_ink: float = cleanup.BLANK_INK_RATIO
    jpeg_quality: int = 60  # photo / colour pages: modest quality, as an archive copy
    photo_dpi: int = 200  # photo pages are stored at most at this resolution
    kind: cleanup.PageKind | None = None  # force text / grey / colour; None: per page
    # text pages: jbig2enc's lossless generic coding ("auto": .venv/bin/jbig2, then PATH;
    # a path: that encoder; "": CCITT G4 only). No encoder, or a failed page: G4.
    jbig2: str = "auto"
