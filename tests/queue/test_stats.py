"""Statistics of a small scripted day, checked number by number."""

from __future__ import annotations

import csv
import io
import json

import pytest

from motcua.queue.models import Satisfaction
from motcua.queue.service import QueueService
from motcua.queue.stats import CSV_COLUMNS, DayStats, Durations, summary
from motcua.server.codec import dump, load_as


def test_summary_percentiles() -> None:
    assert summary([]) == Durations(0, None, None, None)
    assert summary([10, 1, 4, 3]) == Durations(count=4, mean=4.5, median=3.5, p90=10)
    values = list(range(1, 11))
    assert summary(values).p90 == 9  # nearest rank: ceil(0.9 * 10) = 9th value


@pytest.fixture
def stats(svc: QueueService, clock) -> DayStats:
    """09:00 local start (see the root conftest)."""
    a = svc.issue_ticket("HT").ticket
    svc.issue_ticket("HT")
    c = svc.issue_ticket("CT").ticket
    clock.advance(minutes=5)
    svc.call_next(1)  # A, waited 300 s
    clock.advance(minutes=1)
    svc.start(1)
    clock.advance(minutes=10)
    svc.finish(1)  # 600 s of service, 09:16
    svc.rate(a.id, Satisfaction.VERY_SATISFIED)
    clock.advance(minutes=4)
    svc.call_next(3)  # B at counter 3, waited 1200 s
    for _ in range(4):
        svc.recall(3)  # the 4th makes it a no-show
    clock.advance(minutes=50)  # 10:10
    svc.call_next(1)  # C, waited 4200 s
    clock.advance(minutes=5)
    svc.finish(1)  # never started: 300 s from the call
    svc.rate(c.id, Satisfaction.UNSATISFIED, "Chờ lâu")
    clock.advance(minutes=5)  # 10:20
    d = svc.issue_ticket("HT").ticket
    svc.cancel(d.id)
    clock.advance(minutes=10)  # 10:30
    svc.issue_ticket("DD")
    svc.call_next(6)  # waited 0 s
    svc.transfer(6, to_service="XD")
    return svc.stats()


@pytest.fixture
def day(stats: DayStats) -> dict:
    """The statistics as the server serves them (JSON): the shape clients rely on."""
    return dump(stats)


def test_typed_figures(stats: DayStats) -> None:
    assert (stats.totals.issued, stats.totals.served) == (5, 2)
    ht = stats.service("HT")
    assert ht is not None and ht.name == "Hộ tịch" and ht.no_show == 1
    assert ht.ratings.count(Satisfaction.VERY_SATISFIED) == 1
    counter = stats.counter(12)
    assert counter is not None and counter.label == "Quầy 12 · Ưu tiên"
    assert stats.service("NOPE") is None
    assert load_as(DayStats, json.loads(json.dumps(dump(stats)))) == stats  # over HTTP


def group(rows, key, value):
    return next(r for r in rows if r[key] == value)


def test_totals(day) -> None:
    t = day["totals"]
    counts = {k: t[k] for k in ("issued", "served", "no_show", "transferred", "cancelled")}
    assert counts == {"issued": 5, "served": 2, "no_show": 1, "transferred": 1, "cancelled": 1}
    assert t["waiting_seconds"] == {"count": 4, "mean": 1425.0, "median": 750.0, "p90": 4200.0}
    assert t["service_seconds"] == {"count": 2, "mean": 450.0, "median": 450.0, "p90": 600.0}
    assert t["ratings"] == {
        "rat_hai_long": 1,
        "hai_long": 0,
        "khong_hai_long": 1,
        "rated": 2,
        "satisfaction_rate": 0.5,
    }
    assert day["day"] == "2026-11-20" and day["timezone"] == "Asia/Ho_Chi_Minh"
    json.dumps(day)  # JSON-ready


