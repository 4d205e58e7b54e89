"""Languages in the Qt layer: Vietnamese source strings, English from a .qm file.

Source strings are Vietnamese and marked with ``tr("...")`` so that
``pyside6-lupdate`` collects them into ``assets/i18n/motcua_en.ts``; ``tr`` itself
only marks. Widgets keep the source and ask ``Lang`` for the text in the
current language (``text``) and in the other one (``other``, the small subtitle),
and redraw on ``Lang.changed``. Updating the translation:

    pyside6-lupdate src/motcua/kiosk -extensions py -ts src/motcua/assets/i18n/motcua_en.ts
    pyside6-lrelease src/motcua/assets/i18n/motcua_en.ts -qm src/motcua/assets/i18n/motcua_en.qm
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal

log = logging.getLogger(__name__)

CONTEXT = ""  # lupdate files bare tr("...") calls under the empty context


def tr(source: str) -> str:
    """Mark a Vietnamese UI string for translation (returns it unchanged)."""
    return source


def qm_path() -> str:
    return str(resources.files("motcua.assets").joinpath("i18n", "motcua_en.qm"))


class Lang(QObject):
    changed = Signal()

    def __init__(self, language: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._en = QTranslator(self)
        if not self._en.load(qm_path()):
            log.warning("English translation not found at %s", qm_path())
        self._installed = False
        self.set_language(language)

    @property
    def language(self) -> str:
        return "en" if self._installed else "vi"

    @property
    def english(self) -> bool:
        return self._installed

    def set_language(self, language: str) -> None:
        want = language == "en"
        if want == self._installed:
            return
        app = QCoreApplication.instance()
        if want:
            if app is not None:
                app.installTranslator(self._en)
        elif app is not None:
            app.removeTranslator(self._en)
        self._installed = want
        self.changed.emit()

    def toggle(self) -> None:
        self.set_language("vi" if self._installed else "en")

    def english_of(self, source: str) -> str:
        return self._en.translate(CONTEXT, source) or source

    def text(self, source: str) -> str:
        """The string in the current language."""
        return self.english_of(source) if self._installed else source

    def other(self, source: str) -> str:
        """The string in the other language (the small subtitle under a big label)."""
        return source if self._installed else self.english_of(source)

    def pick(self, vi: str, en: str) -> str:
        """For data that carries both languages (service names, error messages)."""
        return en if self._installed and en else vi

    def pick_other(self, vi: str, en: str) -> str:
        return vi if self._installed else en
