"""The manager's pages: ``/manage/login``, ``/manage`` (the live board), ``/manage/reports``
and its CSV / XLSX exports. Vietnamese first (``?lang=en`` for English); every asset inline.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from html import escape
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from motcua.clock import WEEKDAYS_VI, Clock
from motcua.config import Config
from motcua.dossier.service import DossierService
from motcua.queue.api import Center
from motcua.queue.errors import InvalidRequest
from motcua.queue.models import Satisfaction
from motcua.server.auth import require
from motcua.server.http_errors import JsonResponse
from motcua.server.manage import charts
from motcua.server.manage.reports import (
    COUNT_LABELS,
    DOSSIER_LABELS,
    RangeReport,
    build_report,
    days_between,
    to_csv,
    to_xlsx,
    wait_bin_labels,
)
from motcua.server.manage.sessions import COOKIE, ManagerSessions
from motcua.server.responses import DossierIndicatorsOut
from motcua.server.schemas import IsoDay
from motcua.server.tokens import Device, Role, TokenStore, hash_token

Call = Callable[..., Awaitable[Any]]

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


def _t(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


def _page(title: str, body: str, lang: str = "vi", nav: bool = True) -> HTMLResponse:
    links = ""
    if nav:
        other = "vi" if lang == "en" else "en"
        links = (
            f'<a href="/manage?lang={lang}">{_t(lang, "Bảng theo dõi", "Live board")}</a>'
            f'<a href="/manage/reports?lang={lang}">{_t(lang, "Báo cáo", "Reports")}</a>'
            f'<a href="?lang={other}">{"Tiếng Việt" if lang == "en" else "English"}</a>'
            f'<form method="post" action="/manage/logout" style="margin:0">'
            f'<button style="margin:0;font-size:14px">{_t(lang, "Đăng xuất", "Log out")}</button></form>'
        )
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1>{links}</header>{body}</body></html>"
    )
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


BOARD_JS = """
const L = document.documentElement.lang === 'en';
const t = (vi, en) => L ? en : vi;
const fmt = s => s >= 3600 ? Math.floor(s/3600)+'h'+String(Math.floor(s%3600/60)).padStart(2,'0') : Math.round(s/60)+' '+t('phút','min');
async function get(path) {
  const r = await fetch(path, {credentials: 'same-origin'});
  if (r.status === 401) { location = '/manage/login'; return null; }
  return r.ok ? r.json() : null;
}
function cell(v, cls) { const td = document.createElement('td'); td.textContent = v; if (cls) td.className = cls; return td; }
function fill(id, rows) { const tb = document.getElementById(id); tb.replaceChildren(...rows.map(r => { const tr = document.createElement('tr'); r.forEach(c => tr.append(c)); return tr; })); }
async function refresh() {
  const [q, st, last, dev, dos] = await Promise.all([get('/api/v1/queue'), get('/api/v1/stats'),
    get('/api/v1/stats?date=' + LAST_WEEK), get('/api/v1/devices/alerts'),
    DOSSIERS ? get('/api/v1/dossiers/indicators') : null]);
  if (!q || !st) return;
  if (dos) fill('dossiers', Object.entries(DOSSIERS).map(([k, labels]) => {
    const v = dos[k], pct = k.endsWith('_rate');
    const bad = (k === 'late' || k === 'overdue') && v > 0;
    return [cell(L ? labels[1] : labels[0]), cell(v == null ? '—' : pct ? Math.round(v * 100) + '%' : v, bad ? 'bad' : '')];
  }));
  fill('services', q.services.map(s => [cell(L ? s.name_en : s.name), cell(s.waiting), cell(fmt(s.oldest_wait_seconds), s.oldest_wait_seconds > 2700 ? 'bad' : ''), cell(s.open_counters)]));
  const clerks = Object.fromEntries(st.by_counter.map(g => [g.counter, g.clerks || []]));
  fill('counters', q.counters.map(c => [cell(c.label), cell(c.paused ? t('Tạm dừng','Paused') : (c.current ? t('Đang phục vụ ','Serving ') + c.current.display_number : t('Mở','Open'))), cell((clerks[c.number] || []).join(', ') || '—', 'clerks'), cell(c.served_today)]));
  const tot = st.totals, prev = last ? last.totals : {waiting_seconds: {mean: null}};
  document.getElementById('issued').textContent = tot.issued;
  document.getElementById('served').textContent = tot.served;
  const w = tot.waiting_seconds.mean, pw = prev.waiting_seconds.mean;
  document.getElementById('wait').textContent = w == null ? '—' : fmt(w);
  document.getElementById('wait_prev').textContent = pw == null ? '—' : fmt(pw);
  const sat = tot.ratings.satisfaction_rate;
  const satEl = document.getElementById('satisfaction');
  satEl.textContent = sat == null ? '—' : Math.round(sat * 100) + '%';
  satEl.className = 'big ' + (sat == null ? '' : sat >= 0.9 ? 'ok' : 'bad');
  if (!dev) fill('alerts', [[cell(t('Chưa có báo cáo thiết bị', 'No device reports yet'))]]);
  else fill('alerts', dev.alerts.length ? dev.alerts.map(a => [cell(a.location), cell(L ? a.message_en : a.message, 'bad')]) : [[cell(t('Mọi thiết bị hoạt động bình thường','All devices working'), 'ok')]]);
  document.getElementById('updated').textContent = new Date().toLocaleTimeString('vi-VN');
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
}
let pending = null;
function soon() { if (!pending) pending = setTimeout(() => { pending = null; refresh(); }, 150); }
refresh();
const es = new EventSource('/api/v1/events');
es.onmessage = soon;
['issued','called','recalled','started','finished','no_show','restored','transferred','cancelled','expired','rated','counter_paused','counter_resumed'].forEach(k => es.addEventListener(k, soon));
setInterval(refresh, 30000);  // device alerts change without queue events
"""


def install_manage(
    app: FastAPI,
    center: Center,
    tokens: TokenStore,
    sessions: ManagerSessions,
    config: Config,
    clock: Clock,
    call: Call,
    dossiers: DossierService | None = None,
) -> None:
    """Add the manager's routes to ``app`` (its session store goes on ``app.state``)."""
    app.state.manager_sessions = sessions
    manager = Depends(require(tokens, Role.MANAGER))

    def today() -> date:
        return clock.now().astimezone(config.center.tz).date()

    def session_device(request: Request) -> Device | None:
        digest = sessions.token_hash(request.cookies.get(COOKIE, ""))
        device = tokens.by_digest(digest) if digest else None
        return device if device is not None and device.role in (Role.MANAGER, Role.ADMIN) else None

    def login_form(lang: str, error: str = "") -> HTMLResponse:
        err = f'<p class="bad">{escape(error)}</p>' if error else ""
        body = (
            f'<form class="login" method="post" action="/manage/login">'
            f"<h2>{_t(lang, 'Đăng nhập cho lãnh đạo trung tâm', 'Center manager login')}</h2>{err}"
            f"<label>{_t(lang, 'Mã đăng nhập (token quản lý)', 'Manager token')}<br>"
            f'<input type="password" name="token" autocomplete="current-password" required autofocus></label>'
            f'<input type="hidden" name="lang" value="{escape(lang)}">'
            f'<button type="submit">{_t(lang, "Đăng nhập", "Log in")}</button>'
            f'<p class="muted">{_t(lang, "Tạo token: motcua token create --role manager", "Create one: motcua token create --role manager")}</p>'
            f"</form>"
        )
        return _page(config.center.name, body, lang, nav=False)

    @app.get("/manage/login", include_in_schema=False)
    async def login_page(lang: str = "vi") -> HTMLResponse:
        return login_form(lang)

    @app.post("/manage/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        body = await request.body()
        if len(body) > 4096:
            return login_form("vi", "Yêu cầu quá lớn / request too large")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        lang = form.get("lang", "vi")
        token = form.get("token", "").strip()
        device = await call(tokens.verify, token) if token else None
        if device is None or device.role not in (Role.MANAGER, Role.ADMIN):
            failed = login_form(
                lang,
                _t(
                    lang,
                    "Mã đăng nhập không đúng hoặc không có quyền quản lý.",
                    "Wrong token, or not a manager's.",
                ),
            )
            failed.status_code = 401
            return failed
        session = await call(sessions.create, hash_token(token))
        resp = RedirectResponse(f"/manage?lang={lang}", status_code=303)
        resp.set_cookie(
            COOKIE,
            session,
            max_age=int(sessions.lifetime.total_seconds()),
            httponly=True,
            samesite="strict",
            path="/",
        )
        return resp

    @app.post("/manage/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        session = request.cookies.get(COOKIE, "")
        if session:
            await call(sessions.end, session)
        resp = RedirectResponse("/manage/login", status_code=303)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @app.get("/", include_in_schema=False)
    async def root() -> Response:
        return RedirectResponse("/manage", status_code=303)

    @app.get("/manage", include_in_schema=False)
    async def board(request: Request, lang: str = "vi") -> Response:
        if await call(session_device, request) is None:
            return RedirectResponse("/manage/login", status_code=303)
        last_week = (today() - timedelta(days=7)).isoformat()
        dossier_labels = json.dumps(DOSSIER_LABELS if dossiers is not None else None)
        dossier_section = (
            f"<section><h2>{_t(lang, 'Hồ sơ hôm nay (QĐ 766)', 'Dossiers today (Decision 766)')}</h2>"
            '<table><tbody id="dossiers"></tbody></table></section>'
            if dossiers is not None
            else ""
        )
        body = f"""
<main>
<section class="wide"><div class="kpis">
 <div><div class="muted">{_t(lang, "Số phát hôm nay", "Issued today")}</div><div class="big" id="issued">…</div></div>
 <div><div class="muted">{_t(lang, "Đã phục vụ", "Served")}</div><div class="big" id="served">…</div></div>
 <div><div class="muted">{_t(lang, "Chờ trung bình hôm nay", "Mean wait today")}</div><div class="big" id="wait">…</div>
   <div class="muted">{_t(lang, "cùng thứ tuần trước", "same weekday last week")}: <span id="wait_prev">…</span></div></div>
 <div><div class="muted">{_t(lang, "Hài lòng hôm nay", "Satisfied today")}</div><div class="big" id="satisfaction">…</div></div>
</div><p class="muted">{_t(lang, "Cập nhật", "Updated")}: <span id="updated">…</span></p></section>
<section><h2>{_t(lang, "Đang chờ theo dịch vụ", "Waiting per service")}</h2><table>
<thead><tr><th>{_t(lang, "Dịch vụ", "Service")}</th><th>{_t(lang, "Chờ", "Waiting")}</th><th>{_t(lang, "Chờ lâu nhất", "Oldest")}</th><th>{_t(lang, "Quầy mở", "Open")}</th></tr></thead>
<tbody id="services"></tbody></table></section>
<section><h2>{_t(lang, "Quầy", "Counters")}</h2><table>
<thead><tr><th>{_t(lang, "Quầy", "Counter")}</th><th>{_t(lang, "Trạng thái", "State")}</th><th>{_t(lang, "Cán bộ hôm nay", "Clerks today")}</th><th>{_t(lang, "Đã phục vụ", "Served")}</th></tr></thead>
<tbody id="counters"></tbody></table></section>
<section><h2>{_t(lang, "Cảnh báo thiết bị", "Device alerts")}</h2><table><tbody id="alerts"></tbody></table></section>
{dossier_section}</main><script>const LAST_WEEK = "{last_week}"; const DOSSIERS = {dossier_labels};{BOARD_JS}</script>"""
        return _page(
            f"{config.center.name} — {_t(lang, 'Bảng theo dõi', 'Live board')}", body, lang
        )

    async def range_report(first: date | None, last: date | None) -> RangeReport:
        last = last or today()
        first = first or last - timedelta(days=29)
        try:
            days = days_between(first, last)
        except ValueError as exc:
            raise InvalidRequest(
                "Khoảng ngày không hợp lệ (từ ≤ đến, tối đa 400 ngày).",
                f"Invalid date range: {exc}",
            ) from exc
        stats = await call(center.stats_between, days[0], days[-1])
        # Satisfaction comes from the days' figures; only the complaints' reasons are read.
        ratings = await call(center.ratings_between, first, last, Satisfaction.UNSATISFIED)
        indicators = await call(dossiers.indicators, first, last) if dossiers else None
        return build_report(stats, ratings, first, last, indicators)

    if dossiers is not None:
        dossier_service = dossiers

        @app.get(
            "/api/v1/dossiers/indicators", tags=["dossiers"], response_model=DossierIndicatorsOut
        )
        async def dossier_indicators(
            first: Annotated[IsoDay | None, Query(alias="from")] = None,
            last: Annotated[IsoDay | None, Query(alias="to")] = None,
            device: Device = manager,
        ) -> Response:
            """Decision 766's indicators over center-local days ``from``..``to`` (today by
            default): received, digitized, finished, on time, late, overdue now; counts
            and shares only."""
            last = last or today()
            first = first or last
            if first > last or (last - first).days >= 400:
                raise InvalidRequest(
                    "Khoảng ngày không hợp lệ (từ ≤ đến, tối đa 400 ngày).",
                    "Invalid date range (from <= to, at most 400 days).",
                )
            d = await call(dossier_service.indicators, first, last)
            return JsonResponse(
                {
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                    **{k: getattr(d, k) for k in DOSSIER_LABELS},
                }
            )

    @app.get("/manage/reports", include_in_schema=False)
    async def reports(
        request: Request,
        first: Annotated[IsoDay | None, Query(alias="from")] = None,
        last: Annotated[IsoDay | None, Query(alias="to")] = None,
        lang: str = "vi",
    ) -> Response:
        if await call(session_device, request) is None:
            return RedirectResponse("/manage/login", status_code=303)
        r = await range_report(first, last)
        return _page(
            f"{config.center.name} — {_t(lang, 'Báo cáo', 'Report')}", render_report(r, lang), lang
        )

    @app.get("/manage/reports.csv", include_in_schema=False)
    async def reports_csv(
        first: Annotated[IsoDay | None, Query(alias="from")] = None,
        last: Annotated[IsoDay | None, Query(alias="to")] = None,
        device: Device = manager,
    ) -> Response:
        r = await range_report(first, last)
        return Response(
            to_csv(r),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="motcua-{r.first}-{r.last}.csv"'
            },
        )

    @app.get("/manage/reports.xlsx", include_in_schema=False)
    async def reports_xlsx(
        first: Annotated[IsoDay | None, Query(alias="from")] = None,
        last: Annotated[IsoDay | None, Query(alias="to")] = None,
        device: Device = manager,
    ) -> Response:
        r = await range_report(first, last)
        data = await call(to_xlsx, r)
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={
                "Content-Disposition": f'attachment; filename="motcua-{r.first}-{r.last}.xlsx"'
            },
        )


