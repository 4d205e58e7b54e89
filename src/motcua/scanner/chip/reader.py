"""The PC/SC card-reader driver: pyscard's low-level ``scard`` API over ``pcscd``.

URLs: ``pcsc://`` (the first reader that holds a card) and ``pcsc://READER%20NAME``
(a reader whose name starts with the decoded text, e.g. ``pcsc://ACS%20ACR122U``),
registered in the device registry (family ``card_reader``; ``sim://`` is in sim.py).

Why the low-level API: pyscard's monitors keep one PC/SC context for the life of the
process, and that context is dead after ``pcscd`` restarts (HARDWARE.md, pyscard #27,
#82, #128). Here every error that means "the service or the reader went away" drops the
context and the next call makes a new one, so the kiosk recovers by itself when the reader
is unplugged and plugged back or when ``pcscd`` restarts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote, urlsplit

from motcua.devices import DeviceHealth, DeviceUrl, register
from motcua.scanner.chip.errors import ChipError, card_removed, no_card, no_reader, unreadable

log = logging.getLogger(__name__)

# scard error codes (unsigned), named as in winscard.h
_REMOVED = {0x80100069, 0x8010000C, 0x80100068, 0x80100067, 0x80100066}
_GONE = {0x80100017, 0x80100009, 0x8010001D, 0x8010001E, 0x8010002E, 0x80100003, 0x80100013}
_TIMEOUT = 0x8010000A


def _u(code: int) -> int:
    return code & 0xFFFFFFFF


def parse_reader_url(url: str) -> str | None:
    """``pcsc://`` -> None (first reader with a card); ``pcsc://NAME`` -> the name prefix."""
    parts = urlsplit(url)
    if parts.scheme != "pcsc":
        raise ChipError(
            "Địa chỉ đầu đọc thẻ không đúng (cần pcsc://).",
            f"Card reader URL must be pcsc:// or pcsc://READER%20NAME, got {url!r}",
            "bad_url",
        )
    name = unquote(parts.netloc + parts.path).strip()
    return name or None


class CardConnection(Protocol):
    """One card session (a ``Transport`` for the access-control and file code)."""

    reader: str

    @property
    def atr(self) -> bytes: ...

    def transmit(self, apdu: bytes) -> tuple[bytes, int]: ...

    def close(self) -> None: ...


class CardReader(Protocol):
    """What the kiosk, the CLI and ``devices test card-reader`` use: PC/SC or sim."""

    url: str

    def readers(self) -> list[str]: ...

    def card_states(self) -> dict[str, bool]: ...

    def connect(self) -> CardConnection: ...

    def health(self) -> DeviceHealth: ...

    def close(self) -> None: ...


def reader_health(reader: CardReader, device: str = "card_reader") -> DeviceHealth:
    """ok with or without a card; error when pcscd or the reader is gone."""
    try:
        states = reader.card_states()
    except ChipError as exc:
        return DeviceHealth.error(device, "no_reader", exc.message_vi, exc.message_en)
    if not states:
        return DeviceHealth.error(
            device,
            "no_reader",
            "Không thấy đầu đọc thẻ: cắm lại đầu đọc USB",
            f"No card reader ({reader.url}): replug the USB reader",
        )
    present = [n for n, p in states.items() if p]
    if present:
        return DeviceHealth.ok(device, f"Có thẻ trên {present[0]}", f"Card on {present[0]}")
    return DeviceHealth.ok(
        device, "Sẵn sàng, chưa có thẻ", f"Ready, no card ({len(states)} reader(s))"
    )


@dataclass(frozen=True)
class ReaderEvent:
    kind: str  # "inserted" | "removed" | "reader_added" | "reader_removed" | "service_lost"
    reader: str


class PcscConnection:
    """One card session; a ``Transport`` for the access-control and file code."""

    def __init__(self, hcard: int, protocol: int, reader: str) -> None:
        self.hcard = hcard
        self.protocol = protocol
        self.reader = reader

    def _raw(self, apdu: bytes) -> tuple[bytes, int]:
        from smartcard import scard

        hresult, response = scard.SCardTransmit(self.hcard, self.protocol, list(apdu))
        code = _u(hresult)
        # NOT_TRANSACTED is what vpcd and most readers say when the card leaves mid-APDU.
        if code in _REMOVED or code in _GONE or code == 0x80100016:
            raise card_removed()
        if code != 0:
            raise unreadable(f"SCardTransmit: {scard.SCardGetErrorMessage(hresult)}")
        if len(response) < 2:
            raise unreadable("the card answered less than a status word")
        return bytes(response[:-2]), (response[-2] << 8) | response[-1]

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        data, sw = self._raw(apdu)
        if sw >> 8 == 0x6C and len(apdu) >= 5:  # wrong Le: the card says the right one
            data, sw = self._raw(apdu[:-1] + bytes([sw & 0xFF]))
        while sw >> 8 == 0x61:  # more data: GET RESPONSE
            more, sw = self._raw(bytes([0x00, 0xC0, 0x00, 0x00, sw & 0xFF]))
            data += more
        return data, sw

    @property
    def atr(self) -> bytes:
        """The card's answer to reset (b"" when the card cannot say)."""
        from smartcard import scard

        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(self.hcard)
        return bytes(atr) if hresult == 0 else b""

    def close(self) -> None:
        from smartcard import scard

        scard.SCardDisconnect(self.hcard, scard.SCARD_RESET_CARD)


