"""`motcua kiosk --screenshots DIR`: every screen, portrait and landscape, at full size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from motcua.kiosk.screenshots_qt import write_screenshots

pytestmark = pytest.mark.slow

REQUIRED = (
    "home", "field", "service", "priority", "idscan", "confirm", "printing", "printed",
    "print-failed", "existing", "lookup-results", "procedure", "lookup-keyboard",
    "dossier-found", "dossier-not-found", "rating-scan", "rating-scan-wrong",
    "rating-code-keyboard", "rating-counter", "rating", "rating-reasons", "technician-pin",
    "technician-status", "large-text-home", "english-home",
    "intake-procedure", "intake-consent", "intake-id", "intake-id-error", "intake-phone",
    "intake-papers", "intake-scan-ready", "intake-scan-jammed", "intake-scanned",
    "intake-scan-blank", "intake-review", "intake-not-printed", "intake-done",
    "large-text-intake-papers", "large-text-intake-done", "english-intake-consent",
    "english-intake-review",
)  # fmt: skip


def test_screenshots_of_every_screen_in_both_orientations(qapp, tmp_path: Path) -> None:
    assert write_screenshots(tmp_path) == 0
    shots = sorted(tmp_path.glob("*.png"))
    for orientation, size in (("portrait", (1080, 1920)), ("landscape", (1920, 1080))):
        mine = [p for p in shots if p.name.startswith(orientation)]
        names = {p.stem.split("-", 2)[2] for p in mine}
        assert set(REQUIRED) <= names, set(REQUIRED) - names
        for path in mine:
            with Image.open(path) as img:
                assert img.size == size, path.name
                colours = img.convert("RGB").getcolors(maxcolors=1_000_000)
                assert colours is not None and len(colours) > 50, f"{path.name} looks blank"
