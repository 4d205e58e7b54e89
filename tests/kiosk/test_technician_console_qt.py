"""pytest-qt: the technician console on the real kiosk window (sim devices)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint, Qt

from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.lockdown_qt import KioskLockdown
from motcua.kiosk.runtime import KioskRuntime


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def unlock(qtbot, win: KioskWindow, pin: str = "1234") -> None:
    for _ in range(5):
        click(qtbot, win.logo)
    keys = win.screens["pin"]
    for k in pin:
        click(qtbot, keys.keys[k])
    click(qtbot, keys.ok)
    qtbot.waitUntil(lambda: win.current.name == "technician")


def test_in_kiosk_mode_only_the_technician_menu_quits(qtbot, win) -> None:
    lockdown = KioskLockdown(win, lambda: win.runtime.technician.quitting)
    assert not win.close() and win.isVisible() and lockdown.refused == 1
    unlock(qtbot, win)
    tech = win.screens["technician"]
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    click(qtbot, tech.quit_button)
    qtbot.waitUntil(lambda: not win.isVisible())
    assert win.runtime.technician.quitting


@pytest.fixture
def config_file(tmp_path, capsys):
    from motcua.cli import main

    path = tmp_path / "center.toml"
    assert main(["init-config", str(path)]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def console_win(qtbot, config, clock, service, catalog, dossiers, config_file, tmp_path):
    from motcua.devices.discovery import Discovery, Found
    from motcua.kiosk.devices import SwappablePrinter
    from motcua.printer import open_printer

    found = Discovery(found=[Found("card_reader", "sim://?card=absent", "Đầu đọc thử")])
    rt = KioskRuntime(
        config=config,
        clock=clock,
        center=service,
        printer=SwappablePrinter(open_printer("sim://")),
        catalog=catalog,
        dossiers=dossiers,
        printer_url="sim://",
        scanner_url="sim://",
        config_path=str(config_file),
        find_devices=lambda: found,
    )
    w = KioskWindow(rt)
    qtbot.addWidget(w)
    w.resize(1080, 1920)
    w.show()
    yield w
    w.shutdown()
    rt.printer.close()


def test_console_lists_devices_chooses_a_reader_applies_and_tests_it(
    qtbot, console_win, config_file
) -> None:
    from motcua.config import load_config

    win = console_win
    unlock(qtbot, win)
    tech = win.screens["technician"]
    qtbot.waitUntil(lambda: "Chưa cấu hình" in tech.rows["card_reader"].label.text())
    assert "Máy in sim://: tốt" in tech.rows["printer"].label.text()
    click(qtbot, tech.rows["card_reader"].pick)
    qtbot.waitUntil(lambda: len(tech.choices.items) == 2)  # the found reader, and sim://
    choice = next(b for b in tech.choices.items if "card=absent" in b.objectName())
    click(qtbot, choice)
    qtbot.waitUntil(lambda: "Đã ghi vào tệp cấu hình" in tech.result.text())
    assert load_config(config_file, env={}).devices.card_reader == "sim://?card=absent"
    qtbot.waitUntil(lambda: "sim://?card=absent" in tech.rows["card_reader"].label.text())
    click(qtbot, tech.rows["card_reader"].test)
    qtbot.waitUntil(lambda: tech.result.text().startswith("ĐẠT"))
    assert "Chưa có thẻ trên đầu đọc" in tech.result.text()
    qtbot.waitUntil(lambda: win.runner.pending == 0)


def test_console_changes_the_pin_in_the_file_and_the_new_one_opens(
    qtbot, console_win, config_file
) -> None:
    from motcua.config import load_config
    from motcua.pin import verify_pin

    win = console_win
    unlock(qtbot, win)
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    click(qtbot, win.screens["technician"].pin_button)
    pin = win.screens["pin"]
    assert win.current.name == "pin" and pin.mode == "new"
    for attempt in ("480213", "480213"):
        for k in attempt:
            click(qtbot, pin.keys[k])
        click(qtbot, pin.ok)
    qtbot.waitUntil(lambda: win.current.name == "technician")
    stored = load_config(config_file, env={}).kiosk.technician_pin_hash
    assert verify_pin("480213", stored)
    win.home()
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    unlock(qtbot, win, "480213")  # the new PIN opens the menu at once


def test_network_check_says_what_answers(qtbot, console_win) -> None:
    """The center's public_url on loopback: one port that answers, one that does not."""
    import http.server
    import threading
    from dataclasses import replace

    win = console_win
    httpd = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    console = win.runtime.console
    try:
        url = f"http://127.0.0.1:{httpd.server_port}/"
        console.config = replace(
            console.config, center=replace(console.config.center, public_url=url)
        )
        unlock(qtbot, win)
        tech = win.screens["technician"]
        qtbot.waitUntil(lambda: win.runner.pending == 0)
        click(qtbot, tech.network_button)
        qtbot.waitUntil(lambda: "trả lời (HTTP 200)" in tech.network.text())
        assert "Địa chỉ IP máy này" in tech.network.text()
    finally:
        httpd.shutdown()
        httpd.server_close()
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    click(qtbot, tech.network_button)
    qtbot.waitUntil(lambda: "KHÔNG TRẢ LỜI" in tech.network.text())


