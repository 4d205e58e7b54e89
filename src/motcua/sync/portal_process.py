"""The portal adapter in a process of its own, so its work never holds the center's GIL.

The center answers the hall (tickets, calls, the display's events) from one Python
interpreter. The portal sync's HTTP and JSON work — a few hundred microseconds of Python
per call, a hundred calls a second while a backlog drains — shares that interpreter's GIL
and showed in the ticket-issue p99 (docs/developers/benchmarks.md, issue 11). So the
adapter (``DvcqgPortal``) runs in a child process, ``python -m motcua.sync.portal_process``,
and the center holds a ``PortalProcess``: the same ``Portal`` interface, each call sent
over a private socket pair as one pickled frame and answered by one. Everything that
decides what a row's state is — claiming rows, marking them delivered, failed or dead,
the read-back before a repeat — stays in the center, with its one writer; the child only
speaks to the portal.

- The child builds the adapter from ``[portal]`` itself (the password file is read there
  and never crosses the pipe) and answers calls from a pool of threads, as many as the
  sender keeps in flight plus the pulls.
- The child ends when the center does, however it ends (a SIGKILL included): its socket
  reaches end-of-file and it exits at once, dropping calls in flight, as the center's own
  threads would have been dropped.
- A call whose child died, or that got no answer within the adapter's own worst case,
  fails as ``reset`` with ``maybe_applied`` (the request may have reached the portal: the
  sender reads back before repeating); the next call starts a new child. A child that
  cannot start fails the call as ``unreachable`` (nothing was sent): the sender pauses.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import pickle
import signal
import socket
import struct
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from motcua.config import PortalConfig
from motcua.sync.portal import (
    RESET,
    UNREACHABLE,
    DossierPayload,
    Portal,
    PortalDossier,
    PortalError,
    PortalProcedure,
    StepPayload,
)

log = logging.getLogger(__name__)

_HEADER = struct.Struct("!I")
MAX_FRAME = 64 * 1024 * 1024  # a catalog answer is the largest: a few MB
# The calls the child answers: the Portal interface's, one list (close is the socket's EOF).
_CALLS = frozenset(
    name
    for name, attr in vars(Portal).items()
    if callable(attr) and not name.startswith("_") and name != "close"
)


def _send(sock: socket.socket, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(data)) + data)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    parts, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _recv(sock: socket.socket) -> Any:
    """One frame, or None at end-of-file."""
    head = _recv_exact(sock, _HEADER.size)
    if head is None:
        return None
    (size,) = _HEADER.unpack(head)
    if size > MAX_FRAME:
        raise ValueError(f"portal process: frame of {size} bytes")
    body = _recv_exact(sock, size)
    if body is None:
        return None
    return pickle.loads(body)  # a private socket pair between our own two processes


@dataclass(frozen=True)
class _Start:
    """The first frame to the child: what it builds the adapter from."""

    config: PortalConfig
    unit_code: str
    workers: int
    log_level: int


class _Call:
    __slots__ = ("done", "ok", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.ok = False
        self.value: Any = None

    def settle(self, ok: bool, value: Any) -> None:
        self.ok, self.value = ok, value
        self.done.set()


class _Child:
    """One child process, its socket and the calls it owes answers to."""

    def __init__(self, proc: subprocess.Popen[bytes], sock: socket.socket) -> None:
        self.proc = proc
        self.sock = sock
        self.pending: dict[int, _Call] = {}
        self.send_lock = threading.Lock()
        self.over = False

    def end(self) -> None:
        """Close the socket (the child exits at its end-of-file) and reap it."""
        self.over = True
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes our reader; the child sees EOF
        self.sock.close()
        try:
            self.proc.wait(2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


class PortalProcess:
    """A ``Portal`` whose adapter runs in a child process (see the module text)."""

    def __init__(self, config: PortalConfig, unit_code: str = "", *, workers: int = 0) -> None:
        self.config = config
        self.unit_code = unit_code
        self.workers = workers or config.max_in_flight + 2  # the sender's, plus the pulls
        # The adapter's worst case for one call: a login, the call, a renewed session and
        # the call again (an LGSP token too), each up to timeout_s; then some slack.
        self.answer_timeout_s = 5 * config.timeout_s + 5.0
        self._lock = threading.Lock()
        self._child: _Child | None = None
        self._ids = itertools.count(1)
        self._closed = False
        self.starts = 0  # children started (figures; a test counts restarts)

    def __repr__(self) -> str:  # never the password
        return f"PortalProcess({self.config.url!r}, pid={self.pid})"

    @property
    def pid(self) -> int | None:
        child = self._child
        return child.proc.pid if child is not None and child.proc.poll() is None else None

    # ------------------------------------------------------------------ the child

    def _current(self) -> _Child:
        with self._lock:
            if self._closed:
                raise PortalError(UNREACHABLE, "the portal process is closed")
            child = self._child
            if child is not None and not child.over and child.proc.poll() is None:
                return child
            if child is not None:
                self._retire(child)
            child = self._child = self._spawn()
            self.starts += 1
        threading.Thread(
            target=self._read_answers, args=(child,), name="motcua-portal-answers", daemon=True
        ).start()
        return child

    def _spawn(self) -> _Child:
        ours, theirs = socket.socketpair()
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "motcua.sync.portal_process", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        except OSError as exc:
            ours.close()
            raise PortalError(UNREACHABLE, f"portal process: {exc.strerror}") from exc
        finally:
            theirs.close()
        child = _Child(proc, ours)
        try:
            _send(ours, _Start(self.config, self.unit_code, self.workers, log.getEffectiveLevel()))
        except OSError as exc:
            child.end()
            raise PortalError(UNREACHABLE, "portal process did not start") from exc
        return child

    def _retire(self, child: _Child) -> None:
        """This child is over (under ``_lock``): end it; its reader fails its calls."""
        if self._child is child:
            self._child = None
        if not child.over:
            threading.Thread(target=child.end, name="motcua-portal-reap", daemon=True).start()
            child.over = True

    def _read_answers(self, child: _Child) -> None:
        try:
            while True:
                frame = _recv(child.sock)
                if frame is None:
                    break
                call_id, ok, value = frame
                with self._lock:
                    call = child.pending.pop(call_id, None)
                if call is not None:
                    call.settle(ok, value)
        except (OSError, ValueError, pickle.UnpicklingError, EOFError):
            if not child.over:
                log.warning("portal process: its answers could not be read")
        with self._lock:
            was_over = child.over
            self._retire(child)
            orphans = list(child.pending.values())
            child.pending.clear()
        code = child.proc.poll()
        if not was_over and not self._closed:
            log.warning("portal process ended (exit status %s); the next call starts one", code)
        for call in orphans:
            call.settle(False, ("reset", "the portal process ended"))

    # ------------------------------------------------------------------ calls

    def _call(self, method: str, *args: Any) -> Any:
        child = self._current()
        call = _Call()
        call_id = next(self._ids)
        with self._lock:
            if child.over:
                raise PortalError(UNREACHABLE, "the portal process ended before the call")
            child.pending[call_id] = call
        try:
            with child.send_lock:
                _send(child.sock, (call_id, method, args))
        except OSError as exc:
            with self._lock:
                child.pending.pop(call_id, None)
                self._retire(child)
            raise PortalError(RESET, "the portal process ended", maybe_applied=True) from exc
        if not call.done.wait(self.answer_timeout_s):
            with self._lock:
                child.pending.pop(call_id, None)
                self._retire(child)  # wedged: the next call starts a new child
            raise PortalError(RESET, "the portal process gave no answer", maybe_applied=True)
        if call.ok:
            return call.value
        kind, *rest = call.value
        if kind == "reset":
            raise PortalError(RESET, rest[0], maybe_applied=True)
        if kind == "portal":
            pkind, message, permanent, maybe_applied, code = rest
            raise PortalError(
                pkind, message, permanent=permanent, maybe_applied=maybe_applied, code=code
            )
        raise RuntimeError(f"portal process: {rest[0]}")  # a bug in the adapter: its name

    def get_dossier(self, code: str) -> PortalDossier | None:
        result: PortalDossier | None = self._call("get_dossier", code)
        return result

    def create_dossier(self, dossier: DossierPayload) -> None:
        self._call("create_dossier", dossier)

    def update_dossier(self, dossier: DossierPayload) -> None:
        self._call("update_dossier", dossier)

    def add_steps(self, steps: list[StepPayload]) -> None:
        self._call("add_steps", list(steps))

    def list_procedures(self) -> list[PortalProcedure]:
        result: list[PortalProcedure] = self._call("list_procedures")
        return result

    def get_procedure(self, code: str) -> PortalProcedure | None:
        result: PortalProcedure | None = self._call("get_procedure", code)
        return result

    def push_statistics(self, day: str, figures: dict[str, Any]) -> None:
        self._call("push_statistics", day, figures)

    def close(self) -> None:
        """End the child (its socket's end-of-file ends it; then it is waited for)."""
        with self._lock:
            self._closed = True
            child, self._child = self._child, None
        if child is not None and not child.over:
            child.end()


# ---------------------------------------------------------------------- child side


def _answer(portal: Any, sock: socket.socket, lock: threading.Lock, frame: Any) -> None:
    call_id, method, args = frame
    try:
        if method not in _CALLS:
            raise ValueError(f"no such portal call {method!r}")
        reply: tuple[int, bool, Any] = (call_id, True, getattr(portal, method)(*args))
    except PortalError as exc:
        wire = ("portal", exc.kind, exc.message, exc.permanent, exc.maybe_applied, exc.code)
        reply = (call_id, False, wire)
    except Exception as exc:
        log.exception("portal call %s failed", method)
        reply = (call_id, False, ("bug", type(exc).__name__))
    try:
        with lock:
            _send(sock, reply)
    except OSError:
        os._exit(0)  # the center is gone


def serve_child(fd: int) -> None:
    """The child's life: build the adapter, answer calls until end-of-file, exit at once."""
    sock = socket.socket(fileno=fd)
    start = _recv(sock)
    if not isinstance(start, _Start):
        os._exit(2)
    logging.basicConfig(
        level=start.log_level, format="%(asctime)s portal-process %(levelname)s %(message)s"
    )
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the center's to handle
    from motcua.sync.dvcqg import DvcqgPortal

    portal = DvcqgPortal.from_config(start.config, start.unit_code)
    lock = threading.Lock()
    pool = ThreadPoolExecutor(start.workers, "motcua-portal-call")
    while True:
        try:
            frame = _recv(sock)
        except (OSError, ValueError, pickle.UnpicklingError, EOFError):
            frame = None
        if frame is None:
            # The center ended (or closed us): calls in flight are dropped, as they would
            # have been with the center's own threads; their rows are in flight in the
            # database and come back ready and uncertain when the center starts.
            os._exit(0)
        pool.submit(_answer, portal, sock, lock, frame)


if __name__ == "__main__":
    # the module's own names, not __main__'s: the frames it unpickles name them
    from motcua.sync import portal_process

    portal_process.serve_child(int(sys.argv[1]))
