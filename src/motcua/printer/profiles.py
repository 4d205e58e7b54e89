"""Printer profiles: what the paper and the printer can do.

A profile is chosen by name in configuration (``[devices] printer_profile``).
The three built-in profiles cover the printers the centers buy; the
``[printer_profiles.NAME]`` tables of the configuration may add more or
override a built-in one (see ``profile_from_mapping``).

Vietnamese is printed as raster by default: printers' code pages do not carry
it dependably (HARDWARE.md). ``vietnamese_codepage`` is for a model that has
been proven on paper to print TCVN/CP1258 correctly; it stays ``None`` otherwise.
``user_defined_chars`` > 0 prints Vietnamese as text through patterns the job
downloads (ESC & / ESC %, udc.py) — a standard ESC/POS command, not a code page;
0 keeps raster.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from motcua.config import Config


class ProfileError(ValueError):
    """An unknown profile name or a profile table that cannot be used."""


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    width_dots: int  # printable width in dots (raster and text lines must fit)
    dpi: int = 203
    native_qr: bool = True  # GS ( k understood; else the QR goes as raster
    cutter: bool = True  # GS V cuts; without a cutter the job ends with a feed for tearing
    # ESC t number of a code page proven to print Vietnamese on this model; None -> raster.
    vietnamese_codepage: int | None = None
    # ESC a centers GS v 0 images on the printers we know; False -> pad the image instead.
    align_raster: bool = True
    font_a_width: int = 12  # dots per character of font A (columns = width / this)
    font_a_height: int = 24  # font A's cell height in dots (ESC & patterns: height / 8 bytes)
    # How many user-defined characters (ESC & / ESC %, codes 32..126) the printer holds
    # at once in font A; 0 -> Vietnamese goes as raster (udc.py). 94 = every code but space.
    user_defined_chars: int = 0
    qr_module_dots: int = 6  # GS ( k C module size

    @property
    def columns(self) -> int:
        """Characters per line in font A at normal size."""
        return self.width_dots // self.font_a_width

    @property
    def is_wide(self) -> bool:
        return self.width_dots >= 500


BUILTIN_PROFILES: dict[str, PrinterProfile] = {
    # Cheap 58 mm kiosk printers (POS-5890 and clones): 384 dots, most without a cutter.
    "58mm": PrinterProfile("58mm", width_dots=384, cutter=False, qr_module_dots=5),
    # Common 80 mm printers at 203 dpi (Xprinter, HPRT, Epson TM-T82/T20 class): 576 dots.
    # ESC & with font A 12 x 24 (y = 3) over the whole 32..126 range.
    "80mm": PrinterProfile("80mm", width_dots=576, user_defined_chars=94),
    # Epson TM-T88V-like: 180 dpi, 512 dots (python-escpos rejects 576-wide images for it).
    "80mm-512": PrinterProfile("80mm-512", width_dots=512, dpi=180, user_defined_chars=94),
}


def profile_from_mapping(name: str, data: Mapping[str, Any]) -> PrinterProfile:
    """A profile from a configuration table; ``base = "80mm"`` starts from a built-in."""
    values = dict(data)
    base_name = values.pop("base", name if name in BUILTIN_PROFILES else "80mm")
    if base_name not in BUILTIN_PROFILES:
        raise ProfileError(f"printer profile {name!r}: unknown base {base_name!r}")
    known = {f.name for f in fields(PrinterProfile)} - {"name"}
    unknown = set(values) - known
    if unknown:
        raise ProfileError(f"printer profile {name!r}: unknown keys {sorted(unknown)}")
    base = BUILTIN_PROFILES[base_name]
    merged = {f.name: getattr(base, f.name) for f in fields(PrinterProfile)}
    merged.update(values, name=name)
    profile = PrinterProfile(**merged)
    if not 200 <= profile.width_dots <= 832 or profile.width_dots % 8:
        raise ProfileError(f"printer profile {name!r}: width_dots must be 200..832, multiple of 8")
    if not 0 <= profile.user_defined_chars <= 94:
        raise ProfileError(f"printer profile {name!r}: user_defined_chars must be 0..94")
    if profile.font_a_height % 8 or not 8 <= profile.font_a_height <= 32:
        raise ProfileError(f"printer profile {name!r}: font_a_height must be 8, 16, 24 or 32")
    return profile


def get_profile(
    profile: str | PrinterProfile,
    extra: Mapping[str, Mapping[str, Any]] | None = None,
) -> PrinterProfile:
    """Resolve a profile name (configured tables first, then built-ins)."""
    if isinstance(profile, PrinterProfile):
        return profile
    if extra and profile in extra:
        return profile_from_mapping(profile, extra[profile])
    try:
        return BUILTIN_PROFILES[profile]
    except KeyError:
        names = ", ".join(sorted({*BUILTIN_PROFILES, *(extra or {})}))
        raise ProfileError(
            f"Không có cấu hình máy in {profile!r} / unknown printer profile (known: {names})"
        ) from None


def configured_profiles(config: Config) -> dict[str, dict[str, Any]]:
    """The ``[printer_profiles.NAME]`` tables of a configuration, for ``get_profile``."""
    return {p.name: p.overrides() for p in config.printer_profiles}
