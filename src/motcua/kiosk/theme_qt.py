"""Look of the kiosk: one stylesheet from two switches (large text, high contrast).

The colours, fonts and sizes are the one theme's (``motcua.ui.theme``: the ``LIGHT`` or
``CONTRAST`` palette, the ``KIOSK`` sizes: body text 32 px, buttons at least 96 px high,
touch targets >= 90 px, for a 1080p touchscreen). Widgets say what they are with a
``role`` property and the stylesheet does the rest, so the toggles restyle every screen
at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from motcua.ui.theme import CONTRAST, FONTS, KIOSK, LIGHT, Palette


@dataclass
class Theme:
    large: bool = False
    contrast: bool = False
    wide: bool = False  # landscape: height is scarce, so smaller titles and shorter keys

    @property
    def scale(self) -> float:
        return KIOSK.large_scale if self.large else 1.0

    def px(self, size: float) -> int:
        return round(size * self.scale)

    @property
    def palette(self) -> Palette:
        return CONTRAST if self.contrast else LIGHT

    # colours -------------------------------------------------------------
    @property
    def bg(self) -> str:
        return self.palette.page

    @property
    def fg(self) -> str:
        return self.palette.ink

    @property
    def muted(self) -> str:
        return self.palette.muted

    @property
    def accent(self) -> str:
        return self.palette.accent  # the red of public offices

    @property
    def primary(self) -> str:
        """The fill of the primary action: the most visible thing on every screen (in
        high contrast a solid yellow button, never a thin outline)."""
        return self.palette.primary

    @property
    def card(self) -> str:
        return self.palette.card

    def icon_color(self) -> QColor:
        return QColor(self.palette.primary)

    def stylesheet(self) -> str:
        c, k, p, wide = self.palette, KIOSK, self.px, self.wide
        fg, card, primary, border, selected = c.ink, c.card, c.primary, c.border, c.selected
        # landscape keys: still >= 90 px wide (the keyboard spans the width), 80 px tall;
        # buttons: 80 px + padding + border = 102 px tall
        key_h = k.wide_key_height if wide else k.key_height
        button_h = k.wide_button_height if wide else k.button_height
        field_h = k.wide_field_height if wide else k.field_height
        # a secondary button's outline: the primary colour (in high contrast, the border's)
        outline = border if self.contrast else primary
        return f"""
QWidget {{ background: {c.page}; color: {fg}; font-family: {FONTS.css};
          font-size: {p(k.text)}px; }}
QWidget#header {{ background: {c.header}; }}
QWidget#header QLabel {{ background: transparent; color: {c.on_header}; }}
QLabel[role="centername"] {{ font-size: {p(k.heading)}px; font-weight: 600; }}
QLabel[role="clock"] {{ font-size: {p(k.heading)}px; font-weight: 600; }}
QLabel[role="title"] {{ font-size: {p(k.wide_title if wide else k.title)}px; font-weight: 700;
                       color: {fg}; }}
QLabel[role="subtitle"] {{ font-size: {p(k.wide_subtitle if wide else k.subtitle)}px;
                          color: {c.muted}; }}
QLabel[role="body"] {{ font-size: {p(k.body)}px; }}
QLabel[role="small"] {{ font-size: {p(k.small)}px; color: {c.muted}; }}
QLabel[role="number"] {{ font-size: {p(k.wide_number if wide else k.number)}px;
                        font-weight: 800; color: {c.accent}; }}
QLabel[role="error"] {{ font-size: {p(k.heading)}px; color: {c.accent}; font-weight: 600; }}
QLabel[role="banner"] {{ font-size: {p(k.body)}px; font-weight: 700; padding: 14px;
                        background: {c.banner}; color: {c.on_banner}; }}
QLabel[role="reminder"] {{ font-size: {p(k.wide_title if wide else k.title)}px; font-weight: 700;
                          padding: 28px; background: {c.banner}; color: {c.on_banner}; }}
QLabel[role="btntitle"] {{ background: transparent; font-size: {p(k.button_title)}px;
                          font-weight: 700; color: {fg}; }}
QLabel[role="btnsub"] {{ background: transparent; font-size: {p(k.small)}px;
                        color: {c.muted}; }}
QLabel[role="btndetail"] {{ background: transparent; font-size: {p(k.button_detail)}px;
                           font-weight: 600; color: {c.detail}; }}
QLabel[role="notice"] {{ font-size: {p(k.body)}px; font-weight: 600; padding: 12px;
                        border: 3px solid {primary}; border-radius: 14px; background: {card}; }}
QLabel[role="success"] {{ font-size: {p(k.heading)}px; font-weight: 600; color: {c.ok}; }}
QFrame[role="card"] {{ background: {card}; border: 2px solid {border}; border-radius: 18px; }}
QFrame[role="card"] QLabel {{ background: transparent; }}
QFrame[role="card"][selected="true"] {{ border: 6px solid {primary}; background: {selected}; }}
QPushButton {{ min-height: {p(button_h)}px; padding: 8px 24px; border-radius: {k.radius}px;
              font-size: {p(k.body)}px; font-weight: 600; background: {primary};
              color: {c.on_primary}; border: 3px solid {primary}; }}
QPushButton:pressed {{ background: {c.primary_pressed}; }}
QPushButton[role="secondary"] {{ background: {card}; color: {primary};
              border: 3px solid {outline}; }}
QPushButton[role="secondary"]:pressed {{ background: {selected}; }}
QPushButton[role="key"] {{ min-height: {key_h}px; min-width: 60px; padding: 0px;
              font-size: {p(k.heading)}px; background: {card}; color: {fg};
              border: 2px solid {border}; }}
QPushButton[role="key"][command="true"] {{ font-size: {p(k.text)}px; padding: 0px 4px; }}
QPushButton[role="toggle"] {{ min-height: {k.touch_min}px; padding: 4px 18px;
              font-size: {p(k.small)}px; background: transparent; color: {c.on_header};
              border: 3px solid {c.on_header}; }}
QPushButton:checked {{ background: {selected}; color: {primary};
              border: 5px solid {primary}; }}
QLineEdit {{ min-height: {field_h}px; font-size: {p(k.field)}px; padding: 0 20px;
            border-radius: 14px; background: {card}; color: {fg}; border: 3px solid {border}; }}
QLineEdit[selected="true"] {{ border: 6px solid {primary}; }}
QListWidget {{ background: {card}; border: 2px solid {border}; border-radius: 14px;
              font-size: {p(k.body)}px; }}
QListWidget::item {{ min-height: {k.list_item_height}px; padding: 8px 16px;
                    border-bottom: 1px solid {border}; }}
QListWidget::item:selected {{ background: {selected}; color: {fg}; }}
QProgressBar {{ min-height: 40px; border: 2px solid {border}; border-radius: 12px;
               background: {card}; }}
QProgressBar::chunk {{ background: {primary}; }}
QScrollBar:vertical {{ width: 40px; }}
"""
