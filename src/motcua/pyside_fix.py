"""Work around PySide6 6.12.0 stealing references to None/True/False on Python 3.11.

Seen on this project's machines (PySide6 6.12.0, shiboken6 6.12.0, CPython 3.11.7):
every call of a void Qt method (``label.setText``, ``app.processEvents``), every
Python override returning None (``paintEvent``, ``QRunnable.run``) and every
``Signal.emit`` (its bool result) gives back ``None`` / ``True`` / ``False`` without
taking a reference. On Python 3.12+ those objects are immortal and nothing happens; on
3.11 their reference count falls by one per call until the interpreter aborts with
"Fatal Python error: none_dealloc: deallocating None" -- after a few seconds of a busy
screen or a few minutes of an idle one.

``apply()`` makes the three singletons (and the empty tuple) effectively immortal, as
3.12 does, by raising their reference count by 2**60: at a million stolen references
a second that lasts for tens of thousands of years. They are never freed on any
Python version, so an extra count changes nothing else. Call it before creating the
QApplication (every motcua Qt module imports this and calls it at import time).
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 60
_applied = False


def affected() -> bool:
    """True for the one combination known to leak: PySide6 6.12.x on CPython < 3.12.

    pyproject.toml pins PySide6 below 6.12, so this is only a guard for a machine where
    someone installed 6.12 by hand.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    try:
        from importlib.metadata import version

        return version("shiboken6").startswith("6.12.")
    except Exception:
        return False


def apply() -> bool:
    """Make None/True/False/() immortal on CPython < 3.12; True when it did something."""
    global _applied
    if _applied or not affected():
        return False
    for obj in (None, True, False, ()):
        ref = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is PyObject's first field
        ref.value += _BOOST
    _applied = True
    return True
