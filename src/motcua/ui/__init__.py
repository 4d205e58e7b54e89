"""Qt helpers shared by the apps (kiosk, counter console, hall display).

Belongs here, and only here: what every Qt layer needs and nothing app-specific —
the one task runner (slow work off the UI thread, ``tasks``), the one thread-to-UI
relay (callbacks from device and network threads, ``relay``) and the one theme
(``theme``). The apps' screens stay in their packages; the plain-Python flows they
draw never import this package (docs/developers/ui.md).
"""

from motcua.ui.relay import Relay
from motcua.ui.tasks import TaskRunner

__all__ = ["Relay", "TaskRunner"]
