"""The manager's live board (``/manage``): today's figures, waiting per service, the
counters and their clerks, device alerts and, where the center keeps dossiers, today's
Decision 766 indicators. The page is a frame filled by its script, which reads the same
API as every device (``/api/v1/queue``, ``/stats``, ``/devices/alerts``,
``/dossiers/indicators``) and refreshes on the event stream.
"""

from __future__ import annotations

import json

from fastapi.responses import HTMLResponse

from motcua.server.manage.html import in_lang, page
from motcua.server.manage.reports import DOSSIER_LABELS

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


def render_board(center_name: str, lang: str, last_week: str, with_dossiers: bool) -> HTMLResponse:
    """The board's page; ``last_week`` is the day a week ago (YYYY-MM-DD), compared with."""
    dossier_labels = json.dumps(DOSSIER_LABELS if with_dossiers else None)
    dossier_section = (
        f"<section><h2>{in_lang(lang, 'Hồ sơ hôm nay (QĐ 766)', 'Dossiers today (Decision 766)')}</h2>"
        '<table><tbody id="dossiers"></tbody></table></section>'
        if with_dossiers
        else ""
    )
    body = f"""
<main>
<section class="wide"><div class="kpis">
 <div><div class="muted">{in_lang(lang, "Số phát hôm nay", "Issued today")}</div><div class="big" id="issued">…</div></div>
 <div><div class="muted">{in_lang(lang, "Đã phục vụ", "Served")}</div><div class="big" id="served">…</div></div>
 <div><div class="muted">{in_lang(lang, "Chờ trung bình hôm nay", "Mean wait today")}</div><div class="big" id="wait">…</div>
   <div class="muted">{in_lang(lang, "cùng thứ tuần trước", "same weekday last week")}: <span id="wait_prev">…</span></div></div>
 <div><div class="muted">{in_lang(lang, "Hài lòng hôm nay", "Satisfied today")}</div><div class="big" id="satisfaction">…</div></div>
</div><p class="muted">{in_lang(lang, "Cập nhật", "Updated")}: <span id="updated">…</span></p></section>
<section><h2>{in_lang(lang, "Đang chờ theo dịch vụ", "Waiting per service")}</h2><table>
<thead><tr><th>{in_lang(lang, "Dịch vụ", "Service")}</th><th>{in_lang(lang, "Chờ", "Waiting")}</th><th>{in_lang(lang, "Chờ lâu nhất", "Oldest")}</th><th>{in_lang(lang, "Quầy mở", "Open")}</th></tr></thead>
<tbody id="services"></tbody></table></section>
<section><h2>{in_lang(lang, "Quầy", "Counters")}</h2><table>
<thead><tr><th>{in_lang(lang, "Quầy", "Counter")}</th><th>{in_lang(lang, "Trạng thái", "State")}</th><th>{in_lang(lang, "Cán bộ hôm nay", "Clerks today")}</th><th>{in_lang(lang, "Đã phục vụ", "Served")}</th></tr></thead>
<tbody id="counters"></tbody></table></section>
<section><h2>{in_lang(lang, "Cảnh báo thiết bị", "Device alerts")}</h2><table><tbody id="alerts"></tbody></table></section>
{dossier_section}</main><script>const LAST_WEEK = "{last_week}"; const DOSSIERS = {dossier_labels};{BOARD_JS}</script>"""
    return page(f"{center_name} — {in_lang(lang, 'Bảng theo dõi', 'Live board')}", body, lang)
