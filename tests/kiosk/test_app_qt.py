"""pytest-qt: the real kiosk widgets driven through each flow with sim devices."""

from __future__ import annotations

from motcua.kiosk.app_qt import KioskWindow
from motcua.kiosk.runtime import KioskRuntime
from motcua.printer.decoder import QrCode
from motcua.queue.models import EventKind, Satisfaction, TicketStatus

from .conftest import CARD


def click(qtbot, widget) -> None:
    from PySide6.QtCore import QPoint, Qt

    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def find(win: KioskWindow, name: str):
    from PySide6.QtWidgets import QWidget

    found = win.current.findChild(QWidget, name)
    assert found is not None, name
    return found


def take_to_confirm(
    qtbot, win: KioskWindow, scanner=None, card: str | None = None, group: str = "elderly"
) -> None:
    """Today's path: Lấy số -> the service (one level) -> the card or Bỏ qua -> the group."""
    click(qtbot, win.screens["home"].buttons["ticket"])
    assert win.current.name == "ticket"
    click(qtbot, find(win, "service:HT"))
    assert win.current.name == "idscan"
    if card:
        scanner.inject(card)
        qtbot.waitUntil(lambda: win.current.name == "priority")
    else:
        click(qtbot, win.screens["idscan"].skip)
    assert win.current.name == "priority"
    click(qtbot, find(win, f"priority:{group}"))
    assert win.current.name == "confirm"
    qtbot.waitUntil(lambda: win.runner.pending == 0)  # the service buttons' queue figures


ELDER = "038156001234||Lê Thị Cúc|12031956|Nữ|Xã Quảng Phú, Tỉnh Thanh Hóa|02052021"


def test_card_scanned_on_home_takes_a_number_with_the_citizen_known(
    qtbot, win, scanner, printer, service
) -> None:
    assert win.current.name == "home"
    scanner.inject(ELDER)
    qtbot.waitUntil(lambda: win.current.name == "ticket")
    assert "Lê T. C." in win.screens["ticket"].notice.text()
    # one level: the services themselves, titled by the service, with the queue
    b = find(win, "service:HT")
    assert b.title.text() == "Hộ tịch" and b.sub.text() == "Tư pháp"
    qtbot.waitUntil(lambda: "Không có ai đang chờ" in b.detail.text())
    click(qtbot, b)
    assert win.current.name == "priority"  # no card step: the card is known
    screen = win.screens["priority"]
    assert screen.go_on.isVisibleTo(win) and "Người cao tuổi" in screen.notice.text()
    first = screen.grid.items[0]
    assert first.objectName() == "priority:elderly"  # pre-selected, first
    click(qtbot, screen.go_on)
    assert win.current.name == "confirm"
    click(qtbot, win.screens["confirm"].print_button)
    qtbot.waitUntil(lambda: win.current.name == "result")
    ticket = win.screens["result"].result.info.ticket
    assert ticket.priority_group == "elderly" and ticket.has_citizen_id
    assert len(printer.jobs) == 1


def test_elderly_group_is_kindly_refused_to_a_young_card(qtbot, win, scanner) -> None:
    take = win.screens["home"].buttons["ticket"]
    click(qtbot, take)
    click(qtbot, find(win, "service:HT"))
    scanner.inject(CARD)  # born 1990
    qtbot.waitUntil(lambda: win.current.name == "priority")
    screen = win.screens["priority"]
    assert not screen.go_on.isVisibleTo(win)  # nothing pre-selected
    click(qtbot, find(win, "priority:elderly"))
    assert win.current.name == "priority"
    assert screen.notice.isVisibleTo(win) and "chưa đủ 60 tuổi" in screen.notice.text()
    assert screen.notice.property("role") == "notice"  # kind words, not a red error
    click(qtbot, find(win, "priority:none"))
    assert win.current.name == "confirm"


def test_garbage_scanned_on_home_is_explained_there(qtbot, win, scanner) -> None:
    scanner.inject("hello world")
    qtbot.waitUntil(lambda: win.screens["home"].error.isVisibleTo(win))
    assert win.current.name == "home"
    assert "Bỏ qua" not in win.screens["home"].error.text()


def test_take_a_number_prints_to_the_sim_printer(qtbot, win, printer, service) -> None:
    take_to_confirm(qtbot, win)
    click(qtbot, win.screens["confirm"].print_button)
    qtbot.waitUntil(lambda: win.current.name == "result")
    screen = win.screens["result"]
    assert screen.number.text() == "1001"
    assert len(printer.jobs) == 1
    assert not screen.qr_panel.isVisibleTo(win)  # printed: the paper has the QR
    ticket = service.ticket(screen.result.info.ticket.id).ticket
    assert ticket.priority_group == "elderly" and ticket.status == TicketStatus.WAITING
    # the citizen sees they were given priority, not only the clerk
    assert screen.priority.isVisibleTo(win)
    assert "Người cao tuổi" in screen.priority.text()
    click(qtbot, screen.done)
    assert win.current.name == "home"


