"""Cold start of `motcua kiosk` to its first painted frame, offscreen, in a subprocess.

Prints seconds from spawning the process to the first frame and the RSS then.
Targets: <= 2.5 s and <= 300 MB. The embedded center and LAN server start too
(on 127.0.0.1, a free port). "first boot" uses an empty cache, so the demo
catalog (1,900 procedures) is generated on the way; later starts load it.

    .venv/bin/python bench/kiosk_start.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_once(cache: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            PYTHONPATH=str(ROOT / "src"),
            XDG_CACHE_HOME=cache,
            MOTCUA_SERVER_HOST="127.0.0.1",
            MOTCUA_SERVER_PORT="0",
        )
        cmd = [sys.executable, "-m", "motcua", "kiosk", "--windowed", "--first-frame-exit"]
        cmd += ["--db", str(Path(tmp) / "motcua.db")]
        t0 = time.time()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
        for line in proc.stdout.splitlines():
            if line.startswith("FIRST_FRAME"):
                fields = dict(part.split("=") for part in line.split()[1:])
                return float(fields["wall"]) - t0, float(fields["rss_mb"])
        raise SystemExit(f"no first frame:\n{proc.stdout}\n{proc.stderr}")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as cache:
        first, first_rss = start_once(cache)
        print(f"first boot (catalog generated): {first:.2f} s, RSS {first_rss:.0f} MB")
        times, rss = [], []
        for _ in range(runs):
            t, r = start_once(cache)
            times.append(t)
            rss.append(r)
    print(
        f"cold start to first frame over {runs} runs: median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s (target <= 2.5 s)"
    )
    print(f"RSS at first frame: max {max(rss):.0f} MB (target <= 300 MB)")


if __name__ == "__main__":
    main()
