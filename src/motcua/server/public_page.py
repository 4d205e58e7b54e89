"""The citizen's live ticket page (``/t/{public_code}``), where the ticket's QR points.

Plain server-rendered HTML with inline CSS and a few lines of ES5 that poll the public
JSON every ``POLL_SECONDS`` (old Android browsers, no external assets, no framework);
with JavaScript off, a meta refresh reloads the page. Polling is cheap for the server:
the JSON carries an ETag made of the center's last event id, and a phone whose page
is current gets a bodiless 304 without a database read (500 phones on one center are
normal). Every word shown comes from here (the script only copies the fields), so the
page and its updates never disagree. Shows no personal data: number, service, status,
people ahead, estimated wait.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from motcua.config import Config
from motcua.queue.models import TicketInfo, TicketStatus

POLL_SECONDS = 3  # a call shows on the phone within this, plus the request
SOON_AHEAD = 3  # "Sắp đến lượt" when this many people or fewer are ahead

STATUS_VI = {
    TicketStatus.WAITING: "Đang chờ",
    TicketStatus.CALLED: "Mời đến quầy",
    TicketStatus.SERVING: "Đang được phục vụ",
    TicketStatus.DONE: "Đã hoàn thành",
    TicketStatus.NO_SHOW: "Vắng mặt",
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
    if t.status is TicketStatus.NO_SHOW:
        # what happened, as the citizen lived it: called (and how often), did not come
        calls = 1 + t.recalls
        return (
            f"Đã gọi {calls} lần nhưng ông/bà chưa đến quầy, nên số được ghi vắng mặt. "
            "Nếu ông/bà đã quay lại, xin báo cán bộ tại quầy để được gọi lại.",
            f"Called {calls} time{'s' if calls > 1 else ''} but you did not come to the "
            "counter, so the number was marked absent. If you are back, please tell the "
            "staff at a counter to be called again.",
        )
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
    ahead, minutes = info.people_ahead, info.estimated_wait_minutes
    soon = waiting and ahead <= SOON_AHEAD
    if not waiting:
        wait_vi = wait_en = "-"
    elif ahead == 0 or minutes <= 0:
        wait_vi, wait_en = "Ông/bà sẽ sớm được mời lên quầy", "You will be called soon"
    else:
        wait_vi, wait_en = f"khoảng {minutes} phút", f"about {minutes} min"
    if soon and ahead == 0:
        soon_vi = "Sắp đến lượt ông/bà: không còn ai phía trước. Xin đến gần các quầy."
        soon_en = "Your turn is next: nobody ahead. Please move close to the counters."
    elif soon:
        soon_vi = f"Sắp đến lượt ông/bà: còn {ahead} người phía trước. Xin đến gần các quầy."
        soon_en = f"Your turn is coming: {ahead} ahead. Please move close to the counters."
    else:
        soon_vi = soon_en = ""
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
        "people_ahead": ahead if waiting else 0,
        "estimated_wait_minutes": minutes if waiting else 0,
        "ahead_label": str(ahead) if waiting else "-",
        "wait_label": wait_vi,
        "wait_label_en": wait_en,
        "soon": soon,
        "soon_label": soon_vi,
        "soon_label_en": soon_en,
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
.st.off{background:#eee;color:#555;font-size:18px}
table{width:100%;border-collapse:collapse;font-size:18px}
td{padding:8px 4px;border-top:1px solid #eee}
td.v{text-align:right;font-weight:bold}
.foot{font-size:13px;color:#666;text-align:center;margin:10px}
.soon{background:#ffd54f;color:#3d2b00;font-size:22px;font-weight:bold;margin:12px;
padding:14px;border-radius:8px;text-align:center}
.soon.hide{display:none}
.en{font-size:14px;color:#555;font-weight:normal}
"""

_JS = """
(function(){
  var code = document.body.getAttribute('data-code');
  function set(id, v){
    var e = document.getElementById(id);
    if (e) { e.innerHTML = ''; e.appendChild(document.createTextNode(v)); }
  }
  var etag = '', wasSoon = document.body.getAttribute('data-soon') === '1';
  function alertSoon(){
    try { if (navigator.vibrate) navigator.vibrate([300, 150, 300]); } catch (e) {}
    try {
      var C = window.AudioContext || window.webkitAudioContext;
      if (!C) return;
      var a = new C(), o = a.createOscillator(), g = a.createGain();
      o.frequency.value = 880; g.gain.value = 0.2;
      o.connect(g); g.connect(a.destination); o.start(); o.stop(a.currentTime + 0.4);
    } catch (e) {}
  }
  function tick(){
    var x = new XMLHttpRequest();
    x.open('GET', '/api/v1/public/tickets/' + encodeURIComponent(code), true);
    if (etag) x.setRequestHeader('If-None-Match', etag);
    x.onreadystatechange = function(){
      if (x.readyState !== 4) return;
      if (x.status === 304) { set('net', ''); return; }
      if (x.status !== 200) { set('net', 'Mất kết nối, đang thử lại...'); return; }
      var d; try { d = JSON.parse(x.responseText); } catch (e) { return; }
      etag = x.getResponseHeader('ETag') || '';
      set('st', d.status_label);
      document.getElementById('st').className = 'st ' + d.css_class;
      set('ahead', d.ahead_label);
      set('wait', d.wait_label);
      set('soon', d.soon_label);
      set('soon_en', d.soon_label_en);
      document.getElementById('soonbox').className = d.soon ? 'soon' : 'soon hide';
      if (d.soon && !wasSoon) alertSoon();
      wasSoon = d.soon;
      set('upd', d.updated_at_local);
      set('net', '');
    };
    x.send(null);
  }
  setInterval(tick, POLL_MS);
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
    script = _JS.replace("POLL_MS", str(POLL_SECONDS * 1000))
    soon_class = "soon" if view["soon"] else "soon hide"
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Số {e(view["display_number"])} - {e(view["service_name"])}</title>
<noscript><meta http-equiv="refresh" content="15"></noscript>
<style>{_CSS}</style></head>
<body data-code="{e(view["public_code"])}" data-soon="{"1" if view["soon"] else "0"}">
<div class="top">{e(view["center_name"])}</div>
<div id="soonbox" class="{soon_class}" role="alert"><span id="soon">{e(view["soon_label"])}</span>
<br><span id="soon_en" class="en">{e(view["soon_label_en"])}</span></div>
<div class="card">
<div class="lbl">Số thứ tự của ông/bà / Your number</div>
<div class="num">{e(view["display_number"])}</div>
<div class="svc">{e(view["service_name"])}</div>
<div id="st" class="st {view["css_class"]}">{e(view["status_label"])}</div>
<table>
<tr><td>Số người đang chờ trước ông/bà</td>
<td class="v" id="ahead">{e(view["ahead_label"])}</td></tr>
<tr><td>Thời gian chờ dự kiến</td><td class="v" id="wait">{e(view["wait_label"])}</td></tr>
<tr><td>Lấy số lúc</td><td class="v">{e(view["issued_at_local"])}</td></tr>
</table>
</div>
<div class="foot">Trang tự cập nhật. Cập nhật lúc
<span id="upd">{e(view["updated_at_local"])}</span>
<br><span id="net"></span>
{("<br>Đường dây nóng: " + e(view["hotline"])) if view["hotline"] else ""}</div>
<script>{script}</script>
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
