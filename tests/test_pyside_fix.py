"""pyside_fix: void Qt calls must not be able to free None (PySide6 6.12 on Python 3.11)."""

from __future__ import annotations

import sys

import pytest

from motcua import pyside_fix


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+")
def test_none_true_false_survive_many_void_qt_calls(qapp) -> None:
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QLabel

    pyside_fix.apply()

    class Probe(QObject):
        ping = Signal(object)

    label, probe = QLabel(), Probe()
    floor = 1 << 59
    for i in range(20000):  # far more than the ~5,000 references None starts with
        label.setText(str(i))
        probe.ping.emit(i)
    assert sys.getrefcount(None) > floor
    assert sys.getrefcount(True) > floor and sys.getrefcount(False) > floor
    assert pyside_fix.apply() is False  # idempotent
