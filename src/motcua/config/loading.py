"""Reading the configuration: the TOML file, ``MOTCUA_<SECTION>_<KEY>`` overrides, and the
checks that make a mistake a start-up error naming its place (``<file>: [devices] ...``)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import fields
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from motcua.config.sections import (
    CenterIdentity,
    Config,
    ConfigError,
    CounterConfig,
    DevicesConfig,
    DisplayConfig,
    DossierConfig,
    KioskConfig,
    Numbering,
    PolicyConfig,
    PortalConfig,
    PrinterProfileConfig,
    PriorityGroup,
    ServerConfig,
    ServiceConfig,
    VoiceConfig,
    check_devices,
)

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
    named = [
        section.reception_service,
        section.return_service,
        *dict(section.reception_by_field).values(),
    ]
    unknown = [s for s in named if s and s not in services]
    if unknown:
        raise ConfigError(f"{where}: [dossier] names unknown services {unknown}")
    return section
