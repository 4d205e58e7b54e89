"""Look of the kiosk: one stylesheet from two switches (large text, high contrast).

Sizes are pixels for a 1080p touchscreen: body text 32 px, buttons at least
110 px high (touch targets >= 90 px). Widgets say what they are with a
``role`` property and the stylesheet does the rest, so the toggles restyle
every screen at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor


@dataclass
class Theme:
    large: bool = False
    contrast: bool = False
    wide: bool = False  # landscape: height is scarce, so smaller titles and shorter keys

    @property
    def scale(self) -> float:
        return 1.3 if self.large else 1.0

    def px(self, size: float) -> int:
        return round(size * self.scale)

    # colours -------------------------------------------------------------
    @property
    def bg(self) -> str:
        return "#000000" if self.contrast else "#f4f6f9"

    @property
    def fg(self) -> str:
        return "#ffffff" if self.contrast else "#1b2430"

    @property
    def muted(self) -> str:
        return "#ffff66" if self.contrast else "#4a5868"

    @property
    def accent(self) -> str:
        return "#ffff00" if self.contrast else "#b3261e"  # the red of public offices

    @property
    def primary(self) -> str:
        """The fill of the primary action: the most visible thing on every screen (in
        high contrast a solid yellow button, never a thin outline)."""
        return "#ffff00" if self.contrast else "#0b5cab"

    @property
    def card(self) -> str:
        return "#000000" if self.contrast else "#ffffff"

    def icon_color(self) -> QColor:
        return QColor("#ffff00" if self.contrast else "#0b5cab")

    def stylesheet(self) -> str:
        p, fg, bg, card, primary = self.px, self.fg, self.bg, self.card, self.primary
        border = "#ffff00" if self.contrast else "#c9d3df"
        btn_fg = "#000000" if self.contrast else "#ffffff"
        head_fg = "#ffff00" if self.contrast else "#ffffff"
        selected = "#333300" if self.contrast else "#dbe9f8"
        wide = self.wide
        # landscape keys: still >= 90 px wide (the keyboard spans the width), 84 px tall;
        # buttons: 80 px + padding + border = 102 px tall
        key_h = 80 if wide else 90
        return f"""
QWidget {{ background: {bg}; color: {fg}; font-family: "Noto Sans", "DejaVu Sans";
          font-size: {p(30)}px; }}
QWidget#header {{ background: {"#000000" if self.contrast else "#b3261e"}; }}
QWidget#header QLabel {{ background: transparent; color: {head_fg}; }}
QLabel[role="centername"] {{ font-size: {p(34)}px; font-weight: 600; }}
QLabel[role="clock"] {{ font-size: {p(34)}px; font-weight: 600; }}
QLabel[role="title"] {{ font-size: {p(42 if wide else 50)}px; font-weight: 700; color: {fg}; }}
QLabel[role="subtitle"] {{ font-size: {p(25 if wide else 27)}px; color: {self.muted}; }}
QLabel[role="body"] {{ font-size: {p(32)}px; }}
QLabel[role="small"] {{ font-size: {p(26)}px; color: {self.muted}; }}
QLabel[role="number"] {{ font-size: {p(130 if wide else 220)}px; font-weight: 800;
                        color: {self.accent}; }}
QLabel[role="error"] {{ font-size: {p(34)}px; color: {self.accent}; font-weight: 600; }}
QLabel[role="banner"] {{ font-size: {p(32)}px; font-weight: 700; padding: 14px;
                        background: {"#ffff00" if self.contrast else "#fff3c4"};
                        color: {"#000000" if self.contrast else "#6b3e00"}; }}
QLabel[role="btntitle"] {{ background: transparent; font-size: {p(38)}px; font-weight: 700;
                          color: {fg}; }}
QLabel[role="btnsub"] {{ background: transparent; font-size: {p(26)}px; color: {self.muted}; }}
QLabel[role="btndetail"] {{ background: transparent; font-size: {p(28)}px; font-weight: 600;
                           color: {"#ffffff" if self.contrast else "#0b5cab"}; }}
QLabel[role="notice"] {{ font-size: {p(32)}px; font-weight: 600; padding: 12px;
                        border: 3px solid {"#ffff00" if self.contrast else "#0b5cab"};
                        border-radius: 14px; background: {card}; }}
QLabel[role="success"] {{ font-size: {p(34)}px; font-weight: 600;
                         color: {"#66ff66" if self.contrast else "#1b6e20"}; }}
QFrame[role="card"] {{ background: {card}; border: 2px solid {border}; border-radius: 18px; }}
QFrame[role="card"] QLabel {{ background: transparent; }}
QFrame[role="card"][selected="true"] {{ border: 6px solid {"#ffff00" if self.contrast else primary};
              background: {selected}; }}
QPushButton {{ min-height: {p(80 if wide else 96)}px; padding: 8px 24px; border-radius: 16px;
              font-size: {p(32)}px; font-weight: 600; background: {primary}; color: {btn_fg};
              border: 3px solid {"#ffff00" if self.contrast else primary}; }}
QPushButton:pressed {{ background: {"#cccc00" if self.contrast else "#084785"}; }}
QPushButton[role="secondary"] {{ background: {card};
              color: {"#ffff00" if self.contrast else primary};
              border: 3px solid {border if self.contrast else primary}; }}
QPushButton[role="secondary"]:pressed {{ background: {selected}; }}
QPushButton[role="key"] {{ min-height: {key_h}px; min-width: 60px; padding: 0px;
              font-size: {p(34)}px; background: {card}; color: {fg}; border: 2px solid {border}; }}
QPushButton[role="key"][command="true"] {{ font-size: {p(30)}px; padding: 0px 4px; }}
QPushButton[role="toggle"] {{ min-height: 90px; padding: 4px 18px; font-size: {p(26)}px;
              background: transparent; color: {"#ffff00" if self.contrast else "#ffffff"};
              border: 3px solid {"#ffff00" if self.contrast else "#ffffff"}; }}
QPushButton:checked {{ background: {selected}; color: {"#ffff00" if self.contrast else primary};
              border: 5px solid {"#ffff00" if self.contrast else primary}; }}
QLineEdit {{ min-height: {90 if wide else 96}px; font-size: {p(40)}px; padding: 0 20px;
            border-radius: 14px;
            background: {card}; color: {fg}; border: 3px solid {border}; }}
QListWidget {{ background: {card}; border: 2px solid {border}; border-radius: 14px;
              font-size: {p(32)}px; }}
QListWidget::item {{ min-height: 96px; padding: 8px 16px; border-bottom: 1px solid {border}; }}
QListWidget::item:selected {{ background: {selected}; color: {fg}; }}
QProgressBar {{ min-height: 40px; border: 2px solid {border}; border-radius: 12px;
               background: {card}; }}
QProgressBar::chunk {{ background: {primary}; }}
QScrollBar:vertical {{ width: 40px; }}
"""
