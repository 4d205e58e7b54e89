"""espeak-ng as a speech engine: for generating the shipped clips and as the run-time fallback.

espeak-ng reads digits wrongly in Vietnamese (15 -> "mười năm"), so it is only ever given
words (see :mod:`motcua.voice.numbers`). Output is trimmed of silence and resampled
to the announcement format (16 kHz mono 16-bit).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from motcua.voice.pcm import (
    RATE,
    AudioFormatError,
    Pcm,
    normalize,
    read_wav,
    resample,
    trim,
)

VOICES = {"north": "vi", "south": "vi-vn-x-south"}


class SpeechUnavailable(RuntimeError):
    """No speech engine could say the words (espeak-ng missing or failing)."""


@dataclass(frozen=True)
class Espeak:
    """One fixed espeak-ng voice setting; the same settings give the same clips."""

    voice: str = "vi"
    speed: int = 190  # words per minute; Vietnamese words are one syllable each
    pitch: int = 50
    executable: str = "espeak-ng"
    timeout: float = 10.0

    @classmethod
    def for_dialect(cls, dialect: str, **kw: object) -> Espeak:
        return cls(voice=VOICES.get(dialect, "vi"), **kw)  # type: ignore[arg-type]

    def available(self) -> bool:
        return shutil.which(self.executable) is not None

    def describe(self) -> str:
        return f"{self.executable} -v {self.voice} -s {self.speed} -p {self.pitch}"

    def version(self) -> str:
        """The engine's version line (recorded in the clip manifest)."""
        try:
            out = subprocess.run(
                [self.executable, "--version"], capture_output=True, text=True, timeout=5
            )
        except (OSError, subprocess.SubprocessError):
            return "unavailable"
        return out.stdout.split(" Data at")[0].strip()

    def say(self, words: str, rate: int = RATE) -> Pcm:
        """Speak ``words`` (never digits): trimmed, loudness-normalised PCM at ``rate``."""
        if not self.available():
            raise SpeechUnavailable(f"{self.executable} not found on PATH")
        with tempfile.TemporaryDirectory(prefix="motcua-espeak-") as tmp:
            out = Path(tmp) / "say.wav"
            cmd = [self.executable, "-b", "1", "-v", self.voice, "-s", str(self.speed)]
            cmd += ["-p", str(self.pitch), "-w", str(out), "--", words]
            try:
                subprocess.run(cmd, check=True, capture_output=True, timeout=self.timeout)
                pcm = read_wav(out)
            except (OSError, subprocess.SubprocessError, AudioFormatError) as exc:
                raise SpeechUnavailable(f"{self.executable} failed: {exc}") from exc
        return normalize(trim(resample(pcm, rate)))
