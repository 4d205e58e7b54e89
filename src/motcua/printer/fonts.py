"""The fonts printing uses, shipped in motcua/assets/fonts so that a ticket never
depends on what the machine has installed. A missing file is a clear error at
start-up, never a ticket of tofu boxes."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from PIL import ImageFont

FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
    "mono_bold": "DejaVuSansMono-Bold.ttf",
}


class FontMissingError(RuntimeError):
    """A print font is absent or unreadable."""

    def __init__(self, path: Path, why: str = "") -> None:
        self.path = path
        super().__init__(
            f"Thiếu phông chữ in tiếng Việt: {path} / print font missing"
            + (f" ({why})" if why else "")
            + " — chạy lại scripts/setup hoặc cài lại motcua."
        )


def default_font_dir() -> Path:
    return Path(str(resources.files("motcua.assets").joinpath("fonts")))


class FontSet:
    """Loaded TrueType faces by style and pixel size (cached: loading costs ~1 ms)."""

    def __init__(self, font_dir: str | Path | None = None) -> None:
        self.font_dir = Path(font_dir) if font_dir else default_font_dir()
        self.paths = {style: self.font_dir / name for style, name in FONT_FILES.items()}

    def check(self) -> FontSet:
        """Raise FontMissingError unless every face loads and has Vietnamese glyphs."""
        for style in FONT_FILES:
            font = self.get(style, 24)
            # "ễ" must be a real glyph: DejaVu has it; a font without it draws a box.
            if font.getmask("ễ").getbbox() is None:
                raise FontMissingError(self.paths[style], "no Vietnamese glyphs")
        return self

    def get(self, style: str, size: int) -> ImageFont.FreeTypeFont:
        return _load(str(self.paths[style]), size)


@lru_cache(maxsize=64)
def _load(path: str, size: int) -> ImageFont.FreeTypeFont:
    # Checked here because Pillow, given a missing file, quietly looks for the same
    # name among the machine's fonts: printing would depend on the machine after all.
    if not Path(path).is_file():
        raise FontMissingError(Path(path), "no such file")
    try:
        return ImageFont.truetype(path, size)
    except OSError as exc:
        raise FontMissingError(Path(path), str(exc)) from exc
