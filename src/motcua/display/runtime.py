"""The hall display's composition root (no Qt): the center link, the center's
description, the voice, and what the hall window is given.

``build_display`` opens the link (``counter/connect.py``), asks the center for its
services and counters (unreachable: the local configuration, the feed heals later), and
opens the announcer from ``[devices] audio`` through the ``motcua.devices`` registry
(none when there is no audio device: the hall still shows numbers). The runtime owns what
it opened; its ``HealthBoard`` and ``report_health`` are the place for the display's own
devices' health. Build it after the QApplication: the default audio output plays through
QtMultimedia.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from motcua.clock import Clock, SystemClock
from motcua.config import Config
from motcua.counter.connect import AppRuntime, CenterChoice, open_link
from motcua.devices.health import DeviceHealth, HealthBoard
from motcua.display.announcer import Announcer
from motcua.errors import MotcuaError
from motcua.queue.models import CenterInfo

__all__ = ["DisplayRuntime", "build_display"]

log = logging.getLogger(__name__)


@dataclass(kw_only=True)
class DisplayRuntime(AppRuntime):
    """`motcua display`: what the hall window shows and says."""

    info: CenterInfo
    announcer: Announcer | None
    ticker: tuple[str, ...]
    layout: str  # [display] layout: tiles | board | auto
    audio_url: str

    @property
    def location(self) -> str:
        return f"Màn hình sảnh {self.info.center.short_name or self.info.center.name}"

    def probes(self) -> dict[str, tuple[str, Callable[[], DeviceHealth]]]:
        """The hall's audio output: ok when the announcer was built, an error when the
        announcements stay silent, unknown when no audio is configured."""
        return {"audio": ("audio", self.audio_health)}

    def audio_health(self) -> DeviceHealth:
        url = self.audio_url
        if self.announcer is not None:
            return DeviceHealth.ok("audio", "Loa sẵn sàng", f"Audio ready ({url})")
        if url in ("", "none"):
            return DeviceHealth.unknown("audio", "not_configured", "Không dùng loa", "No audio")
        return DeviceHealth.error(
            "audio",
            "no_audio",
            f"Không phát được thông báo ({url}): kiểm tra loa / HDMI",
            f"Announcements are silent ({url}): check speakers / HDMI",
        )


def build_display(
    config: Config,
    choice: CenterChoice,
    *,
    audio_url: str | None = None,
    clock: Clock | None = None,
) -> DisplayRuntime:
    """The display's parts (``audio_url``: the command line's override of [devices] audio)."""
    clock = clock or SystemClock()
    link = open_link(config, choice, clock)
    try:
        info = link.center.info()
    except MotcuaError as exc:  # start anyway from the local configuration; the feed retries
        log.warning("center unreachable (%s); starting from the local configuration", exc)
        info = CenterInfo(config.center, config.services, config.counters, config.priority_groups)
    a_url = audio_url or config.devices.audio
    announcer = open_announcer(config, a_url)
    rt = DisplayRuntime(
        config=config,
        clock=clock,
        link=link,
        health=HealthBoard(clock.now),
        info=info,
        announcer=announcer,
        ticker=config.display.ticker,
        layout=config.display.layout,
        audio_url=a_url,
    )
    if announcer is not None:
        rt.closers.append(announcer.close)
    return rt


def open_announcer(config: Config, audio_url: str) -> Announcer | None:
    """The voice for ``audio_url``, or None (logged) when it cannot speak."""
    from motcua.display.announcer import build_announcer

    try:
        return build_announcer(config.voice, audio_url)
    except Exception as exc:  # no audio device etc.: the display still shows numbers
        log.warning("no voice announcements: %s", exc)
        return None
