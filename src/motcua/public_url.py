"""Where phones reach the center: the URL behind every ticket's QR, and whether it works.

One rule in one place. ``[center] public_url`` when it is configured (a name on the
center's DNS, a reverse proxy); otherwise derived from the address the center really
listens on (``[server] host`` / ``port``, or the socket bound with port 0): a wildcard
host (0.0.0.0) becomes this machine's LAN address. Either way ``check`` says whether a
phone on the center's Wi-Fi can open it, naming the configuration key to change when
not (127.0.0.1 only works on the kiosk itself). No network traffic: the machine's own
interface list is read, nothing is sent.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import urlsplit

from motcua.config import Config

log = logging.getLogger(__name__)

# Interfaces that are not the center's LAN (containers, VM bridges, tunnels to elsewhere).
_NOT_LAN = ("lo", "docker", "br-", "veth", "virbr", "vmnet", "tun", "tap", "wg", "zt")


class Reach(StrEnum):
    PHONES = "phones"  # a public name or address: any phone
    LAN = "lan"  # a private address: phones on the center's Wi-Fi / LAN
    NOBODY = "nobody"  # loopback, or not an address of this machine: phones cannot open it
    UNKNOWN = "unknown"  # a host name: not resolved here (no DNS queries from the kiosk)


@dataclass(frozen=True)
class PhoneReach:
    url: str  # the base URL the ticket QR uses (no trailing slash)
    reach: Reach
    key: str  # the configuration key that decided the URL
    message_vi: str
    message_en: str

    @property
    def ok(self) -> bool:
        return self.reach in (Reach.PHONES, Reach.LAN, Reach.UNKNOWN)

    def line(self) -> tuple[str, str]:
        """One line for the technician screen (Vietnamese, English)."""
        return (
            f"Mã QR trên phiếu: {self.url} — {self.message_vi}",
            f"Ticket QR: {self.url} — {self.message_en}",
        )


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on LAN-like interfaces, in interface order."""
    import socket

    import psutil

    out: list[str] = []
    for name, addrs in psutil.net_if_addrs().items():
        if name.startswith(_NOT_LAN):
            continue
        for a in addrs:
            if a.family == socket.AF_INET and not a.address.startswith(("127.", "169.254.")):
                out.append(a.address)
    return out


