"""The counter console window: a thin PySide6 layer over ConsoleFlow.

Compact and always on top of the clerk's other software. Every Center call runs on
a TaskRunner (one background thread, so actions keep their order); the window only
paints ``ConsoleView``s. Events from the center trigger a refresh; a timer retries
every few seconds while the connection is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from motcua.counter.actions import CounterAction
from motcua.counter.console_flow import ConsoleFlow, ConsoleView
from motcua.queue.models import Event
from motcua.ui import Relay, TaskRunner

# (action, label, shortcut)
BUTTONS: tuple[tuple[CounterAction, str, str], ...] = (
    (CounterAction.CALL_NEXT, "Gọi số tiếp", "F1"),
    (CounterAction.RECALL, "Gọi lại", "F2"),
    (CounterAction.START, "Bắt đầu", "F3"),
    (CounterAction.FINISH, "Hoàn thành", "F4"),
    (CounterAction.NO_SHOW, "Vắng mặt", "F5"),
    (CounterAction.TRANSFER, "Chuyển…", "F6"),
    (CounterAction.PAUSE, "Tạm dừng", "F7"),
    (CounterAction.RESTORE, "Gọi lại số vắng…", "F8"),
)

STYLE = """
QWidget#console { background: #f4f6f8; }
QLabel#header { font-size: 15px; font-weight: 600; color: #1f2d3d; }
QLabel#conn_ok { color: #1b7f3b; font-size: 13px; }
QLabel#conn_bad { color: #b42318; font-size: 13px; font-weight: 600; }
QFrame#ticket { background: white; border: 1px solid #d0d7de; border-radius: 8px; }
QLabel#number { font-size: 64px; font-weight: 700; color: #0b4f9c; }
QLabel#number_idle { font-size: 40px; font-weight: 600; color: #8a96a3; }
QLabel#number_moved { font-size: 52px; font-weight: 700; color: #51606f; }
QLabel#service { font-size: 16px; color: #1f2d3d; }
QLabel#status { font-size: 14px; color: #51606f; }
QPushButton { font-size: 15px; padding: 8px; border-radius: 6px; border: 1px solid #b8c2cc;
              background: white; }
QPushButton:disabled { color: #a8b1ba; background: #eef1f4; }
QPushButton#next { font-size: 20px; font-weight: 700; padding: 14px; color: white;
                   background: #0b6bcb; border: none; }
QPushButton#next:disabled { background: #9cbfe3; }
QLabel#waiting { font-size: 14px; color: #1f2d3d; }
QLabel#msg_info { font-size: 14px; color: #1b4f72; background: #e3f0fb; padding: 6px;
                  border-radius: 4px; }
QLabel#msg_warning { font-size: 14px; color: #7a4b00; background: #fff4d6; padding: 6px;
                     border-radius: 4px; }
QLabel#msg_error { font-size: 14px; color: #8a1c12; background: #fde7e4; padding: 6px;
                   border-radius: 4px; }
