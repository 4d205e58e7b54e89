"""Working days and the return date (ngày hẹn trả).

The rule OpenCPS applies (DOMAIN.md): N working days are N × 8 office hours, counted
from the moment of acceptance over the office hours (7:30–11:30 and 13:30–17:30 by
default), skipping non-working days, and the result is rounded up to the next quarter
hour. "Trong ngày" (0 working days) is the end of that working day — or of the next
one, when the dossier is accepted after hours or on a day off.

A working day is Monday to Friday, less Vietnam's public holidays (PyPI ``holidays``
knows them, lunar Tết included, and the government's swapped days it has been told
of), less the days off the configuration adds, plus the make-up working days ("làm
bù") it adds. The configuration wins over the package: each year's official schedule
is announced late, so the operator can always correct it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

QUARTER = timedelta(minutes=15)


class CalendarError(ValueError):
    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


def parse_periods(text: Iterable[str]) -> tuple[tuple[time, time], ...]:
    """("07:30-11:30", "13:30-17:30") → ordered, non-overlapping office periods."""
    periods: list[tuple[time, time]] = []
    for item in text:
        try:
            start_s, end_s = (p.strip() for p in item.split("-"))
            start, end = time.fromisoformat(start_s), time.fromisoformat(end_s)
        except ValueError:
            raise CalendarError(
                f"Giờ làm việc không hợp lệ: {item!r} (cần dạng 07:30-11:30)",
                f"invalid office hours {item!r} (expected 07:30-11:30)",
            ) from None
        if not start < end:
            raise CalendarError(
                f"Giờ làm việc {item!r}: giờ bắt đầu phải trước giờ kết thúc",
                f"office hours {item!r}: start must be before end",
            )
        periods.append((start, end))
    periods.sort()
    if not periods:
        raise CalendarError("Chưa cấu hình giờ làm việc", "no office hours configured")
    for (_, end), (start, _) in itertools.pairwise(periods):
        if start < end:
            raise CalendarError("Các khoảng giờ làm việc chồng lên nhau", "office hours overlap")
    return tuple(periods)


@lru_cache(maxsize=64)
def _vietnam(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are worked and when the office is open, in the center's timezone."""

    timezone: str = "Asia/Ho_Chi_Minh"
    periods: tuple[tuple[time, time], ...] = (
        (time(7, 30), time(11, 30)),
        (time(13, 30), time(17, 30)),
    )
    days_off: frozenset[date] = field(default_factory=frozenset)  # nghỉ bù, extra holidays
    extra_working_days: frozenset[date] = field(default_factory=frozenset)  # làm bù
    hours_per_day: float = 8.0  # DOMAIN.md: one working day = 8 office hours

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    # ------------------------------------------------------------------ days
    def holiday_name(self, day: date) -> str:
        return str(_vietnam(day.year).get(day) or "")

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.days_off:
            return False
        return bool(_vietnam(day.year).is_working_day(day))

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day``."""
        day += timedelta(days=1)
        for _ in range(366):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise CalendarError("Không có ngày làm việc nào trong một năm", "no working day in a year")

    # ------------------------------------------------------------------ hours
    def _windows(self, day: date) -> list[tuple[datetime, datetime]]:
        tz = self.tz
        return [
            (datetime.combine(day, a, tzinfo=tz), datetime.combine(day, b, tzinfo=tz))
            for a, b in self.periods
        ]

    def end_of_working_day(self, moment: datetime) -> datetime:
        """The close of the working day ``moment`` falls in, or of the next one when
        it is after hours or on a day off ("Trong ngày")."""
        local = _local(moment, self.tz)
        day = local.date()
        if not self.is_working_day(day) or local >= self._windows(day)[-1][1]:
            day = self.next_working_day(day)
        return self._windows(day)[-1][1]

    def due_at(self, accepted_at: datetime, working_days: int) -> datetime:
        """The return date of a dossier accepted at ``accepted_at`` (aware)."""
        if working_days < 0:
            raise CalendarError("Số ngày làm việc không được âm", "working days cannot be negative")
        if working_days == 0:
            return self.end_of_working_day(accepted_at)
        remaining = timedelta(hours=self.hours_per_day * working_days)
        local = _local(accepted_at, self.tz)
        day = local.date()
        for _ in range(366 * 5):
            if self.is_working_day(day):
                for start, end in self._windows(day):
                    if end <= local:
                        continue
                    begin = max(start, local)
                    available = end - begin
                    if remaining <= available:
                        return _round_up(begin + remaining)
                    remaining -= available
            day += timedelta(days=1)
        raise CalendarError("Thời hạn quá dài", "processing time too long")


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return moment.astimezone(tz)


def _round_up(moment: datetime) -> datetime:
    """Up to the next quarter hour (09:10 → 09:15; 09:15 stays)."""
    base = moment.replace(minute=0, second=0, microsecond=0)
    past = moment - base
    quarters = -(-past // QUARTER)  # ceiling division of timedeltas
    return base + quarters * QUARTER


def calendar_from_config(
    timezone: str,
    office_hours: Iterable[str],
    days_off: Iterable[str],
    working_days: Iterable[str],
) -> WorkCalendar:
    """A calendar from the configuration's strings (ISO dates, "07:30-11:30")."""

    def dates(items: Iterable[str], what: str) -> frozenset[date]:
        out = set()
        for item in items:
            try:
                out.add(date.fromisoformat(str(item)))
            except ValueError:
                raise CalendarError(
                    f"Ngày không hợp lệ trong {what}: {item!r} (cần dạng 2026-08-22)",
                    f"invalid date in {what}: {item!r} (expected 2026-08-22)",
                ) from None
        return frozenset(out)

    return WorkCalendar(
        timezone=timezone,
        periods=parse_periods(office_hours),
        days_off=dates(days_off, "days_off"),
        extra_working_days=dates(working_days, "working_days"),
    )
