"""16 kHz mono 16-bit PCM in plain Python: read, write, trim, resample, join, chime.

No numpy: an announcement is a few seconds of audio, and ``array('h')`` with slicing is
fast enough (joining a sentence takes a few milliseconds).
"""

from __future__ import annotations

import io
import math
import operator
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

RATE = 16_000


class AudioFormatError(ValueError):
    """A WAV we cannot use (not 16-bit PCM, or unreadable)."""


@dataclass(frozen=True)
class Pcm:
    """Mono signed 16-bit samples at ``rate`` Hz."""

    samples: array
    rate: int = RATE

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate

    def __len__(self) -> int:
        return len(self.samples)

    def to_wav_bytes(self) -> bytes:
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            w.writeframes(self.samples.tobytes())
        return buf.getvalue()

    def write(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_bytes(self.to_wav_bytes())
        return path


def silence(seconds: float, rate: int = RATE) -> Pcm:
    return Pcm(array("h", bytes(2 * round(seconds * rate))), rate)


def read_wav(data: bytes | str | Path) -> Pcm:
    """A WAV file or its bytes; stereo is mixed down, any rate is kept as is."""
    try:
        src = io.BytesIO(data) if isinstance(data, bytes) else open(data, "rb")  # noqa: SIM115
        with src, wave.open(src, "rb") as w:
            if w.getsampwidth() != 2:
                raise AudioFormatError(f"need 16-bit PCM, got {8 * w.getsampwidth()}-bit")
            channels, rate = w.getnchannels(), w.getframerate()
            frames = w.readframes(w.getnframes())
    except (wave.Error, EOFError) as exc:
        raise AudioFormatError(f"unreadable WAV: {exc}") from exc
    samples = array("h")
    samples.frombytes(frames[: len(frames) // 2 * 2])
    if channels > 1:
        samples = array("h", (sum(samples[i : i + channels]) // channels
                              for i in range(0, len(samples), channels)))  # fmt: skip
    return Pcm(samples, rate)


def resample(pcm: Pcm, rate: int = RATE) -> Pcm:
    """Linear-interpolation resampling, low-passed first when going down in rate.

    Good enough for speech (espeak-ng writes 22,050 Hz; we store 16 kHz); it is not a
    studio resampler and does not need to be. Written as list comprehensions because the
    espeak-ng fallback resamples on the way to the loudspeaker (a sentence takes ~25 ms).
    """
    if pcm.rate == rate or not len(pcm):
        return Pcm(array("h", pcm.samples), rate)
    src = pcm.samples.tolist()
    if rate < pcm.rate:  # a [1, 2, 1] / 4 smoothing keeps the worst aliasing out
        prev, nxt = [src[0], *src[:-1]], [*src[1:], src[-1]]
        src = [(a + 2 * b + c) >> 2 for a, b, c in zip(prev, src, nxt, strict=True)]
    src.append(src[-1])  # so that i + 1 is always a valid index
    step = pcm.rate / rate
    out_len = int((len(src) - 1) / step)
    out = [
        (a := src[i := int(x)]) + int((src[i + 1] - a) * (x - i))
        for x in (j * step for j in range(out_len))
    ]
    return Pcm(array("h", out), rate)


def trim(pcm: Pcm, threshold: int = 400, pad: float = 0.015) -> Pcm:
    """Cut leading/trailing silence (|sample| < threshold), keeping ``pad`` seconds each side."""
    s = pcm.samples
    first = next((i for i, v in enumerate(s) if abs(v) >= threshold), None)
    if first is None:
        return Pcm(array("h"), pcm.rate)
    last = next(i for i in range(len(s) - 1, -1, -1) if abs(s[i]) >= threshold)
    keep = round(pad * pcm.rate)
    out = s[max(first - keep, 0) : min(last + keep + 1, len(s))]
    ramp = min(round(0.005 * pcm.rate), len(out) // 2)  # 5 ms fades: no click at the cuts
    for k in range(ramp):
        out[k] = out[k] * k // ramp
        out[-1 - k] = out[-1 - k] * k // ramp
    return Pcm(out, pcm.rate)


def normalize(pcm: Pcm, rms_db: float = -18.0, peak_db: float = -1.0) -> Pcm:
    """Bring a clip to a common loudness (RMS), never letting its peak pass ``peak_db``.

    espeak-ng's words differ by 10 dB ("không" is much quieter than "ba"); joined as they
    are, the quiet ones get lost in a noisy hall.
    """
    s = pcm.samples
    if not len(s):
        return pcm
    rms = math.sqrt(sum(map(operator.mul, s, s)) / len(s))
    peak = max(max(s), -min(s))
    if rms == 0:
        return pcm
    gain = min(32767 * 10 ** (rms_db / 20) / rms, 32767 * 10 ** (peak_db / 20) / peak)
    return Pcm(array("h", [int(v * gain) for v in s]), pcm.rate)


def join(parts: list[tuple[Pcm, float]], rate: int = RATE) -> Pcm:
    """Concatenate clips, each followed by its gap in seconds (all at ``rate``)."""
    out = array("h")
    for pcm, gap in parts:
        if pcm.rate != rate:
            raise AudioFormatError(f"clip at {pcm.rate} Hz in a {rate} Hz announcement")
        out.extend(pcm.samples)
        out.extend(array("h", bytes(2 * round(gap * rate))))
    return Pcm(out, rate)


def chime(rate: int = RATE) -> Pcm:
    """A two-note "ding-dong" (E5 then C5, bell-like: partials with exponential decay).

    Synthesised rather than recorded so it is reproducible and free of licences.
    """
    notes = ((659.25, 0.0, 0.42), (523.25, 0.26, 0.46))  # (Hz, start s, length s): 0.72 s
    total = max(start + length for _, start, length in notes)
    buf = [0.0] * round(total * rate)
    for freq, start, length in notes:
        offset = round(start * rate)
        for i in range(round(length * rate)):
            t = i / rate
            attack = min(1.0, t / 0.008, (length - t) / 0.04)  # soft attack and release
            env = attack * math.exp(-t * 6.5)
            v = (
                math.sin(2 * math.pi * freq * t)
                + 0.35 * math.sin(2 * math.pi * 2 * freq * t) * math.exp(-t * 6)
                + 0.12 * math.sin(2 * math.pi * 3 * freq * t) * math.exp(-t * 9)
            )
            buf[offset + i] += 0.42 * env * v
    return Pcm(array("h", (max(-32767, min(32767, round(x * 32767))) for x in buf)), rate)
