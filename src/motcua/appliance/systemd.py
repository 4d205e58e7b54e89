"""The sd_notify protocol: tell systemd we are ready, alive, or stopping.

The protocol is one datagram of ``KEY=value`` lines to the Unix socket named by
``$NOTIFY_SOCKET`` (``@name`` is the abstract namespace) — see sd_notify(3). It is a
dozen lines, so we speak it ourselves instead of building libsystemd's binding
(``systemd-python`` needs libsystemd-dev and a compiler on every kiosk).

Outside systemd (no ``$NOTIFY_SOCKET``) every call does nothing, so the apps call it
unconditionally.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Mapping

log = logging.getLogger(__name__)


class Notifier:
    """Sends notifications to systemd; pings the watchdog at most every half interval."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        self._address: str | None = None
        if address:
            self._address = "\0" + address[1:] if address.startswith("@") else address
        self.watchdog_seconds: float | None = None
        usec = env.get("WATCHDOG_USEC", "")
        pid = env.get("WATCHDOG_PID", "")
        if usec.isdigit() and int(usec) > 0 and (not pid or pid == str(os.getpid())):
            self.watchdog_seconds = int(usec) / 1_000_000
        self._last_ping = 0.0
        self._failed = False

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def notify(self, **fields: str) -> bool:
        """Send ``KEY=value`` lines (``notify(READY="1", STATUS="...")``); False if not sent."""
        if self._address is None:
            return False
        payload = "\n".join(f"{key}={value}" for key, value in fields.items()).encode()
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.sendto(payload, self._address)
        except OSError as exc:
            if not self._failed:  # one log line, not one per ping
                log.warning("sd_notify failed: %s", exc)
                self._failed = True
            return False
        self._failed = False
        return True

    def ready(self, status: str = "") -> bool:
        fields = {"READY": "1"}
        if status:
            fields["STATUS"] = status
        return self.notify(**fields)

    def stopping(self) -> bool:
        return self.notify(STOPPING="1")

    def status(self, text: str) -> bool:
        return self.notify(STATUS=text)

    def ping(self, now: float | None = None) -> bool:
        """Call often from the loop that must stay alive; sends WATCHDOG=1 when due."""
        if self.watchdog_seconds is None:
            return False
        now = time.monotonic() if now is None else now
        if now - self._last_ping < self.watchdog_seconds / 2:
            return False
        self._last_ping = now
        return self.notify(WATCHDOG="1")
