"""The technician's console at the kiosk (no Qt): devices, URLs, reachability, the PIN.

Behind the PIN (``TechnicianFlow``), the console lists every device key of the
configuration with its health and a test, and the center's clock while it has jumped
(``center_clock``); offers, for a key, the devices ``motcua devices list`` finds here,
each with its URL; applies a chosen URL live (checked by its driver, written into the
configuration file, the device reopened); says whether the center and the ticket QR's
``public_url`` answer from this kiosk; and changes the PIN. The tests are the ones of
``motcua devices test`` (appliance/device_tests.py), not copies. Every method blocks (a
test page, a scan, discovery): the Qt layer runs them on a worker.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from motcua.appliance.device_tests import TryReport, try_card_reader, try_document_scanner
from motcua.config import Config, ConfigError
from motcua.devices import DeviceHealth, DeviceUrlError, family
from motcua.devices.discovery import Discovery, Found, discover
from motcua.kiosk.center_clock import DEVICE as CLOCK_DEVICE
from motcua.kiosk.center_clock import where_to_act
from motcua.kiosk.devices import SwappablePrinter

log = logging.getLogger(__name__)

#: The device keys the kiosk uses, with the kinds of `devices list` that fit each.
KIOSK_KEYS: dict[str, tuple[str, ...]] = {
    "printer": ("usb_printer", "serial"),
    "id_scanner": ("serial",),
    "document_scanner": ("document_scanner",),
    "card_reader": ("card_reader",),
}
SIM_URLS = {"printer": "sim://", "id_scanner": "sim://", "card_reader": "sim://"}


@dataclass(frozen=True)
class DeviceLine:
    key: str  # the configuration key: printer, id_scanner, ... ("clock": the center's)
    url: str
    health: DeviceHealth
    title_vi: str
    title_en: str
    todo_vi: str = ""  # what the technician does about it, where it is not in the message
    todo_en: str = ""


@dataclass(frozen=True)
class Applied:
    key: str
    url: str
    saved: bool  # written into the configuration file
    live: bool  # the running kiosk uses it now (else: at the next start)
    message_vi: str
    message_en: str


@dataclass(frozen=True)
class Reach:
    what_vi: str
    what_en: str
    url: str
    ok: bool
    detail: str


class TechnicianConsole:
    def __init__(
        self,
        config: Config,
        *,
        config_path: str | None,
        printer: object,
        scanner_health: Callable[[], DeviceHealth],
        open_printer: Callable[[str], object],
        center_url: str,
        out_dir: Path,
        find: Callable[[], Discovery] = discover,
        on_pin_changed: Callable[[str], None] = lambda _hash: None,
        center_clock: Callable[[], DeviceHealth | None] = lambda: None,
        joined_url: str = "",
    ) -> None:
        self.config = config
        self.config_path = config_path
        self._printer = printer
        self._scanner_health = scanner_health
        self._open_printer = open_printer
        self.center_url = center_url
        self.out_dir = out_dir
        self._find = find
        self._on_pin_changed = on_pin_changed
        self._center_clock = center_clock  # center_clock.center_clock_health
        self.joined_url = joined_url  # a joined kiosk's center ("": the center is here)
        self._found: Discovery | None = None

    # ------------------------------------------------------------------ devices
    def url(self, key: str) -> str:
        return str(getattr(self.config.devices, key))

    def devices(self) -> list[DeviceLine]:
        """The kiosk's device keys, then the center's clock while it warns."""
        lines = []
        for key in KIOSK_KEYS:
            fam = family(self.config.devices.urls()[key][0])
            lines.append(
                DeviceLine(key, self.url(key), self.health(key), fam.title_vi, fam.title_en)
            )
        clock = self.center_clock()
        return [*lines, clock] if clock is not None else lines

    def center_clock(self) -> DeviceLine | None:
        """The center's clock jumped (queue/clock_guard.py): what it says and where to act."""
        try:
            health = self._center_clock()
        except Exception:  # the console shows what it can
            log.exception("center clock status failed")
            return None
        if health is None or not health.is_problem:
            return None
        todo_vi, todo_en = where_to_act(self.joined_url)
        host = urlsplit(self.joined_url).netloc  # "": the center is this kiosk
        return DeviceLine(
            CLOCK_DEVICE, host, health, "đồng hồ trung tâm", "center clock", todo_vi, todo_en
        )

    def health(self, key: str) -> DeviceHealth:
        url = self.url(key)
        if key == "printer":
            return self._printer.health()  # type: ignore[attr-defined]
        if key == "id_scanner":
            return self._scanner_health()
        if not url:
            return DeviceHealth.unknown(
                key, "not_configured", "Chưa cấu hình ở máy này", "Not configured at this kiosk"
            )
        from motcua.devices import open_device

        try:
            device = open_device(KIOSK_KEYS_FAMILY[key], url)
        except Exception as exc:  # a driver's open error: the device cannot be used
            vi = getattr(exc, "message_vi", str(exc))
            en = getattr(exc, "message_en", str(exc))
            return DeviceHealth.error(key, "cannot_open", vi, en)
        try:
            health: DeviceHealth = device.health()
            return DeviceHealth(
                key, health.state, health.reason, health.message_vi, health.message_en
            )
        finally:
            device.close()

    def test(self, key: str) -> TryReport:
        url = self.url(key)
        if key == "printer":
            result = self._printer.print_test_page()  # type: ignore[attr-defined]
            return TryReport(result.ok).say(
                f"Trang in thử: {result.message_vi}", f"Test page: {result.message_en}"
            )
        if key == "id_scanner":
            health = self._scanner_health()
            return TryReport(not health.is_problem).say(
                f"{health.message_vi}. Quét thử một thẻ căn cước ở màn hình chính.",
                f"{health.message_en}. Scan an ID card on the home screen to try it.",
            )
        if not url:
            return TryReport(False).say("Chưa cấu hình ở máy này.", "Not configured here.")
        if key == "document_scanner":
            return try_document_scanner(url, self.out_dir)
        return try_card_reader(url)

    # ------------------------------------------------------------------ choosing URLs
    def discover(self) -> Discovery:
        self._found = self._find()
        return self._found

    def choices(self, key: str) -> list[Found]:
        """What `devices list` found that fits ``key`` (discovering once), sim last."""
        found = self._found or self.discover()
        out = [f for f in found.found if f.kind in KIOSK_KEYS[key]]
        if key in SIM_URLS:
            out.append(Found("sim", SIM_URLS[key], "mô phỏng / simulated (sim://)"))
        return out

    def apply(self, key: str, url: str) -> Applied:
        """Check ``url`` with its driver, write it to the file, reopen the device.
        Raises ConfigError (bilingual) and changes nothing when the URL cannot work."""
        fam = self.config.devices.urls()[key][0]
        try:
            family(fam).parse(url, key=f"[devices] {key}")
        except DeviceUrlError as exc:
            raise ConfigError(str(exc)) from exc
        live = key in ("document_scanner", "card_reader")  # opened when used
        if key == "printer" and isinstance(self._printer, SwappablePrinter):
            try:
                self._printer.swap(self._open_printer(url))  # type: ignore[arg-type]
                live = True
            except Exception as exc:
                vi = getattr(exc, "message_vi", str(exc))
                en = getattr(exc, "message_en", str(exc))
                raise ConfigError(
                    f"Không mở được máy in: {vi} / cannot open the printer: {en}"
                ) from exc
        saved = False
        if self.config_path:
            from motcua.config_file import set_keys

            self.config = set_keys(self.config_path, {("devices", key): url})
            saved = True
        else:
            from dataclasses import replace

            self.config = replace(self.config, devices=replace(self.config.devices, **{key: url}))
        log.info("technician set [devices] %s = %s (saved=%s, live=%s)", key, url, saved, live)
        vi = "Đã ghi vào tệp cấu hình" if saved else "Chỉ cho lần chạy này (cấu hình mẫu)"
        en = "saved to the configuration" if saved else "for this run only (demo configuration)"
        vi += "; đang dùng ngay" if live else "; có hiệu lực khi khởi động lại máy lấy số"
        en += "; in use now" if live else "; takes effect when the kiosk restarts"
        return Applied(key, url, saved, live, vi, en)

    # ------------------------------------------------------------------ network
    def reachability(self, timeout: float = 3.0) -> list[Reach]:
        """This kiosk's address, the center's URL and the ticket QR's public_url."""
        import requests

        out = [Reach("Địa chỉ IP máy này", "This kiosk's IP address", _own_address(), True, "")]
        public = self.config.center.public_url
        targets = [("Trung tâm", "Center", self.center_url)] if self.center_url else []
        targets.append(
            ("Trang tra cứu của mã QR (public_url)", "Ticket QR page (public_url)", public)
        )
        for vi, en, url in targets:
            if not url:
                continue
            try:
                resp = requests.get(
                    url.rstrip("/") + "/health" if url == self.center_url else url, timeout=timeout
                )
                ok, detail = resp.status_code < 500, f"HTTP {resp.status_code}"
            except requests.RequestException as exc:
                ok, detail = False, type(exc).__name__
            out.append(Reach(vi, en, url, ok, detail))
        return out

    # ------------------------------------------------------------------ enrolment
    def enrol(self, scanned: str) -> tuple[str, str]:
        """A scanned enrolment QR (``motcua token create --qr``): the token is tried on the
        center, then ``[kiosk] server`` and a 0600 token file are written; the kiosk joins
        that center at its next start. Raises ConfigError."""
        import os

        from motcua.enrolment import parse
        from motcua.errors import MotcuaError
        from motcua.server.client import HttpCenter

        enrolment = parse(scanned)
        if enrolment is None:
            raise ConfigError("Không phải mã QR đăng ký / not an enrolment QR")
        if not self.config_path:
            raise ConfigError(
                "Cấu hình mẫu không ghi được: chạy với --config / the demo configuration is not"
                " written: run the kiosk with --config"
            )
        center = HttpCenter(enrolment.server, enrolment.token)
        try:
            center.report_device_health([], 30.0)  # needs a valid device token
        except MotcuaError as exc:
            raise ConfigError(
                f"Trung tâm {enrolment.server} không nhận mã: {exc.message_vi} / "
                f"the center refused the token: {exc.message_en}"
            ) from exc
        finally:
            center.close()
        token_file = Path(self.config_path).with_name("kiosk.token")
        fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(enrolment.token + "\n")
        from motcua.config_file import set_keys

        self.config = set_keys(
            self.config_path,
            {("kiosk", "server"): enrolment.server, ("kiosk", "token_file"): str(token_file)},
        )
        log.info("kiosk enrolled to %s (token in %s)", enrolment.server, token_file)
        return (
            f"Đã đăng ký với trung tâm {enrolment.server}. Tắt ứng dụng để máy lấy số khởi động "
            "lại và tham gia trung tâm.",
            f"Enrolled to the center {enrolment.server}. Quit the app: the kiosk restarts and "
            "joins it.",
        )

    # ------------------------------------------------------------------ PIN
    def change_pin(self, new: str) -> tuple[str, str]:
        """A new technician PIN (its hash written to the file); raises ConfigError."""
        from motcua.pin import hash_pin, pin_problem

        problem = pin_problem(new)
        if problem:
            raise ConfigError(f"{problem[0]} / {problem[1]}")
        stored = hash_pin(new)
        if self.config_path:
            from motcua.config_file import set_keys

            self.config = set_keys(self.config_path, {("kiosk", "technician_pin_hash"): stored})
        self._on_pin_changed(stored)
        if self.config_path:
            return "Đã đổi mã PIN.", "The PIN is changed."
        return (
            "Đã đổi mã PIN cho lần chạy này (cấu hình mẫu không được ghi).",
            "PIN changed for this run (the demo configuration is not written).",
        )


KIOSK_KEYS_FAMILY = {"document_scanner": "document_scanner", "card_reader": "card_reader"}


def _own_address() -> str:
    """This kiosk's IPv4 addresses on its network interfaces (loopback left out)."""
    import psutil

    found = [
        a.address
        for name, addrs in psutil.net_if_addrs().items()
        for a in addrs
        if a.family == socket.AF_INET and not a.address.startswith("127.")
    ]
    return ", ".join(found) or "127.0.0.1"
