"""Rating: which ticket (hall kiosk: its QR or code, ``rating_code``; or, where the kiosk
hosts the center, which counter) -> three levels -> reasons for KHÔNG HÀI LÒNG -> thanks.

In tablet mode (``--rating-for-counter N``) the resting screen waits for the
counter to finish a ticket, then this page opens by itself for that ticket.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.rating_flow import LEVELS, REASONS, RatingOutcome, RatingResult
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.screens.rating_code import RatingCodeScreen
from motcua.kiosk.widgets_qt import BigButton, BiLabel, FlowGrid, MessageLabel, TButton, TLabel
from motcua.queue.models import Satisfaction

FACES = {
    Satisfaction.VERY_SATISFIED: "happy",
    Satisfaction.SATISFIED: "smile",
    Satisfaction.UNSATISFIED: "sad",
}


class RatingCounterScreen(Screen):
    name = "rating_counter"
    title_src = tr("Ông/bà vừa được phục vụ tại quầy nào?")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.grid = FlowGrid(min_width=300, max_columns=4)
        self.body.addWidget(self.scrolled(self.grid), 1)
        self.message = MessageLabel(self.lang)
        self.body.addWidget(self.message)

    def enter(self) -> None:
        self.message.hide()
        items = []
        for c in self.rt.tickets.info.counters:
            b = BigButton(self.lang, self.theme, "", vi=c.label, en=c.label_en, min_height=120)
            b.setObjectName(f"counter:{c.number}")
            b.clicked.connect(lambda n=c.number: self.choose(n))
            items.append(b)
        self.grid.set_items(items)

    def choose(self, counter: int) -> None:
        self.win.runner.run(
            lambda: self.rt.rating.choose_counter(counter), self._chosen, self.win.task_failed
        )

    def _chosen(self, found: bool) -> None:
        if found:
            self.win.go("rate")
        else:
            self.message.set_texts(
                "Quầy này chưa phục vụ xong lượt nào hôm nay. Xin ông/bà chọn lại số quầy.",
                "This counter has not finished serving anyone today. Please choose again.",
            )


class RateScreen(Screen):
    name = "rate"
    title_src = tr("Ông/bà có hài lòng với sự phục vụ không?")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.which = BiLabel(self.lang, role="body")
        self.body.addWidget(self.which)
        self.buttons: dict[Satisfaction, BigButton] = {}
        grid = FlowGrid(min_width=560, max_columns=3)
        items = []
        for level in LEVELS:
            b = BigButton(
                self.lang,
                self.theme,
                FACES[level],
                vi=level.label.upper(),
                en=level.label_en,
                min_height=220,
            )
            b.setObjectName(f"level:{level.value}")
            b.clicked.connect(lambda lv=level: self.choose(lv))
            self.buttons[level] = b
            items.append(b)
        grid.set_items(items)
        self.body.addWidget(grid, 1)

    def enter(self) -> None:
        f = self.rt.rating
        if f.display_number is None or f.counter is None:
            self.which.set_texts("", "")
            return
        self.which.set_texts(
            f"Lượt phục vụ số {f.display_number} tại quầy {f.counter}",
            f"Ticket {f.display_number} at counter {f.counter}",
        )

    def choose(self, level: Satisfaction) -> None:
        if self.rt.rating.choose_level(level):
            self.win.go("reasons")
        else:
            self.win.submit_rating()

    def back(self) -> None:
        self.win.rating_done()


class ReasonsScreen(Screen):
    name = "reasons"
    title_src = tr("Xin cho biết điều ông/bà chưa hài lòng")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.body.addWidget(TLabel(self.lang, tr("Chọn một hoặc nhiều lý do:"), "body"))
        self.toggles: dict[str, QPushButton] = {}
        grid = FlowGrid(min_width=480, max_columns=2)
        items = []
        for r in REASONS:
            b = QPushButton()
            b.setCheckable(True)
            b.setProperty("role", "secondary")
            b.setMinimumHeight(120)
            b.setObjectName(f"reason:{r.code}")
            b.toggled.connect(lambda _on, code=r.code: self.rt.rating.toggle_reason(code))
            self.toggles[r.code] = b
            items.append(b)
        grid.set_items(items)
        self.body.addWidget(grid)
        self.message = MessageLabel(self.lang)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.send = TButton(self.lang, tr("Gửi đánh giá"))
        self.send.clicked.connect(self.submit)
        self.footer.addWidget(self.send)
        self.lang.changed.connect(self._labels)
        self._labels()

    def _labels(self) -> None:
        for r in REASONS:
            self.toggles[r.code].setText(self.lang.pick(r.label_vi, r.label_en))

    def enter(self) -> None:
        self.message.hide()
        for b in self.toggles.values():
            b.blockSignals(True)
            b.setChecked(False)
            b.blockSignals(False)
        self.rt.rating.reasons = []

    def submit(self) -> None:
        missing = self.rt.rating.reason_missing()  # the flow (and the domain) decide
        if missing is not None:
            self.message.set_texts(missing.message_vi, missing.message_en)
            return
        self.win.submit_rating()

    def back(self) -> None:
        self.win.go("rate")


class ThanksScreen(Screen):
    name = "thanks"
    title_src = tr("Cảm ơn ông/bà")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.message = BiLabel(self.lang, role="body")
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        done = TButton(self.lang, tr("Xong"))
        done.clicked.connect(self.win.rating_done)
        self.footer.addWidget(done)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(8000)
        self._timer.timeout.connect(self._auto_close)

    def show_result(self, r: RatingResult) -> None:
        self.set_title(
            tr("Cảm ơn ông/bà")
            if r.outcome != RatingOutcome.UNAVAILABLE
            else tr("Chưa gửi được đánh giá")
        )
        self.message.set_texts(r.message_vi, r.message_en)
        self._timer.start()

    def _auto_close(self) -> None:
        if self.win.current is self:
            self.win.rating_done()

    def back(self) -> None:
        self.win.rating_done()


class RestingScreen(Screen):
    """The counter tablet between citizens."""

    name = "resting"
    title_src = tr("Xin mời đánh giá sau khi được phục vụ")
    home_screen = True

    def __init__(self, win) -> None:
        super().__init__(win)
        self.counter = BiLabel(self.lang, role="number")
        self.body.addStretch(1)
        self.body.addWidget(self.counter)
        self.body.addWidget(
            TLabel(
                self.lang,
                tr("Khi cán bộ hoàn tất hồ sơ của ông/bà, màn hình đánh giá sẽ tự mở."),
                "body",
            )
        )
        self.body.addStretch(2)

    def enter(self) -> None:
        n = self.win.rating_counter
        cfg = self.rt.config.counter(n) if n is not None else None
        if cfg is not None:
            self.counter.set_texts(cfg.label, cfg.label_en)
        else:
            self.counter.set_texts(f"Quầy {n}", f"Counter {n}")


# the hall kiosk's rating screens, in the order a citizen meets them (the tablet adds
# RestingScreen)
SCREENS: list[type[Screen]] = [
    RatingCodeScreen,
    RatingCounterScreen,
    RateScreen,
    ReasonsScreen,
    ThanksScreen,
]