class PcscReader:
    """A reader chosen by URL. Thread-safe; recreates its PC/SC context when it breaks."""

    def __init__(self, url: str = "pcsc://") -> None:
        self.url = url
        self.name_prefix = parse_reader_url(url)
        self._ctx: int | None = None
        self._lock = threading.RLock()
        self.last_error = ""

    # -- context -------------------------------------------------------------
    def _context(self) -> int:
        from smartcard import scard

        with self._lock:
            if self._ctx is None:
                hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
                if hresult != 0:
                    self.last_error = scard.SCardGetErrorMessage(hresult)
                    raise no_reader(f"pcscd: {self.last_error}")
                self._ctx = ctx
            return self._ctx

    def _drop_context(self) -> None:
        from smartcard import scard

        with self._lock:
            if self._ctx is not None:
                scard.SCardReleaseContext(self._ctx)
                self._ctx = None

    # -- readers and cards ------------------------------------------------------
    def readers(self) -> list[str]:
        """The readers pcscd knows (matching the URL's name, if any)."""
        from smartcard import scard

        for attempt in (1, 2):
            hresult, names = scard.SCardListReaders(self._context(), [])
            code = _u(hresult)
            if code == 0x8010002E:  # no readers
                return []
            if code in _GONE and attempt == 1:
                self._drop_context()  # pcscd restarted: a fresh context, once
                continue
            if code != 0:
                self.last_error = scard.SCardGetErrorMessage(hresult)
                self._drop_context()
                raise no_reader(self.last_error)
            if self.name_prefix is None:
                return list(names)
            return [n for n in names if n.startswith(self.name_prefix)]
        return []

    def card_states(self) -> dict[str, bool]:
        """Reader name -> a card is present."""
        from smartcard import scard

        names = self.readers()
        if not names:
            return {}
        states = [(n, scard.SCARD_STATE_UNAWARE) for n in names]
        hresult, result = scard.SCardGetStatusChange(self._context(), 0, states)
        code = _u(hresult)
        if code in _GONE:
            self._drop_context()
            return {}
        if code not in (0, _TIMEOUT):
            raise no_reader(scard.SCardGetErrorMessage(hresult))
        return {name: bool(state & scard.SCARD_STATE_PRESENT) for name, state, _atr in result}

    def connect(self) -> PcscConnection:
        from smartcard import scard

        states = self.card_states()
        if not states:
            raise no_reader(self.name_prefix or "")
        with_card = [n for n, present in states.items() if present]
        if not with_card:
            raise no_card()
        name = with_card[0]
        hresult, hcard, protocol = scard.SCardConnect(
            self._context(),
            name,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        code = _u(hresult)
        if code in _REMOVED:
            raise no_card()
        if code in _GONE:
            self._drop_context()
            raise no_reader(scard.SCardGetErrorMessage(hresult))
        if code != 0:
            raise unreadable(f"SCardConnect: {scard.SCardGetErrorMessage(hresult)}")
        return PcscConnection(hcard, protocol, name)

    def health(self) -> DeviceHealth:
        return reader_health(self)

    def close(self) -> None:
        self._drop_context()


@register(
    "card_reader",
    "pcsc",
    example="pcsc://ACS%20ACR1252",
    summary="a PC/SC reader over pcscd (a name prefix; none: the first with a card)",
)
def _open_pcsc(url: DeviceUrl) -> PcscReader:
    return PcscReader(url.text if url.text.startswith("pcsc://") else "pcsc://")


@register("card_reader", "none", example="none://", target="none")
def _open_none(url: DeviceUrl) -> None:
    """No card reader at this kiosk."""
    return None


def open_card_reader(url: str) -> CardReader:
    """The reader for ``url`` (``pcsc://...`` or ``sim://...``); ChipError when none."""
    from motcua.devices import DeviceUrlError, open_device

    try:
        reader = open_device("card_reader", url)
    except DeviceUrlError as exc:
        raise ChipError(exc.message_vi, exc.message_en, "bad_url") from None
    if reader is None:
        raise ChipError(
            "Chưa cấu hình đầu đọc thẻ",
            "No card reader is configured ([devices] card_reader)",
            "no_reader",
        )
    return reader


class CardWatcher:
    """A thread that reports cards put on and taken off, and survives pcscd restarts.

    It polls ``card_states`` (cheap: one SCardGetStatusChange with a zero timeout) and
    compares with the last answer; any PC/SC failure drops the context, reports
    ``service_lost`` once, and the next poll reconnects.
    """

    def __init__(
        self, reader: CardReader, on_event: Callable[[ReaderEvent], None], interval: float = 0.25
    ) -> None:
        self.reader = reader
        self.on_event = on_event
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.states: dict[str, bool] = {}
        self._lost = False

    def start(self) -> CardWatcher:
        self._thread = threading.Thread(target=self._run, name="pcsc-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def poll(self) -> None:
        try:
            now = self.reader.card_states()
            self._lost = False
        except ChipError:
            self._drop()
            if not self._lost:
                self._lost = True
                self._emit(ReaderEvent("service_lost", ""))
            now = {}
        old = self.states
        for name in old.keys() - now.keys():
            if old[name]:
                self._emit(ReaderEvent("removed", name))
            self._emit(ReaderEvent("reader_removed", name))
        for name, present in now.items():
            if name not in old:
                self._emit(ReaderEvent("reader_added", name))
                if present:
                    self._emit(ReaderEvent("inserted", name))
            elif present != old[name]:
                self._emit(ReaderEvent("inserted" if present else "removed", name))
        self.states = now

    def _drop(self) -> None:
        drop = getattr(self.reader, "_drop_context", None)
        if drop is not None:
            drop()

    def _emit(self, event: ReaderEvent) -> None:
        try:
            self.on_event(event)
        except Exception:  # a listener's bug must not kill the watcher (pyscard #82)
            log.exception("card event listener failed on %s", event.kind)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll()
            except Exception:
                log.exception("card watcher poll failed; retrying")
                self._drop()
            self._stop.wait(self.interval)
