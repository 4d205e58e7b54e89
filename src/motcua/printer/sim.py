"""The sim:// printer: an honest virtual ESC/POS printer.

``SimDevice`` is the printer itself: it parses the bytes it receives, answers
DLE EOT status queries like a real printer, keeps each job (bytes, decoded
operations, a rendered picture), and can be told to run out of paper, go
offline, open its cover or fall silent — then it answers so, and refuses to
print what it is sent while not ready. ``SimPrinter`` is a ``Printer`` wired to
a ``SimDevice`` in-process. ``serve_stream`` lets a ``SimDevice`` sit at the far
end of a real line (a pty, a TCP connection), which is how the tests check
the serial and TCP transports.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from motcua.clock import Clock
from motcua.printer.decoder import Cut, Init, Op, Parser, StatusQuery
from motcua.printer.fonts import FontSet
from motcua.printer.paper import render_ops
from motcua.printer.printer import Printer
from motcua.printer.profiles import PrinterProfile
from motcua.printer.transports import TransportError


@dataclass
class SimJob:
    """One job as the printer received it."""

    data: bytes
    ops: list[Op]
    paper_dots: int
    fonts: FontSet = field(repr=False, default_factory=FontSet)
    _image: Image.Image | None = field(default=None, repr=False)

    def image(self) -> Image.Image:
        """The job drawn as it would come out of the printer."""
        if self._image is None:
            self._image = render_ops(self.ops, self.paper_dots, self.fonts)
        return self._image


class SimDevice:
    """The virtual printer's state and firmware (thread-safe)."""

    def __init__(
        self, paper_dots: int = 576, out_dir: str | Path | None = None, fonts: FontSet | None = None
    ) -> None:
        self.paper_dots = paper_dots
        self.out_dir = Path(out_dir) if out_dir else None
        self.fonts = fonts or FontSet()
        self.jobs: list[SimJob] = []
        self.rejected_bytes = 0  # received while not ready: not printed
        self.paper = "ok"  # "ok" | "near_end" | "out"
        self.offline = False
        self.cover_open = False
        self.silent = False  # answers nothing (a dead back-channel)
        # Status queries left unanswered after each job, like a printer that answers
        # real-time commands only once it has taken a job in.
        self.busy_after_job = 0
        self._busy = 0
        self._parser = Parser()
        self._current: list[Op] = []
        self._current_bytes = bytearray()
        self._replies = bytearray()
        self._lock = threading.Lock()
        self._reply_ready = threading.Condition(self._lock)

    # ---------------------------------------------------------------- state
    @property
    def ready(self) -> bool:
        return self.paper != "out" and not self.offline and not self.cover_open

    # ---------------------------------------------------------------- firmware
    def receive(self, data: bytes) -> None:
        """Bytes from the host."""
        with self._lock:
            if not self.ready:
                self.rejected_bytes += len(data)
            for op, raw in self._parser.feed_spans(data):
                if isinstance(op, StatusQuery):
                    self._answer(op.n)
                    continue
                if not self.ready:
                    continue
                if isinstance(op, Init) and self._has_content():
                    self._close_job()
                self._current_bytes += raw
                if op is None:
                    continue
                self._current.append(op)
                if isinstance(op, Cut):
                    self._close_job()
            self._reply_ready.notify_all()

    def end_of_input(self) -> None:
        """The host finished sending (connection closed, write returned): a job
        without a cut (no cutter) ends here."""
        with self._lock:
            self._current.extend(op for op in self._parser.flush() if self.ready)
            if self._has_content():
                self._close_job()
            self._current_bytes.clear()
            self._current.clear()

    def take_replies(self, size: int, timeout: float) -> bytes:
        """Status bytes for the host, waiting up to ``timeout`` for some."""
        with self._reply_ready:
            if not self._replies:
                self._reply_ready.wait(timeout)
            out = bytes(self._replies[:size])
            del self._replies[:size]
            return out

    def status_byte(self, n: int) -> int:
        if n == 1:
            return 0x12 | (0x08 if not self.ready else 0)
        if n == 2:
            return 0x12 | (0x04 if self.cover_open else 0) | (0x20 if self.paper == "out" else 0)
        if n == 3:
            return 0x12
        if n == 4:
            return 0x12 | {"ok": 0, "near_end": 0x0C, "out": 0x6C}[self.paper]
        raise ValueError(n)

    def _answer(self, n: int) -> None:
        if self._busy:
            self._busy -= 1
            return
        if not self.silent and n in (1, 2, 3, 4):
            self._replies.append(self.status_byte(n))

    def _has_content(self) -> bool:
        return any(not isinstance(op, Init) for op in self._current)

    def _close_job(self) -> None:
        job = SimJob(bytes(self._current_bytes), list(self._current), self.paper_dots, self.fonts)
        self.jobs.append(job)
        self._busy = self.busy_after_job
        self._current.clear()
        self._current_bytes.clear()
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            job.image().save(self.out_dir / f"job-{len(self.jobs):04d}.png")


class SimTransport:
    """The in-process line to a SimDevice."""

    bidirectional = True

    def __init__(self, device: SimDevice, url: str = "sim://") -> None:
        self.device = device
        self.url = url
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def open(self) -> None:
        self._open = True

    def write(self, data: bytes) -> None:
        if not self._open:
            raise TransportError("sim printer not open")
        self.device.receive(data)
        if not data.startswith(b"\x10\x04"):
            self.device.end_of_input()

    def read(self, size: int, timeout: float) -> bytes:
        return self.device.take_replies(size, timeout)

    def discard_input(self) -> None:
        self.device.take_replies(1 << 16, 0)

    def close(self) -> None:
        self._open = False


def serve_stream(
    device: SimDevice,
    recv: Callable[[], bytes | None],
    send: Callable[[bytes], None],
    stop: threading.Event,
) -> None:
    """Run the device at the far end of a real line until ``stop`` or end of input.

    ``recv`` returns received bytes (b"" on a short timeout, None at end of
    input); replies go back through ``send``.
    """
    while not stop.is_set():
        data = recv()
        if data is None:
            break
        if data:
            device.receive(data)
            replies = device.take_replies(1 << 16, 0)
            if replies:
                send(replies)
    device.end_of_input()


class SimPrinter(Printer):
    """``open_printer("sim://")``: a Printer wired to a SimDevice in-process.

    ``sim://?out=/dir`` also saves each job as a PNG in /dir.
    """

    def __init__(
        self,
        profile: PrinterProfile,
        fonts: FontSet,
        *,
        out_dir: str | Path | None = None,
        url: str = "sim://",
        clock: Clock | None = None,
        timezone: str = "Asia/Ho_Chi_Minh",
    ) -> None:
        self.device = SimDevice(profile.width_dots, out_dir=out_dir, fonts=fonts)
        super().__init__(
            SimTransport(self.device, url), profile, fonts, clock=clock, timezone=timezone
        )

    @property
    def jobs(self) -> list[SimJob]:
        return self.device.jobs

    def set_paper_out(self, out: bool = True) -> None:
        self.device.paper = "out" if out else "ok"

    def set_paper_near_end(self, near: bool = True) -> None:
        self.device.paper = "near_end" if near else "ok"

    def set_offline(self, offline: bool = True) -> None:
        self.device.offline = offline

    def set_cover_open(self, open_: bool = True) -> None:
        self.device.cover_open = open_

    def set_silent(self, silent: bool = True) -> None:
        """Stop answering status queries (a dead back-channel)."""
        self.device.silent = silent
