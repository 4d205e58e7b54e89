"""The queue's statistics as asked for: a day's from its running tally, a range's mostly
from finished days rolled up once.

``StatsKeeper`` holds the ``stats.DayTally`` of today and of the few days recently asked
(each catches up on the events committed since its last answer), answers a range of
days from their ``daily`` rows, and rolls finished days up on a background thread after
each rollover and at opening. How a fact is counted is ``stats.py``; how a finished day
is kept is ``daily.py``; this module only decides when each runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date

from motcua.clock import Clock
from motcua.config import Config
from motcua.queue import daily, stats
from motcua.queue.errors import StorageError
from motcua.queue.stats import DayStats
from motcua.storage import Store, Tx

log = logging.getLogger("motcua.queue.service")  # one logger name for the queue's lines

_TALLY_DAYS = 8  # running tallies kept in memory (today and recently asked days)


class StatsKeeper:
    """Day statistics over ``store``; ``today`` is the queue's business day. Thread-safe."""

    def __init__(
        self, config: Config, store: Store, clock: Clock, today: Callable[[], date]
    ) -> None:
        self._config = config
        self._store = store
        self._clock = clock
        self._today = today
        self._tallies: dict[date, stats.DayTally] = {}
        self._tally_lock = threading.Lock()
        self._roll_lock = threading.Lock()
        self._kept = daily.KeptDays()
        self._roller: threading.Thread | None = None
        self._closing = threading.Event()

    def stats(self, day: date | None = None) -> DayStats:
        """The day's statistics from its running tally: a call reads only the events
        committed since the previous one (by any process), never the whole day again."""
        the_day = day or self._today()
        with self._tally_lock:
            tally = self._tallies.pop(the_day, None) or stats.DayTally(self._config, the_day)
            self._tallies[the_day] = tally  # most recently used last
            while len(self._tallies) > _TALLY_DAYS:
                self._tallies.pop(next(iter(self._tallies)))
            self._store.read(tally.catch_up)
            return tally.answer()

    def stats_between(self, first: date, last: date) -> list[DayStats]:
        """Each day's statistics, ``first``..``last``: finished days from their rolled-up
        row (``motcua.queue.daily``), today and days not yet rolled up counted live."""
        kept = self._store.read(lambda tx: self._kept.stored(tx, first, last))
        out: list[DayStats] = []
        day = first
        while day <= last:
            found = kept.get(day)
            out.append(found if found is not None else self.stats(day))
            day = date.fromordinal(day.toordinal() + 1)
        return out

    def roll_up(self) -> int:
        """Keep the figures of every finished day that has none (or stale ones); how many.

        One day per transaction: computed in a read, stored by a short write that checks
        no event of that day came in between. Runs by itself (``roll_up_soon``)."""
        with self._roll_lock:
            today = self._today()
            days = self._store.read(lambda tx: daily.pending(tx, today))
            kept = 0
            for day in days:
                if self._closing.is_set():
                    break

                def compute(tx: Tx, day: date = day) -> tuple[DayStats, int]:
                    return stats.day_stats(tx, self._config, day), daily.last_event_id(tx)

                figures, through = self._store.read(compute)

                def keep(tx: Tx, figures: DayStats = figures, through: int = through) -> bool:
                    return daily.keep(tx, figures, through, self._clock.now())

                if self._store.write(keep):
                    kept += 1
            if kept:
                log.info("figures of %d finished days kept", kept)
            return kept

    def roll_up_soon(self) -> None:
        """Start ``roll_up`` on a background thread unless one is running."""
        if self._closing.is_set() or (self._roller is not None and self._roller.is_alive()):
            return

        def run() -> None:
            try:
                self.roll_up()
            except StorageError as exc:  # a read-only database: reports count live
                log.warning("daily figures not kept: %s", exc.message_en)

        self._roller = threading.Thread(target=run, name="motcua-roll-up", daemon=True)
        self._roller.start()

    def wait_roll_up(self, timeout: float | None = None) -> None:
        """Wait until a background roll-up has ended (or ``timeout`` seconds)."""
        if self._roller is not None:
            self._roller.join(timeout)

    def close(self) -> None:
        """Stop rolling up (a running roll-up ends after its current day) and wait for it."""
        self._closing.set()
        self.wait_roll_up()
