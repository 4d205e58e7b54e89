"""Entry point of ``scripts/make_voice_clips``: regenerate the shipped clips."""

from __future__ import annotations

import sys

from motcua.voice.clips import generate


def main(argv: list[str]) -> int:
    out = argv[0] if argv else "src/motcua/assets/voice"
    manifest = generate(out)
    total = sum(c["seconds"] for c in manifest["clips"])
    print(f"{len(manifest['clips'])} clips, {total:.1f} s of audio -> {out} ({manifest['engine']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
