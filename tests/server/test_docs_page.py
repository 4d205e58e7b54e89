"""/docs works on a LAN with no internet: every asset comes from the center."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from motcua.server.embedded import EmbeddedServer
from tests import chromium


def test_docs_page_names_only_local_assets(api) -> None:
    resp = api.get("/docs")
    assert resp.status_code == 200
    urls = re.findall(r"""(?:src|href|url)\s*[:=]\s*['"]([^'"]+)['"]""", resp.text)
    assert urls, resp.text
    assert all(not u.startswith(("http:", "https:", "//")) for u in urls), urls
    for url in urls:
        if url.startswith("/docs/assets/"):
            asset = api.get(url)
            assert asset.status_code == 200 and len(asset.content) > 500, url


def test_swagger_ui_renders_the_api_in_a_real_browser(
    server: EmbeddedServer, tmp_path: Path
) -> None:
    binary, _ = chromium.binaries()
    assert binary, chromium.MISSING
    out = subprocess.run(
        [
            binary,
            *chromium.args(tmp_path / "profile", "--virtual-time-budget=8000", "--dump-dom"),
            server.url + "/docs",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = out.stdout
    # Swagger UI drew the operations from /openapi.json: the rendered DOM has them.
    assert "opblock" in dom, out.stderr[-2000:]
    assert "/api/v1/tickets" in dom
