"""The center's configuration: one TOML file loaded into frozen dataclasses.

The composition root (the CLI) loads it once and passes the parts each piece
needs; nothing reads configuration from a global. Environment variables
``MOTCUA_<SECTION>_<KEY>`` override scalar keys of a section (``MOTCUA_DEVICES_PRINTER``).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Numbering:
    kind: Literal["range", "prefix"]
    start: int = 1
    end: int = 999
    prefix: str = ""
    digits: int = 3

    @property
    def capacity(self) -> int:
        return self.end - self.start + 1 if self.kind == "range" else 10**self.digits - 1

    def first(self) -> int:
        return self.start if self.kind == "range" else 1

    def last(self) -> int:
        return self.end if self.kind == "range" else 10**self.digits - 1

    def display(self, number: int) -> str:
        """The number as people see it: '1023' or 'A001'."""
        if self.kind == "range":
            return str(number)
        return f"{self.prefix}{number:0{self.digits}d}"


@dataclass(frozen=True)
class ServiceConfig:
    code: str
    name: str
    name_en: str
    numbering: Numbering
    field: str = ""
    icon: str = ""


@dataclass(frozen=True)
class CounterConfig:
    number: int
    services: tuple[str, ...]
    name: str = ""
    # The address (1..99) of this counter's call keypad and LED board on the RS-485 lines;
    # None: the address is the counter's number.
    keypad: int | None = None

    @property
    def label(self) -> str:
        """The counter's one name, everywhere (console, hall, rating, keypad): its number,
        as the voice says it, then what it is for ("Quầy 12 · Ưu tiên")."""
        return f"Quầy {self.number}" + (f" · {self.name}" if self.name else "")

    @property
    def label_en(self) -> str:
        return f"Counter {self.number}" + (f" · {self.name}" if self.name else "")


@dataclass(frozen=True)
class PriorityGroup:
    code: str
    label: str
    label_en: str
    # From the ID card's birth date: a card younger than this is kindly refused the group,
    # one at least this old has the group pre-selected (queue/priority.py has the rule).
    min_age: int | None = None
    icon: str = "priority"  # the kiosk's icon for the group (kiosk/icons_qt.py names)


@dataclass(frozen=True)
class PolicyConfig:
    max_priority_in_row: int = 2
    recalls_before_no_show: int = 3
    transfer_keeps_place: bool = True
    appointment_early_minutes: int = 15
    appointment_late_minutes: int = 30
    wait_window_tickets: int = 20
    default_service_minutes: float = 8.0
    id_retention_days: int = 30
    # "wait": a counter calls the longest wait across all its services;
    # "listed": the first of its listed services that has anyone waiting.
    counter_service_order: Literal["wait", "listed"] = "wait"


@dataclass(frozen=True)
class CenterIdentity:
    name: str
    name_en: str = ""
    short_name: str = ""
    unit_code: str = ""
    address: str = ""
    timezone: str = "Asia/Ho_Chi_Minh"
    # Where phones open a ticket's page (the QR). Empty: derived from the address the
    # server listens on (motcua.public_url, which also says whether phones reach it).
    public_url: str = ""
    hotline: str = ""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _device(default: str, family: str) -> Any:
    """A ``[devices]`` key holding a URL of device ``family`` (checked at load)."""
    return field(default=default, metadata={"family": family})


@dataclass(frozen=True)
class DevicesConfig:
    """Device URLs (motcua.devices: one grammar, checked by the family's driver when the
    file loads). A new device key is one line here, naming its family."""

    printer: str = _device("sim://", "printer")
    printer_profile: str = "80mm"
    id_scanner: str = _device("sim://", "id_scanner")
    keypads: str = _device("", "bus")
    led_boards: str = _device("", "bus")
    audio: str = _device("default", "audio")
    document_scanner: str = _device("", "document_scanner")  # sane://..., sim://?pages=DIR
    card_reader: str = _device("", "card_reader")  # pcsc://, pcsc://NAME, sim://

    def urls(self) -> dict[str, tuple[str, str]]:
        """key -> (family, URL) for every device key."""
        return {
            f.name: (f.metadata["family"], getattr(self, f.name))
            for f in fields(self)
            if "family" in f.metadata
        }


def check_devices(devices: DevicesConfig, where: str = "<config>") -> None:
    """Every device URL parsed and checked by its driver: a bad option is a start-up
    error naming the key (``[devices] printer: baudrate 'abc' ...``)."""
    from motcua.devices import DeviceUrlError, parse_device_url

    for key, (family, url) in devices.urls().items():
        try:
            parse_device_url(family, url, key=f"[devices] {key}")
        except DeviceUrlError as exc:
            raise ConfigError(f"{where}: {exc}") from exc


@dataclass(frozen=True)
class PrinterProfileConfig:
    """A ``[printer_profiles.NAME]`` table: a printer model's paper and abilities.
    Unset keys come from ``base`` (a built-in profile: "58mm", "80mm", "80mm-512");
    motcua.printer.profiles explains each key."""

    name: str
    base: str = "80mm"
    width_dots: int | None = None
    dpi: int | None = None
    native_qr: bool | None = None
    cutter: bool | None = None
    vietnamese_codepage: int | None = None  # ESC t page proven to print Vietnamese
    align_raster: bool | None = None
    qr_module_dots: int | None = None

    def overrides(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name != "name" and getattr(self, f.name) is not None
        }


@dataclass(frozen=True)
class KioskConfig:
    idle_timeout_seconds: int = 60
    language: str = "vi"
    technician_pin_hash: str = ""
    # Set by enrolment at the technician console: the center this kiosk joins at start
    # (when no --server is given) with the device token kept in token_file (mode 0600).
    server: str = ""
    token_file: str = ""


@dataclass(frozen=True)
class VoiceConfig:
    dialect: Literal["north", "south"] = "north"
    template: str = "Mời công dân có số thứ tự {number} đến quầy số {counter}"
    engine: str = "clips"
    repeat: int = 2  # each call and each recall is said this many times after its chime


@dataclass(frozen=True)
class DisplayConfig:
    ticker: tuple[str, ...] = ()
    # "tiles": one tile per counter (up to ~20); "board": the recent calls in big rows
    # (20-60 counters); "auto": tiles up to 20 counters, else the board.
    layout: str = "auto"


@dataclass(frozen=True)
class ServerConfig:
    host: str = "0.0.0.0"
    port: int = 8080


@dataclass(frozen=True)
class DossierConfig:
    """``[dossier]``: office hours and the year's moved days for return dates; where a
    submitted dossier queues (a ticket of ``reception_service``, or of the service named
    for its procedure's field in ``reception_by_field``); the papers' folder."""

    office_hours: tuple[str, ...] = ("07:30-11:30", "13:30-17:30")
    days_off: tuple[str, ...] = ()  # extra days off, ISO dates ("nghỉ bù")
    working_days: tuple[str, ...] = ()  # make-up working days, ISO dates ("làm bù")
    reception_service: str = ""  # default: the first service
    reception_by_field: Mapping[str, str] = field(default_factory=dict)
    papers_dir: str = ""  # default: beside the database
    max_paper_mb: int = 20


@dataclass(frozen=True)
class PortalConfig:
    """``[portal]``: the national/provincial portal the outbox delivers to (motcua.sync).
    No section: nothing is sent. The password lives in ``password_file``, never here."""

    adapter: str = "dvcqg"
    url: str = ""
    username: str = ""
    password_file: str = ""
    unit_code: str = ""
    timeout_s: float = 10.0
    max_in_flight: int = 4
    max_attempts: int = 20
    backoff_base_s: float = 5.0
    backoff_cap_s: float = 900.0
    retention_days: int = 7
    permanent_error_codes: tuple[str, ...] = ("422",)
    status_pull_interval_s: float = 600.0
    status_pull_per_minute: int = 30
    catalog_pull_interval_s: float = 86400.0
    catalog_file: str = ""  # where the catalog pull writes (the kiosk's --catalog); "" = no pull
    stats_url: str = ""
    stats_service: str = "DongBoThongKeMC"
    lgsp_token_url: str = ""
    lgsp_client_id: str = ""
    lgsp_secret_file: str = ""

    def password(self) -> str:
        return _read_secret(self.password_file, "password_file")

    def lgsp_secret(self) -> str:
        if not self.lgsp_token_url:
            return ""
        return _read_secret(self.lgsp_secret_file, "lgsp_secret_file")


def _read_secret(path: str, key: str) -> str:
    if not path:
        return ""
    try:
        return Path(path).read_text("utf-8").strip()
    except OSError as exc:
        raise ConfigError(
            f"[portal] {key}: không đọc được tệp / cannot read {path}: {exc.strerror}"
        ) from exc


@dataclass(frozen=True)
class Config:
    center: CenterIdentity
    services: tuple[ServiceConfig, ...]
    counters: tuple[CounterConfig, ...]
    priority_groups: tuple[PriorityGroup, ...] = ()
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    devices: DevicesConfig = field(default_factory=DevicesConfig)
    kiosk: KioskConfig = field(default_factory=KioskConfig)
    voice: VoiceConfig = field(default_factory=VoiceConfig)
    display: DisplayConfig = field(default_factory=DisplayConfig)
    server: ServerConfig = field(default_factory=ServerConfig)
    printer_profiles: tuple[PrinterProfileConfig, ...] = ()
    dossier: DossierConfig = field(default_factory=DossierConfig)
    portal: PortalConfig | None = None  # None: no [portal] section, nothing is sent

    def service(self, code: str) -> ServiceConfig | None:
        return next((s for s in self.services if s.code == code), None)

    def counter(self, number: int) -> CounterConfig | None:
        return next((c for c in self.counters if c.number == number), None)

    def priority_group(self, code: str) -> PriorityGroup | None:
        return next((g for g in self.priority_groups if g.code == code), None)

    def keypad_counters(self) -> dict[int, int]:
        """Keypad / LED board address -> counter number, for the counters that set one
        (any other address is the counter of that number)."""
        return {c.keypad: c.number for c in self.counters if c.keypad is not None}


# --------------------------------------------------------------------------- loading

DEMO_CONFIG = "demo-center.toml"


def demo_config_text() -> str:
    return resources.files("motcua.assets").joinpath("config", DEMO_CONFIG).read_text("utf-8")


def load_config(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Load a TOML file (the demo configuration when ``path`` is None)."""
    where = str(path) if path else f"<demo {DEMO_CONFIG}>"
    try:
        text = Path(path).read_text("utf-8") if path else demo_config_text()
        data = tomllib.loads(text)
    except FileNotFoundError as exc:
        raise ConfigError(f"{where}: không tìm thấy tệp cấu hình / file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: TOML không hợp lệ / invalid TOML: {exc}") from exc
    return parse_config(data, env=os.environ if env is None else env, where=where)


def _section(cls: type, data: Mapping[str, Any], name: str, env: Mapping[str, str], where: str):
    known = {f.name: f for f in fields(cls)}
    unknown = set(data) - set(known)
    if unknown:
        raise ConfigError(f"{where}: [{name}] unknown keys: {', '.join(sorted(unknown))}")
    values = dict(data)
    for fname, f in known.items():
        key = f"MOTCUA_{name.upper()}_{fname.upper()}"
        if key in env:
            raw = env[key]
            ftype = str(f.type)
            if "int" in ftype and "tuple" not in ftype:
                values[fname] = int(raw)
            elif "float" in ftype:
                values[fname] = float(raw)
            elif "bool" in ftype:
                values[fname] = raw.lower() in ("1", "true", "yes", "on")
            else:
                values[fname] = raw
    for fname, v in list(values.items()):
        if isinstance(v, list):
            values[fname] = tuple(v)
    try:
        return cls(**values)
    except TypeError as exc:
        raise ConfigError(f"{where}: [{name}] {exc}") from exc


def parse_config(
    data: Mapping[str, Any], env: Mapping[str, str] | None = None, where: str = "<config>"
) -> Config:
    env = env or {}
    if "center" not in data:
        raise ConfigError(f"{where}: thiếu mục [center] / missing [center]")
    center = _section(CenterIdentity, data["center"], "center", env, where)
    try:
        ZoneInfo(center.timezone)
    except Exception as exc:
        raise ConfigError(f"{where}: unknown timezone {center.timezone!r}") from exc

    services = []
    for i, raw in enumerate(data.get("services", ())):
        raw = dict(raw)
        numbering = raw.pop("numbering", None)
        if not isinstance(numbering, Mapping) or numbering.get("kind") not in ("range", "prefix"):
            raise ConfigError(f"{where}: services[{i}] needs numbering.kind 'range' or 'prefix'")
        num = Numbering(**numbering)
        if num.kind == "range" and not (0 < num.start < num.end):
            raise ConfigError(f"{where}: services[{i}] numbering range must have 0 < start < end")
        if num.kind == "prefix" and not (num.prefix.isalpha() and 1 <= num.digits <= 5):
            raise ConfigError(f"{where}: services[{i}] prefix must be letters, digits 1..5")
        try:
            services.append(ServiceConfig(numbering=num, **raw))
        except TypeError as exc:
            raise ConfigError(f"{where}: services[{i}] {exc}") from exc
    codes = [s.code for s in services]
    if len(set(codes)) != len(codes):
        raise ConfigError(f"{where}: duplicate service codes")
    if not services:
        raise ConfigError(f"{where}: no [[services]]")

    counters = []
    for i, raw in enumerate(data.get("counters", ())):
        raw = dict(raw)
        raw["services"] = tuple(raw.get("services", ()))
        missing = [c for c in raw["services"] if c not in codes]
        if missing or not raw["services"]:
            raise ConfigError(f"{where}: counters[{i}] serves unknown services {missing}")
        try:
            counters.append(CounterConfig(**raw))
        except TypeError as exc:
            raise ConfigError(f"{where}: counters[{i}] {exc}") from exc
    numbers = [c.number for c in counters]
    if len(set(numbers)) != len(numbers):
        raise ConfigError(f"{where}: duplicate counter numbers")
    _check_keypads(counters, where)

    groups = tuple(PriorityGroup(**g) for g in data.get("priority_groups", ()))
    printer_profiles = []
    for pname, table in dict(data.get("printer_profiles", {})).items():
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}: [printer_profiles.{pname}] must be a table")
        try:
            printer_profiles.append(PrinterProfileConfig(name=pname, **table))
        except TypeError as exc:
            raise ConfigError(f"{where}: [printer_profiles.{pname}] {exc}") from exc
    policy = _section(PolicyConfig, data.get("policy", {}), "policy", env, where)
    display = _section(DisplayConfig, data.get("display", {}), "display", env, where)
    if display.layout not in ("auto", "tiles", "board"):
        raise ConfigError(f"{where}: [display] layout must be 'auto', 'tiles' or 'board'")
    if policy.counter_service_order not in ("wait", "listed"):
        raise ConfigError(f"{where}: [policy] counter_service_order must be 'wait' or 'listed'")
    devices = _section(DevicesConfig, data.get("devices", {}), "devices", env, where)
    check_devices(devices, where)
    portal = None
    if "portal" in data:
        raw_portal = dict(data["portal"])
        if "password" in raw_portal:
            raise ConfigError(
                f"{where}: [portal] không ghi mật khẩu trong tệp cấu hình, dùng password_file"
                " / never put the password in the TOML: use password_file"
            )
        portal = _section(PortalConfig, raw_portal, "portal", env, where)
        if portal.adapter != "dvcqg":
            raise ConfigError(f"{where}: [portal] adapter must be 'dvcqg' (got {portal.adapter!r})")
        if not portal.url.startswith(("http://", "https://")):
            raise ConfigError(f"{where}: [portal] url must be an http(s) URL")
        if not 1 <= portal.max_in_flight <= 64 or portal.max_attempts < 1:
            raise ConfigError(f"{where}: [portal] max_in_flight 1..64, max_attempts >= 1")
    return Config(
        center=center,
        services=tuple(services),
        counters=tuple(counters),
        priority_groups=groups,
        policy=policy,
        devices=devices,
        kiosk=_section(KioskConfig, data.get("kiosk", {}), "kiosk", env, where),
        voice=_section(VoiceConfig, data.get("voice", {}), "voice", env, where),
        display=display,
        server=_section(ServerConfig, data.get("server", {}), "server", env, where),
        printer_profiles=tuple(printer_profiles),
        dossier=_dossier_section(data.get("dossier", {}), env, where, codes),
        portal=portal,
    )


