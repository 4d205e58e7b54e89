"""The kiosk window: the header, one screen at a time, the bottom bar; screen routing,
the idle timeout, the voice guidance hook, slow calls and their results.

A thin adapter: every decision is in the plain-Python flows of ``KioskRuntime``;
this file routes touches to them, runs slow calls on the ``TaskRunner`` and shows
results. The frame is ``chrome_qt``, the card-left banner ``card_left_qt``; touches,
keys, scans and the center's events arrive through ``input_qt`` (on the UI thread).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from motcua.kiosk.card_left_qt import CardLeftBanner
from motcua.kiosk.chrome_qt import BottomBar, Header
from motcua.kiosk.i18n_qt import Lang
from motcua.kiosk.icons_qt import IconWidget
from motcua.kiosk.idle import IdleTimer
from motcua.kiosk.input_qt import Inbound, InputFilter
from motcua.kiosk.rating_flow import RatingOutcome, RatingResult
from motcua.kiosk.runtime import KioskRuntime
from motcua.kiosk.screens.base import Screen
from motcua.kiosk.screens.registry import screen_classes
from motcua.kiosk.theme_qt import Theme
from motcua.kiosk.ticket_flow import TicketResult
from motcua.kiosk.ticket_result import Outcome
from motcua.kiosk.widgets_qt import BiLabel
from motcua.ui import TaskRunner

log = logging.getLogger(__name__)

# entering these screens ends a flow (the card reminder looks at the reader then)
FLOW_ENDS = ("result", "intake_done")
IDLE_WARNING_SECONDS = 10  # a countdown shows this long before the idle timeout


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
        self.idle = IdleTimer(self.clock, runtime.config.kiosk.idle_timeout_seconds)
        self.guidance_on = False  # "Hướng dẫn bằng giọng nói" (the home toggle)
        self._guide_context: dict[str, object] = {}  # the result screen's number

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = Header(self.lang, runtime.config.center, self.clock)
        self.logo = self.header.logo
        self.logo.tapped.connect(self.logo_tapped)
        outer.addWidget(self.header)
        self.stack = QStackedWidget()
        # the window is the display's size: a screen that is not shown (laid out for
        # another width) must never make it taller; screens scroll their page instead
        self.stack.setMinimumSize(1, 1)
        outer.addWidget(self.stack, 1)
        self.idle_warning = BiLabel(self.lang, role="banner")
        self.idle_warning.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_warning.hide()
        outer.addWidget(self.idle_warning)
        self.card_left = CardLeftBanner(self.lang, runtime)
        outer.addWidget(self.card_left)
        self.bar = bar = BottomBar(self.lang, self.theme)
        self.back_button, self.home_button = bar.back_button, bar.home_button
        self.lang_button, self.large_button = bar.lang_button, bar.large_button
        self.voice_button = bar.voice_button
        self.back_button.clicked.connect(lambda: self.current.back())
        self.home_button.clicked.connect(self.home)
        self.lang_button.clicked.connect(self.toggle_language)
        self.large_button.toggled.connect(self.set_large)
        self.voice_button.toggled.connect(self.set_guidance)
        outer.addWidget(bar)
        self.input = InputFilter(self, self.idle, self.idle_warning)
        self.inbound = Inbound(self, self.input, self.idle)

        self.screens: dict[str, Screen] = {}
        for cls in screen_classes(rating_tablet=rating_counter is not None):
            screen = cls(self)
            self.screens[cls.name] = screen
            self.stack.addWidget(screen)
        self.current: Screen = self.screens["home"]
        self.apply_theme()

        self.idle_timer = QTimer(self)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.timeout.connect(self.check_scanner)
        self.idle_timer.timeout.connect(self.check_card_left)
        self.idle_timer.start(1000)
        app = QApplication.instance()
        assert app is not None, "create the QApplication first"
        self._app: QCoreApplication = app
        self._app.installEventFilter(self.input)
        self.home()

    # ------------------------------------------------------------------ look
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
        self.bar.apply_theme()
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

    # ------------------------------------------------------------------ navigation
    def go(self, name: str) -> None:
        screen = self.screens[name]
        self.current = screen
        self.stack.setCurrentWidget(screen)
        resting = screen.home_screen
        self.bar.show_for(name == "home", resting, home_allowed=self.rating_counter is None)
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
        self.bar.voice_label()

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
        self.card_left.flow_ended()

    def check_card_left(self) -> None:
        """Every second while reminding: the reminder clears when the card is taken."""
        self.card_left.check()

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

    # ------------------------------------------------------------------ devices, the center
    def attach_scanner(self, scanner) -> None:
        self.inbound.attach_scanner(scanner)

    def check_scanner(self) -> bool | None:
        return self.inbound.check_scanner()

    def subscribe_events(self) -> None:
        self.inbound.subscribe_events()

    @property
    def subscribed(self) -> bool:
        return self.inbound.unsubscribe is not None

    def run_with_progress(
        self, fn, on_done, progress_screen: str = "printing", after_ms: int = 300
    ) -> None:
        """Run ``fn`` on the worker pool; if it takes longer than ``after_ms`` show the
        progress screen meanwhile (a quick print goes straight to its result)."""
        self.input.busy = True  # touches are swallowed meanwhile: no double tickets
        task: dict[str, bool] = {"done": False}

        def show_progress() -> None:
            if not task["done"]:
                self.go(progress_screen)

        def finished(result) -> None:
            self.input.busy = False
            task["done"] = True
            on_done(result)

        def failed(exc: BaseException) -> None:
            task["done"] = True
            self.input.busy = False
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
        self.header.stop()
        self.idle_timer.stop()
        self._app.removeEventFilter(self.input)
        self.inbound.stop()
        self.runner.wait(5000)
