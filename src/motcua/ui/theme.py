"""The one look of motcua's screens: palettes, fonts and sizes; each app picks its own.

Three palettes: ``LIGHT`` (the kiosk and the counter console: dark ink on light paper, the
blue of the primary action, the red of public offices), ``CONTRAST`` (the kiosk's high
contrast switch: white and yellow on black) and ``HALL`` (the hall TV: white and amber
on navy, read from 10 m). One set of font families (``FONTS``); sizes are chosen per app
from ``KIOSK``, ``COUNTER`` and ``HALL_SIZES`` (pixels, for 1080p screens), so that a size
said in one place ("the hall's counter label is 60 px") is that size everywhere.

What each app makes of them stays with the app, with no colour, family or size of its own:
the kiosk's style sheet (``kiosk/theme_qt.py``: ``LIGHT`` or ``CONTRAST``, ``KIOSK``
sizes, its large-text switch), the counter console's (``counter/style_qt.py``: ``LIGHT``,
``COUNTER``) and the hall's painted widgets (``display/widgets_qt.py``: ``HALL``,
``HALL_SIZES``, ``painted_font``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont


@dataclass(frozen=True)
class Palette:
    page: str  # the window's background
    card: str  # cards, fields, lists
    ink: str  # body text
    muted: str  # secondary text
    dim: str  # placeholders ("— — —"), spent items
    border: str
    primary: str  # the primary action's fill: the most visible thing on a screen
    primary_pressed: str
    primary_off: str  # a disabled primary action
    on_primary: str  # text on the primary fill
    accent: str  # the big number, errors
    header: str  # the header band
    on_header: str
    detail: str  # a button's detail line (a time, a count)
    selected: str
    ok: str
    alert: str  # lost connection, a paused counter
    banner: str  # a warning band and its text
    on_banner: str
    info: str  # an information band and its text
    on_info: str
    error: str  # an error band and its text
    on_error: str
    off: str  # a disabled button and its text
    on_off: str
    highlight: str  # a fresh call (the hall blinks between the two)
    highlight_alt: str
    on_highlight: str
    called: str  # a number being called
    strip: str  # the ticker's band


LIGHT = Palette(
    page="#f4f6f9",
    card="#ffffff",
    ink="#1b2430",
    muted="#4a5868",
    dim="#6b7785",
    border="#c9d3df",
    primary="#0b5cab",
    primary_pressed="#084785",
    primary_off="#9cbfe3",
    on_primary="#ffffff",
    accent="#b3261e",
    header="#b3261e",
    on_header="#ffffff",
    detail="#0b5cab",
    selected="#dbe9f8",
    ok="#1b6e20",
    alert="#b3261e",
    banner="#fff3c4",
    on_banner="#6b3e00",
    info="#e3f0fb",
    on_info="#1b4f72",
    error="#fde7e4",
    on_error="#8a1c12",
    off="#eef1f4",
    on_off="#8a96a3",
    highlight="#ffc42e",
    highlight_alt="#ff8f1f",
    on_highlight="#0a1a33",
    called="#0b5cab",
    strip="#1b2430",
)

CONTRAST = Palette(
    page="#000000",
    card="#000000",
    ink="#ffffff",
    muted="#ffff66",
    dim="#ffff66",
    border="#ffff00",
    primary="#ffff00",
    primary_pressed="#cccc00",
    primary_off="#666600",
    on_primary="#000000",
    accent="#ffff00",
    header="#000000",
    on_header="#ffff00",
    detail="#ffffff",
    selected="#333300",
    ok="#66ff66",
    alert="#ff6666",
    banner="#ffff00",
    on_banner="#000000",
    info="#000000",
    on_info="#ffffff",
    error="#000000",
    on_error="#ffff00",
    off="#000000",
    on_off="#999999",
    highlight="#ffff00",
    highlight_alt="#cccc00",
    on_highlight="#000000",
    called="#ffff00",
    strip="#000000",
)

HALL = Palette(
    page="#0a1a33",
    card="#12305a",
    ink="#ffffff",
    muted="#b7c6dd",
    dim="#6f86a8",
    border="#12305a",
    primary="#ffd54a",
    primary_pressed="#ffc42e",
    primary_off="#6f86a8",
    on_primary="#0a1a33",
    accent="#ffd54a",
    header="#0a1a33",
    on_header="#ffffff",
    detail="#b7c6dd",
    selected="#0f2748",  # a counter done for the day
    ok="#66d17a",
    alert="#ff5a4f",
    banner="#ffd54a",
    on_banner="#0a1a33",
    info="#12305a",
    on_info="#ffffff",
    error="#ff5a4f",
    on_error="#ffffff",
    off="#0f2748",
    on_off="#6f86a8",
    highlight="#ffc42e",
    highlight_alt="#ff8f1f",
    on_highlight="#0a1a33",
    called="#ffd54a",
    strip="#06101f",
)


@dataclass(frozen=True)
class Fonts:
    text: tuple[str, ...] = ("Noto Sans", "DejaVu Sans")  # Vietnamese marks in both
    painted: str = "DejaVu Sans"  # the hall's painted text (its fits are measured in it)
    numbers: str = "DejaVu Sans Condensed"  # 4-digit numbers fit narrower tiles

    @property
    def css(self) -> str:
        """The text families for a style sheet's ``font-family``."""
        return ", ".join(f'"{f}"' for f in self.text)


