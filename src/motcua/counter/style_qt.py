"""The counter console's style sheet, from the one theme (``motcua.ui.theme``: the
``LIGHT`` palette, the ``COUNTER`` sizes). Widgets say what they are by object name."""

from __future__ import annotations

from motcua.ui.theme import COUNTER, FONTS, LIGHT, CounterSizes, Palette


def console_stylesheet(c: Palette = LIGHT, s: CounterSizes = COUNTER) -> str:
    r = s.radius
    band = f"font-size: {s.small}px; padding: 6px; border-radius: {r - 2}px;"
    return f"""
QWidget {{ font-family: {FONTS.css}; }}
QWidget#console {{ background: {c.page}; }}
QLabel#header {{ font-size: {s.text}px; font-weight: 600; color: {c.ink}; }}
QLabel#conn_ok {{ color: {c.ok}; font-size: {s.status}px; }}
QLabel#conn_bad {{ color: {c.alert}; font-size: {s.status}px; font-weight: 600; }}
QFrame#ticket {{ background: {c.card}; border: 1px solid {c.border}; border-radius: 8px; }}
QLabel#number {{ font-size: {s.number}px; font-weight: 700; color: {c.called}; }}
QLabel#number_idle {{ font-size: {s.number_idle}px; font-weight: 600; color: {c.dim}; }}
QLabel#number_moved {{ font-size: {s.number_moved}px; font-weight: 700; color: {c.muted}; }}
QLabel#service {{ font-size: {s.service}px; color: {c.ink}; }}
QLabel#status {{ font-size: {s.small}px; color: {c.muted}; }}
QPushButton {{ font-size: {s.text}px; padding: 8px; border-radius: {r}px;
              border: 1px solid {c.border}; background: {c.card}; color: {c.ink}; }}
QPushButton:disabled {{ color: {c.on_off}; background: {c.off}; }}
QPushButton#next {{ font-size: {s.primary}px; font-weight: 700; padding: 14px;
                   color: {c.on_primary}; background: {c.primary}; border: none; }}
QPushButton#next:pressed {{ background: {c.primary_pressed}; }}
QPushButton#next:disabled {{ background: {c.primary_off}; }}
QLabel#waiting {{ font-size: {s.small}px; color: {c.ink}; }}
QLabel#msg_info {{ {band} color: {c.on_info}; background: {c.info}; }}
QLabel#msg_warning {{ {band} color: {c.on_banner}; background: {c.banner}; }}
QLabel#msg_error {{ {band} color: {c.on_error}; background: {c.error}; }}
QPushButton#dossier {{ font-size: {s.small}px; font-weight: 600; text-align: left;
                      color: {c.on_info}; background: {c.info}; border: 1px solid {c.detail}; }}
QLabel#r_code {{ font-size: {s.service + 4}px; font-weight: 700; color: {c.ink}; }}
QLabel#r_status {{ font-size: {s.text}px; font-weight: 600; padding: 4px 10px;
                  border-radius: {r}px; color: {c.detail}; background: {c.selected}; }}
QListWidget#papers {{ font-size: {s.small}px; background: {c.card}; color: {c.ink}; }}
QWidget#walkin {{ background: {c.page}; }}
QLabel#w_text {{ font-size: {s.text}px; color: {c.ink}; }}
QLabel#w_title {{ font-size: {s.service + 4}px; font-weight: 700; color: {c.ink}; }}
QWidget#walkin QLineEdit {{ font-size: {s.service}px; padding: 6px; }}
QWidget#walkin QListWidget {{ font-size: {s.text}px; background: {c.card}; color: {c.ink}; }}
QWidget#walkin QGroupBox {{ font-size: {s.small}px; color: {c.muted}; }}
QLabel#w_hint {{ font-size: {s.small}px; color: {c.muted}; }}
QLabel#w_consent {{ font-size: {s.service + 2}px; background: {c.card}; padding: 12px;
                   border: 1px solid {c.border}; border-radius: {r}px; }}
QLabel#w_card {{ font-size: {s.service}px; font-weight: 600; color: {c.ok}; }}
"""
