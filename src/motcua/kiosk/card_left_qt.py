"""The banner "Xin nhận lại thẻ căn cước trên đầu đọc" under the screens: a card still on
the chip reader when a flow ends is reminded about, big, with the chime, until taken.
When to remind is ``chip_reader.CardReminder`` (plain Python); this shows it and sounds.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from motcua.kiosk.chip_reader import REMINDER, CardReminder
from motcua.kiosk.i18n_qt import Lang
from motcua.kiosk.widgets_qt import BiLabel

if TYPE_CHECKING:
    from motcua.kiosk.runtime import KioskRuntime

log = logging.getLogger(__name__)


class CardLeftBanner(BiLabel):
    def __init__(self, lang: Lang, runtime: KioskRuntime) -> None:
        super().__init__(lang, *REMINDER, role="reminder")
        self._runtime = runtime
        chip = runtime.chip
        self.reminder = CardReminder(chip.card_present, runtime.clock) if chip else None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hide()

    def flow_ended(self) -> None:
        """The ticket or the dossier slip is out, or the citizen left (Home, idle timeout)."""
        if self.reminder is not None and self.reminder.flow_ended():
            self._chime()
        self._show()

    def check(self) -> None:
        """Every second while reminding: the reminder clears when the card is taken."""
        if self.reminder is None or not self.reminder.active:
            return
        if self.reminder.poll():
            self._chime()
        self._show()

    def _show(self) -> None:
        self.setVisible(self.reminder is not None and self.reminder.active)

    def _chime(self) -> None:
        chime = self._runtime.chime  # read when it sounds: tests and build_runtime set it
        if chime is None:
            return
        try:
            chime()
        except Exception:  # a sound that fails never stops the kiosk
            log.exception("chime failed")
