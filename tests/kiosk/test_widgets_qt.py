"""The kiosk's own widgets (widgets_qt.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from motcua.kiosk.i18n_qt import Lang
from motcua.kiosk.widgets_qt import MessageLabel


def test_a_message_line_shows_only_while_it_says_something(qtbot) -> None:
    lang = Lang("vi")
    page = QWidget()
    QVBoxLayout(page).addWidget(message := MessageLabel(lang))
    qtbot.addWidget(page)
    page.show()
    assert not message.isVisible()  # no blank line before anything went wrong
    message.set_texts("Mã không hợp lệ.", "The code is not valid.")
    assert message.isVisible() and message.text() == "Mã không hợp lệ."
    lang.set_language("en")
    assert message.text() == "The code is not valid."  # follows the language while shown
    message.set_texts("", "")
    assert not message.isVisible()
    message.set_texts("Đang in…", "Printing…")
    message.hide()  # a screen's enter() may still clear it this way
    assert not message.isVisible()
    assert message.property("role") == "error"


def test_a_message_given_before_its_page_is_never_a_window_of_its_own(qtbot) -> None:
    lang = Lang("vi")
    given = MessageLabel(lang, "Có sẵn", "Given")
    assert not given.isVisible()  # not shown as a window before it has a page
    page = QWidget()
    qtbot.addWidget(page)
    QVBoxLayout(page).addWidget(given)
    page.show()
    assert given.isVisible()
