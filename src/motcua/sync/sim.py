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
connection at exactly the right moment (SO_LINGER 0 gives the client a real RST). This
module is that wire (``SimServer``); the portal's logic and state are ``sim_portal.py``,
whose names are importable from here too.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct
import threading
from functools import partial
from typing import Any

from motcua.sync.sim_portal import FAULTS, REFUSE_BUSY, PortalSim, SimSettings, SimState

# The simulator's names as callers import them (motcua portal-sim, tests).
__all__ = ["FAULTS", "PortalSim", "SimServer", "SimSettings", "SimState"]


async def _serve(
    sim: PortalSim, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """One client connection: its requests in turn, each answered or faulted."""
    try:
        while True:
            request = await _read_request(reader)
            if request is None:
                return
            method, path, headers, raw = request
            if sim.settings.down and not path.startswith("/_sim/"):
                _abort(writer)
                return
            if path.startswith("/_sim/"):
                status, answer = _control_request(sim, method, path, raw)
                _write_json(writer, status, answer)
                await writer.drain()
                continue
            if sim.settings.latency_ms:
                await asyncio.sleep(sim.settings.latency_ms / 1000)
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                body = None
            service = str(body.get("service", "")) if isinstance(body, dict) else ""
            fault = sim.pick_fault(service)
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
                    sim.handle(body, headers)
                await asyncio.sleep(sim.settings.hang_s)
                _abort(writer)
                return
            elif fault == "lost":
                sim.handle(body, headers)
                _abort(writer)
                return
            else:
                _write_json(writer, 200, sim.handle(body, headers))
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        return
    finally:
        with contextlib.suppress(Exception):
            writer.close()


def _control_request(sim: PortalSim, method: str, path: str, raw: bytes) -> tuple[int, Any]:
    """The ``/_sim/`` endpoints: read the state, change the settings, add a step."""
    if path == "/_sim/state":
        return 200, sim.snapshot()
    if path == "/_sim/control" and method == "POST":
        sim.control(json.loads(raw or b"{}"))
        return 200, {"ok": True}
    if path == "/_sim/step" and method == "POST":
        data = json.loads(raw or b"{}")
        ok = sim.add_foreign_step(str(data.get("MaHoSo", "")), data)
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
            partial(_serve, self.sim), self.host, self.port, reuse_address=True
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
