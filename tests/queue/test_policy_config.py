"""The call-policy options as configuration, and the "listed" service order end to end."""

from __future__ import annotations

import pytest

from motcua.config import ConfigError, demo_config_text, parse_config
from motcua.queue.service import QueueService


def _config(order: str):
    import tomllib

    data = tomllib.loads(demo_config_text())
    data["policy"]["counter_service_order"] = order
    return parse_config(data)


def test_demo_config_documents_the_default() -> None:
    assert 'counter_service_order = "wait"' in demo_config_text()
    assert _config("wait").policy.counter_service_order == "wait"


def test_bad_service_order_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="counter_service_order"):
        _config("random")


def test_listed_order_serves_the_main_service_first(clock, tmp_path) -> None:
    # counter 3 lists CT before HT; an HT ticket waiting longer is passed over
    with QueueService.open(_config("listed"), tmp_path / "q.db", clock) as svc:
        ht = svc.issue_ticket("HT").ticket
        clock.advance(minutes=5)
        ct = svc.issue_ticket("CT").ticket
        assert svc.call_next(3).id == ct.id
        assert svc.call_next(3).id == ht.id
    with QueueService.open(_config("wait"), tmp_path / "w.db", clock) as svc:
        ht = svc.issue_ticket("HT").ticket
        clock.advance(minutes=5)
        svc.issue_ticket("CT")
        assert svc.call_next(3).id == ht.id


def test_priority_streak_resets_overnight(svc: QueueService, clock) -> None:
    from datetime import timedelta

    svc.issue_ticket("HT")
    for _ in range(3):
        svc.issue_ticket("HT", priority_group="elderly")
    svc.call_next(2)
    svc.call_next(2)  # two priority tickets passed the normal one: streak 2
    clock.advance(timedelta(days=1))
    normal = svc.issue_ticket("HT").ticket
    prio = svc.issue_ticket("HT", priority_group="child").ticket
    assert svc.call_next(2).id == prio.id  # a fresh streak: priority may pass again
    assert svc.call_next(2).id == normal.id
