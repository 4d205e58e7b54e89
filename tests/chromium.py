"""Debian's headless chromium, started the same way by every test and benchmark.

One list of switches (``ARGS``): headless, no sandbox (containers, CI), nothing that
phones home (background networking, component updates, sync) — the center's pages are
tried as on a LAN with no internet — and a throw-away profile per run. Used by
``tests/server/test_manage_browser.py``, ``tests/server/test_docs_page.py`` (the bare
binary, ``--dump-dom``) and ``bench/board_latency.py`` (which puts the repository on
``sys.path`` to import it, as ``bench/sync_drain.py`` does).

Selenium is a dev extra, so this lives beside the tests, not in the product.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

MISSING = "needs chromium and chromium-driver (scripts/setup installs them)"


def binaries() -> tuple[str | None, str | None]:
    """The paths of ``chromium`` and ``chromedriver`` (None when not installed)."""
    return shutil.which("chromium"), shutil.which("chromedriver")


def args(profile: Path, *extra: str) -> list[str]:
    """The command-line switches for a run with its own ``profile`` folder."""
    return [*ARGS, f"--user-data-dir={profile}", *extra]


def chrome(profile: Path, window: tuple[int, int] = (1920, 1080), console: bool = False) -> Any:
    """A selenium driver of headless chromium; ``console`` keeps the page's console log
    (``driver.get_log("browser")``). Raises RuntimeError when chromium is missing."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = binaries()
    if not (chromium and driver):
        raise RuntimeError(MISSING)
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in args(profile, f"--window-size={window[0]},{window[1]}"):
        opts.add_argument(arg)
    if console:
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=opts)