def test_by_service(day) -> None:
    ht = group(day["by_service"], "service_code", "HT")
    assert ht["name"] == "Hộ tịch"
    assert (ht["issued"], ht["served"], ht["no_show"], ht["cancelled"]) == (3, 1, 1, 1)
    assert ht["waiting_seconds"]["mean"] == 750.0
    assert ht["ratings"]["satisfaction_rate"] == 1.0
    ct = group(day["by_service"], "service_code", "CT")
    assert ct["service_seconds"]["mean"] == 300.0 and ct["ratings"]["satisfaction_rate"] == 0.0
    dd = group(day["by_service"], "service_code", "DD")
    assert (dd["issued"], dd["transferred"], dd["waiting_seconds"]["count"]) == (1, 1, 1)
    xd = group(day["by_service"], "service_code", "XD")
    assert xd["issued"] == 0 and xd["ratings"]["satisfaction_rate"] is None


def test_by_counter_and_hour(day) -> None:
    c1 = group(day["by_counter"], "counter", 1)
    assert c1["served"] == 2 and c1["waiting_seconds"]["median"] == 2250.0
    assert c1["ratings"]["rated"] == 2
    c3 = group(day["by_counter"], "counter", 3)
    assert (c3["no_show"], c3["waiting_seconds"]["mean"]) == (1, 1200.0)
    assert group(day["by_counter"], "counter", 6)["transferred"] == 1
    assert group(day["by_counter"], "counter", 12)["label"] == "Quầy 12 · Ưu tiên"
    assert [h["hour"] for h in day["by_hour"]] == [9, 10]
    h9, h10 = day["by_hour"]
    assert (h9["issued"], h9["served"], h9["no_show"]) == (3, 1, 1)
    assert h9["waiting_seconds"]["count"] == 3  # by hour of issue
    assert (h10["issued"], h10["served"], h10["cancelled"], h10["transferred"]) == (2, 1, 1, 1)
    assert h10["ratings"]["khong_hai_long"] == 1


def test_csv_export(day, svc: QueueService) -> None:
    text = svc.stats_csv()
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + 1 + 8 + 12 + 2
    total = dict(zip(rows[0], rows[1], strict=True))
    assert (total["group"], total["issued"], total["satisfaction_rate"]) == ("total", "5", "0.5")
    ht = next(r for r in rows if r[0] == "service" and r[1] == "HT")
    assert ht[2] == "Hộ tịch"
    assert text.encode("utf-8").decode("utf-8") == text
    hours = [r[1] for r in rows if r[0] == "hour"]
    assert hours == ["09", "10"]


def test_other_day_is_empty(svc: QueueService) -> None:
    from datetime import date

    empty = svc.stats(date(2026, 1, 1))
    assert empty.totals.issued == 0 and empty.by_hour == ()


def test_wait_histogram_and_clerks(svc: QueueService, clock) -> None:
    """Waits fall in WAIT_BINS_MINUTES' bins; the clerk a call names is listed per counter."""
    from motcua.queue import ops
    from motcua.queue.stats import WAIT_BINS_MINUTES, histogram

    assert histogram([0, 299.9, 300, 3600, 5400, 99999]) == (2, 1, 0, 0, 0, 0, 0, 1, 2)
    assert len(histogram([])) == len(WAIT_BINS_MINUTES) + 1
    for _ in range(3):
        svc.issue_ticket("HT")
    clock.advance(minutes=12)
    svc.submit(ops.call_next(1, "Nguyễn Thị Lan")).result()  # waited 12 min
    svc.submit(ops.call_next(1, "Trần Văn Bình")).result()  # the next clerk's shift
    svc.call_next(3)  # in-process: nobody named
    day = svc.stats()
    assert day.wait_histogram == (0, 0, 3, 0, 0, 0, 0, 0, 0)
    assert day.counter(1).clerks == ("Nguyễn Thị Lan", "Trần Văn Bình")
    assert day.counter(3).clerks == ()
