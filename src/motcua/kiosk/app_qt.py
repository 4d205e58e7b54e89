"""The kiosk window: header, one screen at a time, a bottom bar with Back / Home and
the language and large-text toggles; idle timeout; scanners; technician gesture.

A thin adapter: every decision is in the plain-Python flows of ``KioskRuntime``;
this file routes touches to them, runs slow calls on the ``TaskRunner`` and shows
results. Device and center callbacks arrive on other threads and are re-emitted
as Qt signals so they are handled on the UI thread.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from motcua.kiosk.alerts import AlertKind
from motcua.kiosk.chip_reader import REMINDER, CardReminder
from motcua.kiosk.i18n_qt import Lang, tr
from motcua.kiosk.icons_qt import IconWidget, icon_pixmap
from motcua.kiosk.idle import IdleTimer
from motcua.kiosk.rating_flow import RatingOutcome, RatingResult
from motcua.kiosk.runtime import KioskRuntime
from motcua.kiosk.screens.appointment import AppointmentScreen
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.screens.dossier import DossierScreen
from motcua.kiosk.screens.home import ErrorScreen, HomeScreen
from motcua.kiosk.screens.idcard import ChipScreen, IdScanScreen
from motcua.kiosk.screens.intake import SCREENS as INTAKE_SCREENS
from motcua.kiosk.screens.lookup import LookupScreen, ProcedureScreen
from motcua.kiosk.screens.rating import SCREENS as RATING_SCREENS
from motcua.kiosk.screens.rating import RestingScreen
from motcua.kiosk.screens.technician import PinScreen, TechnicianScreen
from motcua.kiosk.screens.ticket import (
    ConfirmScreen,
    FieldScreen,
    PrintingScreen,
    PriorityScreen,
    ResultScreen,
    ServiceScreen,
)
from motcua.kiosk.theme_qt import Theme
from motcua.kiosk.ticket_flow import TicketResult
from motcua.kiosk.ticket_result import Outcome
from motcua.kiosk.widgets_qt import BiLabel, TButton, TLabel
from motcua.queue.models import Event
from motcua.scanner.barcode import BarcodeScanner, scanner_health
from motcua.ui import Relay, TaskRunner

log = logging.getLogger(__name__)

# entering these screens ends a flow (the card reminder looks at the reader then)
FLOW_ENDS = ("result", "intake_done")
IDLE_WARNING_SECONDS = 10  # a countdown shows this long before the idle timeout
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _halves(text: str) -> tuple[str, str]:
    """``text`` cut at the space nearest its middle."""
    words = text.split()
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) * 2 - len(text)))
    return " ".join(words[:best]), " ".join(words[best:])


class Logo(IconWidget):
    tapped = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.tapped.emit()


class KioskWindow(QWidget):
    def __init__(
        self,
        runtime: KioskRuntime,
        lang: Lang | None = None,
        theme: Theme | None = None,
        rating_counter: int | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("motcua")
        self.runtime = runtime
        self.clock = runtime.clock
        self.lang = lang or Lang(runtime.config.kiosk.language)
        self.theme = theme or Theme()
        self.rating_counter = rating_counter
        self.runner = TaskRunner(self)
        # callbacks from the scanner's and the event stream's threads, on the UI thread
        self.scans = Relay(self)
        self.scans.received.connect(self.on_scan)
        self.center_events = Relay(self)
        self.center_events.received.connect(self.on_event)
        self.idle = IdleTimer(self.clock, runtime.config.kiosk.idle_timeout_seconds)
        self._wedge = None
        self._window_key: tuple[int, str] | None = None
        self._busy = False
        self._unsubscribe = None
        self._scanner: BarcodeScanner | None = None
        self.guidance_on = False  # "Hướng dẫn bằng giọng nói" (the home toggle)
        self._guide_context: dict[str, object] = {}  # the result screen's number

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._header())
        self.stack = QStackedWidget()
        # the window is the display's size: a screen that is not shown (laid out for
        # another width) must never make it taller; screens scroll their page instead
        self.stack.setMinimumSize(1, 1)
        outer.addWidget(self.stack, 1)
        self.idle_warning = BiLabel(self.lang, role="banner")
        self.idle_warning.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_warning.hide()
        outer.addWidget(self.idle_warning)
        # "Xin nhận lại thẻ căn cước": a card left on the chip reader after the flow
        chip = runtime.chip
        self.card_reminder = CardReminder(chip.card_present, self.clock) if chip else None
        self.card_left = BiLabel(self.lang, *REMINDER, role="reminder")
        self.card_left.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_left.hide()
        outer.addWidget(self.card_left)
        outer.addWidget(self._bottom_bar())

        self.screens: dict[str, Screen] = {}
        classes: list[type[Screen]] = [
            HomeScreen, FieldScreen, ServiceScreen, PriorityScreen, IdScanScreen, ConfirmScreen,
            PrintingScreen, ResultScreen, LookupScreen, ProcedureScreen, DossierScreen,
            *INTAKE_SCREENS, *RATING_SCREENS,
            PinScreen, TechnicianScreen, ErrorScreen, AppointmentScreen, ChipScreen,
        ]  # fmt: skip
        if rating_counter is not None:
            classes.append(RestingScreen)
        for cls in classes:
            screen = cls(self)
            self.screens[cls.name] = screen
            self.stack.addWidget(screen)
        self.current: Screen = self.screens["home"]
        self.apply_theme()
        self.lang.changed.connect(self._tick)

        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start(1000)
        self.idle_timer = QTimer(self)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.timeout.connect(self.check_scanner)
        self.idle_timer.timeout.connect(self.check_card_left)
        self.idle_timer.start(1000)
        app = QApplication.instance()
        assert app is not None, "create the QApplication first"
        self._app: QCoreApplication = app
        self._app.installEventFilter(self)
        self._tick()
        self.home()

    # ------------------------------------------------------------------ layout
    def _header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("header")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(header)
        row.setContentsMargins(24, 8, 24, 8)
        row.setSpacing(20)
        self.logo = Logo("logo", QColor("white"), 90)
        self.logo.tapped.connect(self.logo_tapped)
        row.addWidget(self.logo)
        c = self.runtime.config.center
        self.center_name = BiLabel(self.lang, c.name, c.name_en or c.name, role="centername")
        row.addWidget(self.center_name, 1)
        self.clock_label = TLabel(self.lang, "", "clock")
        self.clock_label.setWordWrap(False)
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.clock_label)
        return header

    def _bottom_bar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("bottombar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 8, 24, 10)
        row.setSpacing(16)
        self.back_button = TButton(self.lang, tr("Quay lại"), role="secondary")
        self.back_button.clicked.connect(lambda: self.current.back())
        self.home_button = TButton(self.lang, tr("Trang chủ"), role="secondary")
        self.home_button.clicked.connect(self.home)
        self.lang_button = TButton(self.lang, tr("English"), role="secondary")
        self.lang_button.clicked.connect(self.toggle_language)
        self.large_button = TButton(self.lang, tr("Chữ to, rõ"), role="secondary")
        self.large_button.setCheckable(True)
        self.large_button.toggled.connect(self.set_large)
        for b in (self.back_button, self.home_button, self.lang_button, self.large_button):
            row.addWidget(b)
        # For people who cannot read: first in the bar on the home screen, with a loudspeaker
        self.voice_button = QPushButton()
        self.voice_button.setObjectName("voice_toggle")
        self.voice_button.setProperty("role", "secondary")
        self.voice_button.setCheckable(True)
        self.voice_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.voice_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.voice_button.setIconSize(QSize(72, 72))
        self.voice_button.toggled.connect(self.set_guidance)
        self.lang.changed.connect(self._voice_label)
        self._voice_label()
        row.insertWidget(0, self.voice_button, 2)
        return bar

    def _voice_label(self) -> None:
        on = self.voice_button.isChecked()
        text = (
            self.lang.pick("Giọng nói: đang bật", "Voice guidance: on")
            if on
            else self.lang.pick("Hướng dẫn bằng giọng nói", "Voice guidance")
        )
        if self.theme.large and not self.theme.wide:  # two lines: the bar fits portrait
            head, tail = _halves(text)
            text = f"{head}\n{tail}"
        self.voice_button.setText(text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        wide = self.width() > self.height()
        if wide != self.theme.wide:
            self.theme.wide = wide
            self.apply_theme()
            for screen in self.screens.values():
                screen.set_wide(wide)

    def apply_theme(self) -> None:
        self.setStyleSheet(self.theme.stylesheet())
        self.logo.set_color(QColor(self.theme.palette.on_header))
        self.voice_button.setIcon(icon_pixmap("speaker", self.theme.icon_color(), 72))
        self._voice_label()  # one line or two, for the text size and orientation
        for w in self.findChildren(IconWidget):
            if w is not self.logo:
                w.set_color(self.theme.icon_color())

    def toggle_language(self) -> None:
        self.lang.toggle()
        if self.current.name in ("ticket", "lookup"):
            self.current.enter()  # these build their items from data on entry

    def set_large(self, on: bool) -> None:
        self.theme.large = on
        self.theme.contrast = on
        self.apply_theme()

    def _tick(self) -> None:
        now = self.clock.now().astimezone(self.runtime.config.center.tz)
        days = WEEKDAYS_EN if self.lang.english else WEEKDAYS_VI
        self.clock_label.setText(f"{now:%H:%M}\n{days[now.weekday()]} {now:%d/%m/%Y}")

    # ------------------------------------------------------------------ navigation
    def go(self, name: str) -> None:
        screen = self.screens[name]
        self.current = screen
        self.stack.setCurrentWidget(screen)
        resting = screen.home_screen
        shown = {
            self.voice_button: name == "home",
            self.back_button: not resting,
            self.home_button: not resting and self.rating_counter is None,
        }
        # hides first: the bar never holds all its buttons at once (the window would grow)
        for button, visible in sorted(shown.items(), key=lambda bv: bv[1]):
            button.setVisible(visible)
        if resting:
            self.idle.disarm()
        else:
            self.idle.arm()
        screen.enter()
        if name in FLOW_ENDS:
            self.flow_ended()
        if self.guidance_on:  # the one place screens are said
            self.runtime.guide.screen_shown(name, **self._guidance_context(screen))

    def _guidance_context(self, screen: Screen) -> dict[str, object]:
        if screen.name == "result":
            return dict(self._guide_context)
        return {"step": getattr(screen, "step_no", 0)}

    def set_guidance(self, on: bool) -> None:
        """The home screen's "Hướng dẫn bằng giọng nói": on, the screen shown is said
        (and every screen after it); off at the citizen's touch or the idle timeout."""
        if on == self.guidance_on:
            return
        self.guidance_on = on
        if on:
            self.runtime.guide.turn_on(self.current.name, **self._guidance_context(self.current))
        else:
            self.runtime.guide.turn_off()
        self.voice_button.setChecked(on)  # the idle timeout resets the toggle
        self._voice_label()

    def home(self) -> None:
        """Back to the start and forget everything the citizen entered."""
        self.runtime.reset_flows()
        for s in self.screens.values():
            s.reset()
        self.go("resting" if self.rating_counter is not None else "home")
        self.flow_ended()

    # ------------------------------------------------------------------ the card left behind
    def flow_ended(self) -> None:
        """The ticket or the dossier slip is out, or the citizen left (Home, idle timeout):
        a card still on the chip reader is reminded about, big, with the chime."""
        if self.card_reminder is not None and self.card_reminder.flow_ended():
            self._chime()
        self._show_card_left()

    def check_card_left(self) -> None:
        """Every second while reminding: the reminder clears when the card is taken."""
        if self.card_reminder is None or not self.card_reminder.active:
            return
        if self.card_reminder.poll():
            self._chime()
        self._show_card_left()

    def _show_card_left(self) -> None:
        self.card_left.setVisible(self.card_reminder is not None and self.card_reminder.active)

    def _chime(self) -> None:
        chime = self.runtime.chime
        if chime is None:
            return
        try:
            chime()
        except Exception:  # a sound that fails never stops the kiosk
            log.exception("chime failed")

    def check_idle(self) -> bool:
        """Called every second by a timer (tests call it after moving the clock)."""
        if self.idle.expired() and self.runner.pending == 0:
            log.info("idle timeout on %s: back home", self.current.name)
            self.idle_warning.hide()
            self.set_guidance(False)  # the next citizen starts without it
            self.home()
            # the next citizen starts with the center's defaults
            self.lang.set_language(self.runtime.config.kiosk.language)
            self.large_button.setChecked(False)
            return True
        if self.guidance_on and self.idle.remaining() <= 0:  # left on at home, untouched
            self.set_guidance(False)
        left = int(self.idle.remaining() + 0.999)
        if self.idle.armed and left <= IDLE_WARNING_SECONDS:
            self.idle_warning.set_texts(
                f"Máy sẽ về trang chủ sau {left} giây. Chạm vào màn hình để tiếp tục.",
                f"Going back to the start in {left} s. Touch the screen to continue.",
            )
            self.idle_warning.show()
        else:
            self.idle_warning.hide()
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress):
            self.idle.touch()
            if self.idle_warning.isVisible():
                self.idle_warning.hide()
        if self._busy and kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.TouchBegin,
        ):
            return True
        if (
            kind == QEvent.Type.KeyPress
            and self._wedge is not None
            and self._first_sight(obj, event)
        ):
            text = event.text()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                text = "\n"
            if text:
                self._wedge.feed_key(text, time.monotonic())
        return False

    def _first_sight(self, obj: QObject, event: QEvent) -> bool:
        """A key reaches the filter once per receiver (the QWindow, then widgets); read it
        once: at the window, or at this widget when it was sent straight here."""
        key = (event.key(), event.text())  # type: ignore[attr-defined]
        if isinstance(obj, QWindow):
            self._window_key = key
            return True
        if obj is self:
            seen, self._window_key = self._window_key, None
            return seen != key
        return False

    # ------------------------------------------------------------------ devices
    def attach_scanner(self, scanner) -> None:
        """Serial / sim scanners call back from their own thread: the line is re-emitted
        as a signal and handled on the UI thread. A keyboard-wedge scanner is fed the
        keys this window sees (fast bursts ending with Enter are scans)."""
        self._scanner = scanner
        if hasattr(scanner, "feed_key"):
            self._wedge = scanner
        scanner.start(self.scans.push)

    def check_scanner(self) -> bool | None:
        """Every second: a serial scanner that went away is a device alert (and clears
        itself when the scanner is back). None when the scanner cannot tell."""
        if self._scanner is None:
            return None
        health = scanner_health(self._scanner, AlertKind.SCANNER.value)
        if health.is_problem:
            self.runtime.alerts.report(health)
        elif health.is_ok:
            self.runtime.alerts.clear(AlertKind.SCANNER, "disconnected")
        return self._scanner.connected

    def on_scan(self, line: str) -> None:
        self.idle.touch()
        if not self.current.on_scan(line):
            log.info("scan ignored on screen %s", self.current.name)

    def subscribe_events(self) -> None:
        """Follow the center's events (the rating tablet). Subscribing to a remote center
        opens a stream, so it happens on a worker; events arrive through a relay."""
        center = self.runtime.center

        def subscribed(unsubscribe) -> None:
            self._unsubscribe = unsubscribe

        def failed(exc: BaseException) -> None:
            log.error("cannot follow the center's events: %r", exc)
            self.runtime.alerts.raise_(
                AlertKind.CENTER,
                "events_lost",
                "Không theo dõi được sự kiện của trung tâm",
                f"Cannot follow the center's events: {exc!r}",
            )

        self.runner.run(lambda: center.subscribe(self.center_events.push), subscribed, failed)

    @property
    def subscribed(self) -> bool:
        return self._unsubscribe is not None

    def on_event(self, event: Event) -> None:
        if self.rating_counter is not None and self.runtime.rating.on_event(event):
            self.go("rate")

    def run_with_progress(
        self, fn, on_done, progress_screen: str = "printing", after_ms: int = 300
    ) -> None:
        """Run ``fn`` on the worker pool; if it takes longer than ``after_ms`` show the
        progress screen meanwhile (a quick print goes straight to its result)."""
        self._busy = True  # touches are swallowed meanwhile: no double tickets
        task: dict[str, bool] = {"done": False}

        def show_progress() -> None:
            if not task["done"]:
                self.go(progress_screen)

        def finished(result) -> None:
            self._busy = False
            task["done"] = True
            on_done(result)

        def failed(exc: BaseException) -> None:
            task["done"] = True
            self._busy = False
            self.task_failed(exc)

        QTimer.singleShot(after_ms, show_progress)
        self.runner.run(fn, finished, failed)

    # ------------------------------------------------------------------ results
    def show_ticket_result(self, result: TicketResult) -> None:
        screen = self.screens["result"]
        screen.show_result(result)  # type: ignore[attr-defined]
        info = result.info
        self._guide_context = {
            "number": info.ticket.display_number if info is not None else None,
            "printed": result.outcome == Outcome.PRINTED,
        }
        self.go("result")

    def submit_rating(self) -> None:
        self.runner.run(self.runtime.rating.submit, self._rated, self.task_failed)

    def _rated(self, result: RatingResult) -> None:
        if result.outcome == RatingOutcome.NEED_REASON:
            self.go("reasons")
            return
        self.screens["thanks"].show_result(result)  # type: ignore[attr-defined]
        self.go("thanks")

    def rating_done(self) -> None:
        self.home()

    def task_failed(self, exc: BaseException) -> None:
        """A bug or an unexpected device error: an apology, never a traceback."""
        log.error("kiosk task failed: %r", exc)
        self.go("error")

    def logo_tapped(self) -> None:
        if self.runtime.technician.tap_logo():
            self.go("pin")

    def shutdown(self) -> None:
        self._clock_timer.stop()
        self.idle_timer.stop()
        self._app.removeEventFilter(self)
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self._scanner is not None:
            self._scanner.stop()
        self.runner.wait(5000)