COMPLAINTS_SHOWN = 200  # on the page; the XLSX has every one


def _num(v: float | None, suffix: str = "") -> str:
    return "—" if v is None else f"{v:g}{suffix}"


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{round(v * 100)}%"


def _dossier_section(r: RangeReport, lang: str) -> str:
    """Decision 766's indicators over the range (nothing when the center keeps no dossiers)."""
    if r.dossiers is None:
        return ""
    cells = []
    for key, (vi, en) in DOSSIER_LABELS.items():
        value = getattr(r.dossiers, key)
        shown = _pct(value) if key.endswith("_rate") else str(value)
        bad = key in ("late", "overdue") and value
        cls = ' class="bad"' if bad else ""
        cells.append(
            f'<div><div class="muted">{_t(lang, vi, en)}</div>'
            f'<div class="big"{cls} id="d-{key}">{shown}</div></div>'
        )
    note = _t(
        lang,
        "Đúng hạn: giải quyết xong không muộn hơn ngày hẹn trả; thời gian chờ công dân bổ sung"
        " giấy tờ không tính.",
        "On time: finished no later than the return date; time waiting for the citizen's"
        " supplement does not count.",
    )
    return (
        f'<section class="wide"><h2>{_t(lang, "Hồ sơ (Quyết định 766/QĐ-TTg)", "Dossiers (Decision 766/QĐ-TTg)")}</h2>'
        f'<div class="kpis">{"".join(cells)}</div><p class="muted">{note}</p></section>'
    )


