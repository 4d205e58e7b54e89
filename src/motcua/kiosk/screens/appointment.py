""" "Có lịch hẹn": scan the appointment's QR or type its code -> the ticket.

The center knows the appointment's service and slot, and calls it first when due; the
kiosk only passes the code (``TicketFlow.submit_appointment``) and shows the usual
result page. A wrong code, or an appointment of another day, stays on this screen with
the reason, so the citizen can type again or ask."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.keyboard_qt import OnScreenKeyboard, TapLineEdit
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.ticket_flow import TicketResult, appointment_code
from motcua.kiosk.widgets_qt import MessageLabel, TButton, TLabel


class AppointmentScreen(Screen):
    name = "appointment"
    title_src = tr("Có lịch hẹn")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.flow = self.rt.tickets
        self.body.addWidget(
            TLabel(
                self.lang,
                tr(
                    "Đưa mã QR trên giấy hẹn hoặc tin nhắn hẹn vào ô quét, "
                    "hoặc chạm ô dưới đây để nhập mã lịch hẹn."
                ),
                "body",
            )
        )
        row = QHBoxLayout()
        self.box = TapLineEdit()
        self.box.setPlaceholderText("HEN-0042")
        self.box.returnPressed.connect(self.submit)
        self.box.tapped.connect(self.open_keyboard)
        row.addWidget(self.box, 1)
        self.go_button = TButton(self.lang, tr("Lấy số"))
        self.go_button.setMaximumWidth(320)
        self.go_button.clicked.connect(self.submit)
        row.addWidget(self.go_button)
        self.body.addLayout(row)
        self.message = MessageLabel(self.lang)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.keyboard = OnScreenKeyboard(self.lang, self.box, telex=False)
        self.keyboard.done.connect(self.submit)
        self.keyboard.hide()
        self.footer.addWidget(self.keyboard)

    def open_keyboard(self) -> None:
        self.keyboard.show()

    def set_wide(self, wide: bool) -> None:
        super().set_wide(wide)
        self.keyboard.set_wide(wide)

    def reset(self) -> None:
        self.box.clear()
        self.keyboard.input.clear()
        self.keyboard.hide()
        self.message.hide()
        self.go_button.setEnabled(True)

    def on_scan(self, line: str) -> bool:
        self.box.setText(appointment_code(line))
        self.submit()
        return True

    def submit(self) -> None:
        code = self.box.text().strip()
        if not code:
            self.message.set_texts(
                "Xin ông/bà quét mã QR trên giấy hẹn hoặc nhập mã lịch hẹn.",
                "Please scan the QR code of your appointment or type its code.",
            )
            return
        self.keyboard.hide()
        self.go_button.setEnabled(False)
        self.win.run_with_progress(lambda: self.flow.submit_appointment(code), self.show_result)

    def show_result(self, result: TicketResult) -> None:
        self.go_button.setEnabled(True)
        if result.info is None:  # no ticket: say why here, the code stays to correct
            self.win.go(self.name)
            self.message.set_texts(result.message_vi, result.message_en)
            return
        self.message.hide()
        self.win.show_ticket_result(result)
