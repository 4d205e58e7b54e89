"""/metrics is open on the LAN and must cost the hall nothing: at most one render per
``[server] metrics_max_age_seconds``; a scrape sooner waits for the next render, so an
answer is never older than its request."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import requests

from motcua.config import Config
from motcua.queue.service import QueueService
from motcua.server.app import create_app
from motcua.server.embedded import EmbeddedServer
from motcua.server.metrics import ScrapeCache
from motcua.server.tokens import TokenStore

ISSUED_HT = 'motcua_tickets_issued_today{service="HT"}'


def issued_ht(text: str) -> int:
    line = next(ln for ln in text.splitlines() if ln.startswith(ISSUED_HT))
    return int(float(line.split()[-1]))


def test_a_scrape_within_the_max_age_waits_for_a_fresh_render(
    service: QueueService, token_store: TokenStore, config: Config, clock
):
    assert config.server.metrics_max_age_seconds == 1.0  # the shipped default
    cfg = replace(config, server=replace(config.server, metrics_max_age_seconds=0.5))
    srv = EmbeddedServer(create_app(service, token_store, cfg, clock=clock), port=0)
    srv.start()
    try:
        before = issued_ht(requests.get(srv.url + "/metrics", timeout=10).text)
        service.issue_ticket("HT")
        t0 = time.monotonic()
        again = requests.get(srv.url + "/metrics", timeout=10).text
        waited = time.monotonic() - t0
        # the scrape came within the max age: it waited for the next render, which has
        # the ticket issued before it
        assert issued_ht(again) == before + 1
        assert waited >= 0.3, waited
    finally:
        srv.stop()


def test_concurrent_scrapes_share_one_render_and_zero_renders_each_time():
    calls = 0

    async def render() -> str:
        nonlocal calls
        calls += 1
        mine = calls
        await asyncio.sleep(0.05)
        return f"render {mine}"

    async def scrape(cache: ScrapeCache, n: int) -> list[str]:
        return list(await asyncio.gather(*(cache.get(render) for _ in range(n))))

    async def primed_then(cache: ScrapeCache, n: int) -> list[str]:
        await cache.get(render)  # a render just now: the next ones wait for a new one
        return await scrape(cache, n)

    texts = asyncio.run(primed_then(ScrapeCache(0.3), 8))
    assert texts == ["render 2"] * 8 and calls == 2
    calls = 0
    texts = asyncio.run(scrape(ScrapeCache(0), 3))
    assert sorted(texts) == ["render 1", "render 2", "render 3"] and calls == 3


def test_back_to_back_pollers_get_one_render_per_max_age():
    async def render() -> str:
        return "x"

    async def poll(cache: ScrapeCache, seconds: float) -> int:
        answers = 0
        end = time.monotonic() + seconds

        async def poller() -> None:
            nonlocal answers
            while time.monotonic() < end:
                await cache.get(render)
                answers += 1

        await asyncio.gather(*(poller() for _ in range(4)))
        return answers

    cache = ScrapeCache(0.2)
    answers = asyncio.run(poll(cache, 1.0))
    # about 1 / 0.2 + 1 renders, each answering the four pollers; not thousands
    assert 4 <= cache.renders <= 7, cache.renders
    assert answers <= 4 * cache.renders
