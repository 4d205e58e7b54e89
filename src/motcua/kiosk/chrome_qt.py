"""The frame around the kiosk's screens: the header (the logo the technician taps,
the center's name, the clock) and the bottom bar (voice guidance, Quay lại, Trang chủ,
English, Chữ to). Widgets only: what a touch on them does is the window's (app_qt).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from motcua.clock import WEEKDAYS_EN, WEEKDAYS_VI, Clock
from motcua.config import CenterIdentity
from motcua.kiosk.i18n_qt import Lang, tr
from motcua.kiosk.icons_qt import IconWidget, icon_pixmap
from motcua.kiosk.theme_qt import Theme
from motcua.kiosk.widgets_qt import BiLabel, TButton, TLabel


def halves(text: str) -> tuple[str, str]:
    """``text`` cut at the space nearest its middle."""
    words = text.split()
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) * 2 - len(text)))
    return " ".join(words[:best]), " ".join(words[best:])


class Logo(IconWidget):
    tapped = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.tapped.emit()


class Header(QWidget):
    """Logo, the center's name in the current language, and the clock (every second)."""

    def __init__(self, lang: Lang, center: CenterIdentity, clock: Clock) -> None:
        super().__init__()
        self._lang, self._center, self._clock = lang, center, clock
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 8)
        row.setSpacing(20)
        self.logo = Logo("logo", QColor("white"), 90)
        row.addWidget(self.logo)
        self.center_name = BiLabel(lang, center.name, center.name_en or center.name, "centername")
        row.addWidget(self.center_name, 1)
        self.clock_label = TLabel(lang, "", "clock")
        self.clock_label.setWordWrap(False)
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.clock_label)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(1000)
        lang.changed.connect(self.tick)
        self.tick()

    def tick(self) -> None:
        now = self._clock.now().astimezone(self._center.tz)
        days = WEEKDAYS_EN if self._lang.english else WEEKDAYS_VI
        self.clock_label.setText(f"{now:%H:%M}\n{days[now.weekday()]} {now:%d/%m/%Y}")

    def stop(self) -> None:
        self._timer.stop()


class BottomBar(QWidget):
    """The buttons every screen shares. For people who cannot read, the voice guidance
    toggle comes first, with a loudspeaker, on the home screen only."""

    def __init__(self, lang: Lang, theme: Theme) -> None:
        super().__init__()
        self._lang, self._theme = lang, theme
        self.setObjectName("bottombar")
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 10)
        row.setSpacing(16)
        self.back_button = TButton(lang, tr("Quay lại"), role="secondary")
        self.home_button = TButton(lang, tr("Trang chủ"), role="secondary")
        self.lang_button = TButton(lang, tr("English"), role="secondary")
        self.large_button = TButton(lang, tr("Chữ to, rõ"), role="secondary")
        self.large_button.setCheckable(True)
        for b in (self.back_button, self.home_button, self.lang_button, self.large_button):
            row.addWidget(b)
        self.voice_button = QPushButton()
        self.voice_button.setObjectName("voice_toggle")
        self.voice_button.setProperty("role", "secondary")
        self.voice_button.setCheckable(True)
        self.voice_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.voice_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.voice_button.setIconSize(QSize(72, 72))
        lang.changed.connect(self.voice_label)
        self.voice_label()
        row.insertWidget(0, self.voice_button, 2)

    def voice_label(self) -> None:
        on = self.voice_button.isChecked()
        text = (
            self._lang.pick("Giọng nói: đang bật", "Voice guidance: on")
            if on
            else self._lang.pick("Hướng dẫn bằng giọng nói", "Voice guidance")
        )
        if self._theme.large and not self._theme.wide:  # two lines: the bar fits portrait
            head, tail = halves(text)
            text = f"{head}\n{tail}"
        self.voice_button.setText(text)

    def apply_theme(self) -> None:
        self.voice_button.setIcon(icon_pixmap("speaker", self._theme.icon_color(), 72))
        self.voice_label()  # one line or two, for the text size and orientation

    def show_for(self, home: bool, resting: bool, home_allowed: bool) -> None:
        """The buttons a screen has: voice on the home screen, no Back / Home on a
        resting screen, no Home on the counter's rating tablet."""
        shown = {
            self.voice_button: home,
            self.back_button: not resting,
            self.home_button: not resting and home_allowed,
        }
        # hides first: the bar never holds all its buttons at once (the window would grow)
        for button, visible in sorted(shown.items(), key=lambda bv: bv[1]):
            button.setVisible(visible)