def test_cli_writes_a_private_enrolment_qr_that_decodes(tmp_path, capsys) -> None:
    import cv2

    from motcua.cli import main
    from motcua.enrolment import parse

    qr = tmp_path / "enrol.png"
    db = str(tmp_path / "c.db")
    argv = ["token", "create", "--role", "kiosk", "--db", db, "--qr", str(qr)]
    assert main([*argv, "--server", "http://127.0.0.1:8080/"]) == 0
    token = capsys.readouterr().out.splitlines()[0]
    assert qr.stat().st_mode & 0o777 == 0o600
    text, _points, _raw = cv2.QRCodeDetector().detectAndDecode(cv2.imread(str(qr)))
    enrolment = parse(text)
    assert enrolment is not None and enrolment.token == token
    assert enrolment.server == "http://127.0.0.1:8080" and token not in repr(enrolment)
    assert main([*argv]) == 2  # --qr without --server


def test_an_enrolment_qr_scanned_at_the_console_joins_the_center_next_start(
    qtbot, console_win, config_file, config, service, clock, tmp_path
) -> None:
    from motcua.config import load_config
    from motcua.enrolment import encode
    from motcua.scanner.barcode import SimScanner
    from motcua.server.app import create_app
    from motcua.server.embedded import EmbeddedServer
    from motcua.server.tokens import Role, TokenStore

    tokens = TokenStore(tmp_path / "center.db")
    token = tokens.create(Role.KIOSK, name="Kiosk sảnh B")
    server = EmbeddedServer(create_app(service, tokens, config, clock=clock), "127.0.0.1", 0)
    server.start()
    scanner = SimScanner()
    win = console_win
    win.attach_scanner(scanner)
    try:
        unlock(qtbot, win)
        tech = win.screens["technician"]
        qtbot.waitUntil(lambda: win.runner.pending == 0)
        scanner.inject(encode(server.url, "not-a-token"))
        qtbot.waitUntil(lambda: "không nhận mã" in tech.result.text())
        scanner.inject(encode(server.url, token))
        qtbot.waitUntil(lambda: "Đã đăng ký với trung tâm" in tech.result.text())
    finally:
        server.stop()
        tokens.close()
    kiosk = load_config(config_file, env={}).kiosk
    assert kiosk.server == server.url.rstrip("/")
    token_file = config_file.with_name("kiosk.token")
    assert kiosk.token_file == str(token_file)
    assert token_file.read_text().strip() == token
    assert token_file.stat().st_mode & 0o777 == 0o600
    assert token not in config_file.read_text("utf-8")


def test_the_console_shows_the_centers_clock_warning_with_what_to_do(
    qtbot, console_win, service, clock
) -> None:
    win = console_win
    clock.jump(hours=20)  # the center's wall clock set ahead, across midnight
    unlock(qtbot, win)
    tech = win.screens["technician"]
    qtbot.waitUntil(lambda: tech.center_warning.isVisibleTo(win))
    text = tech.center_warning.text()
    assert text.startswith("⚠ Đồng hồ trung tâm: Đồng hồ máy vừa bị chỉnh nhanh 1200 phút")
    assert "chưa hủy số đang chờ" in text and "motcua clock confirm" in text
    assert text.endswith("\n→ Làm ngay trên máy này: trung tâm chạy tại đây.")
    win.toggle_language()
    assert "The wall clock jumped 1200 min ahead" in tech.center_warning.text()
    win.toggle_language()
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    if path := os.environ.get("MOTCUA_CONSOLE_PNG"):  # to look at it
        win.grab().save(path)
    service.confirm_clock()
    click(qtbot, tech.refresh_button)
    qtbot.waitUntil(lambda: not tech.center_warning.isVisibleTo(win))
    assert "Máy in sim://: tốt" in tech.rows["printer"].label.text()
    qtbot.waitUntil(lambda: win.runner.pending == 0)
