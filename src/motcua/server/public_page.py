"""The citizen's live ticket page (``/t/{public_code}``), where the ticket's QR points.

Plain server-rendered HTML with inline CSS and a few lines of ES5 that poll the public
JSON every few seconds (old Android browsers, no external assets, no framework); with
JavaScript off, a meta refresh reloads the page. Shows no personal data: number,
service, status, people ahead, estimated wait.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from motcua.config import Config
from motcua.queue.models import TicketInfo, TicketStatus

STATUS_VI = {
    TicketStatus.WAITING: "Đang chờ",
    TicketStatus.CALLED: "Mời đến quầy",
    TicketStatus.SERVING: "Đang được phục vụ",
    TicketStatus.DONE: "Đã hoàn thành",
    TicketStatus.NO_SHOW: "Vắng mặt (quá số lần gọi)",
    TicketStatus.CANCELLED: "Đã hủy",
    TicketStatus.EXPIRED: "Hết hiệu lực",
}
STATUS_EN = {
    TicketStatus.WAITING: "Waiting",
    TicketStatus.CALLED: "Please go to counter",
    TicketStatus.SERVING: "Being served",
    TicketStatus.DONE: "Done",
    TicketStatus.NO_SHOW: "No-show",
    TicketStatus.CANCELLED: "Cancelled",
    TicketStatus.EXPIRED: "Expired",
}


def status_text(info: TicketInfo) -> tuple[str, str]:
    t = info.ticket
    vi, en = STATUS_VI[t.status], STATUS_EN[t.status]
    if t.counter is not None and t.status is TicketStatus.CALLED:
        vi, en = f"{vi} {t.counter}", f"{en} {t.counter}"
    elif t.counter is not None and t.status is TicketStatus.SERVING:
        vi, en = f"{vi} tại quầy {t.counter}", f"{en} at counter {t.counter}"
    return vi, en


def public_view(info: TicketInfo, config: Config, now: datetime) -> dict[str, Any]:
    """What anyone holding the ticket's code may see (no name, no ID number)."""
    t = info.ticket
    service = config.service(t.service_code)
    tz = ZoneInfo(config.center.timezone)
    vi, en = status_text(info)
    waiting = t.status is TicketStatus.WAITING
    return {
        "public_code": t.public_code,
        "display_number": t.display_number,
        "service_code": t.service_code,
        "service_name": service.name if service else t.service_code,
        "service_name_en": service.name_en if service else t.service_code,
        "status": t.status.value,
        "status_label": vi,
        "status_label_en": en,
        "active": t.status.active,
        "css_class": _status_class(t.status.value, t.status.active),
        "counter": t.counter,
        "people_ahead": info.people_ahead if waiting else 0,
        "estimated_wait_minutes": info.estimated_wait_minutes if waiting else 0,
        "issued_at": t.issued_at.isoformat(),
        "issued_at_local": t.issued_at.astimezone(tz).strftime("%H:%M %d/%m/%Y"),
        "center_name": config.center.name,
        "hotline": config.center.hotline,
        "updated_at_local": now.astimezone(tz).strftime("%H:%M:%S"),
    }


_CSS = """
body{margin:0;font-family:sans-serif;background:#f3f5f8;color:#14213d}
.top{background:#b71c1c;color:#fff;padding:10px 14px;font-size:15px;font-weight:bold}
.card{background:#fff;margin:12px;padding:16px;border-radius:8px;text-align:center;
box-shadow:0 1px 3px rgba(0,0,0,.15)}
.lbl{font-size:15px;color:#555}
.num{font-size:76px;font-weight:bold;color:#b71c1c;line-height:1.1;margin:4px 0}
.svc{font-size:20px;margin-bottom:6px}
.st{font-size:22px;font-weight:bold;padding:8px;border-radius:6px;background:#e8f0fe;margin:10px 0}
.st.called{background:#fff3cd;color:#8a5300}
.st.done{background:#e6f4ea;color:#1e6b34}
.st.off{background:#eee;color:#666}
table{width:100%;border-collapse:collapse;font-size:18px}
td{padding:8px 4px;border-top:1px solid #eee}
td.v{text-align:right;font-weight:bold}
.foot{font-size:13px;color:#666;text-align:center;margin:10px}
"""

_JS = """
(function(){
  var code = document.body.getAttribute('data-code');
  function set(id, v){
    var e = document.getElementById(id);
    if (e) { e.innerHTML = ''; e.appendChild(document.createTextNode(v)); }
  }
  function tick(){
    var x = new XMLHttpRequest();
    var url = '/api/v1/public/tickets/' + encodeURIComponent(code);
    x.open('GET', url + '?_=' + new Date().getTime(), true);
    x.onreadystatechange = function(){
      if (x.readyState !== 4) return;
      if (x.status !== 200) { set('net', 'Mất kết nối, đang thử lại...'); return; }
      var d; try { d = JSON.parse(x.responseText); } catch (e) { return; }
      set('st', d.status_label);
      document.getElementById('st').className = 'st ' + d.css_class;
      set('ahead', d.status === 'waiting' ? String(d.people_ahead) : '-');
      set('wait', d.status === 'waiting' ? ('~' + d.estimated_wait_minutes + ' phút') : '-');
      set('upd', d.updated_at_local);
      set('net', '');
    };
    x.send(null);
  }
  setInterval(tick, 5000);
})();
"""


def _status_class(status: str, active: bool) -> str:
    if status in ("called", "serving"):
        return "called"
    if status == "done":
        return "done"
    return "" if active else "off"


def render_ticket_page(view: dict[str, Any]) -> str:
    e = html.escape
    waiting = view["status"] == "waiting"
    ahead = str(view["people_ahead"]) if waiting else "-"
    wait = f"~{view['estimated_wait_minutes']} phút" if waiting else "-"
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Số {e(view["display_number"])} - {e(view["service_name"])}</title>
<noscript><meta http-equiv="refresh" content="15"></noscript>
<style>{_CSS}</style></head>
<body data-code="{e(view["public_code"])}">
<div class="top">{e(view["center_name"])}</div>
<div class="card">
<div class="lbl">Số thứ tự của bạn / Your number</div>
<div class="num">{e(view["display_number"])}</div>
<div class="svc">{e(view["service_name"])}</div>
<div id="st" class="st {view["css_class"]}">{e(view["status_label"])}</div>
<table>
<tr><td>Số người đang chờ trước bạn</td><td class="v" id="ahead">{e(ahead)}</td></tr>
<tr><td>Thời gian chờ dự kiến</td><td class="v" id="wait">{e(wait)}</td></tr>
<tr><td>Lấy số lúc</td><td class="v">{e(view["issued_at_local"])}</td></tr>
</table>
</div>
<div class="foot">Trang tự cập nhật. Cập nhật lúc
<span id="upd">{e(view["updated_at_local"])}</span>
<br><span id="net"></span>
{("<br>Đường dây nóng: " + e(view["hotline"])) if view["hotline"] else ""}</div>
<script>{_JS}</script>
</body></html>
"""


def render_not_found(center_name: str) -> str:
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Không tìm thấy số thứ tự</title><style>{_CSS}</style></head>
<body><div class="top">{e(center_name)}</div>
<div class="card"><div class="svc">Không tìm thấy số thứ tự này.</div>
<div class="lbl">Ticket not found. Vui lòng kiểm tra lại mã QR trên phiếu.</div></div>
</body></html>
"""
