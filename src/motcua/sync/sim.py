"""A reference DVCQG portal with real state and faults on demand (`motcua portal-sim`).

It speaks the protocol of ``motcua.sync.dvcqg`` (one JSON POST per call, login with the
``dstcode`` header, sessions, ``error_code``) and keeps what it was sent: dossiers by
MaHoSo with their QuaTrinhXuLy, exactly as a real portal would, so a repeated step is
recorded twice and a second create of the same dossier is refused. Tests and demos read
that state back (``GET /_sim/state``) to check that every dossier and step arrived once.

Faults, each call with probability ``fail_rate``, chosen among ``faults``:
  refuse   HTTP 200 with error_code "99" (busy), nothing applied
  502      HTTP 502 from the "gateway", nothing applied
  timeout  the answer never comes (the connection hangs, then closes); half of them after
           applying the call
  reset    the connection is reset before anything is applied
  lost     the call is applied, then the connection is reset: the answer is lost
and sessions expire every ``session_calls`` calls (error_code "401", "session expired").
``down`` refuses connections altogether (the portal is off).

Plain asyncio streams rather than a web framework: a fault must be able to cut the TCP
connection at exactly the right moment (SO_LINGER 0 gives the client a real RST).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import secrets
import socket
import struct
import threading
from dataclasses import dataclass, field
from typing import Any

FAULTS = ("refuse", "502", "timeout", "reset", "lost")

REFUSE_BUSY = "99"
SESSION_EXPIRED = "401"
NOT_FOUND = "404"
EXISTS = "409"
INVALID = "422"


@dataclass
class SimSettings:
    fail_rate: float = 0.0
    latency_ms: float = 0.0
    session_calls: int = 0  # 0: sessions never expire
    faults: tuple[str, ...] = FAULTS
    hang_s: float = 30.0
    username: str = ""  # "" accepts any login
    password: str = ""
    unit_code: str = ""  # "" accepts any dstcode
    seed: int | None = None
    down: bool = False
    fail_next: int = 0  # the next N calls fail for sure (first of ``faults``)
    fail_only: tuple[str, ...] = ()  # only these services fail ('' = login); () = all


@dataclass
class SimState:
    dossiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    statistics: list[dict[str, Any]] = field(default_factory=list)
    calls: dict[str, int] = field(default_factory=dict)
    faults: dict[str, int] = field(default_factory=dict)
    refused_creates: int = 0
    logins: int = 0


def _demo_procedures() -> list[dict[str, Any]]:
    from motcua.catalog.generator import real_procedures

    return [
        {
            "MaTTHC": p.code,
            "TenTTHC": p.name,
            "TenLinhVuc": p.field,
            "CapThucHien": p.agency_level,
            "ThoiHanGiaiQuyet": p.processing_time,
            "LePhi": p.fee,
            "MucDo": p.online_level,
            "ThanhPhanHoSo": list(p.papers),
            "CanCuPhapLy": p.legal_basis,
        }
        for p in real_procedures()
    ]


class PortalSim:
    """The portal's logic and state; ``serve()`` puts it on a TCP port."""

    def __init__(self, settings: SimSettings | None = None) -> None:
        self.settings = settings or SimSettings()
        self.state = SimState()
        self.procedures = _demo_procedures()
        self._sessions: dict[str, int] = {}  # token -> calls left (-1: unlimited)
        self._rng = random.Random(self.settings.seed)
        self._lock = threading.Lock()  # state is read from other threads (tests)

    # ------------------------------------------------------------------ state

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return json.loads(
                json.dumps(
                    {
                        "dossiers": self.state.dossiers,
                        "statistics": self.state.statistics,
                        "calls": self.state.calls,
                        "faults": self.state.faults,
                        "refused_creates": self.state.refused_creates,
                        "logins": self.state.logins,
                        "settings": {
                            "fail_rate": self.settings.fail_rate,
                            "latency_ms": self.settings.latency_ms,
                            "session_calls": self.settings.session_calls,
                            "faults": list(self.settings.faults),
                            "down": self.settings.down,
                        },
                    },
                    ensure_ascii=False,
                )
            )

    def control(self, changes: dict[str, Any]) -> None:
        with self._lock:
            for key, value in changes.items():
                if key in ("faults", "fail_only"):
                    value = tuple(value)
                if hasattr(self.settings, key):
                    setattr(self.settings, key, value)

    def add_foreign_step(self, code: str, step: dict[str, Any]) -> bool:
        """A step recorded at the portal by someone else (the office that processes it)."""
        with self._lock:
            dossier = self.state.dossiers.get(code)
            if dossier is None:
                return False
            dossier["QuaTrinhXuLy"].append(dict(step, MaHoSo=code))
            if step.get("TrangThai"):
                dossier["TrangThaiHoSo"] = str(step["TrangThai"])
            return True

    # ------------------------------------------------------------------ protocol

    def pick_fault(self, service: str = "") -> str | None:
        with self._lock:
            s = self.settings
            if not s.faults or (s.fail_only and service not in s.fail_only):
                return None
            if s.fail_next > 0:
                s.fail_next -= 1
                fault = s.faults[0]
            elif s.fail_rate <= 0 or self._rng.random() >= s.fail_rate:
                return None
            else:
                fault = self._rng.choice(s.faults)
            if fault == "timeout" and self._rng.random() < 0.5:
                fault = "timeout-applied"
            self.state.faults[fault] = self.state.faults.get(fault, 0) + 1
            return fault

    def handle(self, body: Any, headers: dict[str, str]) -> dict[str, Any]:
        """Apply one protocol call; returns the JSON answer."""
        with self._lock:
            return self._handle(body, headers)

    def _handle(self, body: Any, headers: dict[str, str]) -> dict[str, Any]:
        s, st = self.settings, self.state
        if not isinstance(body, dict):
            return {"error_code": "400", "message": "body must be a JSON object"}
        if "service" not in body:
            st.calls["login"] = st.calls.get("login", 0) + 1
            if s.unit_code and headers.get("dstcode") != s.unit_code:
                return {"error_code": "403", "message": "unknown dstcode"}
            if s.username and (
                body.get("username") != s.username or body.get("password") != s.password
            ):
                return {"error_code": "403", "message": "wrong username or password"}
            token = secrets.token_hex(8)
            self._sessions[token] = s.session_calls if s.session_calls > 0 else -1
            st.logins += 1
            return {"error_code": "0", "session": token}
        service = str(body["service"])
        st.calls[service] = st.calls.get(service, 0) + 1
        token = str(body.get("session", ""))
        left = self._sessions.get(token)
        if left is None or left == 0:
            self._sessions.pop(token, None)
            return {"error_code": SESSION_EXPIRED, "message": "session expired / phiên hết hạn"}
        if left > 0:
            self._sessions[token] = left - 1
        handler = {
            "TraCuuHoSo": self._lookup,
            "DongBoHoSoMC": self._sync_dossier,
            "CapNhatTienDoHoSoMC": self._add_steps,
            "LayDanhSachTTHC": self._list_procedures,
            "LayThuTuc": self._procedure,
        }.get(service)
        if handler is None:
            if service.startswith("DongBoThongKe"):
                st.statistics.append({"service": service, **body, "session": ""})
                return {"error_code": "0", "message": "ok"}
            return {"error_code": "400", "message": f"unknown service {service}"}
        return handler(body)

    def _lookup(self, body: dict[str, Any]) -> dict[str, Any]:
        dossier = self.state.dossiers.get(str(body.get("mahoso", "")))
        return {"error_code": "0", "result": [json.loads(json.dumps(dossier))] if dossier else []}

    def _sync_dossier(self, body: dict[str, Any]) -> dict[str, Any]:
        updating = str(body.get("isUpdating", "False")).lower() == "true"
        items = body.get("data")
        if not isinstance(items, list) or not items:
            return {"error_code": INVALID, "message": "data must be a non-empty list"}
        for item in items:
            if not isinstance(item, dict) or not item.get("MaHoSo") or not item.get("MaTTHC"):
                return {"error_code": INVALID, "message": "MaHoSo and MaTTHC are required"}
            status = str(item.get("TrangThaiHoSo", ""))
            if not status.isdigit() or not 1 <= int(status) <= 10:
                return {"error_code": INVALID, "message": "TrangThaiHoSo must be 1..10"}
        for item in items:
            code = item["MaHoSo"]
            existing = self.state.dossiers.get(code)
            if not updating and existing is not None:
                self.state.refused_creates += 1
                return {"error_code": EXISTS, "message": f"dossier exists: {code}"}
            if updating and existing is None:
                return {"error_code": NOT_FOUND, "message": f"unknown dossier: {code}"}
        for item in items:
            code = item["MaHoSo"]
            existing = self.state.dossiers.get(code)
            steps = existing["QuaTrinhXuLy"] if existing else []
            record = {k: v for k, v in item.items() if k != "QuaTrinhXuLy"}
            record["QuaTrinhXuLy"] = steps
            record["_creates"] = existing["_creates"] if existing else 1
            record["_updates"] = existing["_updates"] + 1 if existing else 0
            self.state.dossiers[code] = record
        return {"error_code": "0", "message": "ok"}

    def _add_steps(self, body: dict[str, Any]) -> dict[str, Any]:
        items = body.get("data")
        if not isinstance(items, list) or not items:
            return {"error_code": INVALID, "message": "data must be a non-empty list"}
        for item in items:
            if not isinstance(item, dict) or item.get("MaHoSo") not in self.state.dossiers:
                return {"error_code": NOT_FOUND, "message": "unknown dossier"}
        for item in items:
            dossier = self.state.dossiers[item["MaHoSo"]]
            dossier["QuaTrinhXuLy"].append(dict(item))
            if str(item.get("TrangThai", "")).isdigit():
                dossier["TrangThaiHoSo"] = str(item["TrangThai"])
        return {"error_code": "0", "message": "ok"}

    def _list_procedures(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"error_code": "0", "result": self.procedures}

    def _procedure(self, body: dict[str, Any]) -> dict[str, Any]:
        code = body.get("maTTHC")
        found = [p for p in self.procedures if p["MaTTHC"] == code]
        return {"error_code": "0", "result": found}

    # ------------------------------------------------------------------ TCP

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    return
                method, path, headers, raw = request
                if self.settings.down and not path.startswith("/_sim/"):
                    _abort(writer)
                    return
                if path.startswith("/_sim/"):
                    status, answer = self._control_request(method, path, raw)
                    _write_json(writer, status, answer)
                    await writer.drain()
                    continue
                if self.settings.latency_ms:
                    await asyncio.sleep(self.settings.latency_ms / 1000)
                try:
                    body = json.loads(raw or b"null")
                except ValueError:
                    body = None
                service = str(body.get("service", "")) if isinstance(body, dict) else ""
                fault = self.pick_fault(service)
                if fault == "refuse":
                    answer = {"error_code": REFUSE_BUSY, "message": "hệ thống bận / busy"}
                    _write_json(writer, 200, answer)
                elif fault == "502":
                    _write_raw(writer, 502, b"<html>502 Bad Gateway</html>", "text/html")
                elif fault == "reset":
                    _abort(writer)
                    return
                elif fault in ("timeout", "timeout-applied"):
                    if fault == "timeout-applied":
                        self.handle(body, headers)
                    await asyncio.sleep(self.settings.hang_s)
                    _abort(writer)
                    return
                elif fault == "lost":
                    self.handle(body, headers)
                    _abort(writer)
                    return
                else:
                    _write_json(writer, 200, self.handle(body, headers))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    def _control_request(self, method: str, path: str, raw: bytes) -> tuple[int, Any]:
        if path == "/_sim/state":
            return 200, self.snapshot()
        if path == "/_sim/control" and method == "POST":
            self.control(json.loads(raw or b"{}"))
            return 200, {"ok": True}
        if path == "/_sim/step" and method == "POST":
            data = json.loads(raw or b"{}")
            ok = self.add_foreign_step(str(data.get("MaHoSo", "")), data)
            return (200 if ok else 404), {"ok": ok}
        return 404, {"error": "unknown"}


