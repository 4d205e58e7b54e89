"""The counter console window: a thin PySide6 layer over ConsoleFlow.

Compact and always on top of the clerk's other software. Every Center call runs on
a TaskRunner (one background thread, so actions keep their order); the window only
paints ``ConsoleView``s. Events from the center trigger a refresh; a timer retries
every few seconds while the connection is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from motcua.counter.actions import CounterAction
from motcua.counter.console_dossiers_qt import ConsoleDossiers
from motcua.counter.console_flow import ConsoleFlow, ConsoleView
from motcua.counter.dialogs_qt import RestoreDialog, TransferDialog, confirm_no_show, named
from motcua.counter.reception_flow import ReceptionFlow
from motcua.counter.style_qt import console_stylesheet
from motcua.counter.walkin import WalkInDesk
from motcua.queue.models import Event
from motcua.ui import Relay, TaskRunner
from motcua.ui.theme import COUNTER

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


class ConsoleWindow(ConsoleDossiers):
    view_changed = Signal(object)  # ConsoleView, after each repaint (tests, embedding)

    def __init__(
        self,
        flow: ConsoleFlow,
        *,
        retry_ms: int = 3000,
        refresh_ms: int = 30000,
        on_top: bool = True,
        reception: ReceptionFlow | None = None,
        walkin: WalkInDesk | None = None,
    ) -> None:
        super().__init__()
        self.flow = flow
        self._init_dossiers(reception, walkin)
        self.setObjectName("console")
        self.setStyleSheet(console_stylesheet())
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
        self.header = named(QLabel(), "header")
        self.conn = named(QLabel(), "conn_ok")
        top = QGridLayout()
        top.addWidget(self.header, 0, 0)
        top.addWidget(self.conn, 0, 1, Qt.AlignmentFlag.AlignRight)
        root.addLayout(top)

        card = named(QFrame(), "ticket")
        cl = QVBoxLayout(card)
        self.number = named(QLabel(), "number")
        self.service = named(QLabel(), "service")
        self.status = named(QLabel(), "status")
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

        self._build_dossier_row(root)

        self.waiting = named(QLabel(), "waiting")
        self.waiting.setWordWrap(True)
        self.served = named(QLabel(), "waiting")
        self.message = named(QLabel(), "msg_info")
        self.message.setWordWrap(True)
        self.device_alerts = named(QLabel(), "msg_warning")
        self.device_alerts.setWordWrap(True)
        self.device_alerts.hide()
        for w in (self.waiting, self.served, self.message, self.device_alerts):
            root.addWidget(w)
        self.setMinimumWidth(COUNTER.min_width)

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
        self._look_for_dossier(view)
        self.view_changed.emit(view)

    def closeEvent(self, event) -> None:
        self._close_dossier_windows()
        self._retry.stop()
        self._periodic.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.runner.shutdown()
        super().closeEvent(event)
