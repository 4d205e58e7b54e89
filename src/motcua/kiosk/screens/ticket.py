"""Taking a number: service -> ID card -> priority -> confirm -> print -> result.

Each screen only shows the state of ``TicketFlow`` and forwards touches to it;
``submit`` (center + printer) runs on the worker pool while the printing
screen shows progress.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.icons_qt import IconWidget
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.ticket_flow import Outcome, PriorityRefused, Step, TicketResult, wait_line
from motcua.kiosk.widgets_qt import (
    BigButton,
    BiLabel,
    FlowGrid,
    MessageLabel,
    QrView,
    TButton,
    TLabel,
)

STEP_SCREENS = {
    Step.FIELD: "ticket",
    Step.SERVICE: "service",
    Step.PRIORITY: "priority",
    Step.ID_SCAN: "idscan",
    Step.CONFIRM: "confirm",
    Step.RESULT: "result",
}


class TicketScreen(Screen):
    """Common to the ticket screens: the flow, and going where its step says."""

    @property
    def flow(self):
        return self.rt.tickets

    def follow(self, step: Step) -> None:
        self.win.go(STEP_SCREENS[step])

    def back(self) -> None:
        self.follow(self.flow.back())


class ServiceButtons(TicketScreen):
    """A grid of service buttons titled by the service (what people recognise: "Hộ tịch",
    "Đất đai"), its field beneath, and how many wait and for how long."""

    def __init__(self, win) -> None:
        super().__init__(win)
        self.notice = MessageLabel(self.lang, role="notice")
        self.body.addWidget(self.notice)
        self.grid = FlowGrid(min_width=480, max_columns=3)
        self.body.addWidget(self.scrolled(self.grid), 1)
        self.buttons: dict[str, BigButton] = {}

    def service_button(self, s) -> BigButton:
        b = BigButton(self.lang, self.theme, s.icon, vi=s.name, en=s.name_en or s.name,
                      min_height=180)  # fmt: skip
        if s.field and s.field != s.name:
            b.set_sub(s.field, s.field)
        b.setObjectName(f"service:{s.code}")
        b.clicked.connect(lambda c=s.code: self.follow(self.flow.choose_service(c)))
        self.buttons[s.code] = b
        return b

    def show_card(self) -> None:
        card = self.flow.card
        if card is None:
            self.notice.set_texts("", "")
        else:
            self.notice.set_texts(
                f"Đã đọc thẻ căn cước: {card.masked_name.rstrip('.')}. Xin chọn dịch vụ cần làm.",
                f"ID card read: {card.masked_name.rstrip('.')}. Please choose a service.",
            )

    def load_waits(self) -> None:
        self.win.runner.run(self.flow.queue_waits, self.show_waits, self._no_waits)

    def show_waits(self, waits: dict[str, tuple[int, int]]) -> None:
        for code, b in self.buttons.items():
            if code in waits:
                b.set_detail(*wait_line(*waits[code]))

    def _no_waits(self, exc: BaseException) -> None:
        """The center did not answer: the buttons still work, without the figures."""


class FieldScreen(ServiceButtons):
    """The first step: the services themselves when there are few (one level), else
    the fields with the services they hold."""

    name = "ticket"
    title_src = tr("Chọn việc ông/bà cần làm")

    def enter(self) -> None:
        self.show_card()
        self.buttons = {}
        if self.flow.one_level:
            self.grid.set_items([self.service_button(s) for s in self.flow.info.services])
            self.load_waits()
            return
        items = []
        for field in self.flow.fields():
            services = self.flow.services(field)
            b = BigButton(self.lang, self.theme, services[0].icon, vi=field, en=field,
                          min_height=200)  # fmt: skip
            b.set_sub(
                ", ".join(s.name for s in services),
                ", ".join(s.name_en or s.name for s in services),
            )
            b.setObjectName(f"field:{field}")
            b.clicked.connect(lambda f=field: self.follow(self.flow.choose_field(f)))
            items.append(b)
        self.grid.set_items(items)

    def back(self) -> None:
        self.win.home()


class ServiceScreen(ServiceButtons):
    name = "service"
    title_src = tr("Chọn dịch vụ")

    def enter(self) -> None:
        self.show_card()
        self.buttons = {}
        services = self.flow.services(self.flow.field or "")
        self.grid.set_items([self.service_button(s) for s in services])
        self.load_waits()


class PriorityScreen(TicketScreen):
    name = "priority"
    title_src = tr("Ông/bà có thuộc nhóm được ưu tiên không?")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.notice = MessageLabel(self.lang, role="notice")
        self.body.addWidget(self.notice)
        self.grid = FlowGrid(min_width=480, max_columns=3)
        self.body.addWidget(self.scrolled(self.grid), 1)
        self.go_on = TButton(self.lang, tr("Tiếp tục"))
        self.go_on.setMinimumHeight(120)
        self.go_on.clicked.connect(self._keep)
        self.footer.addWidget(self.go_on)

    def enter(self) -> None:
        chosen = self.flow.priority
        none = BigButton(self.lang, self.theme, "skip", tr("Không, tôi không thuộc nhóm ưu tiên"))
        none.setObjectName("priority:none")
        none.clicked.connect(lambda: self._choose(None))
        items = [none]
        for g in self.flow.priority_groups():
            b = BigButton(self.lang, self.theme, g.icon, vi=g.label, en=g.label_en)
            b.setObjectName(f"priority:{g.code}")
            b.setProperty("selected", chosen is not None and chosen.code == g.code)
            b.clicked.connect(lambda c=g.code: self._choose(c))
            items.append(b)
        if chosen is not None:  # pre-selected from the card: first, and marked
            items.sort(key=lambda w: w.objectName() != f"priority:{chosen.code}")
            self.notice.set_texts(
                f"Theo thẻ căn cước, ông/bà thuộc nhóm “{chosen.label}”: đã chọn sẵn. "
                "Xin chạm Tiếp tục.",
                f"According to your ID card you belong to “{chosen.label_en}”: already "
                "chosen. Please touch Continue.",
            )
        else:
            self.notice.set_texts("", "")
        self.go_on.setVisible(chosen is not None)
        self.grid.set_items(items)

    def _keep(self) -> None:
        chosen = self.flow.priority
        self._choose(chosen.code if chosen else None)

    def _choose(self, code: str | None) -> None:
        try:
            step = self.flow.choose_priority(code)
        except PriorityRefused as exc:
            self.notice.set_texts(exc.message_vi, exc.message_en)
            return
        self.follow(step)


class ConfirmScreen(TicketScreen):
    name = "confirm"
    title_src = tr("Xin kiểm tra lại trước khi in phiếu")

    def __init__(self, win) -> None:
        super().__init__(win)
        card = QFrame()
        card.setProperty("role", "card")
        box = QVBoxLayout(card)
        box.setContentsMargins(30, 24, 30, 24)
        box.setSpacing(12)
        self.service = BiLabel(self.lang, role="title")
        self.priority = BiLabel(self.lang, role="body")
        self.citizen = BiLabel(self.lang, role="body")
        for w in (self.service, self.priority, self.citizen):
            box.addWidget(w)
        self.body.addWidget(card)
        self.body.addStretch(1)
        self.print_button = TButton(self.lang, tr("In phiếu số thứ tự"))
        self.print_button.setMinimumHeight(140)
        self.print_button.clicked.connect(self.submit)
        self.footer.addWidget(self.print_button)

    def enter(self) -> None:
        f = self.flow
        self.service.set_texts(f.service.name, f.service.name_en)
        if f.priority:
            self.priority.set_texts(
                f"Ưu tiên: {f.priority.label}", f"Priority: {f.priority.label_en}"
            )
        else:
            self.priority.set_texts("Không ưu tiên", "No priority")
        if f.card:
            self.citizen.set_texts(
                f"Công dân: {f.card.masked_name} (thẻ căn cước {f.card.masked_id})",
                f"Citizen: {f.card.masked_name} (ID {f.card.masked_id})",
            )
        else:
            self.citizen.set_texts("Không quét thẻ căn cước", "No ID card scanned")

    def reset(self) -> None:
        for label in (self.service, self.priority, self.citizen):
            label.set_texts("", "")

    def submit(self) -> None:
        self.win.run_with_progress(self.flow.submit, self.win.show_ticket_result)


class PrintingScreen(TicketScreen):
    name = "printing"
    title_src = tr("Đang cấp số và in phiếu...")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.body.addStretch(1)
        icon = IconWidget("printer", self.theme.icon_color(), 220)
        self.body.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the printer does not report progress
        self.progress.setTextVisible(False)
        self.body.addWidget(self.progress)
        wait = TLabel(self.lang, tr("Xin ông/bà chờ trong giây lát."), "body")
        wait.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.body.addWidget(wait)
        self.body.addStretch(2)

    def back(self) -> None:
        """Nothing to go back to while printing."""


class ResultScreen(TicketScreen):
    name = "result"
    title_src = tr("Mời ông/bà nhận phiếu")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.message = BiLabel(self.lang, role="body")
        self.body.addWidget(self.message)
        self.body.setSpacing(12)
        row = QHBoxLayout()
        row.setSpacing(30)
        # the number over its details in portrait, beside them in landscape
        self._left = left = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        left.setSpacing(12)
        self.number = BiLabel(self.lang, role="number")
        self.number.setWordWrap(False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
        self.service = BiLabel(self.lang, role="title")
        self.priority = BiLabel(self.lang, role="body")
        self.ahead = BiLabel(self.lang, role="body")
        self.wait = BiLabel(self.lang, role="body")
        info = QVBoxLayout()
        info.setSpacing(12)
        info.addStretch(1)
        for w in (self.service, self.priority, self.ahead, self.wait):
            info.addWidget(w)
        info.addStretch(1)
        left.addWidget(self.number)
        left.addLayout(info, 1)
        row.addLayout(left, 1)
        qr_box = QVBoxLayout()
        self.qr = QrView(260)
        qr_box.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.qr_hint = TLabel(
            self.lang, tr("Quét mã để xem lượt của mình trên điện thoại"), "small"
        )
        self.qr_hint.setMaximumWidth(320)
        qr_box.addWidget(self.qr_hint)
        qr_box.addStretch(1)
        self.qr_panel = QWidget()
        self.qr_panel.setLayout(qr_box)
        row.addWidget(self.qr_panel)
        self.details = QWidget()
        self.details.setLayout(row)
        self.body.addWidget(self.details)
        self.body.addStretch(1)
        self.reprint = TButton(self.lang, tr("In lại phiếu"), role="secondary")
        self.reprint.clicked.connect(self._reprint)
        self.retry = TButton(self.lang, tr("Thử lại"), role="secondary")
        self.retry.clicked.connect(lambda: self.follow(self.flow.retry()))
        self.done = TButton(self.lang, tr("Xong"))
        self.done.clicked.connect(self.win.home)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        for b in (self.reprint, self.retry, self.done):
            buttons.addWidget(b)
        self.footer.addLayout(buttons)
        self.result: TicketResult | None = None

    def set_wide(self, wide: bool) -> None:
        super().set_wide(wide)
        self._left.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self._left.setSpacing(48 if wide else 12)
        # portrait has room: the number big and centred, the first thing an elderly eye finds
        align = Qt.AlignmentFlag.AlignLeft if wide else Qt.AlignmentFlag.AlignHCenter
        self.number.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self.qr_hint.setMinimumWidth(420 if wide else 0)  # fewer lines where height is short

    def show_result(self, result: TicketResult) -> None:
        self.result = result
        o = result.outcome
        titles = {
            Outcome.PRINTED: tr("Mời ông/bà nhận phiếu"),
            Outcome.NOT_PRINTED: tr("Xin lỗi, máy chưa in được phiếu"),
            Outcome.EXISTING: tr("Ông/bà đã có số thứ tự"),
            Outcome.UNAVAILABLE: tr("Chưa cấp được số"),
            Outcome.UNKNOWN_SERVICE: tr("Chưa cấp được số"),
            Outcome.ERROR: tr("Chưa cấp được số"),
        }
        self.set_title(titles[o])
        self.message.set_texts(result.message_vi, result.message_en)
        self.message.setProperty("role", "error" if o == Outcome.NOT_PRINTED else "body")
        self.message.style().polish(self.message)
        has_ticket = result.info is not None
        self.details.setVisible(has_ticket)
        if result.info is not None:
            t = result.info.ticket
            self.number.set_texts(t.display_number, t.display_number)
            svc = self.rt.tickets.info.service(t.service_code)
            self.service.set_texts(
                svc.name if svc else t.service_code, svc.name_en if svc else t.service_code
            )
            group = (
                self.rt.tickets.info.priority_group(t.priority_group) if t.priority_group else None
            )
            self.priority.setVisible(group is not None)
            if group is not None:
                self.priority.set_texts(f"Ưu tiên: {group.label}", f"Priority: {group.label_en}")
            n, m = result.info.people_ahead, result.info.estimated_wait_minutes
            self.ahead.set_texts(f"Số người chờ trước ông/bà: {n}", f"People ahead of you: {n}")
            if n == 0 or m <= 0:
                self.wait.set_texts(
                    "Ông/bà sẽ sớm được mời lên quầy.", "You will be called to a counter soon."
                )
            else:
                self.wait.set_texts(
                    f"Thời gian chờ dự kiến: khoảng {m} phút", f"Estimated wait: about {m} minutes"
                )
            self.qr.set_data(result.qr_url)
        # the QR is what a citizen keeps when nothing was printed
        self.qr_panel.setVisible(has_ticket and o != Outcome.PRINTED)
        self.reprint.setVisible(o in (Outcome.EXISTING, Outcome.NOT_PRINTED))
        self.retry.setVisible(o in (Outcome.UNAVAILABLE, Outcome.ERROR))

    def reset(self) -> None:
        self.result = None
        for label in (
            self.message,
            self.number,
            self.service,
            self.priority,
            self.ahead,
            self.wait,
        ):
            label.set_texts("", "")
        self.qr.set_data("")

    def _reprint(self) -> None:
        self.win.run_with_progress(self.flow.reprint, self.win.show_ticket_result)

    def back(self) -> None:
        self.win.home()
