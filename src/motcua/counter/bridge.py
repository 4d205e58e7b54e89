"""KeypadBridge: connects the keypads and LED boards of a center to a Center (no Qt).

- A key press at keypad ``addr`` performs the action for counter ``counters[addr]``
  (the address is the counter number unless mapped otherwise) and replies on the
  keypad's display: the number called, ``----`` (nobody waiting), ``PAUSE``, or a short
  error (``E-NET`` server unreachable, ``E-NO`` no current ticket, ``E-ERR``).
- Events of the center drive the boards: CALLED / RECALLED show the number at the
  counter's board, COUNTER_PAUSED shows ``----``, COUNTER_RESUMED shows the counter's
  number again (blank if none), a ticket transferred away blanks it. A board keeps a
  finished number until its counter calls the next one. Whatever the source of a call (console,
  keypad, another client), the board follows the event, so boards are never out of step.

Key presses are performed one at a time on the bridge's own worker thread, in the
order they arrived: the serial reader never waits on the network.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Mapping

from motcua.counter.actions import CounterAction, Outcome, perform
from motcua.counter.keypad import Keypads
from motcua.counter.ledboard import PAUSED_TEXT, LedBoards
from motcua.counter.line_protocol import FrameError, KeyAction, KeyPress, board_text
from motcua.errors import MotcuaError
from motcua.queue.api import Center, Unsubscribe
from motcua.queue.errors import CenterUnavailable
from motcua.queue.models import Event, EventKind

log = logging.getLogger(__name__)

_KEY_TO_ACTION = {
    KeyAction.NEXT: CounterAction.CALL_NEXT,
    KeyAction.RECALL: CounterAction.RECALL,
    KeyAction.START: CounterAction.START,
    KeyAction.FINISH: CounterAction.FINISH,
    KeyAction.NO_SHOW: CounterAction.NO_SHOW,
    KeyAction.PAUSE: CounterAction.PAUSE,
    KeyAction.RESUME: CounterAction.RESUME,
    KeyAction.TRANSFER_SERVICE: CounterAction.TRANSFER,
    KeyAction.TRANSFER_COUNTER: CounterAction.TRANSFER,
}


def reply_text(outcome: Outcome) -> str:
    """What a keypad display shows after an action (ASCII, short)."""
    if not outcome.ok:
        return {
            "center_unavailable": "E-NET",
            "no_current_ticket": "E-NO",
            "counter_paused": "PAUSE",
        }.get(outcome.error_code, "E-ERR")
    if outcome.action is CounterAction.PAUSE:
        return PAUSED_TEXT
    if outcome.action is CounterAction.RESUME:
        return "OK"
    if outcome.ticket is None:
        return PAUSED_TEXT
    return outcome.ticket.display_number


class KeypadBridge:
    def __init__(
        self,
        center: Center,
        keypads: Keypads | None,
        boards: LedBoards | None,
        *,
        counters: Mapping[int, int] | None = None,
    ) -> None:
        """``counters`` maps a keypad/board address to a counter number (default: same)."""
        self.center = center
        self.keypads = keypads
        self.boards = boards
        self._to_counter = dict(counters or {})
        self._to_address = {c: a for a, c in self._to_counter.items()}
        self._jobs: queue.Queue[KeyPress | None] = queue.Queue()
        self._worker = threading.Thread(target=self._work, name="keypad bridge", daemon=True)
        self._unsubscribe: Unsubscribe | None = None
        self.outcomes: list[Outcome] = []  # every action performed (newest last)
        self._idle = threading.Condition()
        self._pending = 0
        self._numbers: dict[int, str] = {}  # counter -> number its board shows when open

    # ------------------------------------------------------------------ life
    def start(self) -> None:
        self._worker.start()
        self._unsubscribe = self.center.subscribe(self._on_event)
        self.sync_boards()
        if self.keypads is not None:
            self.keypads.start(self._on_key)

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._worker.is_alive():
            self._jobs.put(None)
            self._worker.join(timeout=5)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Block until every key press received so far has been performed (tests, CLI)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def counter_for(self, address: int) -> int:
        return self._to_counter.get(address, address)

    def address_for(self, counter: int) -> int:
        return self._to_address.get(counter, counter)

    def sync_boards(self) -> None:
        """Show every counter's state from a snapshot (start-up, after reconnecting)."""
        if self.boards is None:
            return
        try:
            snap = self.center.snapshot()
        except MotcuaError as exc:
            log.warning("LED boards: cannot read the center (%s)", exc.message_en)
            return
        for c in snap.counters:
            if c.current is not None:
                self._numbers[c.number] = c.current.display_number
            self._show(c.number, PAUSED_TEXT if c.paused else self._numbers.get(c.number, ""))

    # ------------------------------------------------------------------ keys
    def _on_key(self, press: KeyPress) -> None:
        with self._idle:
            self._pending += 1
        self._jobs.put(press)

    def _work(self) -> None:
        while (press := self._jobs.get()) is not None:
            try:
                self._handle(press)
            except Exception:
                log.exception("keypad %02d: failed", press.address)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def _handle(self, press: KeyPress) -> None:
        counter = self.counter_for(press.address)
        action = _KEY_TO_ACTION.get(press.action)
        if press.action is KeyAction.TOGGLE_PAUSE:
            action = self._toggle_action(counter)
        if action is None:
            return
        kwargs: dict[str, object] = {}
        if press.action is KeyAction.TRANSFER_SERVICE:
            kwargs["to_service"] = press.arg.upper()
        elif press.action is KeyAction.TRANSFER_COUNTER:
            kwargs["to_counter"] = int(press.arg)
        outcome = perform(self.center, counter, action, **kwargs)  # type: ignore[arg-type]
        self.outcomes.append(outcome)
        log.info("keypad %02d -> counter %s: %s", press.address, counter, outcome.message_en)
        if self.keypads is not None:
            self.keypads.reply(press.address, reply_text(outcome))

    def _toggle_action(self, counter: int) -> CounterAction:
        try:
            state = self.center.snapshot().counter(counter)
        except CenterUnavailable:
            return CounterAction.PAUSE  # perform() will report the lost connection
        return CounterAction.RESUME if state is not None and state.paused else CounterAction.PAUSE

    # ------------------------------------------------------------------ events
    def _on_event(self, event: Event) -> None:
        if self.boards is None or event.counter is None:
            return
        counter = event.counter
        if event.kind in (EventKind.CALLED, EventKind.RECALLED) and event.display_number:
            self._numbers[counter] = event.display_number
            self._show(counter, event.display_number)
        elif event.kind is EventKind.COUNTER_PAUSED:
            self._show(counter, PAUSED_TEXT)
        elif event.kind is EventKind.COUNTER_RESUMED:
            self._show(counter, self._numbers.get(counter, ""))  # the number it still serves
        elif event.kind is EventKind.TRANSFERRED and (
            self._numbers.get(counter) == event.display_number
        ):
            self._numbers.pop(counter, None)  # the ticket moved away: nothing to show
            self._show(counter, "")

    def _show(self, counter: int, text: str) -> None:
        assert self.boards is not None
        try:
            self.boards.show(self.address_for(counter), board_text(text))
        except FrameError:  # a display number a board cannot show: show it blank
            log.warning("LED board %s cannot show %r", counter, text)
            self.boards.blank(self.address_for(counter))