def _check_keypads(counters: list[CounterConfig], where: str) -> None:
    """Each keypad address names one counter: no two counters on one address, and no
    counter's own number taken by another counter's keypad (it would answer for both)."""
    owner: dict[int, int] = {}
    for c in counters:
        if c.keypad is not None and (
            not isinstance(c.keypad, int) or isinstance(c.keypad, bool) or not 1 <= c.keypad <= 99
        ):
            raise ConfigError(
                f"{where}: quầy {c.number}: keypad phải là địa chỉ từ 1 đến 99 / "
                f"counter {c.number}: keypad must be an address from 1 to 99, got {c.keypad!r}"
            )
        address = c.number if c.keypad is None else c.keypad
        if address in owner:
            raise ConfigError(
                f"{where}: bàn phím địa chỉ {address} thuộc cả quầy {owner[address]} và quầy "
                f"{c.number} / keypad address {address} is both counter {owner[address]}'s "
                f"and counter {c.number}'s"
            )
        owner[address] = c.number


def _dossier_section(
    data: Mapping[str, Any], env: Mapping[str, str], where: str, services: list[str]
) -> DossierConfig:
    section = _section(DossierConfig, data, "dossier", env, where)
    named = [section.reception_service, *dict(section.reception_by_field).values()]
    unknown = [s for s in named if s and s not in services]
    if unknown:
        raise ConfigError(f"{where}: [dossier] names unknown services {unknown}")
    return section
