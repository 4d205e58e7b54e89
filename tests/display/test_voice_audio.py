"""Audio: PCM helpers, the chime, clips joined in order, espeak-ng fallback, shipped clips."""

from __future__ import annotations

import itertools
import json
import math
import shutil
from array import array
from pathlib import Path

import pytest

from motcua.config import VoiceConfig
from motcua.voice.clips import CHIME_KEY, ClipLibrary, clip_set, generate
from motcua.voice.espeak import Espeak, SpeechUnavailable
from motcua.voice.numbers import LETTER_NAMES, number_words
from motcua.voice.pcm import (
    RATE,
    Pcm,
    chime,
    join,
    normalize,
    read_wav,
    resample,
    silence,
    trim,
)
from motcua.voice.render import ClipVoice, EspeakVoice, Gaps
from motcua.voice.sentence import build_sentence, clip_key

TEMPLATE = VoiceConfig().template
NO_ESPEAK = Espeak(executable="motcua-no-such-espeak")


def tone(freq: float, seconds: float, rate: int = RATE, amp: float = 0.5) -> Pcm:
    n = round(seconds * rate)
    return Pcm(array("h", (round(amp * 32767 * math.sin(2 * math.pi * freq * i / rate))
                           for i in range(n))), rate)  # fmt: skip


def frequency(samples: array, rate: int) -> float:
    """Estimated from upward zero crossings."""
    ups = sum(1 for a, b in itertools.pairwise(samples) if a < 0 <= b)
    return ups * rate / len(samples)


# --------------------------------------------------------------------------- pcm


def test_wav_round_trip(tmp_path: Path) -> None:
    pcm = tone(440, 0.25)
    back = read_wav(pcm.write(tmp_path / "t.wav"))
    assert back.rate == RATE and back.samples == pcm.samples
    assert read_wav(pcm.to_wav_bytes()).samples == pcm.samples


def test_resample_keeps_pitch_and_duration() -> None:
    src = tone(440, 1.0, rate=22050)
    out = resample(src, 16000)
    assert out.rate == 16000
    assert abs(out.duration - 1.0) < 0.001
    assert abs(frequency(out.samples, 16000) - 440) < 3


def test_trim_cuts_silence_but_keeps_a_pad() -> None:
    body = tone(300, 0.2)
    padded = join([(silence(0.5), 0), (body, 0.7)])
    out = trim(padded, pad=0.015)
    assert abs(out.duration - (0.2 + 2 * 0.015)) < 0.005
    assert out.samples[0] == 0 and abs(out.samples[-1]) < 50  # faded edges: no click
    assert trim(silence(1.0)).duration == 0


def rms_db(pcm: Pcm) -> float:
    rms = math.sqrt(sum(v * v for v in pcm.samples) / len(pcm.samples))
    return 20 * math.log10(rms / 32767)


def test_normalize_evens_out_loudness_without_clipping() -> None:
    quiet, loud = tone(300, 0.2, amp=0.02), tone(300, 0.2, amp=0.4)
    nq, nl = normalize(quiet), normalize(loud)
    assert abs(rms_db(nq) - rms_db(nl)) < 0.1
    assert abs(rms_db(nq) - (-18.0)) < 0.2
    spiky = join([(tone(300, 0.01, amp=0.9), 0.0), (tone(300, 0.5, amp=0.01), 0.0)])
    assert max(abs(v) for v in normalize(spiky).samples) <= round(32767 * 10 ** (-1 / 20))


def test_join_puts_gaps_of_silence_between_clips() -> None:
    a, b = tone(300, 0.1), tone(500, 0.2)
    out = join([(a, 0.05), (b, 0.0)])
    assert len(out) == len(a) + round(0.05 * RATE) + len(b)
    gap = out.samples[len(a) : len(a) + round(0.05 * RATE)]
    assert not any(gap)


def test_join_refuses_mixed_rates() -> None:
    with pytest.raises(ValueError, match="Hz"):
        join([(tone(300, 0.1, rate=22050), 0.0)])


def test_chime_is_two_notes_high_then_low() -> None:
    c = chime()
    assert 0.5 <= c.duration <= 0.8
    first = c.samples[: round(0.2 * RATE)]
    last = c.samples[round(0.45 * RATE) :]
    assert abs(frequency(first, RATE) - 659) < 15  # ding (E5)
    assert abs(frequency(last, RATE) - 523) < 15  # dong (C5)
    assert max(abs(v) for v in c.samples) < 32000  # no clipping
    assert abs(c.samples[0]) < 100 and abs(c.samples[-1]) < 100


