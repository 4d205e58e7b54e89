"""A wall clock that jumps never costs a citizen their place (issue 12 item 7).

The queue's business day decides the one thing that cannot be undone: at the first
operation of a new day the unfinished tickets of earlier days expire. A wall clock set
a day ahead (by hand, by a bad NTP server, by an RTC that lost its battery) would expire
the whole hall's waiting tickets at once; set back across midnight, it would number
tickets on yesterday.

So the queue compares the wall clock with the monotonic one (``CLOCK_BOOTTIME``, which
only counts time passing):

- the **reference** is ``wall − monotonic`` at a trusted moment, kept in the database
  (``meta.clock_reference``, with the boot id: every process of one boot and a restart
  compare against the same reference);
- the **offset** is how far the wall clock moved against the monotonic clock since;
  more than ``JUMP_LIMIT`` (5 minutes) either way is a *clock jump*: logged once, a
  warning in ``/health``, a ``clock`` device alert for the counters, and in ``/metrics``;
- while a jump stands, the business day is the day of ``now − offset``, the time the
  monotonic clock vouches for. A jump across midnight therefore **defers the rollover**:
  no ticket expires and numbering goes on in the held day, until either
  - the clock agrees again: someone corrects it (the offset falls back within the
    limit), or the held day really ends (``now − offset`` passes midnight), or
  - a person confirms the wall clock is right (``motcua clock confirm``, or
    ``POST /api/v1/admin/clock/confirm``): the reference is taken anew, the alert ends
    and the rollover runs at the next operation.

We chose to defer and ask rather than roll over and undo: an expiry is announced on the
hall's screens and citizens leave; undoing it later brings back tickets whose owners
are gone. Deferring costs nothing but a held date on the tickets issued meanwhile.

A jump while the machine was off or across a reboot cannot be seen (the monotonic clock
starts again with the boot): a new boot takes a new reference.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from motcua.clock import Clock, boot_id_of, monotonic_of
from motcua.queue.timeutil import business_day
from motcua.storage import ReadTx, StorageError, Store, Tx

log = logging.getLogger(__name__)

JUMP_LIMIT = timedelta(minutes=5)
META_KEY = "clock_reference"
_RELOAD_SECONDS = 2.0  # while a jump stands, look for another process's confirmation


@dataclass(frozen=True)
class Reference:
    boot_id: str
    wall_minus_mono: float  # seconds: the wall clock's epoch seconds minus monotonic seconds

    def to_text(self) -> str:
        return json.dumps({"boot_id": self.boot_id, "wall_minus_mono": self.wall_minus_mono})

    @classmethod
    def from_text(cls, text: str) -> Reference | None:
        try:
            data = json.loads(text)
            return cls(str(data["boot_id"]), float(data["wall_minus_mono"]))
        except (ValueError, KeyError, TypeError):
            return None


def reference_now(clock: Clock) -> Reference:
    return Reference(boot_id_of(clock), clock.now().timestamp() - monotonic_of(clock))


def load(tx: ReadTx | Tx) -> Reference | None:
    row = tx.one("SELECT value FROM meta WHERE key = ?", (META_KEY,))
    return Reference.from_text(row["value"]) if row is not None else None


def save(tx: Tx, ref: Reference) -> None:
    tx.run(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (META_KEY, ref.to_text()),
    )


@dataclass(frozen=True)
class ClockStatus:
    offset_seconds: float  # how far the wall clock jumped (0 when within the limit)
    wall_day: date  # the day the wall clock says
    day: date  # the business day the queue works in
    since: datetime | None  # when this process first saw the jump

    @property
    def jumped(self) -> bool:
        return self.offset_seconds != 0.0

    @property
    def day_held(self) -> bool:
        return self.day != self.wall_day

    def message(self) -> tuple[str, str]:
        minutes = self.offset_seconds / 60
        way_vi = "nhanh" if minutes > 0 else "chậm"
        way_en = "ahead" if minutes > 0 else "back"
        vi = (
            f"Đồng hồ máy vừa bị chỉnh {way_vi} {abs(minutes):.0f} phút so với thời gian "
            "thực trôi qua."
        )
        en = f"The wall clock jumped {abs(minutes):.0f} min {way_en} against the monotonic clock."
        if self.day_held:
            vi += (
                f" Hàng chờ vẫn giữ ngày {self.day:%d/%m/%Y}, chưa hủy số đang chờ. Sửa đồng "
                "hồ, hoặc nếu giờ mới là đúng: motcua clock confirm"
            )
            en += (
                f" The queue stays on {self.day.isoformat()} (no waiting ticket expires):"
                " fix the clock, or if the new time is right run `motcua clock confirm`."
            )
        else:
            vi += " Kiểm tra đồng hồ (NTP); nếu giờ mới là đúng: motcua clock confirm"
            en += " Check the clock (NTP); if the new time is right: `motcua clock confirm`."
        return vi, en


class ClockGuard:
    """The queue's business day, held against wall-clock jumps. Thread-safe."""

    def __init__(self, clock: Clock, store: Store, tz: ZoneInfo, limit: timedelta = JUMP_LIMIT):
        self.clock = clock
        self.tz = tz
        self.limit = limit.total_seconds()
        self._store = store
        self._lock = threading.Lock()
        self._since: datetime | None = None
        self._reloaded = 0.0
        stored = store.read(load)
        if stored is None or stored.boot_id != boot_id_of(clock):
            stored = reference_now(clock)  # a new database or a new boot: trust the clock
            self._save(stored)
        self._ref = stored
        self._check(clock.now())

    def _save(self, ref: Reference) -> None:
        try:
            self._store.write(lambda tx: save(tx, ref))
        except StorageError as exc:  # a read-only database: the reference stays in memory
            log.warning("clock reference not stored: %s", exc.message_en)

    # ------------------------------------------------------------------ the day
    def offset(self, now: datetime) -> float:
        """Seconds the wall clock jumped since the reference; 0 within the limit."""
        raw = now.timestamp() - monotonic_of(self.clock) - self._ref.wall_minus_mono
        return raw if abs(raw) > self.limit else 0.0

    def day_of(self, now: datetime) -> date:
        """The queue's business day at ``now``: the monotonic clock's while a jump stands."""
        off = self.offset(now)
        if off:
            return business_day(now - timedelta(seconds=off), self.tz)
        return business_day(now, self.tz)

    def status(self) -> ClockStatus:
        now = self.clock.now()
        self.refresh(now)
        off = self.offset(now)
        day = business_day(now - timedelta(seconds=off), self.tz)
        return ClockStatus(off, business_day(now, self.tz), day, self._since if off else None)

    # ------------------------------------------------------------------ upkeep
    def refresh(self, now: datetime | None = None) -> None:
        """Log a jump once when it starts and once when it ends; while it stands, pick up
        a confirmation made by another process (at most every 2 s)."""
        now = now or self.clock.now()
        if self.offset(now):
            mono = monotonic_of(self.clock)
            if mono - self._reloaded >= _RELOAD_SECONDS:
                self._reloaded = mono
                try:
                    stored = self._store.read(load)
                except StorageError:  # keep the reference we have
                    stored = None
                if stored is not None and stored.boot_id == self._ref.boot_id:
                    self._ref = stored
        self._check(now)

    def _check(self, now: datetime) -> None:
        off = self.offset(now)
        with self._lock:
            if off and self._since is None:
                self._since = now
                held = business_day(now - timedelta(seconds=off), self.tz)
                wall = business_day(now, self.tz)
                log.warning(
                    "wall clock jumped %+.0f s against the monotonic clock%s",
                    off,
                    f"; the day stays {held} (the clock says {wall}): no rollover until the "
                    "clock agrees or `motcua clock confirm`"
                    if held != wall
                    else "",
                )
            elif not off and self._since is not None:
                self._since = None
                log.warning("wall clock agrees with the monotonic clock again")

    def confirm(self) -> ClockStatus:
        """A person says the wall clock is right now: take the reference anew."""
        before = self.status()
        ref = reference_now(self.clock)
        self._save(ref)
        self._ref = ref
        if before.jumped:
            log.warning(
                "wall clock confirmed after a jump of %+.0f s: the day is %s",
                before.offset_seconds,
                before.wall_day,
            )
        self._check(self.clock.now())
        return self.status()