def test_id_scanned_from_the_sim_scanner_then_existing_ticket(qtbot, win, scanner, printer) -> None:
    take_to_confirm(qtbot, win, scanner, CARD, group="none")
    assert "3456" in win.screens["confirm"].citizen.text()
    assert "001090123456" not in win.screens["confirm"].citizen.text()
    click(qtbot, win.screens["confirm"].print_button)
    qtbot.waitUntil(lambda: win.current.name == "result")
    first = win.screens["result"].number.text()
    win.home()
    take_to_confirm(qtbot, win, scanner, CARD, group="none")
    click(qtbot, win.screens["confirm"].print_button)
    qtbot.waitUntil(lambda: win.current.name == "result")
    screen = win.screens["result"]
    assert screen.number.text() == first
    assert screen.title.text() == "Ông/bà đã có số thứ tự"
    assert screen.reprint.isVisibleTo(win)
    assert len(printer.jobs) == 1
    click(qtbot, screen.reprint)
    qtbot.waitUntil(lambda: len(printer.jobs) == 2)


def test_bad_id_scan_is_explained_on_screen(qtbot, win, scanner) -> None:
    click(qtbot, win.screens["home"].buttons["ticket"])
    win.current.follow(win.runtime.tickets.choose_service("XNC"))
    scanner.inject("hello world")
    qtbot.waitUntil(lambda: win.screens["idscan"].error.isVisibleTo(win))
    assert "Chưa đọc được thẻ" in win.screens["idscan"].error.text()
    assert win.current.name == "idscan"


def test_print_failure_shows_number_qr_and_apology(qtbot, win, printer, runtime) -> None:
    printer.set_paper_out(True)
    take_to_confirm(qtbot, win)
    click(qtbot, win.screens["confirm"].print_button)
    qtbot.waitUntil(lambda: win.current.name == "result")
    screen = win.screens["result"]
    assert screen.number.text() == "1001"
    assert screen.qr_panel.isVisibleTo(win)
    assert screen.qr.data.endswith(screen.result.info.ticket.public_code)
    assert "Xin lỗi" in screen.message.text()
    assert runtime.alerts.active and runtime.alerts.active[0].device == "printer"
    printer.set_paper_out(False)
    click(qtbot, screen.reprint)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1)
    qrs = [op for op in printer.jobs[0].ops if isinstance(op, QrCode)]
    assert qrs[0].text == screen.qr.data


def test_idle_timeout_goes_home_and_forgets(qtbot, win, clock, scanner, runtime) -> None:
    take_to_confirm(qtbot, win, scanner, CARD, group="none")
    assert runtime.tickets.card is not None
    clock.advance(seconds=59)
    assert not win.check_idle()
    clock.advance(seconds=2)
    assert win.check_idle()
    assert win.current.name == "home"
    assert runtime.tickets.card is None and runtime.tickets.service is None
    assert win.screens["confirm"].citizen.text() == ""  # nothing of the card left on screen


def test_idle_timeout_restores_language_and_text_size(qtbot, win, clock) -> None:
    click(qtbot, win.lang_button)
    click(qtbot, win.large_button)
    click(qtbot, win.screens["home"].buttons["lookup"])
    assert win.lang.english and win.theme.large
    clock.advance(seconds=61)
    assert win.check_idle()
    assert not win.lang.english and not win.theme.large
    assert win.screens["home"].buttons["ticket"].title.text() == "Lấy số thứ tự"


def test_idle_countdown_warns_before_going_home(qtbot, win, clock) -> None:
    click(qtbot, win.screens["home"].buttons["dossier"])
    clock.advance(seconds=45)
    assert not win.check_idle()
    assert not win.idle_warning.isVisibleTo(win)
    clock.advance(seconds=7)
    assert not win.check_idle()
    assert win.idle_warning.isVisibleTo(win)
    assert "sau 8 giây" in win.idle_warning.text()
    click(qtbot, win.screens["dossier"].title)  # the citizen is still there
    assert not win.idle_warning.isVisibleTo(win)
    assert not win.check_idle() and win.current.name == "dossier"


def test_touch_restarts_the_idle_countdown(qtbot, win, clock) -> None:
    click(qtbot, win.screens["home"].buttons["ticket"])
    clock.advance(seconds=50)
    click(qtbot, win.screens["ticket"].title)  # any touch
    clock.advance(seconds=50)
    assert not win.check_idle()
    assert win.current.name == "ticket"


