"""``HttpCenter``: the ``Center`` protocol over the center server's HTTP API.

Counters, displays and kiosks of a provincial center hold one of these instead of a
``QueueService``; they cannot tell the difference. Server errors come back as the same
``QueueError`` subclasses (by their stable ``error`` code); a server that cannot be
reached or answers too slowly raises ``CenterUnavailable``.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote

import requests

from motcua.devices.health import DeviceHealth
from motcua.queue.api import Unsubscribe
from motcua.queue.errors import (
    ERRORS_BY_CODE,
    CenterUnavailable,
    Forbidden,
    InvalidRequest,
    MotcuaError,
    NotFound,
    QueueError,
    StorageError,
    Unauthorized,
    UnknownTicket,
)
from motcua.queue.models import (
    Appointment,
    CenterInfo,
    CitizenInfo,
    CounterState,
    Event,
    QueueSnapshot,
    Rating,
    Satisfaction,
    Ticket,
    TicketInfo,
)
from motcua.queue.stats import DayStats
from motcua.server.codec import DecodeError, dump, load_as
from motcua.server.sse_client import SseSubscription

log = logging.getLogger(__name__)

_BY_STATUS: dict[int, type[MotcuaError]] = {
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    422: InvalidRequest,
    503: StorageError,
}
_PUBLIC_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")
EVENTS_PAGE = 1000  # the server's largest page of /events/log


def error_from_response(
    resp: requests.Response, errors: Mapping[str, type[MotcuaError]] | None = None
) -> MotcuaError:
    """The error the server reported, rebuilt on this side (the same class); ``errors``:
    an area's own codes first (the dossier client's ``wrong_state``...)."""
    try:
        body = resp.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        cls = (
            (errors or {}).get(body["error"])
            or ERRORS_BY_CODE.get(body["error"])
            or _BY_STATUS.get(resp.status_code, QueueError)
        )
        message = str(body.get("message") or "")
        message_en = str(body.get("message_en") or "")
        return cls(message or message_en or f"HTTP {resp.status_code}", message_en)
    if resp.status_code >= 500:
        return CenterUnavailable(
            f"Máy chủ trung tâm gặp lỗi (HTTP {resp.status_code}).",
            f"The center server failed (HTTP {resp.status_code}).",
        )
    cls = _BY_STATUS.get(resp.status_code, QueueError)
    return cls(f"Yêu cầu bị từ chối (HTTP {resp.status_code}).", f"HTTP {resp.status_code}")


def health_json(kind: str, h: DeviceHealth) -> dict[str, Any]:
    return {
        "device": h.device,
        "kind": kind,
        "state": h.state.value,
        "reason": h.reason,
        "message_vi": h.message_vi,
        "message_en": h.message_en,
        "since": h.since.isoformat() if h.since else None,
    }


class HttpCenter:
    """A remote center. Thread-safe: each calling thread gets its own HTTP session."""

    def __init__(self, base_url: str, token: str, timeout: float = 3.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._timeout = timeout
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._subscriptions: set[SseSubscription] = set()
        self._closed = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ transport

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {self._token}"
            session.headers["Accept"] = "application/json"
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
        errors: Mapping[str, type[MotcuaError]] | None = None,
    ) -> requests.Response:
        """One call of the API (``data``/``headers``: a raw body such as a PDF;
        ``errors``: see ``error_from_response``); CenterUnavailable when unreachable."""
        url = f"{self.base_url}/api/v1{path}"
        attempts = 2 if method == "GET" else 1  # only a read is safe to repeat
        for attempt in range(attempts):
            try:
                resp = self._session().request(
                    method,
                    url,
                    json=json,
                    params=params,
                    data=data,
                    headers=headers,
                    timeout=self._timeout if timeout is None else timeout,
                )
                break
            except requests.RequestException as exc:
                if attempt + 1 < attempts and isinstance(exc, requests.ConnectionError):
                    continue
                raise CenterUnavailable(
                    "Không kết nối được máy chủ trung tâm. Vui lòng thử lại.",
                    f"Cannot reach the center server at {self.base_url}: {type(exc).__name__}",
                ) from exc
        if resp.status_code >= 400:
            raise error_from_response(resp, errors)
        return resp

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        resp = self._request(method, path, **kwargs)
        try:
            return resp.json()
        except ValueError as exc:
            raise CenterUnavailable(
                "Máy chủ trung tâm trả lời không hợp lệ.", "The center server sent invalid JSON."
            ) from exc

    # The dossier client (``dossier_client.HttpDossiers``) shares this transport.
    request = _request
    request_json = _json

    def _load(self, cls: type[Any], data: Any) -> Any:
        try:
            return load_as(cls, data)
        except DecodeError as exc:
            raise CenterUnavailable(
                "Máy chủ trung tâm trả lời không đúng định dạng.",
                f"Unexpected answer from the center server: {exc}",
            ) from exc

    # ------------------------------------------------------------------ Center

    def info(self) -> CenterInfo:
        return self._load(CenterInfo, self._json("GET", "/info"))

    def issue_ticket(
        self,
        service_code: str,
        *,
        priority_group: str | None = None,
        citizen: CitizenInfo | None = None,
        appointment_code: str | None = None,
    ) -> TicketInfo:
        body: dict[str, Any] = {"service": service_code}
        if priority_group is not None:
            body["priority_group"] = priority_group
        if citizen is not None:
            body["citizen"] = dump(citizen)
        if appointment_code is not None:
            body["appointment_code"] = appointment_code
        return self._load(TicketInfo, self._json("POST", "/tickets", json=body))

    def ticket(self, ticket_id: int) -> TicketInfo:
        return self._load(TicketInfo, self._json("GET", f"/tickets/{int(ticket_id)}"))

    def ticket_by_code(self, public_code: str) -> TicketInfo:
        if not _PUBLIC_CODE.fullmatch(public_code):  # the server would say 422; in-process 404
            raise UnknownTicket("Không tìm thấy số thứ tự với mã này.", "No ticket has this code.")
        data = self._json("GET", f"/tickets/by-code/{quote(public_code, safe='')}")
        return self._load(TicketInfo, data)

    def rate(
        self,
        ticket_id: int,
        level: Satisfaction,
        reason: str = "",
        *,
        public_code: str | None = None,
    ) -> Rating:
        body: dict[str, Any] = {"level": Satisfaction(level).value, "reason": reason}
        if public_code is not None:
            body["public_code"] = public_code
        data = self._json("POST", f"/tickets/{int(ticket_id)}/rating", json=body)
        return self._load(Rating, data)

    def call_next(self, counter: int) -> Ticket | None:
        data = self._json("POST", f"/counters/{int(counter)}/call-next")
        return None if data.get("ticket") is None else self._load(Ticket, data["ticket"])

    def _counter(self, counter: int, action: str, cls: type[Any], json: Any = None) -> Any:
        return self._load(cls, self._json("POST", f"/counters/{int(counter)}/{action}", json=json))

    def recall(self, counter: int) -> Ticket:
        return self._counter(counter, "recall", Ticket)

    def start(self, counter: int) -> Ticket:
        return self._counter(counter, "start", Ticket)

    def finish(self, counter: int) -> Ticket:
        return self._counter(counter, "finish", Ticket)

    def no_show(self, counter: int) -> Ticket:
        return self._counter(counter, "no-show", Ticket)

    def transfer(
        self, counter: int, *, to_service: str | None = None, to_counter: int | None = None
    ) -> Ticket:
        body = {"to_service": to_service, "to_counter": to_counter}
        return self._counter(counter, "transfer", Ticket, json=body)

    def pause(self, counter: int) -> CounterState:
        return self._counter(counter, "pause", CounterState)

    def resume(self, counter: int) -> CounterState:
        return self._counter(counter, "resume", CounterState)

    def restore(self, ticket_id: int) -> Ticket:
        return self._load(Ticket, self._json("POST", f"/tickets/{int(ticket_id)}/restore"))

    def cancel(self, ticket_id: int) -> Ticket:
        return self._load(Ticket, self._json("POST", f"/tickets/{int(ticket_id)}/cancel"))

    def snapshot(self) -> QueueSnapshot:
        return self._load(QueueSnapshot, self._json("GET", "/queue"))

    def events_since(self, after_id: int, limit: int = 500) -> list[Event]:
        events: list[Event] = []
        after = max(0, int(after_id))
        limit = max(1, int(limit))  # as in-process: at least one
        while len(events) < limit:
            page = min(EVENTS_PAGE, limit - len(events))
            data = self._json("GET", "/events/log", params={"after": after, "limit": page})
            events.extend(self._load(Event, item) for item in data)
            if len(data) < page:
                break
            after = events[-1].id
        return events

    def subscribe(self, callback: Callable[[Event], None]) -> Unsubscribe:
        """Stream events to ``callback`` from a background thread until unsubscribed.

        Returns once the stream is open (or after ``timeout`` if the server cannot be
        reached). A lost connection is retried with backoff, resuming after the last
        event seen (``Last-Event-ID``), so nothing is missed while the network heals.
        """
        sub = SseSubscription(
            f"{self.base_url}/api/v1/events", self._token, callback, on_end=self._forget
        )
        with self._lock:
            if self._closed:
                # A window's worker subscribing after its client was closed would leave a
                # reader retrying for ever against a server that has gone.
                raise CenterUnavailable(
                    "Kết nối tới máy chủ trung tâm đã đóng.",
                    "This connection to the center server is closed.",
                )
            self._subscriptions.add(sub)
            sub.start()
        # Like the in-process subscribe: events after this call are not missed. A server
        # that is down now is retried in the background.
        if not sub.connected.wait(self._timeout):
            log.warning("event stream not open yet; retrying in the background")
        return sub.stop

    def _forget(self, sub: SseSubscription) -> None:
        with self._lock:
            self._subscriptions.discard(sub)

    def add_appointment(
        self, code: str, service_code: str, slot_at: datetime, citizen_name: str = ""
    ) -> Appointment:
        body = {
            "code": code,
            "service": service_code,
            "slot_at": slot_at.isoformat(),
            "citizen_name": citizen_name,
        }
        return self._load(Appointment, self._json("POST", "/appointments", json=body))

    def close_day(self) -> int:
        return int(self._json("POST", "/close-day")["expired"])

    def stats(self, day: date | None = None) -> DayStats:
        params = {"date": day.isoformat()} if day else None
        return load_as(DayStats, self._json("GET", "/stats", params=params))

    def ratings_between(
        self, first: date, last: date, level: Satisfaction | None = None
    ) -> list[Rating]:
        params = {"from": first.isoformat(), "to": last.isoformat()}
        if level is not None:
            params["level"] = level.value
        body = self._json("GET", "/ratings", params=params)
        return [load_as(Rating, r) for r in body["ratings"]]

    def stats_between(self, first: date, last: date) -> list[DayStats]:
        days = (last - first).days + 1
        return [self.stats(first + timedelta(days=i)) for i in range(max(days, 0))]

    def stats_csv(self, day: date | None = None) -> str:
        params = {"date": day.isoformat()} if day else None
        resp = self._request("GET", "/stats.csv", params=params)
        return resp.content.decode("utf-8")

    # ------------------------------------------------------------------ device health
    def report_device_health(
        self, reports: list[tuple[str, DeviceHealth]], heartbeat_seconds: float
    ) -> None:
        """Tell the center this app's devices' health (``(kind, health)`` pairs)."""
        self._request(
            "POST",
            "/devices/health",
            json={
                "devices": [health_json(kind, h) for kind, h in reports],
                "heartbeat_seconds": heartbeat_seconds,
            },
        )

    def device_alerts(self) -> list[dict[str, Any]]:
        """The center's devices that need a person (for a counter's alert line)."""
        return list(self._json("GET", "/devices/alerts")["alerts"])

    def close(self) -> None:
        """Stop every event stream and wait for its reader thread; no stream after this."""
        with self._lock:
            self._closed = True
            subs, self._subscriptions = list(self._subscriptions), set()
            sessions, self._sessions = self._sessions, []
        for sub in subs:
            sub.stop()
        for session in sessions:
            session.close()
