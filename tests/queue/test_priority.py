"""The age rule of priority groups (queue/priority.py)."""

from __future__ import annotations

from datetime import date

from motcua.config import PriorityGroup
from motcua.queue.priority import age_on, card_fits, preselected

ELDERLY = PriorityGroup("elderly", "Người cao tuổi", "Elderly", min_age=60)
MERIT = PriorityGroup("merit", "Người có công", "Merit")


def test_age_counts_full_years() -> None:
    assert age_on(date(1966, 12, 2), date(2026, 12, 1)) == 59
    assert age_on(date(1966, 12, 1), date(2026, 12, 1)) == 60
    assert age_on(date(1964, 2, 29), date(2024, 2, 28)) == 59
    assert age_on(date(1964, 2, 29), date(2024, 2, 29)) == 60


def test_card_fits_only_refuses_a_proven_young_card() -> None:
    today = date(2026, 12, 1)
    assert card_fits(ELDERLY, None, today)  # no card: the citizen's word
    assert card_fits(ELDERLY, date(1960, 1, 1), today)
    assert not card_fits(ELDERLY, date(1990, 1, 1), today)
    assert card_fits(MERIT, date(2000, 1, 1), today)  # no age in the group


def test_preselected_is_the_age_group_the_card_reaches() -> None:
    today = date(2026, 12, 1)
    assert preselected((MERIT, ELDERLY), date(1950, 5, 5), today) is ELDERLY
    assert preselected((MERIT, ELDERLY), date(1990, 5, 5), today) is None
    assert preselected((MERIT, ELDERLY), None, today) is None