# --------------------------------------------------------------------------- render


def expected_keys(number: str, counter: int, dialect: str = "north") -> list[str]:
    s = build_sentence(TEMPLATE, number, counter, dialect)  # type: ignore[arg-type]
    return [CHIME_KEY] + [k for seg in s.segments for k in seg.clip_keys]


def test_clips_are_joined_in_order_with_exact_boundaries(clips: ClipLibrary) -> None:
    gaps = Gaps()
    voice = ClipVoice(clips, NO_ESPEAK, gaps)
    r = voice.render(build_sentence(TEMPLATE, "1023", 5))
    assert [p.key for p in r.parts] == expected_keys("1023", 5)
    assert [p.key for p in r.parts][1:4] == ["mời công dân có số thứ tự", "một", "nghìn"]
    assert {p.source for p in r.parts} == {"chime", "clip"}
    for prev, part in itertools.pairwise(r.parts):
        clip = clips.get(part.key)
        assert clip is not None
        assert r.pcm.samples[part.start : part.end] == clip.samples  # the very clip, whole
        gap = r.pcm.samples[prev.end : part.start]
        assert not any(gap)  # silence between
        allowed = (gaps.after_chime, gaps.between_segments, gaps.between_words)
        assert len(gap) in {round(g * RATE) for g in allowed}
    assert r.parts[-1].end == len(r.pcm)  # no trailing silence


def test_announcement_of_1023_at_counter_5_fits_in_5_seconds(clips: ClipLibrary) -> None:
    r = ClipVoice(clips, NO_ESPEAK).render(build_sentence(TEMPLATE, "1023", 5))
    assert 3.5 < r.duration <= 5.0
    # every number word is a real utterance, not a blip or a long pause
    for p in r.parts[1:]:
        assert 0.1 < (p.end - p.start) / RATE < 1.6


def test_south_dialect_uses_le_and_ngan_clips(clips: ClipLibrary) -> None:
    r = ClipVoice(clips, NO_ESPEAK).render(build_sentence(TEMPLATE, "1001", 5, "south"))
    keys = [p.key for p in r.parts]
    assert "lẻ" in keys and "ngàn" in keys and "linh" not in keys and "nghìn" not in keys
    assert r.pcm.samples[r.parts[keys.index("lẻ")].start : r.parts[keys.index("lẻ")].end] == (
        clips.get("lẻ").samples  # type: ignore[union-attr]
    )


def test_a_word_without_a_clip_and_without_espeak_is_an_error(tmp_path: Path) -> None:
    lib = ClipLibrary(tmp_path)  # empty directory: no manifest, no clips
    with pytest.raises(SpeechUnavailable):
        ClipVoice(lib, NO_ESPEAK).render(build_sentence(TEMPLATE, "5", 1))


