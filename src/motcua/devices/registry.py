"""Device families and their drivers, keyed by URL scheme.

A *family* is a kind of device the apps use through one interface (``printer``:
prints slips; ``id_scanner``: delivers scanned lines; ``bus``: the keypad/LED line;
``audio``: plays announcements). A *driver* opens one scheme of one family. The
registry dispatches as pyserial's ``serial_for_url`` does with
``protocol_handler_packages``: a family names the modules that hold its drivers, and
they are imported (and so register themselves) the first time the family is used.
That keeps this package below every family: nothing here imports a driver statically.

    from motcua.devices import register, integer

    @register("printer", "tcp", example="tcp://192.168.1.50:9100",
              options={"timeout": number(0.1, 60)}, target="required")
    def open_tcp(url: DeviceUrl, **context) -> Printer: ...

``sim://`` is registered like any other scheme. A driver whose options depend on the
device (``sane://``: each backend has its own) registers with ``device_options=True``:
the options it names are typed at load, the rest are checked by the driver at open.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from motcua.devices.url import DeviceUrl, DeviceUrlError, Option, parse_url, typed

Opener = Callable[..., Any]
TargetRule = Literal["none", "optional", "required"]


@dataclass(frozen=True)
class Driver:
    """How one scheme of one family is checked and opened."""

    family: str
    scheme: str
    open: Opener  # (DeviceUrl, **context) -> the device
    options: Mapping[str, Option]
    target: TargetRule
    example: str
    summary: str = ""
    check: Callable[[DeviceUrl], None] | None = None  # extra target checks; raise DeviceUrlError
    # True: options not in ``options`` are the device's own (a SANE backend's resolution,
    # mode, source...), known only once it is open; they pass through as text and the
    # driver checks each against the device when it opens (naming the option and choices).
    device_options: bool = False

    def validate(self, url: DeviceUrl) -> DeviceUrl:
        if self.target == "required" and not url.target:
            raise url.error(
                f"{url.scheme}:// cần đích (ví dụ {self.example})",
                f"{url.scheme}:// needs a target, e.g. {self.example}",
            )
        if self.target == "none" and url.target:
            raise url.error(
                f"{url.scheme}:// không nhận đích {url.target!r} (ví dụ {self.example})",
                f"{url.scheme}:// takes no target, got {url.target!r} (e.g. {self.example})",
            )
        checked = typed(url, self.options, passthrough=self.device_options)
        if self.check is not None:
            self.check(checked)
        return checked


@dataclass
class Family:
    """One device family: its drivers by scheme, and the modules that register them."""

    name: str
    title_vi: str
    title_en: str
    packages: tuple[str, ...] = ()
    _drivers: dict[str, Driver] = field(default_factory=dict)
    _loaded: bool = False
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def add(self, driver: Driver) -> None:
        with self._lock:
            old = self._drivers.get(driver.scheme)
            if old is not None and old.open is not driver.open:
                raise ValueError(f"{self.name}: scheme {driver.scheme!r} registered twice")
            self._drivers[driver.scheme] = driver

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            self._loaded = True  # set first: a driver module may use the family on import
            for package in self.packages:
                importlib.import_module(package)

    @property
    def drivers(self) -> Mapping[str, Driver]:
        self._load()
        return MappingProxyType(dict(self._drivers))

    def driver(self, url: DeviceUrl) -> Driver:
        found = self.drivers.get(url.scheme)
        if found is None:
            schemes = ", ".join(f"{s}://" for s in sorted(self.drivers))
            raise url.error(
                f"không có trình điều khiển cho {url.scheme}:// (có: {schemes})",
                f"unknown {self.name} URL scheme {url.scheme}:// (known: {schemes})",
            )
        return found

    def parse(self, text: str, key: str = "") -> DeviceUrl:
        """``text`` parsed and checked by its driver; ``key`` names it in errors."""
        try:
            url = parse_url(text)
            return self.driver(url).validate(url)
        except DeviceUrlError as exc:
            raise DeviceUrlError(
                exc.url,
                f"Địa chỉ {self.title_vi} không hợp lệ: {exc.message_vi}",
                f"invalid {self.name} URL: {exc.message_en}",
                key,
            ) from None

    def open(self, url: str | DeviceUrl, **context: Any) -> Any:
        """The device for ``url`` (checked first when given as text)."""
        parsed = self.parse(url) if isinstance(url, str) else url
        return self.driver(parsed).open(parsed, **context)


_FAMILIES: dict[str, Family] = {}
_FAMILIES_LOCK = threading.Lock()


def define_family(
    name: str, *, title_vi: str, title_en: str, packages: tuple[str, ...] = ()
) -> Family:
    """Declare a family (once, in motcua.devices.families)."""
    with _FAMILIES_LOCK:
        if name in _FAMILIES:
            raise ValueError(f"device family {name!r} defined twice")
        fam = Family(name, title_vi, title_en, packages)
        _FAMILIES[name] = fam
        return fam


def family(name: str) -> Family:
    try:
        return _FAMILIES[name]
    except KeyError:
        raise KeyError(f"no device family {name!r}; define it in motcua.devices.families") from None


def families() -> Mapping[str, Family]:
    return MappingProxyType(dict(_FAMILIES))


def register(
    family_name: str,
    scheme: str,
    *,
    example: str,
    options: Mapping[str, Option] | None = None,
    target: TargetRule = "optional",
    summary: str = "",
    check: Callable[[DeviceUrl], None] | None = None,
    device_options: bool = False,
) -> Callable[[Opener], Opener]:
    """Decorator: ``opener`` opens ``scheme://`` devices of ``family_name``."""

    def add(opener: Opener) -> Opener:
        family(family_name).add(
            Driver(
                family=family_name,
                scheme=scheme.lower(),
                open=opener,
                options=MappingProxyType(dict(options or {})),
                target=target,
                example=example,
                summary=summary or (opener.__doc__ or "").strip().split("\n")[0],
                check=check,
                device_options=device_options,
            )
        )
        return opener

    return add


def parse_device_url(family_name: str, text: str, key: str = "") -> DeviceUrl:
    return family(family_name).parse(text, key)


def open_device(family_name: str, url: str | DeviceUrl, **context: Any) -> Any:
    return family(family_name).open(url, **context)