def test_technician_pin_gesture_status_and_test_print(qtbot, win, printer) -> None:
    for _ in range(5):
        click(qtbot, win.logo)
    assert win.current.name == "pin"
    pin = win.screens["pin"]
    for k in "9999":
        click(qtbot, pin.keys[k])
    click(qtbot, pin.ok)
    qtbot.waitUntil(lambda: "Sai mã PIN" in pin.message.text())
    assert win.current.name == "pin"
    for k in "1234":
        click(qtbot, pin.keys[k])
    click(qtbot, pin.ok)
    qtbot.waitUntil(lambda: win.current.name == "technician")
    tech = win.screens["technician"]
    qtbot.waitUntil(lambda: "kết nối tốt" in tech.status.text())
    qtbot.waitUntil(lambda: "Máy in sim://: tốt" in tech.rows["printer"].label.text())
    # each device's state once, on its row: not again in the status text
    assert "Máy in" not in tech.status.text() and "Máy quét" not in tech.status.text()
    click(qtbot, tech.test_button)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1)
    qtbot.waitUntil(lambda: win.runner.pending == 0)
    win.home()
    assert not win.runtime.technician.unlocked


def test_rating_tablet_opens_when_its_counter_finishes(qtbot, runtime, service, scanner) -> None:
    from dataclasses import replace

    tablet_rt = replace(runtime, rating_counter=5)
    w = KioskWindow(tablet_rt, rating_counter=5)
    qtbot.addWidget(w)
    w.subscribe_events()
    try:
        qtbot.waitUntil(lambda: w.subscribed)
        assert w.current.name == "resting"
        service.issue_ticket("CTR")
        service.call_next(4)
        service.finish(4)
        info = service.issue_ticket("CTR")
        service.call_next(5)
        service.start(5)
        service.finish(5)
        qtbot.waitUntil(lambda: w.current.name == "rate")
        assert info.ticket.display_number in w.screens["rate"].which.text()
        click(qtbot, w.screens["rate"].buttons[Satisfaction.UNSATISFIED])
        assert w.current.name == "reasons"
        click(qtbot, w.screens["reasons"].send)
        assert w.screens["reasons"].message.isVisibleTo(w)  # a reason is required
        click(qtbot, w.screens["reasons"].toggles["wait"])
        click(qtbot, w.screens["reasons"].send)
        qtbot.waitUntil(lambda: w.current.name == "thanks")
        rated = [e for e in service.events_since(0) if e.kind == EventKind.RATED]
        assert [e.ticket_id for e in rated] == [info.ticket.id]
        w.rating_done()
        assert w.current.name == "resting"
    finally:
        w.shutdown()


def test_language_toggle_and_large_text(qtbot, win) -> None:
    home = win.screens["home"]
    assert home.buttons["ticket"].title.text() == "Lấy số thứ tự"
    assert home.buttons["ticket"].sub.text() == "Take a queue number"
    click(qtbot, win.lang_button)
    assert home.buttons["ticket"].title.text() == "Take a queue number"
    assert win.lang_button.text() == "Tiếng Việt"
    click(qtbot, win.lang_button)
    assert home.buttons["ticket"].title.text() == "Lấy số thứ tự"
    before = home.buttons["ticket"].title.sizeHint().height()
    click(qtbot, win.large_button)
    assert win.theme.large and win.theme.contrast
    assert home.buttons["ticket"].title.sizeHint().height() > before


def test_touch_targets_are_at_least_90_px(qtbot, win) -> None:
    from PySide6.QtWidgets import QPushButton

    from motcua.kiosk.widgets_qt import BigButton

    for name in ("home", "ticket", "lookup", "pin", "rating", "rate", "reasons", "dossier"):
        win.go(name)
        buttons = win.findChildren(QPushButton) + win.findChildren(BigButton)
        shown = [b for b in buttons if b.isVisibleTo(win)]
        assert shown
        for b in shown:
            assert b.height() >= 90, (name, b.objectName(), b.height())
    win.go("lookup")
    win.screens["lookup"].toggle_keyboard()
    keys = list(win.screens["lookup"].keyboard.keys.values())
    assert all(k.isVisibleTo(win) for k in keys)
    sizes = [(k.width(), k.height()) for k in keys]
    assert min(min(w, h) for w, h in sizes) >= 90  # square-ish keys at 1080p


def test_lookup_with_the_onscreen_telex_keyboard(qtbot, win) -> None:
    click(qtbot, win.screens["home"].buttons["lookup"])
    screen = win.screens["lookup"]
    assert win.current is screen
    click(qtbot, screen.kb_button)
    assert screen.keyboard.isVisibleTo(win)
    for key in "ddawng kys ketes hoon":
        click(qtbot, screen.keyboard.keys[key] if key != " " else screen.keyboard.space)
    assert screen.box.text() == "đăng ký kết hôn"
    names = [screen.list.item(i).text().split("\n")[0] for i in range(screen.list.count())]
    assert "Đăng ký kết hôn" in names[:5]
    item = screen.list.item(names.index("Đăng ký kết hôn"))
    screen.list.itemClicked.emit(item)
    assert win.current.name == "procedure"
    detail = win.screens["procedure"]
    assert detail.proc_name.text() == "Đăng ký kết hôn"
    assert "1." in detail.papers.text()
    if detail.qr_box.isVisibleTo(win):
        assert detail.qr.data.startswith("http")
    click(qtbot, win.back_button)
    assert win.current is screen


