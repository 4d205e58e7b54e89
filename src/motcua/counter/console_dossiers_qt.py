"""The counter console's dossier part: the line that shows the dossier of the ticket just
called (looked up on the console's TaskRunner), the reception window for it (F9; with none
open, a dialog asks for a code or the QR of a supplement slip) and the walk-in window
(F10) whose dossier goes straight into reception.

``ConsoleWindow`` inherits ``ConsoleDossiers``; what belongs here is only what the console
does with dossiers (a center that takes none never shows any of it). Calling, pausing and
transferring tickets stay in ``console_qt``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QPushButton, QVBoxLayout, QWidget

from motcua.counter.console_flow import ConsoleView
from motcua.counter.dialogs_qt import named
from motcua.counter.reception_flow import ReceptionFlow
from motcua.counter.reception_qt import ReceptionWindow
from motcua.counter.walkin import WalkInDesk
from motcua.counter.walkin_qt import WalkInWindow
from motcua.dossier.models import Dossier
from motcua.ui import TaskRunner


class ConsoleDossiers(QWidget):
    """The dossiers at one counter (the base of ``ConsoleWindow``, which sets ``runner``)."""

    runner: TaskRunner

    def _init_dossiers(self, reception: ReceptionFlow | None, walkin: WalkInDesk | None) -> None:
        self.reception = reception  # None: this center takes no dossiers
        self.reception_window: ReceptionWindow | None = None
        self.walkin = walkin if reception is not None else None  # walk-ins' dossiers
        self.walkin_window: WalkInWindow | None = None
        self.code_dialog: QInputDialog | None = None
        self._dossier_ticket: int | None = None  # the ticket whose dossier was looked up

    def _build_dossier_row(self, root: QVBoxLayout) -> None:
        self.dossier_line = named(QPushButton(), "dossier")
        self.dossier_line.clicked.connect(self.open_dossier)
        self.dossier_line.hide()
        root.addWidget(self.dossier_line)
        dossier_key = QShortcut(QKeySequence("F9"), self)
        dossier_key.activated.connect(self.open_dossier)
        self.walkin_button = QPushButton("Tiếp nhận hồ sơ trực tiếp  (F10)")
        self.walkin_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.walkin_button.setToolTip(
            "Công dân đến thẳng quầy: lập hồ sơ, quét giấy tờ bằng máy quét của quầy, tiếp nhận"
        )
        self.walkin_button.clicked.connect(self.open_walkin)
        self.walkin_button.setVisible(self.walkin is not None)
        root.addWidget(self.walkin_button)
        walkin_key = QShortcut(QKeySequence("F10"), self)
        walkin_key.activated.connect(self.open_walkin)

    def _look_for_dossier(self, view: ConsoleView) -> None:
        """A newly called ticket: does it carry a dossier? If so, show it."""
        ticket = view.current
        tid = ticket.id if ticket is not None else None
        if self.reception is None or tid == self._dossier_ticket or not view.connected:
            return
        self._dossier_ticket = tid
        self.dossier_line.hide()
        if ticket is None:
            return
        reception = self.reception
        self.runner.run(
            lambda: reception.open_for_ticket(ticket), self._dossier_found, self._dossier_failed
        )

    def _dossier_found(self, d: object) -> None:
        if not isinstance(d, Dossier):
            return
        self.dossier_line.setText(f"Hồ sơ {d.code} — Xem (F9)")
        self.dossier_line.setToolTip("Hồ sơ của công dân đang ở quầy: mở để kiểm tra, tiếp nhận")
        self.dossier_line.show()
        self.open_dossier()

    def _dossier_failed(self, exc: BaseException) -> None:
        self._dossier_ticket = None  # asked again at the next refresh
        self._code_failed(exc)

    def _code_failed(self, exc: BaseException) -> None:
        vi = getattr(exc, "message_vi", "") or str(exc)
        self.dossier_line.setText(f"Chưa mở được hồ sơ: {vi}")
        self.dossier_line.setToolTip(vi)
        self.dossier_line.show()

    def open_dossier(self) -> None:
        """The reception window for the open dossier (F9); with none, ask for a code (a
        citizen back with a supplement slip: its QR or code, scanned or typed)."""
        if self.reception is None:
            return
        if self.reception.dossier is None:
            self._ask_code()
            return
        if self.reception_window is None:
            self.reception_window = ReceptionWindow(self.reception, self.runner, self)
        win = self.reception_window
        d = self.reception.dossier
        if win.isHidden() or win.windowTitle() != f"Hồ sơ {d.code}":
            win.show_dossier(d)
        win.show()
        win.raise_()

    def open_walkin(self) -> None:
        """ "Tiếp nhận hồ sơ trực tiếp" (F10): a walk-in's dossier taken in here, then
        straight into the reception window."""
        if self.walkin is None:
            return
        if self.walkin_window is None or self.walkin_window.finished:
            if self.walkin_window is not None:
                self.walkin_window.deleteLater()  # the one before, closed
            self.walkin_window = WalkInWindow(self.walkin, self.runner, self._walked_in, self)
        self.walkin_window.show()
        self.walkin_window.raise_()

    def _walked_in(self, d: Dossier) -> None:
        assert self.reception is not None
        self.reception.take(d)
        self.dossier_line.setText(f"Hồ sơ {d.code} — Xem (F9)")
        self.dossier_line.setToolTip("Hồ sơ công dân vừa nộp tại quầy: kiểm tra, tiếp nhận")
        self.dossier_line.show()
        self.open_dossier()

    def _ask_code(self) -> None:
        dlg = QInputDialog(self)
        dlg.setWindowTitle("Mở hồ sơ")
        dlg.setLabelText("Mã hồ sơ (quét mã QR trên phiếu hoặc gõ mã):")
        dlg.setOkButtonText("Mở")
        dlg.setCancelButtonText("Huỷ")
        self.code_dialog = dlg
        reception = self.reception
        assert reception is not None

        def chosen(text: str) -> None:
            self.runner.run(lambda: reception.open(text), self._dossier_found, self._code_failed)

        dlg.textValueSelected.connect(chosen)
        dlg.finished.connect(lambda _r: setattr(self, "code_dialog", None))
        dlg.open()

    def _close_dossier_windows(self) -> None:
        if self.reception_window is not None:
            self.reception_window.close()
        if self.walkin_window is not None:
            self.walkin_window.close()
