"""Voice benchmark: call -> announcement audio ready, and announcement WAV lengths.

Run from the worktree root:  PYTHONPATH=src python bench/voice.py
Prints figures; the targets (issue 5) are audio ready <= 300 ms and the WAV of
"số 1023, quầy 5" <= 5 s including the chime.
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from motcua.config import VoiceConfig, load_config
from motcua.display.announcer import build_announcer, build_voice
from motcua.voice.sentence import build_sentence


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def ready_latency(voice: VoiceConfig, url: str, burst: bool, numbers: list[tuple[str, int]]):
    """ms from announce() to audio built (and written, for file://), per call."""
    a = build_announcer(voice, url, sleep=lambda s: None)
    try:
        if burst:
            for n, c in numbers:
                a.announce(n, c)
            a.wait_idle(120)
        else:
            for n, c in numbers:
                a.announce(n, c)
                a.wait_idle(30)
        recs = a.records
    finally:
        a.close()
    errors = [r.error for r in recs if r.error]
    if errors:
        raise SystemExit(f"announcements failed: {errors[:3]}")
    return [1000 * (r.ready_at - r.requested_at) for r in recs if r.ready_at is not None]


def report(label: str, ms: list[float]) -> None:
    print(
        f"  {label:<44} n={len(ms):>3}  p50={statistics.median(ms):7.2f} ms"
        f"  p95={pct(ms, 95):7.2f} ms  max={max(ms):7.2f} ms"
    )


def sox_seconds(path: Path) -> str:
    if shutil.which("soxi") is None:
        return "soxi not installed"
    out = subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True)
    return f"soxi -D: {float(out.stdout):.3f} s"


def main() -> int:
    config = load_config(None, env={})
    voice = config.voice
    rng = random.Random(20261121)
    labels = [
        s.numbering.display(rng.randint(s.numbering.first(), s.numbering.last()))
        for s in config.services
        for _ in range(7)
    ][:50]
    numbers = [(label, rng.choice(config.counters).number) for label in labels]

    print("call -> announcement audio ready (sentence, clips joined, WAV built)")
    with tempfile.TemporaryDirectory() as tmp:
        runs = [
            ("clips, audio=none, one call at a time", voice, "none", False),
            ("clips, audio=file://, one call at a time", voice, f"file://{tmp}", False),
            ("clips, audio=none, burst of 50 at once", voice, "none", True),
        ]
        for label, v, url, burst in runs:
            report(label, ready_latency(v, url, burst, numbers))
    if shutil.which("espeak-ng"):
        espeak = VoiceConfig(engine="espeak")
        report("engine=espeak (espeak-ng per call)", ready_latency(espeak, "none", False, numbers))

    print("\nannouncement WAV length (chime + sentence)")
    clip_voice = build_voice(voice)
    out_dir = Path(tempfile.mkdtemp(prefix="motcua-bench-voice-"))

    def render(number: str, counter: int, name: str):
        s = build_sentence(voice.template, number, counter, voice.dialect)
        r = clip_voice.render(s)
        path = r.pcm.write(out_dir / name)
        return s, r, path

    s, r, path = render("1023", 5, "1023-q5.wav")
    print(f"  'số 1023, quầy 5': {r.duration:.3f} s ({sox_seconds(path)})  target <= 5 s")
    print(f"    {s.text}")
    # the longest plausible call: every ticket label of the demo services, every counter
    all_labels = [
        s.numbering.display(n)
        for s in config.services
        for n in range(s.numbering.first(), s.numbering.last() + 1)
    ]
    longest = max(all_labels, key=lambda lb: render_len(clip_voice, voice, lb, 1))
    counters = [c.number for c in config.counters]
    counter = max(counters, key=lambda c: render_len(clip_voice, voice, "1", c))
    s, r, path = render(longest, counter, "longest.wav")
    print(
        f"  longest in the demo center ({longest}, quầy {counter}): {r.duration:.3f} s"
        f" ({sox_seconds(path)})"
    )
    print(f"    {s.text}")
    for label, c in (("99999", 99), ("B777", 12)):
        s, r, path = render(label, c, f"{label}-q{c}.wav")
        print(f"  {label}, quầy {c}: {r.duration:.3f} s  ({s.text})")
    print(f"\nWAVs kept in {out_dir}")
    return 0


def render_len(clip_voice, voice: VoiceConfig, label: str, counter: int) -> float:
    return clip_voice.render(build_sentence(voice.template, label, counter, voice.dialect)).duration


if __name__ == "__main__":
    sys.exit(main())
