""" "Đánh giá" at a hall kiosk: which ticket? The citizen scans the QR on their ticket,
or types the code printed under it with big keys; then the three faces.

Over HTTP the ticket's code is what lets a hall kiosk rate at all (issue 12 item 2),
so this is the first step. A kiosk hosting the center may also offer "which counter
served you?" (``RatingFlow.by_counter``). A scan or a code that is not a ticket's
stays here with what to do instead; what was typed stays in the box to correct, and
a scanned payload is never written into it (an ID card's QR holds personal data).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout

from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.keyboard_qt import OnScreenKeyboard, TapLineEdit
from motcua.kiosk.rating_flow import RatingResult
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.widgets_qt import BigButton, MessageLabel, TButton, TLabel


class RatingCodeScreen(Screen):
    name = "rating"
    title_src = tr("Xin ông/bà quét mã QR trên phiếu số thứ tự")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.flow = self.rt.rating
        self.how = BigButton(
            self.lang,
            self.theme,
            "ticket",
            tr("Đưa mã QR in trên phiếu số thứ tự vào ô quét của máy"),
            min_height=150,
        )
        self.how.setObjectName("rating:how")  # what to do, drawn big; not a button
        self.body.addWidget(self.how)
        self.body.addWidget(
            TLabel(
                self.lang,
                tr(
                    "Không quét được? Chạm ô dưới đây và nhập mã in dưới mã QR "
                    "(các ký tự sau “/t/”)."
                ),
                "body",
            )
        )
        row = QHBoxLayout()
        self.box = TapLineEdit()
        self.box.setObjectName("rating:code")
        self.box.setPlaceholderText("aB3dE5_g7H9k")
        self.box.returnPressed.connect(self.submit)
        self.box.tapped.connect(self.open_keyboard)
        row.addWidget(self.box, 1)
        self.go_button = TButton(self.lang, tr("Tiếp tục"))
        self.go_button.setMaximumWidth(320)
        self.go_button.clicked.connect(self.submit)
        row.addWidget(self.go_button)
        self.body.addLayout(row)
        self.message = MessageLabel(self.lang)
        self.message.setObjectName("rating:message")
        self.body.addWidget(self.message)
        self.box.textChanged.connect(self.message.hide)  # typing again: the old reason goes
        self.by_counter = TButton(
            self.lang, tr("Không có phiếu? Chọn quầy đã phục vụ"), "secondary"
        )
        self.by_counter.clicked.connect(lambda: self.win.go("rating_counter"))
        self.by_counter.setVisible(self.flow.by_counter)
        self.body.addWidget(self.by_counter, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)
        self.keyboard = OnScreenKeyboard(self.lang, self.box, telex=False, cased=True)
        self.keyboard.done.connect(self.submit)
        self.keyboard.hide()
        self.footer.addWidget(self.keyboard)
        self.busy = False

    def enter(self) -> None:
        # the counter's own tablet: the ticket is known from the center's events
        if self.win.rating_counter is not None and self.flow.ticket_id is not None:
            self.win.go("rate")

    def set_wide(self, wide: bool) -> None:
        super().set_wide(wide)
        self.keyboard.set_wide(wide)

    def open_keyboard(self) -> None:
        # landscape has little height: the keys take the picture's place, so the box,
        # the message and "Tiếp tục" stay in sight above them
        self.how.setVisible(not self.wide)
        self.keyboard.show()

    def reset(self) -> None:
        self.box.clear()
        self.keyboard.input.clear()
        self.keyboard.hide()
        self.how.show()
        self.message.hide()
        self.busy = False
        self.go_button.setEnabled(True)

    def on_scan(self, line: str) -> bool:
        if not self.busy:  # a second scan while the first is looked up waits its turn
            self.look_up(line)
        return True

    def submit(self) -> None:
        if not self.busy:
            self.look_up(self.box.text())

    def look_up(self, payload: str) -> None:
        self.busy = True
        self.go_button.setEnabled(False)
        self.win.runner.run(
            lambda: self.flow.choose_ticket_code(payload), self._found, self._failed
        )

    def _found(self, problem: RatingResult | None) -> None:
        self.busy = False
        self.go_button.setEnabled(True)
        if problem is None:
            self.message.hide()
            self.keyboard.hide()
            self.win.go("rate")
            return
        self.message.set_texts(problem.message_vi, problem.message_en)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.go_button.setEnabled(True)
        self.win.task_failed(exc)
