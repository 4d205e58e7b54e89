"""PySide6 must not leak references to None/True/False (6.12.0 on Python 3.11 does).

pyproject.toml pins PySide6 below 6.12. The Qt calls run in a subprocess, so a bad
PySide6 shows up as a failed test, not as an aborted test run.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
class Probe(QObject):
    ping = Signal(object)
label, probe = QLabel(), Probe()
before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
for i in range(20000):
    label.setText(str(i))
    probe.ping.emit(i)
after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
print(*[a - b for a, b in zip(after, before)])
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+")
def test_installed_pyside_does_not_leak_none_references() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, f"Qt probe aborted: {proc.stderr[-500:]}"
    deltas = [int(x) for x in proc.stdout.split()]
    assert all(abs(d) < 100 for d in deltas), f"None/True/False refcount drift {deltas}"
