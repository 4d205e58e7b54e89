"""The counter console's dialogs: transfer a ticket, bring back a no-show, confirm one,
and the text a dossier step needs (what is missing, why it is refused)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """The widget with an object name (the style sheet's #name)."""
    widget.setObjectName(name)
    return widget


def ok_cancel(dialog: QDialog, ok: str) -> QDialogButtonBox:
    std = QDialogButtonBox.StandardButton
    buttons = QDialogButtonBox(std.Ok | std.Cancel)
    buttons.button(std.Ok).setText(ok)
    buttons.button(std.Cancel).setText("Huỷ")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


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


class TextDialog(QDialog):
    """The note or reason of a dossier step; OK stays off until something is written
    (the slip prints it for the citizen)."""

    def __init__(
        self, title: str, prompt: str, ok: str, text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, wordWrap=True))
        self.edit = QPlainTextEdit(text)
        self.edit.setTabChangesFocus(True)
        layout.addWidget(self.edit)
        self.buttons = ok_cancel(self, ok)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.edit.textChanged.connect(self._changed)
        self._changed()
        layout.addWidget(self.buttons)

    def _changed(self) -> None:
        self.ok_button.setEnabled(bool(self.text()))

    def text(self) -> str:
        return " ".join(self.edit.toPlainText().split())
