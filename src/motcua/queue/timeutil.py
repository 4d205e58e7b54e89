"""Business days and the one text format times take in the database.

Times are stored as ISO-8601 UTC text with microseconds, always the same width,
so that text order is time order and indexes on them sort correctly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def business_day(moment: datetime, tz: ZoneInfo) -> date:
    """The center-local calendar day a moment belongs to (numbers restart at local midnight)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the clock must return aware datetimes")
    return moment.astimezone(tz).date()


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime cannot be stored")
    # Same text as strftime("%Y-%m-%dT%H:%M:%S.%f+00:00"), a few times cheaper.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def from_db_req(text: str) -> datetime:
    return datetime.fromisoformat(text)
