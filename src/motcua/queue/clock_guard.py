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

A jump while the machine was off or across a reboot cannot be seen against the monotonic
clock (it starts again with the boot): a new boot takes a new reference, with one check.
A wall clock whose day is **before the last day the database recorded** is provably wrong
(an RTC that lost its battery boots at 2000-01-01 or at the firmware's date; time does not
run backwards across a reboot). Then the new boot's reference is the last recorded event
(its time, or that day's noon if its time was not on its day), so the queue holds that
day as after any backward jump, says so, and takes the wall clock again by itself once
its day reaches the recorded one (NTP or a person set it right), or when confirmed.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
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


@dataclass(frozen=True)
class LastRecord:
    day: date  # the business day of the database's last event
    at: datetime  # when it was recorded (as the wall clock said then)


def last_record(tx: ReadTx | Tx) -> LastRecord | None:
    """The queue's last event, if this database has a queue (one index step)."""
    has_events = tx.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'")
    if has_events is None:
        return None
    row = tx.one("SELECT day, at FROM events ORDER BY id DESC LIMIT 1")
    if row is None:
        return None
    try:
        return LastRecord(date.fromisoformat(row["day"]), datetime.fromisoformat(row["at"]))
    except (TypeError, ValueError):
        return None


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
    # at start the wall clock's day was before the database's last day (this day)
    behind_records: date | None = None

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
        if self.behind_records is not None:
            vi = (
                f"Đồng hồ máy chỉ ngày {self.wall_day:%d/%m/%Y}, trước ngày cuối đã ghi trong "
                f"dữ liệu ({self.behind_records:%d/%m/%Y}): có thể pin đồng hồ (RTC) đã hết "
                "hoặc máy khởi động không có mạng (NTP)."
            )
            en = (
                f"The wall clock says {self.wall_day.isoformat()}, before the last day the "
                f"database recorded ({self.behind_records.isoformat()}): the RTC battery may "
                "be flat, or the machine started without NTP."
            )
        else:
            vi = (
                f"Đồng hồ máy vừa bị chỉnh {way_vi} {abs(minutes):.0f} phút so với thời gian "
                "thực trôi qua."
            )
            en = (
                f"The wall clock jumped {abs(minutes):.0f} min {way_en} against the "
                "monotonic clock."
            )
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
        self._behind: date | None = None  # the recorded day the wall clock was behind
        stored = store.read(load)
        if stored is None or stored.boot_id != boot_id_of(clock):
            stored = self._new_boot()  # a new database or a new boot: trust the clock
            self._save(stored)
        self._ref = stored
        self._check(clock.now())

    def _new_boot(self) -> Reference:
        """The wall clock's reference, or the last record's if the wall clock's day is
        before the database's last day."""
        now = self.clock.now()
        try:
            last = self._store.read(last_record)
        except StorageError:
            last = None
        if last is None or business_day(now, self.tz) >= last.day:
            return reference_now(self.clock)
        at = last.at if business_day(last.at, self.tz) == last.day else None
        at = at or datetime.combine(last.day, time(12), self.tz)
        self._behind = last.day
        log.warning(
            "wall clock says %s, before the last day this database recorded (%s): the day "
            "stays %s until the clock reaches it or `motcua clock confirm`",
            business_day(now, self.tz),
            last.day,
            last.day,
        )
        return Reference(boot_id_of(self.clock), at.timestamp() - monotonic_of(self.clock))

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
        since = self._since if off else None
        return ClockStatus(
            off, business_day(now, self.tz), day, since, self._behind if off else None
        )

    # ------------------------------------------------------------------ upkeep
    def refresh(self, now: datetime | None = None) -> None:
        """Log a jump once when it starts and once when it ends; while it stands, pick up
        a confirmation made by another process (at most every 2 s)."""
        now = now or self.clock.now()
        if self._behind is not None and business_day(now, self.tz) >= self._behind:
            self._caught_up(now)
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

    def _caught_up(self, now: datetime) -> None:
        """The wall clock's day reached the recorded one: nothing proves it wrong now."""
        log.warning(
            "wall clock reached the database's last day (%s): it is trusted again", self._behind
        )
        self._behind = None
        ref = reference_now(self.clock)
        self._save(ref)
        self._ref = ref

    def confirm(self) -> ClockStatus:
        """A person says the wall clock is right now: take the reference anew."""
        before = self.status()
        ref = reference_now(self.clock)
        self._save(ref)
        self._ref = ref
        self._behind = None
        if before.jumped:
            log.warning(
                "wall clock confirmed after a jump of %+.0f s: the day is %s",
                before.offset_seconds,
                before.wall_day,
            )
        self._check(self.clock.now())
        return self.status()
