"""A kiosk enrolled at the technician console (the admin's enrolment QR scanned there)
starts again from the saved configuration and joins that center with the saved token."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua.config import ConfigError, load_config
from motcua.enrolment import encode
from motcua.kiosk.alerts import AlertKind
from motcua.kiosk.runtime import build_runtime, center_to_join
from motcua.kiosk.ticket_flow import Outcome
from motcua.server.app import create_app
from motcua.server.device_health import DeviceRegistry
from motcua.server.embedded import EmbeddedServer
from motcua.server.tokens import Role, TokenStore

pytestmark = pytest.mark.slow


@pytest.fixture
def config_file(tmp_path: Path, capsys) -> Path:
    from motcua.cli import main

    path = tmp_path / "kiosk.toml"
    assert main(["init-config", str(path)]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def center(service, config, clock, tmp_path: Path):
    """The center on the LAN, with a kiosk token named as the admin named it."""
    tokens = TokenStore(tmp_path / "center.db")
    registry = DeviceRegistry(tmp_path / "center.db", clock)
    app = create_app(service, tokens, config, clock=clock, devices=registry)
    server = EmbeddedServer(app, "127.0.0.1", 0)
    server.start()
    token = tokens.create(Role.KIOSK, name="Kiosk sảnh B")
    yield server, token, registry
    server.stop()
    registry.close()
    tokens.close()


def test_an_enrolled_kiosk_restarts_joined_to_its_center_with_the_saved_token(
    center, service, clock, config_file: Path, tmp_path: Path
) -> None:
    server, token, registry = center
    # first start: a kiosk on its own (it hosts a center of its own, not serving the LAN)
    first = build_runtime(
        load_config(config_file, env={}), clock, db_path=tmp_path / "kiosk" / "k.db",
        serve=False, config_path=str(config_file), watch_seconds=None,
    )  # fmt: skip
    try:
        assert center_to_join(first.config, None, None) == (None, None)
        said_vi, _en = first.console.enrol(encode(server.url, token))  # the scanned QR
        assert said_vi.startswith("Đã đăng ký với trung tâm")
    finally:
        first.close()
    assert token not in config_file.read_text("utf-8")  # the token is in its own file

    # the restart: what main_qt does, from the file alone
    config = load_config(config_file, env={})
    server_url, saved = center_to_join(config, None, None)
    assert server_url == server.url.rstrip("/") and saved == token
    joined = build_runtime(
        config, clock, db_path=tmp_path / "kiosk" / "k.db", server_url=server_url,
        token=saved, watch_seconds=None,
    )  # fmt: skip
    try:
        assert joined.server is None and joined.center_url == server_url
        assert joined.refresh_info() is not None
        assert joined.alerts.get(AlertKind.CENTER) is None
        flow = joined.tickets
        flow.choose_field("Tài nguyên và Môi trường")
        flow.skip_id()
        flow.choose_priority(None)
        result = flow.submit()
        assert result.outcome == Outcome.PRINTED and result.info is not None
        # the ticket is the center's: the kiosk numbers nothing of its own now
        here = service.ticket(result.info.ticket.id)
        assert here.ticket.display_number == result.info.ticket.display_number
        # and the center knows the kiosk by its token's name (its devices' health)
        joined.alerts.board.report(joined.printer.health())
        _wait(lambda: any(d.location == "Kiosk sảnh B" for d in registry.devices()))
    finally:
        joined.close()


def test_a_saved_token_the_center_refuses_is_said_at_start(
    center, clock, config_file: Path, tmp_path: Path
) -> None:
    from motcua.config_file import set_keys

    server, _token, _registry = center
    token_file = tmp_path / "kiosk.token"
    token_file.write_text("revoked-token\n", "utf-8")
    set_keys(
        str(config_file),
        {("kiosk", "server"): server.url, ("kiosk", "token_file"): str(token_file)},
    )
    server_url, saved = center_to_join(load_config(config_file, env={}), None, None)
    assert saved == "revoked-token"
    joined = build_runtime(
        load_config(config_file, env={}), clock, db_path=tmp_path / "k.db",
        server_url=server_url, token=saved, watch_seconds=None,
    )  # fmt: skip
    try:
        assert joined.refresh_info() is None  # refused: an alert, not a crash
        alert = joined.alerts.get(AlertKind.CENTER)
        assert alert is not None and "Không kết nối được trung tâm" in alert.message_vi
    finally:
        joined.close()
    token_file.unlink()
    with pytest.raises(ConfigError, match=r"\[kiosk\] token_file: không đọc được"):
        center_to_join(load_config(config_file, env={}), None, None)


def _wait(ok, timeout: float = 10.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not ok():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.05)
