"""The technician's console behind the PIN (``screens/pin.py``): device status, every
device with its test and choice of URL, the center's warnings, maintenance actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from motcua.kiosk.i18n_qt import tr
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.technician_console import KIOSK_KEYS, Applied, DeviceLine, Reach
from motcua.kiosk.technician_flow import DeviceStatus, center_label
from motcua.kiosk.widgets_qt import BiLabel, FlowGrid, MessageLabel, TButton


class TechnicianScreen(Screen):
    name = "technician"
    title_src = tr("Kỹ thuật viên: tình trạng thiết bị")

    def __init__(self, win) -> None:
        super().__init__(win)
        self.status = BiLabel(self.lang, role="body")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The device list scrolls in its own area; the actions below it always show
        # (the page itself never scrolls, like every kiosk screen). Portrait: the status
        # above the devices; landscape (little height, much width): side by side, so
        # every device and its buttons show without scrolling.
        inner = QWidget()
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom, inner)
        self.columns.setContentsMargins(0, 0, 12, 0)
        self.columns.setSpacing(16)
        self.columns.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        self.devices_box = box = QVBoxLayout()
        box.setSpacing(16)
        self.columns.addLayout(box, 1)
        self.result = BiLabel(self.lang, role="error")  # under the list: always in sight
        # the center's own warnings (its clock jumped), first: what to do, in words
        self.center_warning = MessageLabel(self.lang, role="notice")
        self.center_warning.setObjectName("center_warning")
        box.addWidget(self.center_warning)
        self.rows: dict[str, DeviceRow] = {}
        for key in KIOSK_KEYS:
            row = DeviceRow(self, key)
            self.rows[key] = row
            box.addWidget(row)
        self.choices_label = MessageLabel(self.lang, role="body")
        box.addWidget(self.choices_label)
        self.choices = FlowGrid(min_width=480, max_columns=2)
        box.addWidget(self.choices)
        self.network = MessageLabel(self.lang, role="body")
        box.addWidget(self.network)
        box.addStretch(1)
        devices_area = self.scrolled(inner)
        # whatever height is left: its content's height never pushes the page to scroll
        devices_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        devices_area.setMinimumHeight(200)
        self.body.addWidget(devices_area, 1)
        self.body.addWidget(self.result)
        # two columns in portrait, four (two rows) in landscape
        grid = FlowGrid(min_width=440, max_columns=4)
        self.refresh_button = TButton(self.lang, tr("Kiểm tra lại"), role="secondary")
        self.refresh_button.clicked.connect(self.refresh)
        self.test_button = TButton(self.lang, tr("In thử"), role="secondary")
        self.test_button.clicked.connect(lambda: self._do(self.rt.technician.test_print))
        self.reprint_button = TButton(self.lang, tr("In lại phiếu cuối"), role="secondary")
        self.reprint_button.clicked.connect(lambda: self._do(self.rt.technician.reprint_last))
        self.close_button = TButton(self.lang, tr("Đóng hàng đợi hôm nay"), role="secondary")
        self.close_button.clicked.connect(self.close_day)
        self.network_button = TButton(self.lang, tr("Kiểm tra mạng"), role="secondary")
        self.network_button.clicked.connect(self.check_network)
        self.pin_button = TButton(self.lang, tr("Đổi mã PIN"), role="secondary")
        self.pin_button.clicked.connect(lambda: self.win.screens["pin"].ask_new())  # type: ignore[attr-defined]
        self.quit_button = TButton(self.lang, tr("Tắt ứng dụng máy lấy số"), role="secondary")
        self.quit_button.clicked.connect(self.quit_app)
        self.exit_button = TButton(self.lang, tr("Thoát"))
        self.exit_button.clicked.connect(self.win.home)
        grid.set_items(
            [
                self.refresh_button,
                self.test_button,
                self.reprint_button,
                self.close_button,
                self.network_button,
                self.pin_button,
                self.quit_button,
                self.exit_button,
            ]
        )
        self.body.addWidget(grid)
        self._confirm_close = False

    def set_wide(self, wide: bool) -> None:
        super().set_wide(wide)
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self.columns.setStretch(0, 2 if wide else 0)  # the status text
        self.columns.setStretch(
            1, 3 if wide else 1
        )  # the devices (labels may wrap: rows are as tall as their buttons)
        self.columns.setSpacing(32 if wide else 16)
        self.devices_box.setSpacing(8 if wide else 16)  # four rows of buttons in the height

    def enter(self) -> None:
        if not self.rt.technician.unlocked:
            self.win.home()
            return
        self._confirm_close = False
        self.close_button.set_source(tr("Đóng hàng đợi hôm nay"))
        self.result.set_texts("", "")
        self.refresh()

    def refresh(self) -> None:
        if self.rt.technician.unlocked:
            self.win.runner.run(self.rt.technician.device_status, self.show_status, self._failed)
            self.win.runner.run(self.rt.console.devices, self.show_devices, self._failed)

    def check_network(self) -> None:
        """Only on request: it sends requests to the center and to public_url."""
        self.network.set_texts("Đang kiểm tra mạng…", "Checking the network…")
        self.win.runner.run(self.rt.console.reachability, self.show_network, self._failed)

    def show_devices(self, lines: list[DeviceLine]) -> None:
        warnings = []
        for line in lines:
            if line.key in self.rows:
                self.rows[line.key].set_line(line)
            else:  # not a device of this kiosk: the center's (its clock)
                warnings.append(warning_texts(line))
        self.center_warning.set_texts(
            "\n".join(vi for vi, _en in warnings),
            "\n".join(en for _vi, en in warnings),
        )

    def show_network(self, reaches: list[Reach]) -> None:
        def mark(r: Reach, vi: bool) -> str:
            if not r.detail and r.ok:
                return ""
            word = (
                ("trả lời" if r.ok else "KHÔNG TRẢ LỜI")
                if vi
                else ("answers" if r.ok else "NO ANSWER")
            )
            return f" — {word} ({r.detail})"

        self.network.set_texts(
            "\n".join(f"{r.what_vi}: {r.url}{mark(r, True)}" for r in reaches),
            "\n".join(f"{r.what_en}: {r.url}{mark(r, False)}" for r in reaches),
        )

    def test_device(self, key: str) -> None:
        def done(report) -> None:
            word_vi, word_en = ("ĐẠT", "OK") if report.ok else ("CHƯA ĐẠT", "FAILED")
            self.result.set_texts(
                f"{word_vi}: " + " ".join(vi for vi, _en in report.lines),
                f"{word_en}: " + " ".join(en for _vi, en in report.lines),
            )
            self.refresh()

        self.result.set_texts("Đang thử…", "Testing…")
        self.win.runner.run(lambda: self.rt.console.test(key), done, self._failed)

    def choose(self, key: str) -> None:
        """The devices found here that fit ``key``: one touch applies one."""
        self.choices_label.set_texts("Đang tìm thiết bị…", "Looking for devices…")
        self.choices.set_items([])

        def show(found) -> None:
            buttons = []
            for item in found:
                b = QPushButton(f"{item.description}\n{item.url}")
                b.setObjectName(f"choice:{key}:{item.url}")
                b.setMinimumHeight(110)
                b.clicked.connect(lambda _=False, url=item.url: self.apply(key, url))
                buttons.append(b)
            self.choices.set_items(buttons)
            title = self.rows[key].title
            if buttons:
                self.choices_label.set_texts(
                    f"Chọn {title[0]} cho máy này:",
                    f"Choose the {title[1]} of this kiosk:",
                )
            else:
                self.choices_label.set_texts(
                    f"Không tìm thấy {title[0]} nào (motcua devices list).",
                    f"No {title[1]} found (motcua devices list).",
                )

        self.win.runner.run(lambda: self.rt.console.choices(key), show, self._failed)

    def apply(self, key: str, url: str) -> None:
        def done(applied: Applied) -> None:
            self.choices.set_items([])
            self.choices_label.set_texts("", "")
            self.result.set_texts(
                f"{key} = {applied.url}: {applied.message_vi}",
                f"{key} = {applied.url}: {applied.message_en}",
            )
            self.refresh()

        self.win.runner.run(lambda: self.rt.console.apply(key, url), done, self._failed)

    def show_status(self, s: DeviceStatus) -> None:
        """The center, the phones' link, the portal and the alerts; each device's own
        state is on its row (show_devices), once."""
        ce_vi = "kết nối tốt" if s.center_ok else f"MẤT KẾT NỐI ({s.center_message})"
        ce_en = "connected" if s.center_ok else f"UNREACHABLE ({s.center_message})"
        c = self.rt.tickets.info.center  # a joined kiosk's: what the center says of itself
        where = center_label(c.short_name or c.name, self.rt.server_url or self.rt.center_url)
        where_vi = f"Trung tâm: {where} — " if where else "Trung tâm: "
        where_en = f"Center: {where} — " if where else "Center: "
        phones_vi = f"{s.phones_vi}\n" if s.phones_vi else ""  # no blank line without it
        phones_en = f"{s.phones_en}\n" if s.phones_en else ""
        alerts_vi = "\n".join(f"• {a.message_vi} (×{a.count})" for a in s.alerts) or "• không có"
        alerts_en = "\n".join(f"• {a.message_en} (×{a.count})" for a in s.alerts) or "• none"
        po_vi = po_en = ""
        if s.portal_backlog is not None:
            err = f"; lỗi gần nhất: {s.portal_error}" if s.portal_error else ""
            po_vi = f"Cổng DVC: {s.portal_backlog} bản ghi chưa gửi{err}\n"
            err = f"; last error: {s.portal_error}" if s.portal_error else ""
            po_en = f"National portal: {s.portal_backlog} rows not yet sent{err}\n"
        self.status.set_texts(
            f"{where_vi}{ce_vi}\n{phones_vi}{po_vi}Cảnh báo thiết bị:\n{alerts_vi}",
            f"{where_en}{ce_en}\n{phones_en}{po_en}Device alerts:\n{alerts_en}",
        )

    def _do(self, action) -> None:
        def done(result) -> None:
            if result is None:
                self.result.set_texts("Chưa có phiếu nào để in lại.", "No ticket to reprint yet.")
            else:
                self.result.set_texts(
                    "Đã in." if result.ok else f"Không in được: {result.message_vi}",
                    "Printed." if result.ok else f"Not printed: {result.message_en}",
                )
            self.refresh()

        self.win.runner.run(action, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        """Technicians get the reason (a kiosk token may not close the day, say)."""
        vi = getattr(exc, "message_vi", str(exc))
        en = getattr(exc, "message_en", str(exc))
        self.result.set_texts(f"Không thực hiện được: {vi}", f"Could not do it: {en}")

    def close_day(self) -> None:
        if not self._confirm_close:
            self._confirm_close = True
            self.close_button.set_source(tr("Chạm lần nữa để xác nhận đóng"))
            return
        self._confirm_close = False
        self.close_button.set_source(tr("Đóng hàng đợi hôm nay"))

        def done(count: int) -> None:
            self.result.set_texts(
                f"Đã đóng hàng đợi: {count} số chưa phục vụ đã hết hiệu lực.",
                f"Queue closed: {count} unserved tickets expired.",
            )

        self.win.runner.run(self.rt.technician.close_day, done, self._failed)

    def on_scan(self, line: str) -> bool:
        """An enrolment QR scanned here joins this kiosk to that center (next start)."""
        from motcua.enrolment import parse

        if parse(line) is None or not self.rt.technician.unlocked:
            return False
        self.result.set_texts("Đang đăng ký với trung tâm…", "Enrolling to the center…")
        self.win.runner.run(
            lambda: self.rt.console.enrol(line),
            lambda texts: self.result.set_texts(*texts),
            self._failed,
        )
        return True

    def quit_app(self) -> None:
        """The only way out of kiosk mode (KioskLockdown refuses every other close)."""
        self.rt.technician.quit()
        self.window().close()

    def back(self) -> None:
        self.win.home()


class DeviceRow(QWidget):
    """One configured device: what it is, its URL and health, and its two buttons."""

    def __init__(self, screen: TechnicianScreen, key: str) -> None:
        super().__init__()
        self.key = key
        self.title = (key, key)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = BiLabel(screen.lang, role="body")
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.test = TButton(screen.lang, tr("Thử"), role="secondary")
        self.test.setObjectName(f"test:{key}")
        self.test.clicked.connect(lambda: screen.test_device(key))
        row.addWidget(self.test)
        self.pick = TButton(screen.lang, tr("Chọn thiết bị"), role="secondary")
        self.pick.setObjectName(f"choose:{key}")
        self.pick.clicked.connect(lambda: screen.choose(key))
        row.addWidget(self.pick)

    def set_line(self, line: DeviceLine) -> None:
        self.title = (line.title_vi, line.title_en)
        self.label.set_texts(*line_texts(line))


STATE_VI = {"ok": "tốt", "warning": "CẦN CHÚ Ý", "error": "LỖI", "unknown": "không rõ"}


def warning_texts(line: DeviceLine) -> tuple[str, str]:
    """ "⚠ Đồng hồ trung tâm (10.0.0.5:8080): <the center's words>" and, under it, where to act."""
    where = f" ({line.url})" if line.url else ""
    h = line.health
    return (
        f"⚠ {line.title_vi[0].upper()}{line.title_vi[1:]}{where}: {h.message_vi}\n→ {line.todo_vi}",
        f"⚠ {line.title_en[0].upper()}{line.title_en[1:]}{where}: {h.message_en}\n→ {line.todo_en}",
    )


def line_texts(line: DeviceLine) -> tuple[str, str]:
    """ "Máy in sim://: tốt — Hoạt động bình thường", in both languages."""
    h, url = line.health, line.url or "—"
    return (
        f"{line.title_vi[0].upper()}{line.title_vi[1:]} {url}: "
        f"{STATE_VI[h.state.value]} — {h.message_vi}",
        f"{line.title_en[0].upper()}{line.title_en[1:]} {url}: {h.state.value} — {h.message_en}",
    )
