"""Profiles: built-ins, configured [printer_profiles] tables, a proven code page."""

from __future__ import annotations

import pytest

from motcua.config import ConfigError, demo_config_text, parse_config
from motcua.printer import open_configured_printer
from motcua.printer.decoder import parse, texts
from motcua.printer.layouts import ticket_job
from motcua.printer.profiles import (
    BUILTIN_PROFILES,
    ProfileError,
    configured_profiles,
    get_profile,
    profile_from_mapping,
)
from motcua.printer.samples import sample_ticket


def _config(extra: str):
    import tomllib

    return parse_config(tomllib.loads(demo_config_text() + extra))


def test_builtins():
    assert BUILTIN_PROFILES["58mm"].width_dots == 384 and not BUILTIN_PROFILES["58mm"].cutter
    assert BUILTIN_PROFILES["80mm"].width_dots == 576
    assert BUILTIN_PROFILES["80mm-512"].width_dots == 512
    assert all(p.vietnamese_codepage is None for p in BUILTIN_PROFILES.values())


def test_configured_profile_overrides_its_base(config):
    cfg = _config('\n[printer_profiles.tm-t88v]\nbase = "80mm-512"\nnative_qr = false\n')
    profile = get_profile("tm-t88v", configured_profiles(cfg))
    assert (profile.width_dots, profile.native_qr, profile.cutter) == (512, False, True)
    printer = open_configured_printer(cfg, "sim://", "tm-t88v")
    assert printer.profile == profile
    # the demo file itself carries one
    assert get_profile("xprinter-58", configured_profiles(config)).width_dots == 384


def test_bad_profile_tables():
    with pytest.raises(ProfileError):
        profile_from_mapping("x", {"base": "70mm"})
    with pytest.raises(ProfileError):
        profile_from_mapping("x", {"width_dots": 100})
    with pytest.raises(ConfigError):
        _config("\n[printer_profiles.x]\ncolour = true\n")


def test_proven_code_page_prints_vietnamese_as_text(config, fonts):
    profile = profile_from_mapping("cp1258", {"base": "80mm", "vietnamese_codepage": 30})
    ops = parse(ticket_job(sample_ticket(config, config.service("CT")), profile, fonts))
    lines = [t for t in texts(ops) if t.codepage == 30]
    decoded = [t.data.decode("cp1258") for t in lines]
    import unicodedata

    assert "Chứng thực" in [unicodedata.normalize("NFC", d) for d in decoded]
