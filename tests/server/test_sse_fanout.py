"""The event fan-out: each event serialised once; a slow stream is cut off, not waited for."""

from __future__ import annotations

import asyncio

import pytest

from motcua.queue.service import QueueService
from motcua.server import events as events_module
from motcua.server.events import Broadcaster


async def issue(service: QueueService, n: int) -> None:
    loop = asyncio.get_running_loop()
    for _ in range(n):
        await loop.run_in_executor(None, service.issue_ticket, "HT")


async def read_until(stream, last_id: int) -> bytes:
    got = b""
    while f"id: {last_id}\n".encode() not in got:
        got += await asyncio.wait_for(anext(stream), 10)
    return got


def test_each_event_is_serialised_once_for_all_streams(service: QueueService, monkeypatch):
    calls = []
    real = events_module.format_event

    def counting(event):
        calls.append(event.id)
        return real(event)

    monkeypatch.setattr(events_module, "format_event", counting)

    async def main() -> None:
        b = Broadcaster(service, poll_seconds=0, heartbeat_seconds=30)
        await b.start()
        streams = [b.stream(None) for _ in range(5)]
        for s in streams:
            await anext(s)  # retry:
            await anext(s)  # id: now
        await issue(service, 6)
        last = b.cursor
        bodies = await asyncio.gather(*(read_until(s, last) for s in streams))
        assert all(body == bodies[0] for body in bodies)
        for s in streams:
            await s.aclose()
        await b.stop()

    asyncio.run(main())
    assert len(calls) == len(set(calls)), "an event was serialised more than once"


def test_a_slow_stream_is_cut_off_and_the_others_go_on(service: QueueService):
    async def main() -> None:
        b = Broadcaster(service, poll_seconds=0, heartbeat_seconds=30, keep=5, flush_seconds=0)
        await b.start()
        slow, fast = b.stream(None), b.stream(None)
        for s in (slow, fast):
            await anext(s)
            await anext(s)
        seen = bytearray()

        async def keep_reading() -> None:  # the fast client reads as events come
            async for chunk in fast:
                seen.extend(chunk)

        reader = asyncio.create_task(keep_reading())
        await issue(service, 25)  # the slow client reads nothing meanwhile
        last = b.cursor
        for _ in range(200):  # bounded: the fast one has everything
            if f"id: {last}\n".encode() in seen:
                break
            await asyncio.sleep(0.02)
        assert f"id: {last}\n".encode() in seen
        reader.cancel()
        with pytest.raises(StopAsyncIteration):
            await asyncio.wait_for(anext(slow), 5)
        assert b.cut_off == 1
        await b.stop()

    asyncio.run(main())