def _base(scheme: str, host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    default = (scheme == "http" and port == 80) or (scheme == "https" and port == 443)
    return f"{scheme}://{shown}" if default else f"{scheme}://{shown}:{port}"


def derive(host: str, port: int, addresses: Iterable[str] | None = None) -> str:
    """The URL of a server listening on ``host:port``, as a phone would type it."""
    if host in ("", "0.0.0.0", "::"):
        lan = list(lan_addresses() if addresses is None else addresses)
        host = lan[0] if lan else "127.0.0.1"
    return _base("http", host, port)


def check(
    config: Config,
    host: str | None = None,
    port: int | None = None,
    *,
    serving: bool = True,
    addresses: Iterable[str] | None = None,
) -> PhoneReach:
    """The ticket URL for a center listening on ``host:port`` (default ``[server]``), and
    whether phones reach it. ``serving=False``: no server here (``--no-serve``)."""
    host = config.server.host if host is None else host
    port = config.server.port if port is None else port
    mine = list(lan_addresses() if addresses is None else addresses)
    configured = config.center.public_url.strip().rstrip("/")
    if configured:
        return _check_configured(configured, port, mine, serving)
    url = derive(host, port, mine)
    if not serving:
        return PhoneReach(
            url,
            Reach.NOBODY,
            "--no-serve",
            "máy lấy số chạy không có máy chủ mạng (--no-serve): điện thoại không mở được",
            "the kiosk runs without its LAN server (--no-serve): phones cannot open it",
        )
    url_host = urlsplit(url).hostname or ""
    if _loopback(url_host):
        if host in ("", "0.0.0.0", "::"):
            return PhoneReach(
                url,
                Reach.NOBODY,
                "[center] public_url",
                "máy chưa có địa chỉ mạng LAN: cắm mạng hoặc đặt [center] public_url",
                "this machine has no LAN address: connect it or set [center] public_url",
            )
        return PhoneReach(
            url,
            Reach.NOBODY,
            "[server] host",
            f'[server] host = "{host}" chỉ mở được trên chính máy này; đặt "0.0.0.0" '
            "để điện thoại mở được",
            f'[server] host = "{host}" is only reachable on this machine; set "0.0.0.0" '
            "so that phones can open it",
        )
    return _by_address(url, url_host, "[server] host")


def _check_configured(url: str, port: int, mine: list[str], serving: bool) -> PhoneReach:
    key = "[center] public_url"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return PhoneReach(
            url,
            Reach.NOBODY,
            key,
            f'{key} = "{url}" không phải địa chỉ http(s)://…',
            f'{key} = "{url}" is not an http(s)://… address',
        )
    host = parts.hostname
    if _loopback(host):
        return PhoneReach(
            url,
            Reach.NOBODY,
            key,
            f'{key} = "{url}" chỉ mở được trên chính máy này; điện thoại không mở được. '
            "Xoá dòng này (địa chỉ tự lấy từ máy chủ) hoặc ghi địa chỉ LAN của máy",
            f'{key} = "{url}" only works on this machine; phones cannot open it. '
            "Remove the line (the address then comes from the server) or write its LAN address",
        )
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return PhoneReach(
            url,
            Reach.UNKNOWN,
            key,
            f'tên máy "{host}" lấy từ {key}: hãy thử mở bằng điện thoại trên Wi-Fi của trung tâm',
            f'host name "{host}" from {key}: try it with a phone on the center\'s Wi-Fi',
        )
    if serving and mine and host not in mine:
        return PhoneReach(
            url,
            Reach.NOBODY,
            key,
            f'{key} = "{url}" không phải địa chỉ của máy này (máy này: {", ".join(mine)}); '
            "xoá dòng này để địa chỉ tự lấy từ máy chủ",
            f'{key} = "{url}" is not an address of this machine (this one: '
            f"{', '.join(mine)}); remove the line so that the server's address is used",
        )
    url_port = parts.port or (443 if parts.scheme == "https" else 80)
    if serving and host in mine and url_port != port:
        return PhoneReach(
            url,
            Reach.NOBODY,
            key,
            f"{key} dùng cổng {url_port} nhưng máy chủ nghe ở cổng {port} ([server] port)",
            f"{key} uses port {url_port} but the server listens on {port} ([server] port)",
        )
    return _by_address(url, host, key)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _by_address(url: str, host: str, key: str) -> PhoneReach:
    ip = ipaddress.ip_address(host)
    if ip.is_private or ip in ipaddress.ip_network("100.64.0.0/10"):
        return PhoneReach(
            url,
            Reach.LAN,
            key,
            "điện thoại bắt Wi-Fi của trung tâm mở được (địa chỉ nội bộ, không mở được bằng 4G)",
            "phones on the center's Wi-Fi can open it (a private address, not over mobile data)",
        )
    return PhoneReach(
        url,
        Reach.PHONES,
        key,
        "điện thoại mở được (địa chỉ công khai)",
        "phones can open it (a public address)",
    )


def of_url(url: str, key: str) -> PhoneReach:
    """What a URL says by itself (a center on another machine: its interfaces are not
    ours to list): loopback, a host name, a private or a public address."""
    url = url.strip().rstrip("/")
    host = urlsplit(url).hostname or ""
    if _loopback(host) or not host:
        return PhoneReach(
            url,
            Reach.NOBODY,
            key,
            f'{key} = "{url}" chỉ mở được trên chính máy chủ; điện thoại không mở được',
            f'{key} = "{url}" only works on the server itself; phones cannot open it',
        )
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return PhoneReach(
            url,
            Reach.UNKNOWN,
            key,
            f'tên máy "{host}" ({key}): hãy thử mở bằng điện thoại trên Wi-Fi của trung tâm',
            f'host name "{host}" ({key}): try it with a phone on the center\'s Wi-Fi',
        )
    return _by_address(url, host, key)


def not_listening(url: str, host: str, port: int) -> PhoneReach:
    """The LAN server could not open its port (in use, not allowed)."""
    return PhoneReach(
        url,
        Reach.NOBODY,
        "[server] port",
        f"máy chủ không mở được cổng {host}:{port} ([server] port): điện thoại không mở được",
        f"the server could not listen on {host}:{port} ([server] port): phones cannot open it",
    )


def phone_reach_joined(config: Config, server_url: str) -> PhoneReach:
    """A kiosk joined to a center: its configured URL, else the one it reaches the center at
    (until the center's own list arrives)."""
    configured = config.center.public_url.strip()
    if configured:
        return of_url(configured, "[center] public_url")
    return of_url(server_url, "--server")


def with_url(config: Config, url: str) -> Config:
    """The configuration with the checked URL in ``[center] public_url``: everything that
    prints or serves a ticket link reads it from there."""
    return replace(config, center=replace(config.center, public_url=url))


def resolve(
    config: Config,
    host: str | None = None,
    port: int | None = None,
    *,
    serving: bool = True,
    addresses: Iterable[str] | None = None,
) -> tuple[Config, PhoneReach]:
    """``check``, logged once (a warning naming the key when phones cannot open it), and
    the configuration carrying the URL."""
    reach = check(config, host, port, serving=serving, addresses=addresses)
    if reach.ok:
        log.info("ticket QR: %s (%s)", reach.url, reach.message_en)
    else:
        log.warning(
            "Mã QR trên phiếu / ticket QR %s: %s / %s",
            reach.url,
            reach.message_vi,
            reach.message_en,
        )
    return with_url(config, reach.url), reach


def base_url(config: Config) -> str:
    """The ticket URL without a running server (previews, samples): configured, else
    derived from ``[server]`` (started servers carry the checked URL: ``resolve``)."""
    configured = config.center.public_url.strip().rstrip("/")
    return configured or check(config).url
