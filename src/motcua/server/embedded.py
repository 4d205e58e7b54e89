"""The center server inside another process: uvicorn on a daemon thread.

The commune office has one PC: the kiosk app hosts the center and the counters on
the LAN connect to it. ``start()`` returns once the socket listens (the socket is
bound here, so port 0 gives a free port and ``url`` knows it at once).
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from fastapi import FastAPI

from motcua.appliance.systemd import Notifier


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def uvicorn_config(app: FastAPI, **overrides: object) -> uvicorn.Config:
    """The server settings shared by `motcua serve` and embedded mode."""
    options: dict[str, object] = {
        "log_level": "warning",
        "access_log": False,
        "http": "httptools",
        "loop": "uvloop",
        "timeout_graceful_shutdown": 2,
        "lifespan": "on",
    }
    options.update(overrides)
    return uvicorn.Config(app, **options)  # type: ignore[arg-type]


class CenterServer(uvicorn.Server):
    """uvicorn that ends the open event streams first when it shuts down.

    An SSE response never finishes by itself; without this, stopping the server would
    wait for ``timeout_graceful_shutdown`` and then cut the streams off mid-write.
    """

    def __init__(
        self, app: FastAPI, config: uvicorn.Config, notifier: Notifier | None = None
    ) -> None:
        super().__init__(config)
        self._center_app = app
        self._notifier = notifier

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self._notifier is not None and self.started:
            self._notifier.ready("serving")

    async def on_tick(self, counter: int) -> bool:
        # uvicorn ticks every 0.1 s on the event loop: a ping from here proves the loop
        # is alive (a ping from a side thread would not).
        if self._notifier is not None:
            self._notifier.ping()
        return await super().on_tick(counter)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self._notifier is not None:
            self._notifier.stopping()
        broadcaster = getattr(self._center_app.state, "broadcaster", None)
        if broadcaster is not None:
            broadcaster.close_streams()
        await super().shutdown(sockets)


class EmbeddedServer:
    def __init__(
        self,
        app: FastAPI,
        host: str = "127.0.0.1",
        port: int = 0,
        sock: socket.socket | None = None,
    ) -> None:
        """``sock``: a socket bound already (``bind_socket``), so that the caller knew
        the real port before building the app (the ticket QR's URL)."""
        self.app = app
        self.host = host
        self.port = port if sock is None else sock.getsockname()[1]
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = sock

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def start(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            raise RuntimeError("server already started")
        if self._sock is None:
            self._sock = bind_socket(self.host, self.port)
        self.port = self._sock.getsockname()[1]
        # No uvloop here: the host process may run its own loop policy (Qt apps).
        server = CenterServer(self.app, uvicorn_config(self.app, loop="asyncio"))
        self._server = server
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [self._sock]}, name="motcua-server", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the embedded server stopped while starting")
            if time.monotonic() > deadline:
                raise TimeoutError("the embedded server did not start in time")
            time.sleep(0.01)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise TimeoutError("the embedded server did not stop in time")
        if self._sock is not None:
            self._sock.close()
        self._server = None
        self._thread = None

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