"""


def ok_cancel(dialog: QDialog, ok: str) -> QDialogButtonBox:
    std = QDialogButtonBox.StandardButton
    buttons = QDialogButtonBox(std.Ok | std.Cancel)
    buttons.button(std.Ok).setText(ok)
    buttons.button(std.Cancel).setText("Huỷ")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    """The widget with an object name (the style sheet's #name)."""
    widget.setObjectName(name)
    return widget


class TransferDialog(QDialog):
    """Move the current ticket to another service or to a specific counter."""

    def __init__(
        self,
        services: list[tuple[str, str]],
        counters: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Chuyển số")
        layout = QVBoxLayout(self)
        self.to_service = QRadioButton("Sang dịch vụ / lĩnh vực:")
        self.to_counter = QRadioButton("Sang quầy:")
        group = QButtonGroup(self)
        group.addButton(self.to_service)
        group.addButton(self.to_counter)
        self.service_box = QComboBox()
        for code, name in services:
            self.service_box.addItem(f"{name} ({code})", code)
        self.counter_box = QComboBox()
        for number, label in counters:
            self.counter_box.addItem(label, number)
        self.to_service.setChecked(True)
        for w in (self.to_service, self.service_box, self.to_counter, self.counter_box):
            layout.addWidget(w)
        layout.addWidget(ok_cancel(self, "Chuyển"))

    def choice(self) -> dict[str, object]:
        if self.to_counter.isChecked():
            return {"to_counter": self.counter_box.currentData()}
        return {"to_service": self.service_box.currentData()}

    def select_service(self, code: str) -> None:
        self.to_service.setChecked(True)
        self.service_box.setCurrentIndex(self.service_box.findData(code))

    def select_counter(self, number: int) -> None:
        self.to_counter.setChecked(True)
        self.counter_box.setCurrentIndex(self.counter_box.findData(number))


class RestoreDialog(QDialog):
    """Pick one of this counter's recent no-shows to bring back into the queue."""

    def __init__(self, absent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Gọi lại số vắng")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Số vắng mặt gần đây (công dân đã quay lại):", wordWrap=True))
        self.list = QListWidget()
        for a in absent:
            item = QListWidgetItem(f"{a.display_number} — {a.service_name}")
            item.setData(Qt.ItemDataRole.UserRole, a.ticket_id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        layout.addWidget(ok_cancel(self, "Đưa lại vào hàng đợi"))

    def choice(self) -> dict[str, object]:
        item = self.list.currentItem()
        return {"ticket_id": item.data(Qt.ItemDataRole.UserRole) if item else None}


def confirm_no_show(number: str, parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("Xác nhận vắng mặt")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"Đánh dấu số {number} vắng mặt?")
    box.setInformativeText(
        "Số này rời hàng đợi. Nếu công dân quay lại, dùng “Gọi lại số vắng” (F8)."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText("Vắng mặt")
    box.button(QMessageBox.StandardButton.No).setText("Không, quay lại")
    box.setDefaultButton(
        QMessageBox.StandardButton.No
    )  # an Enter by habit does not mark anyone absent
    return box


class ConsoleWindow(QWidget):
    view_changed = Signal(object)  # ConsoleView, after each repaint (tests, embedding)

    def __init__(
        self,
        flow: ConsoleFlow,
        *,
        retry_ms: int = 3000,
        refresh_ms: int = 30000,
        on_top: bool = True,
    ) -> None:
        super().__init__()
        self.flow = flow
        self.setObjectName("console")
        self.setStyleSheet(STYLE)
        self.setWindowTitle(f"motcua — Quầy {flow.counter}")
        if on_top:
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.runner = TaskRunner(self, threads=1)  # one thread: actions keep their order
        self.relay = Relay(self)
        self.relay.received.connect(self._on_event)
        self.transfer_dialog: TransferDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.confirm_dialog: QMessageBox | None = None
        self._refresh_queued = False
        self._refresh_again = False
        self._unsubscribe: Callable[[], None] | None = None
        self._build()
        self._retry = QTimer(self, interval=retry_ms)
        self._retry.timeout.connect(self.refresh)
        self._periodic = QTimer(self, interval=refresh_ms)  # waited minutes, missed events
        self._periodic.timeout.connect(self.refresh)
        self._periodic.start()
        self.show_view(flow.view)
        self.runner.run(self._start_flow, self._on_started)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 10, 12, 10)
        root.setSpacing(8)
        self.header = _named(QLabel(), "header")
        self.conn = _named(QLabel(), "conn_ok")
        top = QGridLayout()
        top.addWidget(self.header, 0, 0)
        top.addWidget(self.conn, 0, 1, Qt.AlignmentFlag.AlignRight)
        root.addLayout(top)

        card = _named(QFrame(), "ticket")
        cl = QVBoxLayout(card)
        self.number = _named(QLabel(), "number")
        self.service = _named(QLabel(), "service")
        self.status = _named(QLabel(), "status")
        for w in (self.number, self.service, self.status):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cl.addWidget(w)
        root.addWidget(card)

        self.buttons: dict[CounterAction, QPushButton] = {}
        grid = QGridLayout()
        for i, (action, label, key) in enumerate(BUTTONS):
            text = f"{label}  ({key} / Space)" if i == 0 else f"{label}  ({key})"
            btn = QPushButton(text)
            btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space is ours, not a focused button's
            btn.clicked.connect(lambda _=False, a=action: self.trigger(a))
            self.buttons[action] = btn
            if i == 0:
                btn.setObjectName("next")
                grid.addWidget(btn, 0, 0, 1, 2)
            else:
                grid.addWidget(btn, 1 + (i - 1) // 2, (i - 1) % 2)
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda a=action: self.trigger(a))
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        space.activated.connect(lambda: self.trigger(CounterAction.CALL_NEXT))
        root.addLayout(grid)

        self.waiting = _named(QLabel(), "waiting")
        self.waiting.setWordWrap(True)
        self.served = _named(QLabel(), "waiting")
        self.message = _named(QLabel(), "msg_info")
        self.message.setWordWrap(True)
        self.device_alerts = _named(QLabel(), "msg_warning")
        self.device_alerts.setWordWrap(True)
        self.device_alerts.hide()
        for w in (self.waiting, self.served, self.message, self.device_alerts):
            root.addWidget(w)
        self.setMinimumWidth(440)

    # ------------------------------------------------------------------ behaviour
    def _start_flow(self) -> ConsoleView:
        view = self.flow.refresh()
        if self._unsubscribe is None:
            try:
                self._unsubscribe = self.flow.subscribe(self.relay.push)
            except Exception:  # unreachable now: the retry timer subscribes later
                self._unsubscribe = None
        return view

    def _on_started(self, view: object) -> None:
        if isinstance(view, ConsoleView):
            self.show_view(view)

    def refresh(self) -> None:
        """Read the center again; bursts of events make one read plus at most one more."""
        if self._refresh_queued:
            self._refresh_again = True  # the read in flight may predate this change
            return
        self._refresh_queued = True
        self.runner.run(self._start_flow, self._refreshed)

    def _refreshed(self, view: object) -> None:
        self._refresh_queued = False
        self._on_started(view)
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _on_event(self, event: Event) -> None:
        if self.flow.concerns(event):
            self.refresh()

    def trigger(self, action: CounterAction) -> None:
        """A button or its shortcut: ignored when the button is disabled."""
        if action is CounterAction.PAUSE and self.flow.view.paused:
            action = CounterAction.RESUME
        if action not in self.flow.view.enabled():
            return
        if action is CounterAction.TRANSFER:
            self._open_transfer()
            return
        if action is CounterAction.NO_SHOW:
            self._confirm_no_show()
            return
        if action is CounterAction.RESTORE:
            self._open_restore()
            return
        self._run_action(action, {})

    def _confirm_no_show(self) -> None:
        current = self.flow.view.current
        box = confirm_no_show(current.display_number if current else "", self)
        self.confirm_dialog = box

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._run_action(CounterAction.NO_SHOW, {})

        box.buttonClicked.connect(answered)
        box.finished.connect(lambda _r: setattr(self, "confirm_dialog", None))
        box.open()

    def _open_restore(self) -> None:
        dlg = RestoreDialog(self.flow.view.no_shows, self)
        self.restore_dialog = dlg
        dlg.accepted.connect(lambda: self._run_action(CounterAction.RESTORE, dlg.choice()))
        dlg.finished.connect(lambda _r: setattr(self, "restore_dialog", None))
        dlg.open()

    def _run_action(self, action: CounterAction, kwargs: dict[str, object]) -> None:
        for b in self.buttons.values():
            b.setEnabled(False)  # one action at a time: no double calls
        self.runner.run(lambda: self.flow.act(action, **kwargs), self._on_started)  # type: ignore[arg-type]

    def _open_transfer(self) -> None:
        services, counters = self.flow.transfer_targets()
        dlg = TransferDialog(services, counters, self)
        self.transfer_dialog = dlg

        def accepted() -> None:
            self._run_action(CounterAction.TRANSFER, dlg.choice())

        dlg.accepted.connect(accepted)
        dlg.finished.connect(lambda _r: setattr(self, "transfer_dialog", None))
        dlg.open()

    def show_view(self, view: ConsoleView) -> None:
        services = ", ".join(w.service_name for w in view.waiting)
        self.header.setText(f"{view.label}" + (f" · {services}" if services else ""))
        if view.connected:
            self.conn.setObjectName("conn_ok")
            self.conn.setText("● Đã kết nối")
            self._retry.stop()
        elif view.updated_at is None and not view.message_vi:  # starting: not a failure yet
            self.conn.setObjectName("conn_ok")
            self.conn.setText("○ Đang kết nối…")
            self._retry.start()
        else:
            self.conn.setObjectName("conn_bad")
            self.conn.setText("● Mất kết nối")
            self._retry.start()
        if view.current is not None:
            self.number.setObjectName("number")
            self.number.setText(view.current.display_number)
            waited = (
                f" · đã chờ {view.waited_minutes} phút" if view.waited_minutes is not None else ""
            )
            extra = [view.current_service_name + waited]
            if view.current_priority:
                extra.append(f"Ưu tiên: {view.current_priority}")
            if view.current.citizen_name:
                extra.append(view.current.citizen_name)  # already masked by the center
            self.service.setText("\n".join(extra))
        elif view.moved is not None and not view.paused:
            # the ticket just transferred stays in sight, with where it went
            self.number.setObjectName("number_moved")
            self.number.setText(f"{view.moved.display_number} →")
            self.service.setText(f"Đã chuyển sang {view.moved.to_vi}")
        else:
            self.number.setObjectName("number_idle")
            self.number.setText("TẠM DỪNG" if view.paused else "— — —")
            self.service.setText("")
        self.status.setText(view.status_vi)
        enabled = view.enabled()
        for action, btn in self.buttons.items():
            on = action in enabled or (
                action is CounterAction.PAUSE and CounterAction.RESUME in enabled
            )
            btn.setEnabled(on)
        pause_label = "Tiếp tục" if view.paused else "Tạm dừng"
        self.buttons[CounterAction.PAUSE].setText(f"{pause_label}  (F7)")
        parts = [f"{w.service_name}: {w.waiting}" for w in view.waiting]
        self.waiting.setText("Đang chờ — " + (" · ".join(parts) if parts else "…"))
        self.served.setText(f"Đã phục vụ hôm nay: {view.served_today}")
        self.message.setObjectName(f"msg_{view.message_level}")
        self.message.setText(view.message_vi)
        self.message.setVisible(bool(view.message_vi))
        self.device_alerts.setText("⚠ " + " · ".join(view.device_alerts))
        self.device_alerts.setVisible(bool(view.device_alerts))
        for w in (self.conn, self.number, self.message):
            w.style().unpolish(w)
            w.style().polish(w)
        self.view_changed.emit(view)

    def closeEvent(self, event) -> None:
        self._retry.stop()
        self._periodic.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.runner.shutdown()
        super().closeEvent(event)
