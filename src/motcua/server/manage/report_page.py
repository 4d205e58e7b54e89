"""The manager's report page (``/manage/reports``) over a range of days, rendered from
a ``reports.RangeReport``: the totals, charts per day, the distribution of waits,
arrivals by weekday and hour, tables per service, counter and hour, the dossiers'
indicators and the reasons given for KHÔNG HÀI LÒNG. The figures are ``reports.py``'s,
the charts ``charts.py``'s; this module only lays them out.
"""

from __future__ import annotations

from html import escape
from typing import Any

from motcua.clock import WEEKDAYS_VI
from motcua.server.manage import charts
from motcua.server.manage.html import in_lang
from motcua.server.manage.reports import COUNT_LABELS, DOSSIER_LABELS, RangeReport, wait_bin_labels

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
            f'<div><div class="muted">{in_lang(lang, vi, en)}</div>'
            f'<div class="big"{cls} id="d-{key}">{shown}</div></div>'
        )
    note = in_lang(
        lang,
        "Đúng hạn: giải quyết xong không muộn hơn ngày hẹn trả; thời gian chờ công dân bổ sung"
        " giấy tờ không tính.",
        "On time: finished no later than the return date; time waiting for the citizen's"
        " supplement does not count.",
    )
    return (
        f'<section class="wide"><h2>{in_lang(lang, "Hồ sơ (Quyết định 766/QĐ-TTg)", "Dossiers (Decision 766/QĐ-TTg)")}</h2>'
        f'<div class="kpis">{"".join(cells)}</div><p class="muted">{note}</p></section>'
    )


def render_report(r: RangeReport, lang: str) -> str:
    t = lambda vi, en: in_lang(lang, vi, en)  # noqa: E731
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
