"""The configuration's sections: one frozen dataclass per TOML table, and ``Config``.

A new key is a field here (with its default); ``loading.py`` reads the file into these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
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
    # procedure codes listed on the search screen before anything is typed (after the ones
    # this kiosk's citizens opened most); codes the catalog lacks are skipped
    most_asked: tuple[str, ...] = ()
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
    # A request head (request line + headers) not complete after this long is refused
    # and its connection closed (slowloris); see motcua.server.limits.
    head_timeout_seconds: float = 10.0
    # /metrics renders at most once per this many seconds; a scrape sooner waits for the
    # next render (it is open on the LAN: pollers back to back must not slow the hall).
    # 0 renders every scrape at once.
    metrics_max_age_seconds: float = 1.0
    # Online backups (SQLite's backup API) to a second place; "" = none.
    backup_dir: str = ""
    backup_minutes: float = 60.0
    backup_keep: int = 48
    # The key of the ID-number hash (0600, never in the database); "" = id-hash.key
    # beside the database. Back it up on its own (docs/operators/security.md).
    id_key_file: str = ""


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
    return_service: str = ""  # "Trả kết quả": default the reception service
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
    separate_process: bool = True  # the adapter's HTTP work off the center's GIL

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
