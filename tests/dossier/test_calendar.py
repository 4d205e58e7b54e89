"""Return dates against examples worked by hand (office hours 7:30–11:30, 13:30–17:30)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.dossier.calendar import CalendarError, WorkCalendar, calendar_from_config

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=VN)


CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("accepted", "days", "due"),
    [
        # DOMAIN.md's example: Friday 09:10, 1 day -> 09:15 the next working day (Monday).
        (at(2026, 11, 20, 9, 10), 1, at(2026, 11, 23, 9, 15)),
        # Mon 09:07, 3 days: 6h23 on Monday, 8h Tue, 8h Wed, 1h37 Thu -> 09:07 -> 09:15.
        (at(2026, 11, 16, 9, 7), 3, at(2026, 11, 19, 9, 15)),
        # Lunch time: starts at 13:30; Mon 4h + Tue 4h -> Tue 11:30 exactly.
        (at(2026, 11, 16, 12, 0), 1, at(2026, 11, 17, 11, 30)),
        # After hours on Monday 23/11; Tue 24/11 is Ngày Văn hóa Việt Nam -> all of Wed 25/11.
        (at(2026, 11, 23, 18, 0), 1, at(2026, 11, 25, 17, 30)),
        # Tết 2026 (Mon 16 - Fri 20 Feb off): Fri 13/2 14:00, 1 day: 3h30 on Friday,
        # then Mon 23/2 4h morning + 30 min -> 14:00.
        (at(2026, 2, 13, 14, 0), 1, at(2026, 2, 23, 14, 0)),
        # Quốc khánh 2026: Mon 31/8 off (moved), Sat 22/8 worked (holidays knows the swap).
        # Fri 21/8 16:00, 2 days: 1h30 Fri, 8h Sat 22/8, Mon 24/8 4h + 2h30 -> 16:00.
        (at(2026, 8, 21, 16, 0), 2, at(2026, 8, 24, 16, 0)),
        # Fri 28/8 10:00, 2 days: 5h30 Fri; Mon 31/8, Tue 1/9, Wed 2/9 off; Thu 3/9 8h;
        # Fri 4/9 07:30 + 2h30 -> 10:00.
        (at(2026, 8, 28, 10, 0), 2, at(2026, 9, 4, 10, 0)),
        # Accepted on a Saturday: counting starts Monday 07:30.
        (at(2026, 11, 21, 10, 0), 1, at(2026, 11, 23, 17, 30)),
        # "Trong ngày": the end of that working day...
        (at(2026, 11, 23, 10, 0), 0, at(2026, 11, 23, 17, 30)),
        # ...or of the next one after hours (skipping the 24/11 holiday)...
        (at(2026, 11, 23, 17, 45), 0, at(2026, 11, 25, 17, 30)),
        # ...or on a Sunday.
        (at(2026, 11, 22, 9, 0), 0, at(2026, 11, 23, 17, 30)),
    ],
)
def test_due_at_hand_worked(accepted: datetime, days: int, due: datetime) -> None:
    assert CAL.due_at(accepted, days) == due


def test_configured_make_up_day_and_day_off() -> None:
    cal = calendar_from_config(
        "Asia/Ho_Chi_Minh",
        ["07:30-11:30", "13:30-17:30"],
        days_off=["2026-12-07"],
        working_days=["2026-12-05"],
    )
    assert cal.is_working_day(date(2026, 12, 5)) and not cal.is_working_day(date(2026, 12, 7))
    # Fri 4/12 10:00, 1 day: 5h30 Friday, Sat 5/12 (làm bù) 07:30 + 2h30 -> 10:00.
    assert cal.due_at(at(2026, 12, 4, 10, 0), 1) == at(2026, 12, 5, 10, 0)
    # 2 days: 5h30 Fri, 8h Sat; Sun and Mon 7/12 (nghỉ bù) off; Tue 8/12 07:30 + 2h30.
    assert cal.due_at(at(2026, 12, 4, 10, 0), 2) == at(2026, 12, 8, 10, 0)
    # Without the configuration the same dossier is due on Monday.
    assert CAL.due_at(at(2026, 12, 4, 10, 0), 1) == at(2026, 12, 7, 10, 0)


def test_tet_holidays_are_not_working_days() -> None:
    for d in range(16, 21):
        assert not CAL.is_working_day(date(2026, 2, d)), d
    assert CAL.is_working_day(date(2026, 2, 13)) and CAL.is_working_day(date(2026, 2, 23))
    assert CAL.holiday_name(date(2026, 2, 17))


def test_other_office_hours_and_rounding() -> None:
    cal = calendar_from_config("Asia/Ho_Chi_Minh", ["13:00-17:00", "08:00-12:00"], [], [])
    # Mon 16/11 08:01, 1 day = 8h: ends 17:00 minus nothing... 08:01 + 3h59 = 12:00, then
    # 13:00 + 4h01 = 17:01 > 17:00, so Tue 08:00 + 1 min -> 08:01 -> rounded 08:15.
    assert cal.due_at(at(2026, 11, 16, 8, 1), 1) == at(2026, 11, 17, 8, 15)


@pytest.mark.parametrize(
    "hours", [["7:30"], ["11:30-07:30"], ["07:30-11:30", "11:00-12:00"], [], ["ab-cd"]]
)
def test_bad_office_hours_are_refused_in_both_languages(hours: list[str]) -> None:
    with pytest.raises(CalendarError) as err:
        calendar_from_config("Asia/Ho_Chi_Minh", hours, [], [])
    assert err.value.message_vi and str(err.value)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        CAL.due_at(datetime(2026, 11, 20, 9, 10), 1)
