"""Issue 16 item 4: the search box opens the keyboard, the keys show what they type, the
most asked procedures fill the list before typing; the dossier screen's placeholder and a
scanned receipt QR."""

from __future__ import annotations

from motcua.kiosk.lookup_flow import LookupFlow

from .test_app_qt import click


def test_touching_the_search_box_opens_the_keyboard(qtbot, win) -> None:
    click(qtbot, win.screens["home"].buttons["lookup"])
    screen = win.screens["lookup"]
    assert not screen.keyboard.isVisibleTo(win)
    click(qtbot, screen.box)
    assert screen.keyboard.isVisibleTo(win)


def test_the_keys_show_the_case_they_type(qtbot, win) -> None:
    win.go("lookup")
    screen = win.screens["lookup"]
    screen.open_keyboard()
    for ch, key in screen.keyboard.keys.items():
        assert key.text() == ch
    click(qtbot, screen.keyboard.keys["a"])
    assert screen.box.text() == "a" == screen.keyboard.keys["a"].text()


def test_before_typing_the_list_shows_the_most_asked(qtbot, win) -> None:
    click(qtbot, win.screens["home"].buttons["lookup"])
    screen = win.screens["lookup"]
    names = [screen.list.item(i).text().split("\n")[0] for i in range(screen.list.count())]
    assert names[:3] == ["Đăng ký khai sinh", "Đăng ký kết hôn", "Chứng thực bản sao từ bản chính"]
    assert "hỏi nhiều nhất" in screen.status.text()
    screen.box.setText("ho chieu")
    assert "hỏi nhiều nhất" not in screen.status.text()
    screen.box.setText("")  # cleared: the suggestions come back
    assert screen.list.count() == LookupFlow.SUGGESTED


def test_what_citizens_open_here_comes_first(catalog) -> None:
    flow = LookupFlow(catalog, most_asked=["1.001193", "1.000894", "not-a-code"])
    assert [p.code for p in flow.state.results] == ["1.001193", "1.000894"]
    passport = flow.search("ho chieu")[0]
    flow.open(passport.code)
    flow.open(passport.code)
    flow.open("1.000894")
    flow.reset()  # the next citizen
    assert [p.code for p in flow.state.results] == [passport.code, "1.000894", "1.001193"]
    assert flow.state.suggested


def test_dossier_placeholder_is_a_real_demo_dossier(qtbot, win, runtime) -> None:
    screen = win.screens["dossier"]
    assert screen.box.placeholderText() == runtime.demo_dossier_codes[0]


def test_a_scanned_receipt_qr_shows_the_code(qtbot, win, scanner, runtime) -> None:
    click(qtbot, win.screens["home"].buttons["dossier"])
    screen = win.screens["dossier"]
    code = runtime.demo_dossier_codes[0]
    scanner.inject(f"http://192.168.5.20:8080/d/{code}")
    qtbot.waitUntil(lambda: screen.card.isVisibleTo(win))
    assert screen.box.text() == code


def test_print_the_papers_of_a_procedure(qtbot, win, printer) -> None:
    lookup = win.runtime.lookup
    marriage = next(p for p in lookup.search("dang ky ket hon") if p.field == "Hộ tịch")
    lookup.open(marriage.code)
    win.go("procedure")
    screen = win.screens["procedure"]
    click(qtbot, screen.print_papers)
    qtbot.waitUntil(lambda: "đang ra ở khe" in screen.printed.text(), timeout=5000)
    assert len(printer.jobs) == 1
    # the list (tests/printer/test_papers_list.py reads it back), not a ticket
    assert printer.jobs[0].image().height > 900
    win.home()
    assert not screen.printed.isVisibleTo(win)
