"""Thin shim: `python main.py ...` is `python -m motcua ...`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from motcua.cli import main

if __name__ == "__main__":
    sys.exit(main())
