"""Dossier status: scan the receipt's QR or type the code; the answer in plain words."""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from motcua.dossier.codes import DossierCodeError, parse_dossier_code
from motcua.kiosk.dossier_flow import DossierOutcome, DossierResult
from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.keyboard_qt import OnScreenKeyboard
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.widgets_qt import BiLabel, MessageLabel, TButton, TLabel

FINISHED = 9  # Đã xử lý xong: the result waits at the return counter


class DossierScreen(Screen):
    name = "dossier"
    title_src = tr("Tra cứu tình trạng hồ sơ")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.flow = self.rt.dossier
        self.body.addWidget(
            TLabel(
                self.lang,
                tr(
                    "Đưa mã QR trên giấy hẹn trả kết quả vào ô quét, "
                    "hoặc nhập mã hồ sơ rồi chạm Tra cứu."
                ),
                "body",
            )
        )
        row = QHBoxLayout()
        self.box = QLineEdit()
        # a real dossier of the demo (none when the kiosk seeded none): typing it works
        demo = self.rt.demo_dossier_codes
        self.box.setPlaceholderText(demo[0] if demo else "")
        self.box.returnPressed.connect(self.submit)
        row.addWidget(self.box, 1)
        self.go_button = TButton(self.lang, tr("Tra cứu"))
        self.go_button.setMaximumWidth(320)
        self.go_button.clicked.connect(self.submit)
        row.addWidget(self.go_button)
        self.kb_button = TButton(self.lang, tr("Bàn phím"), role="secondary")
        self.kb_button.setMaximumWidth(300)
        self.kb_button.clicked.connect(self.toggle_keyboard)
        row.addWidget(self.kb_button)
        self.body.addLayout(row)
        results = QWidget()
        col_r = QVBoxLayout(results)
        col_r.setContentsMargins(0, 0, 0, 0)
        self.card = QFrame()
        self.card.setProperty("role", "card")
        col = QVBoxLayout(self.card)
        col.setContentsMargins(28, 20, 28, 20)
        self.status = BiLabel(self.lang, role="title")
        self.explain = BiLabel(self.lang, role="body")
        self.facts = BiLabel(self.lang, role="body")
        for w in (self.status, self.explain, self.facts):
            col.addWidget(w)
        # a finished dossier: a ticket for the return counter in two taps (this, then print)
        self.return_button = TButton(self.lang, tr("Lấy số nhận kết quả"))
        self.return_button.setMinimumHeight(120)
        self.return_button.clicked.connect(self.take_return_ticket)
        self.return_button.hide()
        col.addWidget(self.return_button)
        self.card.hide()
        col_r.addWidget(self.card)
        self.message = MessageLabel(self.lang)
        col_r.addWidget(self.message)
        col_r.addStretch(1)
        self.keyboard = OnScreenKeyboard(self.lang, self.box, telex=False)
        self.keyboard.done.connect(self.submit)
        self.keyboard.hide()
        self.body.addWidget(results, 1)
        self.footer.addWidget(self.keyboard)  # full width under the answer, never scrolled

    def set_wide(self, wide: bool) -> None:
        super().set_wide(wide)
        self.keyboard.set_wide(wide)

    def reset(self) -> None:
        self.flow.reset()
        self.box.clear()
        self.keyboard.input.clear()
        self.card.hide()
        self.message.hide()
        self.keyboard.hide()

    def take_return_ticket(self) -> None:
        """ "Trả kết quả": the return counter's service chosen, no card, no group: the
        confirm screen, where one more tap prints the ticket."""
        from motcua.server.dossier_setup import return_service

        t = self.rt.tickets
        t.reset()
        t.choose_service(return_service(self.rt.config))
        t.skip_id()
        t.choose_priority(None)
        self.win.go("confirm")

    def toggle_keyboard(self) -> None:
        self.keyboard.setVisible(not self.keyboard.isVisible())

    def on_scan(self, line: str) -> bool:
        """A receipt's QR (a URL holding the code) shows as the code itself."""
        text = line.strip()
        with suppress(DossierCodeError):  # else the lookup says what is wrong with it
            text = parse_dossier_code(text)
        self.box.setText(text)
        self.submit()
        return True

    def submit(self) -> None:
        text = self.box.text()
        self.keyboard.hide()
        self.go_button.setEnabled(False)
        self.win.runner.run(lambda: self.flow.look_up(text), self.show_result, self.win.task_failed)

    def show_result(self, r: DossierResult) -> None:
        self.go_button.setEnabled(True)
        if r.outcome == DossierOutcome.FOUND and r.record is not None:
            rec = r.record
            tz = self.rt.config.center.tz
            self.status.set_texts(rec.status.label_vi, rec.status.label_en)
            self.explain.set_texts(r.message_vi, r.message_en)
            recv = rec.received_at.astimezone(tz).strftime("%d/%m/%Y")
            due = rec.due_at.astimezone(tz).strftime("%d/%m/%Y") if rec.due_at else "—"
            note = f"\nGhi chú: {rec.note}" if rec.note else ""
            note_en = f"\nNote: {rec.note}" if rec.note else ""
            self.facts.set_texts(
                f"Mã hồ sơ: {rec.code}\nThủ tục: {rec.procedure_name}\n"
                f"Người nộp: {rec.applicant_name}\nNgày nhận: {recv} · Ngày hẹn trả: {due}{note}",
                f"Dossier: {rec.code}\nProcedure: {rec.procedure_name}\n"
                f"Applicant: {rec.applicant_name}\nReceived: {recv} · Due: {due}{note_en}",
            )
            self.return_button.setVisible(int(rec.status) == FINISHED)
            self.card.show()
            self.message.hide()
        else:
            self.card.hide()
            self.message.set_texts(r.message_vi, r.message_en)
