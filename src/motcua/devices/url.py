"""One grammar for every device URL: ``scheme://target?option=value&...``.

    serial:///dev/ttyUSB0?baudrate=9600&stopbits=1.5   target "/dev/ttyUSB0"
    tcp://192.168.1.50:9100                              host and port
    usb://04b8:0e15, cups://Kiosk80, file:///tmp/x.bin  target "04b8:0e15", ...
    sim://?out=/tmp/slips                                no target, options
    wedge, default, none                                 a bare word is a scheme
    /dev/ttyUSB0                                         shorthand for serial://
    "" (empty)                                           none: no device

Parsing splits the text; the driver's option table (``Option`` parsers below) then
turns each option into a typed value or a bilingual ``DeviceUrlError``. Both happen
when the configuration loads, so a bad baud rate stops the start, naming the key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

#: An option parser: the raw text in, a typed value out, ValueError(English reason)
#: when the text cannot be used. ``describe`` on the function says what is expected.
Option = Callable[[str], Any]


class DeviceUrlError(ValueError):
    """A device URL that cannot work: Vietnamese first, English second.

    ``key`` is the configuration key ("[devices] printer") when known; the message
    then starts with it, so the technician knows which line of the file to fix.
    """

    def __init__(self, url: str, message_vi: str, message_en: str, key: str = "") -> None:
        self.url = url
        self.message_vi = message_vi
        self.message_en = message_en
        self.key = key
        where = f"{key}: " if key else ""
        super().__init__(f"{where}{message_vi} / {message_en} ({url!r})")

    def at(self, key: str) -> DeviceUrlError:
        """The same error, told as the problem of configuration key ``key``."""
        return DeviceUrlError(self.url, self.message_vi, self.message_en, key)


@dataclass(frozen=True)
class DeviceUrl:
    """A parsed device URL. ``options`` holds typed values once a driver validated it."""

    text: str
    scheme: str
    target: str = ""  # unquoted netloc + path: "/dev/ttyUSB0", "192.168.1.50:9100", ...
    host: str | None = None
    port: int | None = None
    raw_options: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text

    @property
    def path(self) -> str:
        """The target as a filesystem path or queue name (leading '/' kept)."""
        return self.target

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)

    def error(self, message_vi: str, message_en: str) -> DeviceUrlError:
        return DeviceUrlError(self.text, message_vi, message_en)


def parse_url(text: str) -> DeviceUrl:
    """Split ``text`` into scheme, target and raw options (no driver checks yet)."""
    raw = (text or "").strip()
    if not raw:
        return DeviceUrl(text="", scheme="none")
    if raw.startswith("/dev/"):
        raw = "serial://" + raw
    if "://" not in raw:
        word, _, query = raw.partition("?")
        if not word.replace("-", "").replace("_", "").isalnum():
            raise DeviceUrlError(
                raw,
                "địa chỉ thiết bị không đúng dạng scheme://đích?tuỳ-chọn=giá-trị",
                "a device URL reads scheme://target?option=value",
            )
        return DeviceUrl(text=raw, scheme=word.lower(), raw_options=_query(raw, query))
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if not scheme:
        raise DeviceUrlError(raw, "thiếu loại thiết bị (scheme)", "the URL has no scheme")
    target = unquote(parts.netloc + parts.path)
    try:
        port = parts.port
    except ValueError:  # "usb://04b8:0e15": a target with a colon, not host:port
        port = None
    return DeviceUrl(
        text=raw,
        scheme=scheme,
        target=target,
        host=parts.hostname,
        port=port,
        raw_options=_query(raw, parts.query),
    )


def _query(raw: str, query: str) -> Mapping[str, str]:
    pairs = parse_qsl(query, keep_blank_values=True)
    seen: dict[str, str] = {}
    for key, value in pairs:
        if key in seen:
            raise DeviceUrlError(raw, f"tuỳ chọn {key!r} lặp lại", f"option {key!r} is given twice")
        seen[key] = value
    return MappingProxyType(seen)


def typed(url: DeviceUrl, table: Mapping[str, Option], *, passthrough: bool = False) -> DeviceUrl:
    """``url`` with each raw option parsed by ``table``; unknown options are errors
    (``passthrough``: kept as text, for a driver that checks them against the device)."""
    unknown = sorted(set(url.raw_options) - set(table))
    if unknown and not passthrough:
        known = ", ".join(sorted(table)) or "không có / none"
        raise DeviceUrlError(
            url.text,
            f"tuỳ chọn không hỗ trợ: {', '.join(unknown)} (hỗ trợ: {known})",
            f"unknown option {', '.join(unknown)} for {url.scheme}:// (known: {known})",
        )
    values: dict[str, Any] = {}
    for key, value in url.raw_options.items():
        if key not in table:
            values[key] = value
            continue
        try:
            values[key] = table[key](value)
        except ValueError as exc:
            raise DeviceUrlError(
                url.text,
                f"{key} {value!r} không hợp lệ — {getattr(table[key], 'describe_vi', exc)}",
                f"{key} {value!r} is invalid: {exc}",
            ) from None
    return DeviceUrl(
        text=url.text,
        scheme=url.scheme,
        target=url.target,
        host=url.host,
        port=url.port,
        raw_options=url.raw_options,
        options=MappingProxyType(values),
    )


# --------------------------------------------------------------------------- option parsers


def _described(parse: Option, vi: str, en: str) -> Option:
    parse.describe_vi = vi  # type: ignore[attr-defined]
    parse.describe_en = en  # type: ignore[attr-defined]
    return parse


def integer(low: int | None = None, high: int | None = None, *, base: int = 10) -> Option:
    """A whole number in [low, high]; ``base=0`` also takes 0x.. hex."""
    span_en = f" from {low} to {high}" if low is not None and high is not None else ""
    span_vi = f" từ {low} đến {high}" if span_en else ""

    def parse(value: str) -> int:
        try:
            n = int(value, base)
        except ValueError:
            raise ValueError(f"expected a whole number{span_en}") from None
        if (low is not None and n < low) or (high is not None and n > high):
            raise ValueError(f"expected a whole number{span_en}")
        return n

    return _described(parse, f"cần một số nguyên{span_vi}", f"a whole number{span_en}")


def number(low: float | None = None, high: float | None = None) -> Option:
    """A decimal number in [low, high] (seconds, ratios)."""
    span = f" from {low} to {high}" if low is not None and high is not None else ""

    def parse(value: str) -> float:
        try:
            n = float(value)
        except ValueError:
            raise ValueError(f"expected a number{span}") from None
        if n != n or (low is not None and n < low) or (high is not None and n > high):
            raise ValueError(f"expected a number{span}")
        return n

    vi_span = f" từ {low} đến {high}" if span else ""
    return _described(parse, f"cần một số{vi_span}", f"a number{span}")


def choice(values: Mapping[str, Any], *, fold: bool = True) -> Option:
    """One of ``values`` (text -> the typed value); case-insensitive unless ``fold=False``."""
    table = {k.lower() if fold else k: v for k, v in values.items()}
    listed = ", ".join(values)

    def parse(value: str) -> Any:
        key = value.lower() if fold else value
        if key not in table:
            raise ValueError(f"expected one of {listed}")
        return table[key]

    return _described(parse, f"cần một trong: {listed}", f"one of {listed}")


boolean: Option = choice(
    {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False}
    | {"no": False, "off": False}
)


def _text(value: str) -> str:
    if not value:
        raise ValueError("expected a value")
    return value


text: Option = _described(_text, "cần một giá trị", "a value")

#: The options of a serial line, as pyserial's ``serial_for_url`` takes them (typed).
SERIAL_OPTIONS: Mapping[str, Option] = MappingProxyType(
    {
        "baudrate": integer(50, 4_000_000),
        "bytesize": choice({"5": 5, "6": 6, "7": 7, "8": 8}),
        "parity": choice({"N": "N", "E": "E", "O": "O", "M": "M", "S": "S"}),
        "stopbits": choice({"1": 1, "1.5": 1.5, "2": 2}),
        "rtscts": boolean,
        "xonxoff": boolean,
        "dsrdtr": boolean,
    }
)

#: Schemes pyserial itself understands (passed to it with the serial options stripped).
PYSERIAL_SCHEMES = ("socket", "loop", "rfc2217", "spy", "alt", "hwgrep")


def serial_kwargs(url: DeviceUrl) -> dict[str, Any]:
    """The typed serial options of a validated URL, as ``serial_for_url`` keywords."""
    return {k: v for k, v in url.options.items() if k in SERIAL_OPTIONS}


def pyserial_port(url: DeviceUrl, passthrough: tuple[str, ...] = ()) -> str:
    """What to hand ``serial_for_url``: the device path for serial://, else the URL
    without our options (pyserial's own query options named in ``passthrough`` stay)."""
    if url.scheme == "serial":
        return url.target
    from urllib.parse import urlencode

    rest = {k: v for k, v in url.raw_options.items() if k in passthrough}
    base = url.text.split("?", 1)[0]
    return base + ("?" + urlencode(rest) if rest else "")
