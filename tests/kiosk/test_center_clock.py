"""The center's clock warning (queue/clock_guard.py) reaches the technician console: the
center in this kiosk or the one it joined, in the center's own words, with where to act."""

from __future__ import annotations

from pathlib import Path

from motcua.devices.health import HealthState
from motcua.kiosk.center_clock import center_clock_health, where_to_act
from motcua.kiosk.technician_console import KIOSK_KEYS


def test_the_console_lists_the_centers_clock_while_it_has_jumped(runtime, service, clock):
    console = runtime.console
    assert console.center_clock() is None
    assert [line.key for line in console.devices()] == list(KIOSK_KEYS)

    clock.jump(hours=20)  # set a day ahead: across midnight, the rollover is held
    line = console.center_clock()
    assert line is not None and line.key == "clock"
    assert line.health.state is HealthState.WARNING and line.health.reason == "clock_day_held"
    assert line.health.message_vi.startswith("Đồng hồ máy vừa bị chỉnh nhanh 1200 phút")
    assert "chưa hủy số đang chờ" in line.health.message_vi
    assert "motcua clock confirm" in line.health.message_vi
    assert line.todo_vi.startswith("Làm ngay trên máy này")  # the center is here
    assert line.url == ""
    assert console.devices()[-1] == line

    service.confirm_clock()  # a person says the new time is right
    assert console.center_clock() is None


def test_a_joined_kiosk_reads_the_warning_from_its_centers_alerts(
    service, config, clock, tmp_path: Path
) -> None:
    from motcua.server.app import create_app
    from motcua.server.client import HttpCenter
    from motcua.server.embedded import EmbeddedServer
    from motcua.server.tokens import Role, TokenStore

    tokens = TokenStore(tmp_path / "center.db")
    server = EmbeddedServer(create_app(service, tokens, config, clock=clock), "127.0.0.1", 0)
    server.start()
    center = HttpCenter(server.url, tokens.create(Role.KIOSK, name="Kiosk sảnh A"))
    try:
        assert center_clock_health(center, clock.now) is None
        clock.jump(minutes=-30)  # set back, the same day
        health = center_clock_health(center, clock.now)
        assert health is not None and health.device == "clock"
        assert health.state is HealthState.WARNING and health.reason == "clock_jump"
        assert health.message_vi.startswith("Đồng hồ máy vừa bị chỉnh chậm 30 phút")
        assert health.since is not None
    finally:
        center.close()
        server.stop()
        tokens.close()
    host = server.url.split("//", 1)[1].rstrip("/")
    vi, en = where_to_act(server.url)
    assert f"máy chủ trung tâm {host}," in vi and host in en
    # a center that cannot be asked says nothing of its clock (its own line says why)
    assert center_clock_health(center, clock.now) is None