async def _read_request(
    reader: asyncio.StreamReader,
) -> tuple[str, str, dict[str, str], bytes] | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        return None
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) < 2:
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    length = int(headers.get("content-length", "0") or 0)
    body = await reader.readexactly(length) if length else b""
    return parts[0], parts[1], headers, body


def _write_raw(writer: asyncio.StreamWriter, status: int, body: bytes, ctype: str) -> None:
    reason = {200: "OK", 404: "Not Found", 502: "Bad Gateway"}.get(status, "Status")
    writer.write(
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n".encode()
        + body
    )


def _write_json(writer: asyncio.StreamWriter, status: int, answer: Any) -> None:
    body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    _write_raw(writer, status, body, "application/json; charset=utf-8")


def _abort(writer: asyncio.StreamWriter) -> None:
    """Close with RST (SO_LINGER 0): the client sees 'connection reset by peer'."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport = writer.transport
    transport.abort()


class SimServer:
    """The simulator on 127.0.0.1:port in a background thread (tests, the bench, demos)."""

    def __init__(self, sim: PortalSim, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sim = sim
        self.host = host
        self.port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._ready = threading.Event()
        self._refusing: socket.socket | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def start(self) -> SimServer:
        self._thread = threading.Thread(target=self._run, name="portal-sim", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("portal-sim did not start")
        return self

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        loop.run_until_complete(self._start_server())
        self._ready.set()
        loop.run_forever()
        loop.run_until_complete(self._close_server())
        loop.close()

    async def _start_server(self) -> None:
        self._server = await asyncio.start_server(
            self.sim._connection, self.host, self.port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _close_server(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 1)
            self._server = None

    def set_down(self, down: bool) -> None:
        """Down: the port refuses connections (the portal is off); up: it serves again."""
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(
            self._close_server() if down else self._start_server(), self._loop
        )
        future.result(10)
        self.sim.settings.down = down

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(5)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
        self._loop = None

    async def _shutdown(self) -> None:
        await self._close_server()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def __enter__(self) -> SimServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
