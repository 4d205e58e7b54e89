"""Center wrappers that misbehave like a network does (display tests)."""

from __future__ import annotations

import threading

from motcua.queue.errors import CenterUnavailable


class DroppingCenter:
    """A real Center whose link can fail: ``down`` makes every call raise
    CenterUnavailable (a network cut); ``drop_subscriptions()`` silently stops
    delivering events to current subscribers (a proxy that stopped forwarding)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.down = False
        self.subscribes = 0
        self._lock = threading.Lock()
        self._live: set[int] = set()
        self._next = 0

    def __getattr__(self, name):
        attr = getattr(self.inner, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            self._check()
            return attr(*args, **kwargs)

        return call

    def _check(self) -> None:
        if self.down:
            raise CenterUnavailable("Không kết nối được máy chủ", "Server unreachable")

    def subscribe(self, callback):
        self._check()
        with self._lock:
            self._next += 1
            sub_id = self._next
            self._live.add(sub_id)
            self.subscribes += 1

        def forward(event) -> None:
            if sub_id in self._live and not self.down:
                callback(event)

        inner_unsub = self.inner.subscribe(forward)

        def unsubscribe() -> None:
            self._live.discard(sub_id)
            inner_unsub()

        return unsubscribe

    def drop_subscriptions(self) -> None:
        with self._lock:
            self._live.clear()
