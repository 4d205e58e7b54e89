"""The frame every manager's page shares: its inline style sheet, its header and
navigation, and ``in_lang``, the choice of the page's language (Vietnamese first,
``?lang=en`` for English). What goes inside the frame is ``board.py`` and
``report_page.py``; the routes are ``pages.py``.
"""

from __future__ import annotations

from html import escape

from fastapi.responses import HTMLResponse

CSS = """
body{font-family:"Noto Sans","DejaVu Sans",sans-serif;margin:0;background:#f4f6f8;color:#17202a}
header{background:#0b4f8a;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:center}
header h1{font-size:22px;margin:0;flex:1} header a{color:#fff}
main{padding:16px 24px;display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(320px,1fr))}
section{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 3px #0002}
section.wide{grid-column:1/-1} h2{font-size:17px;margin:4px 0 10px}
table{border-collapse:collapse;width:100%;font-size:14px} td,th{padding:4px 6px;border-bottom:1px solid #e3e7eb;text-align:right}
td:first-child,th:first-child,td.clerks{text-align:left} .big{font-size:34px;font-weight:700} .muted{color:#5d6d7e;font-size:13px}
.bad{color:#b03a2e;font-weight:600} .ok{color:#1e8449} form.login{max-width:420px;margin:80px auto;background:#fff;padding:24px;border-radius:8px}
input[type=password],input[type=date]{font-size:18px;padding:8px;width:100%;box-sizing:border-box} button{font-size:18px;padding:8px 18px;margin-top:12px;background:#0b4f8a;color:#fff;border:0;border-radius:6px}
svg.chart{width:100%;max-width:960px;height:auto;display:block} .axis{stroke:#888} .bar{fill:#2e86c1} .hbar{fill:#16a085} .cell{fill:#c0392b}
.line{fill:none;stroke-width:2} .s0{stroke:#2e86c1;fill:#2e86c1} .s1{stroke:#e67e22;fill:#e67e22} .tick,.legend{font-size:11px}
polyline.s0,polyline.s1{fill:none} .kpis{display:flex;gap:24px;flex-wrap:wrap}
@media print{header a,form.range,.noprint{display:none} body{background:#fff} section{box-shadow:none;break-inside:avoid} main{display:block}}
"""


def in_lang(lang: str, vi: str, en: str) -> str:
    """``en`` on an English page (``?lang=en``), else ``vi``: Vietnamese first."""
    return en if lang == "en" else vi


def page(title: str, body: str, lang: str = "vi", nav: bool = True) -> HTMLResponse:
    """A whole page: ``body`` under the header (the navigation unless ``nav`` is off)."""
    links = ""
    if nav:
        other = "vi" if lang == "en" else "en"
        links = (
            f'<a href="/manage?lang={lang}">{in_lang(lang, "Bảng theo dõi", "Live board")}</a>'
            f'<a href="/manage/reports?lang={lang}">{in_lang(lang, "Báo cáo", "Reports")}</a>'
            f'<a href="?lang={other}">{"Tiếng Việt" if lang == "en" else "English"}</a>'
            f'<form method="post" action="/manage/logout" style="margin:0">'
            f'<button style="margin:0;font-size:14px">{in_lang(lang, "Đăng xuất", "Log out")}</button></form>'
        )
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1>{links}</header>{body}</body></html>"
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})
