"""Who may use a priority group, from what the ID card says: the one place of the rule.

A group may carry ``min_age`` in the configuration (the elderly: 60). With a birth
date known (an ID card was scanned) the kiosk pre-selects such a group for a
citizen old enough, and the group is refused, kindly, to a card that is younger;
the center refuses the same ticket too, so a client cannot get past it. Without a
card nobody can tell, and the citizen's word is taken (staff check at the counter).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from motcua.config import PriorityGroup


def age_on(birth: date, day: date) -> int:
    """Full years lived on ``day`` (a birthday on 29 February counts from 1 March)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


def card_fits(group: PriorityGroup, birth: date | None, day: date) -> bool:
    """False only when the card's birth date proves the citizen too young for the group."""
    if group.min_age is None or birth is None:
        return True
    return age_on(birth, day) >= group.min_age


def preselected(
    groups: Iterable[PriorityGroup], birth: date | None, day: date
) -> PriorityGroup | None:
    """The age group the card qualifies for (the first configured), if any."""
    if birth is None:
        return None
    for g in groups:
        if g.min_age is not None and age_on(birth, day) >= g.min_age:
            return g
    return None


def refusal(group: PriorityGroup, birth: date, day: date) -> tuple[str, str]:
    """Kind words for a card too young for ``group`` (Vietnamese, English)."""
    return (
        f"Theo thẻ căn cước, ông/bà chưa đủ {group.min_age} tuổi nên chưa thuộc nhóm "
        f"“{group.label}”. Ông/bà vẫn được phục vụ theo thứ tự; nếu thuộc nhóm ưu tiên "
        "khác, xin chọn nhóm đó.",
        f"According to the ID card you are not yet {group.min_age}, so the group "
        f"“{group.label_en}” does not apply. You will be served in turn; if another "
        "priority group applies to you, please choose it.",
    )
