"""The center the kiosk works with, as ``build_runtime`` opens it (no Qt).

Joined: ``center_to_join`` picks the server (the command line's, else the one the
technician console enrolled the kiosk to) and ``join_center`` opens an HttpCenter to it.
Embedded: ``host_center`` opens the QueueService on the local file with the portal sync
and the center's device registry on its store, and binds the LAN socket first (the
ticket QR's URL comes from the address really bound); ``center_dossiers`` then opens the
center's dossiers and serves counters and displays on that socket. What belongs here is
how the center is reached and started; the devices and the flows are wired in
``kiosk/runtime.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from motcua.clock import Clock
from motcua.config import Config, ConfigError
from motcua.public_url import PhoneReach, not_listening, phone_reach_joined, resolve, with_url
from motcua.queue.api import Center

if TYPE_CHECKING:
    import socket

    from motcua.queue.service import QueueService
    from motcua.server.device_health import DeviceRegistry
    from motcua.server.embedded import EmbeddedServer
    from motcua.sync.runtime import SyncRuntime

log = logging.getLogger(__name__)

Closers = list[Callable[[], object]]


@dataclass
class KioskCenter:
    """The center as opened: joined (``service`` None) or hosted here (``service`` set)."""

    center: Center
    config: Config  # with the ticket QR's URL in [center] public_url
    reach: PhoneReach
    service: QueueService | None = None
    sync: SyncRuntime | None = None  # hosted with [portal]
    registry: DeviceRegistry | None = None  # hosted: the center's device list
    sock: socket.socket | None = None  # hosted and serving: the LAN socket, bound


def center_to_join(
    config: Config, server_url: str | None, token: str | None
) -> tuple[str | None, str | None]:
    """The center this kiosk joins at start, with its token: the command line's, else the
    one the technician console enrolled it to (``[kiosk] server``, the token in
    ``[kiosk] token_file``); (None, None): it hosts the center. Raises ConfigError."""
    if server_url or not config.kiosk.server:
        return server_url, token
    try:
        saved = Path(config.kiosk.token_file).read_text("utf-8").strip()
    except OSError as exc:
        raise ConfigError(
            f"[kiosk] token_file: không đọc được / cannot read {config.kiosk.token_file}: "
            f"{exc.strerror}"
        ) from exc
    return config.kiosk.server, saved


def join_center(
    config: Config, server_url: str, token: str | None, closers: Closers
) -> KioskCenter:
    """An HttpCenter to ``motcua serve``; until the center says its own URL
    (``KioskRuntime.refresh_info``), the ticket QR uses the URL the kiosk reaches it at."""
    from motcua.server.client import HttpCenter

    center = HttpCenter(server_url, token or "")
    closers.append(center.close)
    reach = phone_reach_joined(config, server_url)
    return KioskCenter(center, with_url(config, reach.url), reach)


def host_center(
    config: Config,
    db: Path,
    clock: Clock,
    *,
    serve: bool,
    host: str | None,
    port: int | None,
    closers: Closers,
) -> KioskCenter:
    """The center in this process: the LAN socket (when ``serve``), the QueueService whose
    store the dossiers and the outbox share (one writer on the file), the portal sync
    (started, with [portal]) and the device registry."""
    from motcua.queue.service import QueueService
    from motcua.server.device_health import DeviceRegistry
    from motcua.server.dossier_setup import CENTER_AREAS
    from motcua.sync.runtime import build_sync

    listen = (host or config.server.host, config.server.port if port is None else port)
    sock = _bind(*listen) if serve else None
    if sock is not None:
        config, reach = resolve(config, host, sock.getsockname()[1])
    else:
        config, reach = resolve(config, host, port, serving=False)
        if serve:  # the port could not be opened: say so, not "--no-serve"
            reach = not_listening(reach.url, *listen)
    service = QueueService.open(config, db, clock, areas=list(CENTER_AREAS))
    closers.append(service.close)
    sync = build_sync(config, service.store, clock=clock)  # None without [portal]
    if sync is not None:
        sync.start()
        closers.append(sync.stop)
    registry = DeviceRegistry(db, clock)
    closers.append(registry.close)
    return KioskCenter(service, config, reach, service, sync, registry, sock)


def center_dossiers(
    kc: KioskCenter, db: Path, clock: Clock, catalog: Any, host: str | None, closers: Closers
) -> tuple[Any, EmbeddedServer | None, str | None]:
    """The center's dossiers (over HTTP when joined; on the queue's store when hosted, or
    None when the center cannot take dossiers), and when hosted the LAN server that gives
    counters across the LAN the dossiers too, with the first admin token if it made one."""
    if kc.service is None:
        from motcua.server.dossier_client import HttpDossiers

        return HttpDossiers(kc.center), None, None  # type: ignore[arg-type]  # an HttpCenter
    real = _open_dossiers(kc.config, db, clock, catalog, kc.service)
    if real is not None:
        closers.append(real.close)
    if kc.sock is None:
        return real, None, None
    server, admin_token = _serve(kc, db, clock, host, closers, dossiers=real)
    return real, server, admin_token


def _open_dossiers(config: Config, db: Path, clock: Clock, catalog: Any, service: Any) -> Any:
    """The center's dossiers on the queue's store, or None (logged) when the center
    cannot take dossiers."""
    from motcua.server.dossier_setup import dossiers_or_none

    return dossiers_or_none(config, db, clock, catalog, service, store=service.store)


def _lan_not_started(where: str, exc: BaseException) -> None:
    log.error(
        "Không mở được máy chủ cho quầy trên mạng LAN (%s); máy lấy số vẫn chạy / "
        "LAN server not started, the kiosk still works: %s",
        where,
        exc,
    )


def _bind(host: str, port: int) -> socket.socket | None:
    """The LAN server's socket, or None (logged): the kiosk works on without it."""
    from motcua.server.embedded import bind_socket

    try:
        return bind_socket(host, port)
    except OSError as exc:
        _lan_not_started(f"{host}:{port}", exc)
        return None


def _serve(
    kc: KioskCenter, db: Path, clock: Clock, host: str | None, closers: Closers, dossiers: Any
) -> tuple[EmbeddedServer | None, str | None]:
    """Start the LAN server next to the embedded center; the kiosk works on if it cannot."""
    from motcua.server.app import create_app
    from motcua.server.embedded import EmbeddedServer
    from motcua.server.tokens import Role, TokenStore

    assert kc.service is not None and kc.sock is not None
    config = kc.config
    tokens = TokenStore(db)
    closers.append(tokens.close)
    admin_token = None
    if not tokens.has_role(Role.ADMIN):
        admin_token = tokens.create(Role.ADMIN, name="first admin (motcua kiosk)")
    app = create_app(
        kc.service, tokens, config, clock=clock, sync=kc.sync, devices=kc.registry,
        dossiers=dossiers,
    )  # fmt: skip
    server = EmbeddedServer(app, host or config.server.host, sock=kc.sock)
    try:
        server.start()
    except (OSError, RuntimeError, TimeoutError) as exc:
        kc.sock.close()
        _lan_not_started(f"{server.host}:{server.port}", exc)
        return None, admin_token
    closers.append(server.stop)
    log.info("center server for counters and displays: %s (host %s)", server.url, server.host)
    return server, admin_token
