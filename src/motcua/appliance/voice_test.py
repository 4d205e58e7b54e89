"""`motcua devices test voice`: apart from device_tests.py, which the kiosk's technician
console imports (the kiosk and the hall display are independent apps: the kiosk never
imports ``motcua.display``, even through a helper)."""

from __future__ import annotations

from typing import Any

from motcua.appliance.device_tests import TryReport


def try_voice(audio_url: str, voice: Any) -> TryReport:
    from motcua.display.announcer import build_announcer

    try:
        announcer = build_announcer(voice, audio_url)
    except Exception as exc:
        return TryReport(False).say(f"Không mở được âm thanh: {exc}", f"Cannot open audio: {exc}")
    announcer.announce("1023", 5)
    announcer.close(drain=True, timeout=15)
    sentence, _wav = announcer.history[-1] if announcer.history else ("", None)
    return TryReport(bool(sentence)).say(
        f"Đã phát: chuông và “{sentence}”. Có nghe rõ không?",
        f"Played the chime and “{sentence}”. Was it heard clearly?",
    )
