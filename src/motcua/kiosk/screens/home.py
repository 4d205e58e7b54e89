"""Home: the five things a citizen comes for, as big buttons."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.screens.idcard import card_error
from motcua.kiosk.widgets_qt import BigButton, BiLabel, FlowGrid, MessageLabel, TButton, TLabel
from motcua.scanner.cccd_qr import IdCardError
from motcua.ui.theme import KIOSK


class HomeScreen(Screen):
    name = "home"
    title_src = tr("Xin mời ông/bà chọn việc cần làm")
    home_screen = True

    def __init__(self, win) -> None:
        super().__init__(win)
        self.buttons: dict[str, BigButton] = {}
        # the buttons share the height there is, down to their content's (large text):
        # the page fits without scrolling (test_layout_qt measures it)
        grid = FlowGrid(min_width=560, max_columns=3, fill=True, spacing=KIOSK.card_gap)
        items = []
        for key, icon, src in (
            ("ticket", "ticket", tr("Lấy số thứ tự")),
            ("appointment", "calendar", tr("Có lịch hẹn")),
            ("lookup", "search", tr("Tra cứu thủ tục")),
            ("dossier", "folder", tr("Tra cứu hồ sơ")),
            ("submit", "upload", tr("Nộp hồ sơ")),
            ("rating", "star", tr("Đánh giá sự hài lòng")),
        ):
            b = BigButton(self.lang, self.theme, icon, src, min_height=0)
            b.clicked.connect(lambda k=key: self.win.go(k))
            self.buttons[key] = b
            items.append(b)
        grid.set_items(items)
        self.card_hint = TLabel(
            self.lang,
            tr("Có thẻ căn cước? Đưa mã QR trên thẻ vào ô quét để lấy số nhanh hơn."),
            "notice",
        )
        self.body.addWidget(self.card_hint)
        # The printer is down: said before the citizen starts, not after six taps.
        self.printer_notice = BiLabel(self.lang, role="banner")
        self.printer_notice.set_texts(
            "Máy in phiếu đang tạm dừng. Ông/bà vẫn lấy số được: số thứ tự và mã QR sẽ hiện "
            "trên màn hình để ghi lại hoặc chụp ảnh.",
            "The ticket printer is paused. You can still take a number: it will be shown on "
            "the screen with a QR code to note down or photograph.",
        )
        self.printer_notice.hide()
        self.body.addWidget(self.printer_notice)
        self._watch = QTimer(self)
        self._watch.setInterval(1000)
        self._watch.timeout.connect(self.refresh_devices)
        self._watch.start()  # reads the board in memory: cheap, and the notice clears itself
        self.error = MessageLabel(self.lang)
        self.body.addWidget(self.error)
        self.body.addWidget(grid, 1)
        self.hint = TLabel(
            self.lang,
            tr("Chạm vào ô để bắt đầu. Cần giúp đỡ, xin hỏi cán bộ tại quầy hướng dẫn."),
            "small",
        )
        self.body.addWidget(self.hint)

    def enter(self) -> None:
        self.error.hide()
        self.refresh_devices()

    def refresh_devices(self) -> None:
        """Show or hide the printer notice from the kiosk's health board (in memory)."""
        self.printer_notice.setVisible(self.rt.tickets.printer_problem is not None)

    def on_scan(self, line: str) -> bool:
        """An ID card scanned here starts "Lấy số" with the citizen known."""
        try:
            self.rt.tickets.start_with_card(line)
        except IdCardError as exc:
            self.error.set_texts(*card_error(exc, skip=False))
            return True
        self.win.go("ticket")
        return True


class ErrorScreen(Screen):
    """Something unexpected went wrong: an apology and the way home, never a traceback."""

    name = "error"
    title_src = tr("Xin lỗi, đã có lỗi")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.message = TLabel(
            self.lang,
            tr(
                "Máy chưa làm được việc ông/bà vừa chọn. Xin ông/bà thử lại, hoặc hỏi cán bộ "
                "tại quầy hướng dẫn."
            ),
            "body",
        )
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        home = TButton(self.lang, tr("Về trang chủ"))
        home.clicked.connect(self.win.home)
        self.footer.addWidget(home)