def _library_without(tmp_path: Path, key: str) -> ClipLibrary:
    src = ClipLibrary().directory
    dst = tmp_path / "voice"
    shutil.copytree(src, dst)
    manifest = json.loads((dst / "manifest.json").read_text("utf-8"))
    manifest["clips"] = [c for c in manifest["clips"] if c["key"] != key]
    (dst / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return ClipLibrary(dst)


def test_missing_clip_falls_back_to_espeak(tmp_path: Path, espeak_ng: str) -> None:
    lib = _library_without(tmp_path, "ba")
    voice = ClipVoice(lib, Espeak())
    r = voice.render(build_sentence(TEMPLATE, "1023", 5))
    sources = {p.key: p.source for p in r.parts}
    assert sources["ba"] == "espeak" and sources["hai"] == "clip"
    ba = next(p for p in r.parts if p.key == "ba")
    assert 0.1 < (ba.end - ba.start) / RATE < 1.0
    assert [p.key for p in r.parts] == expected_keys("1023", 5)


def test_a_custom_phrase_is_spoken_by_espeak(clips: ClipLibrary, espeak_ng: str) -> None:
    s = build_sentence("Xin mời số {number} tới quầy {counter}", "15", 2)
    r = ClipVoice(clips, Espeak()).render(s)
    assert [(p.key, p.source) for p in r.parts][1:] == [
        ("xin mời số", "espeak"), ("mười", "clip"), ("lăm", "clip"),
        ("tới quầy", "espeak"), ("hai", "clip"),
    ]  # fmt: skip


def test_espeak_engine_reads_the_sentence_in_words(espeak_ng: str) -> None:
    r = EspeakVoice(Espeak()).render(build_sentence(TEMPLATE, "1023", 5))
    assert [p.source for p in r.parts] == ["chime", "espeak"]
    assert not any(c.isdigit() for c in r.parts[1].key)  # words, never digits
    assert r.parts[1].key.startswith("mời công dân có số thứ tự một nghìn không trăm")
    assert 2.5 < r.duration < 8.0


def test_espeak_missing_is_reported(espeak_ng: str) -> None:
    with pytest.raises(SpeechUnavailable, match="not found"):
        NO_ESPEAK.say("một")


# --------------------------------------------------------------------------- shipped clips


def test_shipped_clips_cover_every_word_we_can_say(clips: ClipLibrary) -> None:
    needed = {clip_key(w) for w in ("Mời công dân có số thứ tự", "đến quầy số")}
    for n in range(0, 100_000, 7):
        needed.update(number_words(n, "north"))
        needed.update(number_words(n, "south"))
    needed.update({"triệu", "tỷ", "mốt", "tư", "lăm"})
    needed.update(clip_key(name) for name in LETTER_NAMES.values())
    missing = sorted(k for k in needed if clips.get(k) is None)
    assert missing == []


def test_shipped_speech_clips_are_equally_loud(clips: ClipLibrary) -> None:
    hall = {s.key for s in clip_set() if s.kind in ("phrase", "word", "letter")}
    levels = {k: rms_db(clips.get(k)) for k in hall}  # type: ignore[arg-type]
    assert max(levels.values()) - min(levels.values()) < 3.0, levels


def test_guidance_clips_are_as_loud_as_the_hall_words_and_never_clip(clips: ClipLibrary) -> None:
    """A guidance sentence has pauses at its commas, which lower its average: within 4 dB
    of the words' -18 dB, and its peaks under -1 dBFS (normalize's limit)."""
    guide = [s.key for s in clip_set() if s.kind == "guide"]
    assert len(guide) >= 40
    for key in guide:
        pcm = clips.get(key)
        assert pcm is not None, key
        assert -22.0 < rms_db(pcm) <= -17.9, key
        assert max(max(pcm.samples), -min(pcm.samples)) <= 32767 * 10 ** (-1 / 20) + 1, key


def test_shipped_clips_are_16k_mono_and_short(clips: ClipLibrary) -> None:
    directory = clips.directory
    manifest = json.loads((directory / "manifest.json").read_text("utf-8"))
    assert manifest["format"] == {"rate": 16000, "channels": 1, "sample_width": 2}
    assert len(manifest["clips"]) == len(clip_set())
    for entry in manifest["clips"]:
        pcm = read_wav(directory / entry["file"])
        assert pcm.rate == 16000
        limit = {"phrase": 2.0, "guide": 8.0}.get(entry["kind"], 1.2)  # guide: a sentence
        assert 0.1 < pcm.duration < limit, entry
        assert abs(pcm.duration - entry["seconds"]) < 0.002


def test_every_shipped_wav_is_in_the_manifest(clips: ClipLibrary) -> None:
    manifest = json.loads((clips.directory / "manifest.json").read_text("utf-8"))
    listed = {c["file"] for c in manifest["clips"]}
    assert {p.name for p in clips.directory.glob("*.wav")} == listed


def test_clip_generation_is_reproducible(tmp_path: Path, espeak_ng: str) -> None:
    shipped = ClipLibrary().directory
    manifest = json.loads((shipped / "manifest.json").read_text("utf-8"))
    if Espeak().version() != manifest["engine"]:
        pytest.skip(
            f"espeak-ng here is {Espeak().version()!r}, clips made with {manifest['engine']!r}"
        )
    generate(tmp_path)
    for entry in manifest["clips"]:
        assert (tmp_path / entry["file"]).read_bytes() == (shipped / entry["file"]).read_bytes()
    assert (tmp_path / "manifest.json").read_text("utf-8") == (shipped / "manifest.json").read_text(
        "utf-8"
    )