def test_take_a_number_from_a_procedure_preselects_its_service(qtbot, win, catalog) -> None:
    lookup = win.runtime.lookup
    marriage = next(p for p in lookup.search("dang ky ket hon") if p.field == "Hộ tịch")
    lookup.open(marriage.code)
    win.go("procedure")
    click(qtbot, win.screens["procedure"].take)
    assert win.current.name == "idscan"  # the service already chosen
    assert win.runtime.tickets.service is not None
    assert win.runtime.tickets.service.code == "HT"
    click(qtbot, win.back_button)  # and the citizen can still choose another
    assert win.current.name == "ticket"  # one level: the services
    # a procedure of a field this center has no counter for: the field picker
    win.home()
    travel = lookup.browse("Du lịch")[0]
    lookup.open(travel.code)
    win.go("procedure")
    click(qtbot, win.screens["procedure"].take)
    assert win.current.name == "ticket"
    assert win.runtime.tickets.service is None


def test_lookup_browse_by_field(qtbot, win, catalog) -> None:
    win.go("lookup")
    screen = win.screens["lookup"]
    click(qtbot, screen.field_button)
    field = catalog.fields()[1]
    items = [screen.list.item(i) for i in range(screen.list.count())]
    target = next(i for i in items if i.text() == field)
    screen.list.itemClicked.emit(target)
    assert screen.list.count() > 0
    assert field in screen.field_button.text()
    assert all(field in screen.list.item(i).text() for i in range(screen.list.count()))


def test_dossier_status_from_a_scanned_receipt_qr(qtbot, win, scanner, runtime) -> None:
    click(qtbot, win.screens["home"].buttons["dossier"])
    screen = win.screens["dossier"]
    scanner.inject(runtime.demo_dossier_codes[0])
    qtbot.waitUntil(lambda: screen.card.isVisibleTo(win))
    assert runtime.demo_dossier_codes[0] in screen.facts.text()
    screen.box.setText("000.00.06.H56-231027-9999")
    click(qtbot, screen.go_button)
    qtbot.waitUntil(lambda: screen.message.isVisibleTo(win))
    assert "Không tìm thấy" in screen.message.text()
    assert not screen.card.isVisibleTo(win)


def test_hall_kiosk_rating_picks_the_counter(qtbot, win, service) -> None:
    service.issue_ticket("DD")
    service.call_next(6)
    service.start(6)
    service.finish(6)
    click(qtbot, win.screens["home"].buttons["rating"])
    click(qtbot, win.screens["rating"].by_counter)  # the kiosk hosts the center
    click(qtbot, find(win, "counter:6"))
    qtbot.waitUntil(lambda: win.current.name == "rate")
    click(qtbot, win.screens["rate"].buttons[Satisfaction.VERY_SATISFIED])
    qtbot.waitUntil(lambda: win.current.name == "thanks")
    assert [e.counter for e in service.events_since(0) if e.kind == EventKind.RATED] == [6]


class SlowPrinter:
    """The sim printer behind a gate: a job takes as long as the test says."""

    def __init__(self, sim) -> None:
        import threading

        self.sim = sim
        self.gate = threading.Event()

    def print_ticket(self, slip):
        self.gate.wait(10)
        return self.sim.print_ticket(slip)

    def __getattr__(self, name):
        return getattr(self.sim, name)


def test_slow_printing_shows_progress_and_ignores_double_taps(
    qtbot, config, clock, service, printer, catalog, dossiers
) -> None:
    slow = SlowPrinter(printer)
    rt = KioskRuntime(
        config=config,
        clock=clock,
        center=service,
        printer=slow,
        catalog=catalog,
        dossiers=dossiers,
        printer_url="sim://",
        scanner_url="sim://",
    )
    w = KioskWindow(rt)
    qtbot.addWidget(w)
    try:
        take_to_confirm(qtbot, w)
        click(qtbot, w.screens["confirm"].print_button)
        qtbot.waitUntil(lambda: w.current.name == "printing")  # after 300 ms
        click(qtbot, w.home_button)  # a nervous tap while printing is ignored
        assert w.current.name == "printing"
        slow.gate.set()
        qtbot.waitUntil(lambda: w.current.name == "result")
        assert len(printer.jobs) == 1
        assert service.snapshot().service("HT").waiting == 1  # one ticket, not two
    finally:
        w.shutdown()
