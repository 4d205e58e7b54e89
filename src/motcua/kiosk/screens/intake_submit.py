"""Step 6 of "Nộp hồ sơ" and after: review what will be submitted, submit, then the code,
its QR and whether the slip printed (in red with "In lại" when it did not).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from motcua.dossier.intake_flow import IntakeResult, PaperState
from motcua.kiosk.screens.intake_common import IntakeScreen
from motcua.kiosk.widgets_qt import BiButton, BiLabel, MessageLabel, QrView


# ---------------------------------------------------------------------------- 6 review
class ReviewScreen(IntakeScreen):
    name = "intake_review"
    titles = ("Xem lại trước khi nộp", "Check before submitting")
    step_no = 6

    def __init__(self, win) -> None:
        super().__init__(win)
        self.summary = self.add_text_card()
        self.error = MessageLabel(self.lang)
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.fix = BiButton(self.lang, "Sửa giấy tờ", "Change papers", role="secondary")
        self.fix.clicked.connect(self.back)
        self.submit_button = BiButton(self.lang, "Nộp hồ sơ", "Submit the dossier")
        self.submit_button.clicked.connect(self.submit)
        self.footer_row(self.fix, self.submit_button)

    def enter(self) -> None:
        flow = self.flow
        assert flow is not None and flow.dossier is not None
        d = flow.dossier
        self.error.hide()
        self.submit_button.setEnabled(True)
        lines_vi = [f"Thủ tục: {d.procedure_name}", f"Người nộp: {d.applicant.masked_name}"]
        lines_en = [f"Procedure: {d.procedure_name}", f"Applicant: {d.applicant.masked_name}"]
        if flow.card_proof.startswith("chip"):  # the stronger proof than the QR
            issued = flow.card_proof == "chip_as_issued"
            lines_vi.append(
                "  ✓ Đọc từ chip thẻ căn cước" + (" (dữ liệu đúng như khi cấp)" if issued else "")
            )
            lines_en.append(
                "  ✓ Read from the ID card's chip" + (" (data as issued)" if issued else "")
            )
        if d.applicant.phone:
            lines_vi.append(f"Điện thoại: {d.applicant.phone}")
            lines_en.append(f"Phone: {d.applicant.phone}")
        lines_vi.append("Giấy tờ:")
        lines_en.append("Papers:")
        for it in flow.items:
            pages = len(it.scan.pages) if it.scan is not None else 0
            if it.state is PaperState.DONE:
                lines_vi.append(f"  ✓ {it.paper.name}: {pages} trang")
                lines_en.append(f"  ✓ {it.paper.name}: {pages} pages")
            elif it.state is PaperState.SKIPPED:
                lines_vi.append(f"  – {it.paper.name}: không nộp")
                lines_en.append(f"  – {it.paper.name}: not submitted")
        self.summary.set_texts("\n".join(lines_vi), "\n".join(lines_en))

    def submit(self) -> None:
        flow = self.flow
        assert flow is not None
        self.submit_button.setEnabled(False)
        self.win.run_with_progress(flow.submit, self._done)

    def _done(self, r: IntakeResult) -> None:
        if not r.ok:
            self.win.go("intake_review")
            self.error.set_texts(r.message_vi, r.message_en)
            self.submit_button.setEnabled(True)
            return
        self.win.screens["intake_done"].show_result(r)  # type: ignore[attr-defined]
        self.win.go("intake_done")

    def back(self) -> None:
        assert self.flow is not None
        self.follow(self.flow.back_to_checklist())


# ---------------------------------------------------------------------------- done
class IntakeDoneScreen(IntakeScreen):
    """Submitted: the code, its QR, the reception ticket; the slip printed or, in red,
    not printed with "In lại" (never a slip that only looks printed)."""

    name = "intake_done"
    titles = ("Đã nộp hồ sơ", "Dossier submitted")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.result: IntakeResult | None = None
        row = QHBoxLayout()
        col = QVBoxLayout()
        self.code_caption = BiLabel(self.lang, "Mã hồ sơ", "Dossier code", role="small")
        self.code = QLabel()
        self.code.setProperty("role", "title")
        self.code.setWordWrap(True)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ticket_caption = BiLabel(self.lang, "Số thứ tự", "Queue number", role="small")
        self.ticket = QLabel()
        self.ticket.setProperty("role", "number")
        for w in (self.code_caption, self.code, self.ticket_caption, self.ticket):
            col.addWidget(w)
        row.addLayout(col, 1)
        self.qr = QrView(300)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(row)
        self.printed = BiLabel(self.lang, role="success")
        self.not_printed = BiLabel(self.lang, role="banner")
        self.message = BiLabel(self.lang, role="body")
        for w in (self.printed, self.not_printed, self.message):
            self.body.addWidget(w)
        self.body.addStretch(1)
        self.reprint_button = BiButton(self.lang, "In lại phiếu", "Print the slip again")
        self.reprint_button.clicked.connect(self.reprint)
        self.home_button = BiButton(self.lang, "Xong, về trang chủ", "Done", role="secondary")
        self.home_button.clicked.connect(self.win.home)
        self.footer_row(self.reprint_button, self.home_button)

    def show_result(self, r: IntakeResult) -> None:
        self.result = r
        d = r.dossier
        assert d is not None
        from motcua.printer.dossier_slips import lookup_url

        self.code.setText(d.code)
        self.ticket.setText(d.ticket_number or "—")
        self.ticket.setVisible(bool(d.ticket_number))
        self.ticket_caption.setVisible(bool(d.ticket_number))
        self.qr.set_data(lookup_url(self.rt.config, d.code))
        self.message.set_texts(
            "Mời ông/bà chờ gọi số tại quầy tiếp nhận và mang theo bản chính các giấy tờ để "
            "cán bộ đối chiếu. Tra cứu hồ sơ: quét mã QR này tại máy hoặc bằng điện thoại.",
            "Please wait for your number at the reception counter and bring the original "
            "papers to be checked. To follow the dossier, scan this QR code here or by phone.",
        )
        self.printed.set_texts(
            "✓ Phiếu nộp hồ sơ đã in: xin nhận phiếu ở khe máy in.",
            "✓ The slip is printed: take it from the printer.",
        )
        self.not_printed.set_texts(
            "PHIẾU CHƯA IN ĐƯỢC. Hồ sơ đã nộp và được giữ an toàn. Xin chạm In lại, hoặc "
            "chụp ảnh / ghi lại mã hồ sơ và báo cán bộ tại quầy.",
            "THE SLIP WAS NOT PRINTED. Your dossier is submitted and safe. Touch Print again, "
            "or photograph / note the code and tell the counter.",
        )
        self.printed.setVisible(r.printed)
        self.not_printed.setVisible(not r.printed)
        self.reprint_button.setVisible(not r.printed)
        self.reprint_button.setEnabled(True)

    def reprint(self) -> None:
        flow = self.flow
        assert flow is not None
        self.reprint_button.setEnabled(False)
        self.win.run_with_progress(flow.reprint, self._reprinted)

    def _reprinted(self, r: IntakeResult) -> None:
        self.show_result(r)
        self.win.go("intake_done")

    def back(self) -> None:
        self.win.home()  # submitted: nothing to go back to