FONTS = Fonts()


@dataclass(frozen=True)
class KioskSizes:
    """The citizen's touchscreen: body text 30-32 px, touch targets >= 90 px."""

    text: int = 30
    body: int = 32
    heading: int = 34  # the center's name, the clock, errors, notices
    title: int = 50
    subtitle: int = 27
    small: int = 26
    number: int = 220  # the ticket number on the result screen
    button_title: int = 38
    button_detail: int = 28
    field: int = 40  # what is typed
    button_height: int = 96
    key_height: int = 90
    field_height: int = 96
    list_item_height: int = 96
    touch_min: int = 90  # no touch target is smaller
    radius: int = 16
    card_gap: int = 12  # between the home screen's task cards (six fit portrait, large text)
    # landscape: height is scarce, so smaller titles and shorter keys (still >= 80 px)
    wide_title: int = 42
    wide_subtitle: int = 25
    wide_number: int = 130
    wide_button_height: int = 80
    wide_key_height: int = 80
    wide_field_height: int = 90
    large_scale: float = 1.3  # the "Chữ lớn" switch


@dataclass(frozen=True)
class CounterSizes:
    """The clerk's console: a compact window on top of the clerk's other software."""

    text: int = 15
    small: int = 14
    status: int = 13
    service: int = 16
    number: int = 64  # the called number: read at arm's length
    number_moved: int = 52
    number_idle: int = 40
    primary: int = 20  # "Gọi số tiếp"
    min_width: int = 440
    radius: int = 6


@dataclass(frozen=True)
class HallSizes:
    """The hall TV (1920x1080), read from 10 m."""

    digits_min: int = 120  # digit height of a called number, at least
    label: int = 60  # "QUẦY 12"
    title: int = 38  # the center's name
    clock: int = 44
    small: int = 30  # the date, "3 phút trước", the paused counters
    status: int = 26  # "Mất kết nối máy chủ"
    heading: int = 26  # "VỪA GỌI", "ĐANG CHỜ"
    recent_first: int = 46  # the newest of the recent calls' numbers
    recent: int = 40
    recent_counter_first: int = 30  # "→ Quầy 5"
    recent_counter: int = 28
    ticker: int = 30
    ticker_height: int = 64
    radius: int = 14


KIOSK = KioskSizes()
COUNTER = CounterSizes()
HALL_SIZES = HallSizes()


def qcolor(value: str) -> QColor:
    return QColor(value)


def painted_font(px: float, bold: bool = False, family: str = FONTS.painted) -> QFont:
    """A font for a painted widget, sized in pixels."""
    f = QFont(family)
    f.setPixelSize(max(1, int(px)))
    f.setBold(bold)
    return f