def render_report(r: RangeReport, lang: str) -> str:
    t = lambda vi, en: _t(lang, vi, en)  # noqa: E731
    q = f"from={r.first}&to={r.last}"
    counts = ("issued", "served", "no_show", "transferred")
    head = "".join(f"<th>{COUNT_LABELS[k][1 if lang == 'en' else 0]}</th>" for k in counts)
    head += f"<th>{t('Chờ TB (phút)', 'Mean wait (min)')}</th><th>{t('Phục vụ TB (phút)', 'Mean service (min)')}</th><th>{t('Hài lòng', 'Satisfied')}</th>"

    def table(title: str, items: list[tuple[str, Any]], clerks: bool = False) -> str:
        extra = f"<th>{t('Cán bộ tại quầy', 'Clerks signed in')}</th>" if clerks else ""
        body = "".join(
            f"<tr><td>{escape(str(name))}</td>"
            + "".join(f"<td>{tl.counts[k]}</td>" for k in counts)
            + f"<td>{_num(tl.wait_mean_minutes)}</td><td>{_num(tl.service_mean_minutes)}</td>"
            f"<td>{_pct(tl.satisfaction)}</td>"
            + (f"<td class='clerks'>{escape(', '.join(tl.clerks)) or '—'}</td>" if clerks else "")
            + "</tr>"
            for name, tl in items
        )
        return f"<section class='wide'><h2>{title}</h2><table><thead><tr><th></th>{head}{extra}</tr></thead><tbody>{body}</tbody></table></section>"

    day_labels = [d.day.strftime("%d/%m") for d in r.days]
    waits = {
        t("Trung vị", "Median"): [
            None
            if d.totals.waiting_seconds.median is None
            else round(d.totals.waiting_seconds.median / 60, 1)
            for d in r.days
        ],
        "p90": [
            None
            if d.totals.waiting_seconds.p90 is None
            else round(d.totals.waiting_seconds.p90 / 60, 1)
            for d in r.days
        ],
    }
    hours = sorted(r.by_hour)
    complaints = (
        "".join(
            f"<tr><td>{c.at.astimezone().strftime('%d/%m %H:%M')}</td><td>{escape(c.service_code)}</td>"
            f"<td>{c.counter or ''}</td><td style='text-align:left'>{escape(c.reason)}</td></tr>"
            for c in r.complaints[-COMPLAINTS_SHOWN:][::-1]
        )
        or f"<tr><td colspan=4>{t('Không có', 'None')}</td></tr>"
    )
    if len(r.complaints) > COMPLAINTS_SHOWN:
        complaints += (
            "<tr><td colspan=4 class='muted'>"
            + t(
                f"{COMPLAINTS_SHOWN} lý do mới nhất trong {len(r.complaints)}; tất cả có trong tệp Excel.",
                f"The latest {COMPLAINTS_SHOWN} of {len(r.complaints)}; all are in the Excel file.",
            )
            + "</td></tr>"
        )
    weekdays = WEEKDAYS_VI if lang != "en" else ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    heat_hours = list(range(min(hours, default=7), max(hours, default=17) + 1))
    cells = {(wd, heat_hours.index(h)): n for (wd, h), n in r.arrivals.items() if h in heat_hours}
    tot = r.total
    return f"""
<main>
<section class="wide"><form class="range noprint" method="get" action="/manage/reports">
 <input type="hidden" name="lang" value="{lang}">
 {t("Từ ngày", "From")} <input type="date" name="from" value="{r.first}" style="width:auto">
 {t("đến", "to")} <input type="date" name="to" value="{r.last}" style="width:auto">
 <button type="submit">{t("Xem", "Show")}</button>
 <a href="/manage/reports.csv?{q}">CSV</a> · <a href="/manage/reports.xlsx?{q}">Excel (XLSX)</a> ·
 <a href="javascript:print()">{t("In báo cáo", "Print")}</a></form>
 <div class="kpis">
 <div><div class="muted">{t("Số phát", "Issued")}</div><div class="big" id="r-issued">{tot.counts["issued"]}</div></div>
 <div><div class="muted">{t("Đã phục vụ", "Served")}</div><div class="big" id="r-served">{tot.counts["served"]}</div></div>
 <div><div class="muted">{t("Vắng mặt", "No-shows")}</div><div class="big">{tot.counts["no_show"]}</div></div>
 <div><div class="muted">{t("Chờ trung bình", "Mean wait")}</div><div class="big">{_num(tot.wait_mean_minutes, " " + t("phút", "min"))}</div></div>
 <div><div class="muted">{t("Hài lòng (mục tiêu ≥ 90%)", "Satisfied (target ≥ 90%)")}</div><div class="big {"ok" if (tot.satisfaction or 0) >= 0.9 else "bad"}" id="r-satisfaction">{_pct(tot.satisfaction)}</div></div>
 </div><p class="muted">{r.first:%d/%m/%Y} – {r.last:%d/%m/%Y}</p></section>
<section class="wide"><h2>{t("Số phát theo ngày", "Tickets issued per day")}</h2>{charts.bars(t("Số phát theo ngày", "Issued per day"), day_labels, [d.totals.issued for d in r.days])}</section>
<section class="wide"><h2>{t("Thời gian chờ theo ngày (phút)", "Waiting time per day (min)")}</h2>{charts.lines(t("Thời gian chờ", "Waiting time"), day_labels, waits, " min")}</section>
<section class="wide"><h2>{t("Phân bố thời gian chờ (phút, số lượt)", "Distribution of waits (minutes, tickets)")}</h2>{charts.bars(t("Phân bố thời gian chờ", "Distribution of waits"), wait_bin_labels(), r.wait_histogram, css="hbar", counts=True)}
<p class="muted">{t("Từ lúc lấy số đến lần gọi đầu tiên.", "From the ticket's issue to its first call.")}</p></section>
<section class="wide"><h2>{t("Người đến theo thứ và giờ", "Arrivals by weekday and hour")}</h2>{charts.heatmap(t("Người đến", "Arrivals"), weekdays, [f"{h}h" for h in heat_hours], cells)}</section>
{table(t("Theo dịch vụ", "Per service"), [(tl.name, tl) for _, tl in sorted(r.by_service.items())])}
{table(t("Theo quầy", "Per counter"), [(tl.name, tl) for _, tl in sorted(r.by_counter.items())], clerks=True)}
{table(t("Theo giờ", "Per hour"), [(tl.name, tl) for _, tl in sorted(r.by_hour.items())])}
{_dossier_section(r, lang)}
<section class="wide"><h2>{t("Lý do không hài lòng", "Reasons given for KHÔNG HÀI LÒNG")}</h2><table>
<thead><tr><th>{t("Lúc", "When")}</th><th>{t("Dịch vụ", "Service")}</th><th>{t("Quầy", "Counter")}</th><th style="text-align:left">{t("Lý do", "Reason")}</th></tr></thead>
<tbody>{complaints}</tbody></table></section>
</main>"""
